"""``claims watch``: a dropped file's claims appear, and Ctrl-C stops it cleanly."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def wait_for(condition, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def documents_in(table: Path) -> set[str]:
    if not table.exists():
        return set()
    return {json.loads(line)["document"] for line in table.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_watch_picks_up_a_dropped_file_and_stops_on_ctrl_c(tmp_path):
    corpus, output = tmp_path / "corpus", tmp_path / "output"
    corpus.mkdir()
    (corpus / "first.txt").write_text("Police in Peru seized 2 tonnes of cocaine in 2023.", encoding="utf-8")
    log = tmp_path / "watch.log"
    process = subprocess.Popen([sys.executable, "-m", "claims_cli", "watch", "--corpus", str(corpus), "--output", str(output),
                                "--debounce", "200"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    try:
        table = output / "claims.jsonl"
        assert wait_for(lambda: "first.txt" in documents_in(table)), "the initial run produced no claims"
        time.sleep(1.0)  # the watcher is set up once the initial run has finished
        (corpus / "dropped.txt").write_text("Customs in Chile found 500 kg of cocaine in March 2024.", encoding="utf-8")
        assert wait_for(lambda: "dropped.txt" in documents_in(table)), "the dropped file's claims never appeared"
        assert wait_for(lambda: "changed: dropped.txt: processed 1" in log.read_text()), log.read_text()
        rows = [json.loads(line) for line in table.read_text(encoding="utf-8").splitlines()]
        dropped = [r for r in rows if r["document"] == "dropped.txt"]
        assert dropped[0]["quantity"]["value"] == 500.0 and dropped[0]["location"]["country_code"] == "CL"
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0, log.read_text()
    assert log.read_text().rstrip().endswith("stopped")
