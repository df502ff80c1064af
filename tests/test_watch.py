"""``claims watch``: a dropped file's claims appear, and Ctrl-C stops it cleanly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from claims_cli.watcher import CorpusWatcher
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
        # dropped while the initial run is still finishing: the watcher already runs and must not miss it
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


def test_changes_made_while_a_run_is_in_progress_are_not_lost(tmp_path):
    with CorpusWatcher(tmp_path, debounce_ms=50) as watcher:
        seen: set[str] = set()
        for attempt in range(40):  # the watcher thread needs a moment to start: write until it reports something
            (tmp_path / "ready.txt").write_text(f"attempt {attempt}", encoding="utf-8")
            seen = watcher.next_change(timeout=0.5)
            if seen:
                break
        assert seen == {"ready.txt"}
        (tmp_path / "b.txt").write_text("second", encoding="utf-8")
        time.sleep(0.5)  # longer than the debounce: two separate batches, while nobody waits (a run in progress)
        (tmp_path / "c.txt").write_text("third", encoding="utf-8")
        time.sleep(0.5)
        changed: set[str] = set()
        deadline = time.monotonic() + 30
        while not {"b.txt", "c.txt"} <= changed and time.monotonic() < deadline:
            changed |= watcher.next_change(timeout=1)
        assert changed - {"ready.txt"} == {"b.txt", "c.txt"}  # a late echo of the readiness probe is harmless
        assert watcher.next_change(timeout=0.6) == set()


def _ready(watcher: CorpusWatcher, folder: Path) -> None:
    for attempt in range(40):  # the watcher thread needs a moment to start
        (folder / ".probe").write_text(str(attempt), encoding="utf-8")
        if watcher.next_change(timeout=0.5):
            return
    raise AssertionError("the watcher never started")


def test_a_file_written_in_pieces_and_files_close_together_are_one_change(tmp_path):
    with CorpusWatcher(tmp_path, debounce_ms=1000) as watcher:
        _ready(watcher, tmp_path)
        watcher.next_change(timeout=1.5)  # drain echoes of the probe
        with (tmp_path / "big.txt").open("w", encoding="utf-8") as stream:
            for piece in range(5):  # a slow copy: a piece every 300 ms, each one an event
                stream.write(f"Police seized {piece} kg of heroin. " * 200)
                stream.flush()
                time.sleep(0.3)
        (tmp_path / "second.txt").write_text("Customs found 5 kg of cocaine.", encoding="utf-8")
        started = time.monotonic()
        assert watcher.next_change(timeout=10) == {"big.txt", "second.txt"}
        assert time.monotonic() - started >= 0.9  # handed out only after a second of quiet
        assert watcher.next_change(timeout=1.5) == set()


def test_a_name_that_is_not_utf8_does_not_stop_the_watcher(tmp_path):
    from claims_cli.watcher import UNNAMED

    with CorpusWatcher(tmp_path, debounce_ms=100) as watcher:
        _ready(watcher, tmp_path)
        (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("Police seized 5 kg.", encoding="utf-8")
        seen = watcher.next_change(timeout=5)
        assert seen and seen <= {UNNAMED, "caf\\xe9.txt", ".probe"}
        for attempt in range(20):  # the watch restarts: later files are still seen
            (tmp_path / "later.txt").write_text(str(attempt), encoding="utf-8")
            if "later.txt" in watcher.next_change(timeout=0.5):
                break
        else:
            raise AssertionError("the watcher died with the odd name")
