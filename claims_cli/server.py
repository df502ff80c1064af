"""A temporary local Prefect API server, started before Prefect is imported.

With no ``PREFECT_API_URL``, Prefect starts the same server itself, but only
when the flow is first called, after importing its server code into the
client (~4 s) and then waiting for it (~6 s). Started here, in a subprocess at
the very beginning of ``claims run``, it boots while the client imports spaCy,
Prefect and the rules, and the client never imports the server code.
"""
from __future__ import annotations

import atexit
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from flows.lifeline import end_with_parent


@dataclass
class TemporaryServer:
    process: subprocess.Popen
    api_url: str

    def wait(self, timeout: float = 90.0) -> None:
        """Block until the server answers its health check."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server exited with status {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise TimeoutError(f"the temporary Prefect server did not start within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_temporary_server() -> TemporaryServer:
    """Launch Prefect's API server app (the one its ephemeral mode runs) on a free local port."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("prefect is not installed")
    app_dir = Path(list(spec.submodule_search_locations)[0]).parent
    port = _free_port()
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory", "prefect.server.api.server:create_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        preexec_fn=lambda: end_with_parent(signal.SIGTERM),  # SIGTERM when claims dies; no thread runs yet, so safe
        start_new_session=True)  # a terminal's Ctrl-C is for claims, which still needs the API to record the run
    server = TemporaryServer(process, f"http://127.0.0.1:{port}/api")
    atexit.register(server.stop)
    return server
