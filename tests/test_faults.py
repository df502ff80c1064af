"""Runs that meet bad names, links out of the corpus, slow, greedy or crashing documents, edits and deletions:
every document ends with an outcome, the others go on, and the outputs agree with the registry."""
from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from flows.supervisor import Limits, shared_pool
from tests.test_flow import GOOD_TEXT, harness  # noqa: F401  (the Prefect test server fixture)
from tests.texts import figure_dense


def run(corpus: Path, output: Path, **options) -> dict:
    from flows.extract import extract_corpus

    return extract_corpus(corpus, output, **options)


def registry(output: Path, query: str) -> list[tuple]:
    with sqlite3.connect(output / "claims.sqlite") as db:
        return db.execute(query).fetchall()


def agrees(output: Path) -> bool:
    """The files in documents/ are exactly the current versions the registry points at."""
    current = {row[0] for row in registry(output, "SELECT doc_id FROM documents WHERE status = 'ok'")}
    files = {p.stem for p in (output / "documents").iterdir()}
    return {p.suffix for p in (output / "documents").iterdir()} <= {".json", ".txt"} and files == current


def table_documents(output: Path) -> list[str]:
    lines = (output / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted({json.loads(line)["document"] for line in lines})


def test_odd_names_and_links_out_of_the_corpus(harness, tmp_path):  # noqa: F811
    corpus, output = tmp_path / "corpus", tmp_path / "output"
    corpus.mkdir()
    (corpus / os.fsdecode(b"caf\xe9_report.txt")).write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / "two\nlines.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / ("long_" + "n" * 200 + ".txt")).write_text(GOOD_TEXT, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Police seized 99 kg of heroin in Peru.", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "page.xhtml").write_bytes(b"<html><body><main><p>Customs in Chile found 500 kg of cocaine in 2024.</p>"
                                        b"</main></body></html>")
    summary = run(corpus, output)
    assert sorted(summary["processed"]) == sorted(["caf\\xe9_report.txt", "two\\nlines.txt", "long_" + "n" * 200 + ".txt",
                                                   "page.xhtml"])
    assert summary["failed"] == [{"path": "passwd.txt", "error": "symlink leaves the corpus: not read"}]
    names = {row[0] for row in registry(output, "SELECT path FROM documents")}
    assert "caf\\xe9_report.txt" in names and "two\\nlines.txt" in names
    stored = "".join(p.read_text(encoding="utf-8") for p in (output / "documents").glob("*.txt"))
    assert "99 kg" not in stored and "500 kg" in stored
    json.dumps(summary, ensure_ascii=False).encode("utf-8")  # every name can be printed and written


def test_identical_files_edits_and_deletions(harness, tmp_path):  # noqa: F811
    from review.store import ReviewStore

    corpus, output = tmp_path / "corpus", tmp_path / "output"
    corpus.mkdir()
    for name in ("a.txt", "copy_of_a.txt", "gone.txt"):
        (corpus / name).write_text(GOOD_TEXT, encoding="utf-8")
    run(corpus, output)
    claims = registry(output, "SELECT path, COUNT(*) FROM claims GROUP BY path ORDER BY path")
    assert claims == [("a.txt", 2), ("copy_of_a.txt", 2), ("gone.txt", 2)]  # byte-identical files: two documents
    reviews = ReviewStore(output)
    decided = [row[0] for row in registry(output, "SELECT id FROM claims WHERE path = 'a.txt'")]
    for claim_id in decided:
        reviews.decide(claim_id, "accepted", {}, "", "tester")
    gone_ids = [row[0] for row in registry(output, "SELECT id FROM claims WHERE path = 'gone.txt'")]
    reviews.decide(gone_ids[0], "rejected", {}, "", "tester")

    (corpus / "a.txt").write_text(GOOD_TEXT + "\nSeparately, Kyrgyz police seized 12 kg of heroin in 2023.\n",
                                  encoding="utf-8")
    (corpus / "gone.txt").unlink()
    summary = run(corpus, output)
    assert summary["processed"] == ["a.txt"] and summary["removed"] == ["gone.txt"]
    now = {row[0] for row in registry(output, "SELECT id FROM claims WHERE path = 'a.txt'")}
    assert set(decided) < now  # the appended paragraph orphans no decision
    assert {review.claim_id for review in reviews.orphans()} == {gone_ids[0]}  # kept, as an orphan
    assert table_documents(output) == ["a.txt", "copy_of_a.txt"]
    assert registry(output, "SELECT COUNT(*) FROM documents") == [(2,)]
    assert agrees(output)  # the old version's JSON and text are gone


def test_slow_greedy_and_crashing_documents_fail_alone(harness, tmp_path):  # noqa: F811
    corpus, output = tmp_path / "corpus", tmp_path / "output"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / "b_slow.txt").write_text(figure_dense(300_000), encoding="utf-8")
    (corpus / "c_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    summary = run(corpus, output, limits=Limits(seconds=1.0))
    assert summary["processed"] == ["a_good.txt", "c_good.txt"]  # the worker after the kill is a fresh one
    assert summary["failed"] == [{"path": "b_slow.txt", "error": "timed out after 1 s"}]

    summary = run(corpus, output, limits=Limits(seconds=1.0))
    assert summary["failed"] == [{"path": "b_slow.txt", "error": "timed out after 1 s (unchanged since it failed)"}]

    greedy = Limits(memory_mb=150)
    summary = run(corpus, output, force=True, limits=greedy)
    assert summary["failed"] == [{"path": "b_slow.txt", "error": "out of memory: over the 150 MB per-document limit"}]
    assert sorted(summary["processed"]) == ["a_good.txt", "c_good.txt"]


def test_a_killed_worker_is_replaced_and_its_document_retried(harness, tmp_path):  # noqa: F811
    corpus, output = tmp_path / "corpus", tmp_path / "output"
    corpus.mkdir()
    (corpus / "slow.txt").write_text(figure_dense(150_000), encoding="utf-8")
    (corpus / "z_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    limits = Limits(seconds=120.0, memory_mb=6000)
    worker = shared_pool(1, limits)._all[0]
    worker.start()
    killed: list[int] = []

    def kill_once() -> None:  # what the out-of-memory killer does to a worker mid-document
        deadline = time.monotonic() + 60
        while not (output / "claims.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
        if worker.pid:
            killed.append(worker.pid)
            os.kill(worker.pid, 9)

    killer = threading.Thread(target=kill_once)
    killer.start()
    summary = run(corpus, output, limits=limits)
    killer.join()
    assert killed and worker.pid not in killed
    assert summary["processed"] == ["slow.txt", "z_good.txt"] and summary["failed"] == []


def test_leftovers_of_a_killed_run_are_cleaned_and_a_second_run_refused(harness, tmp_path):  # noqa: F811
    from flows.locking import LOCK_NAME, RunInProgress

    corpus, output = tmp_path / "corpus", tmp_path / "output"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (output / "documents").mkdir(parents=True)
    (output / ".claims.jsonl.x1y2.tmp").write_text("half a table")
    (output / "documents" / ".0123456789abcdef.json.z9.tmp").write_text("{")
    (output / "documents" / "0123456789abcdef.json").write_text("{}")  # written, never registered
    previous = os.umask(0o022)
    try:
        run(corpus, output)
    finally:
        os.umask(previous)
    assert not list(output.rglob("*.tmp")) and agrees(output)
    assert all(path.stat().st_mode & 0o777 == 0o644 for path in (output / "documents").iterdir())
    assert (output / "claims.jsonl").stat().st_mode & 0o777 == 0o644

    holder = os.open(output / LOCK_NAME, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(RunInProgress, match="another 'claims run'"):
            run(corpus, output)
    finally:
        os.close(holder)


def _start_run(corpus: Path, output: Path, log: Path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    return subprocess.Popen([sys.executable, "-m", "claims_cli", "run", "--corpus", str(corpus), "--output", str(output),
                             "--workers", "1", "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=log.open("w"), text=True,
                            start_new_session=True)  # its own process group, as a terminal gives it


def _slow_corpus(root: Path, count: int) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for index in range(count):
        (corpus / f"bulletin_{index}.txt").write_text(f"Bulletin {index}.\n\n" + figure_dense(60_000), encoding="utf-8")
    return corpus


def _descendants_once_working(process, output: Path) -> list:
    """The run's processes, once it has recorded its first document."""
    import psutil

    def recorded() -> bool:
        try:
            return bool(registry(output, "SELECT 1 FROM documents WHERE status = 'ok'"))
        except sqlite3.Error:  # not created yet
            return False

    deadline = time.monotonic() + 120
    while not recorded():
        assert process.poll() is None and time.monotonic() < deadline, "the run never recorded a document"
        time.sleep(0.1)
    return psutil.Process(process.pid).children(recursive=True)


def _all_gone(processes: list, seconds: float = 15.0) -> bool:
    import psutil

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("signal_number", [2, 15], ids=["ctrl-c", "sigterm"])
def test_a_stopped_run_ends_within_seconds_with_a_summary(tmp_path, signal_number):
    corpus, output = _slow_corpus(tmp_path, 8), tmp_path / "output"
    process = _start_run(corpus, output, tmp_path / "run.log")
    children = _descendants_once_working(process, output)
    if signal_number == 2:
        os.killpg(process.pid, signal_number)  # a terminal's Ctrl-C reaches every process of the group
    else:
        process.send_signal(signal_number)  # a service manager's stop
    stopped = time.monotonic()
    out, _ = process.communicate(timeout=60)
    assert time.monotonic() - stopped < 10, (tmp_path / "run.log").read_text()
    summary = json.loads(out)
    assert process.returncode == 130 and summary["interrupted"] and summary["processed"]
    assert len(summary["processed"]) + len(summary["interrupted"]) == 8
    assert _all_gone(children), "workers or the Prefect server outlived the run"
    assert not list(output.rglob("*.tmp")) and agrees(output)


def test_kill_9_mid_run_leaves_no_process_and_the_next_run_completes(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    corpus, output = _slow_corpus(tmp_path, 6), tmp_path / "output"
    process = _start_run(corpus, output, tmp_path / "run.log")
    children = _descendants_once_working(process, output)
    process.kill()
    process.wait()
    assert _all_gone(children), "workers or the Prefect server outlived a kill -9"
    again = subprocess.run([sys.executable, "-m", "claims_cli", "run", "--corpus", str(corpus), "--output", str(output),
                            "--workers", "1", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    summary = json.loads(again.stdout)
    assert again.returncode == 0, again.stderr
    assert sorted(summary["processed"] + summary["skipped"]) == sorted(p.name for p in corpus.iterdir())
    assert summary["processed"]  # what the killed run had not finished
    assert not list(output.rglob("*.tmp")) and agrees(output)
    assert table_documents(output) == sorted(p.name for p in corpus.iterdir())
