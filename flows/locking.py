"""One run at a time per output folder: a second ``claims run`` on it refuses, saying who holds it."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".claims-run.lock"


class RunInProgress(RuntimeError):
    """Another run holds the output folder."""


@contextmanager
def run_lock(output_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for the block. The kernel releases it when the holder dies,
    however it dies, so a killed run never leaves the folder locked."""
    output_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(output_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "another process"
            raise RunInProgress(f"another 'claims run' (pid {holder}) is writing to {output_dir}; "
                                f"wait for it to finish") from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(handle)
