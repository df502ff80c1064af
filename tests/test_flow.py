"""End-to-end: the real Prefect flow over a temporary corpus, under prefect_test_harness."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.pdfs import make_pdf

GOOD_TEXT = ("Kazakhstan seized 41.1 tons of illicit substances in 2023, according to the Interior Ministry. "
             "Police dismantled three drug laboratories in Almaty in the first half of 2024.\n")
GOOD_HTML = (b"<html><head><meta charset='utf-8'></head><body><nav>Menu</nav><main><h1>Port seizure</h1>"
             b"<p>Customs in Antwerp seized about 116 tonnes of cocaine in 2023.</p></main><footer>c</footer></body></html>")


@pytest.fixture(scope="module")
def harness():
    from claims_cli.main import quiet_prefect

    quiet_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def build_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "kazakhstan.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / "port.html").write_bytes(GOOD_HTML)
    make_pdf(corpus / "report.pdf", [["Belarus: almost 706 kilograms of 4-CMC were seized in July 2024."]])
    make_pdf(corpus / "secret.pdf", [["Confidential: 5 kg"]], password="pw")
    (corpus / "junk.pdf").write_bytes(b"\x00\xff" * 500)
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    return corpus


def run_flow(corpus: Path, output: Path, force: bool = False) -> dict:
    from flows.extract import extract_corpus

    return extract_corpus(corpus, output, force=force)


def test_flow_end_to_end(harness, tmp_path):
    corpus = build_corpus(tmp_path)
    output = tmp_path / "output"
    summary = run_flow(corpus, output)

    assert sorted(summary["processed"]) == ["kazakhstan.txt", "port.html", "report.pdf"]
    failures = {f["path"]: f["error"] for f in summary["failed"]}
    assert failures["secret.pdf"] == "encrypted: password required"
    assert failures["junk.pdf"].startswith("not a PDF")
    assert failures["empty.md"].startswith("empty document")
    assert failures["notes.docx"] == "unsupported file type '.docx'"

    documents = sorted((output / "documents").glob("*.json"))
    assert len(documents) == 3
    for path in documents:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / data["text_path"]).open(encoding="utf-8", newline="").read()
        assert data["schema_version"] == 1 and data["source"]["sha256"]
        for mention in data["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
        ids = {m["id"] for m in data["mentions"]}
        for claim in data["claims"]:
            assert claim["quantity"] in ids
        if data["source"]["path"] == "kazakhstan.txt":
            assert text == GOOD_TEXT  # plain text is stored unchanged
            assert {m["text"] for m in data["mentions"] if m["type"] == "QUANTITY"} == {"41.1 tons", "three"}
        if data["source"]["media_type"] == "application/pdf":
            assert all(m["page"] == 1 for m in data["mentions"])

    rows = [json.loads(line) for line in (output / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["document"] for r in rows} == {"kazakhstan.txt", "port.html", "report.pdf"}
    assert any(r["quantity"]["unit"] == "kg" and r["quantity"]["value"] == 41100.0 for r in rows)

    with sqlite3.connect(output / "claims.sqlite") as db:
        statuses = dict(db.execute("SELECT path, status FROM documents"))
        errors = dict(db.execute("SELECT path, error FROM documents WHERE status = 'failed'"))
    assert statuses["kazakhstan.txt"] == "ok" and statuses["secret.pdf"] == "failed"
    assert errors["secret.pdf"] == "encrypted: password required"

    again = run_flow(corpus, output)
    assert again["processed"] == []
    assert sorted(again["skipped"]) == ["kazakhstan.txt", "port.html", "report.pdf"]

    (corpus / "new.txt").write_text("Jordan seized six million captagon pills on 26 December 2022.", encoding="utf-8")
    (corpus / "kazakhstan.txt").write_text(GOOD_TEXT + "A further 2 tonnes of hashish were seized.\n", encoding="utf-8")
    third = run_flow(corpus, output)
    assert sorted(third["processed"]) == ["kazakhstan.txt", "new.txt"]

    forced = run_flow(corpus, output, force=True)
    assert len(forced["processed"]) == 4


def test_flow_cli_exit_codes_and_json(harness, tmp_path):
    from claims_cli.main import cli

    runner = CliRunner()
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["run", "--corpus", str(good), "--output", str(tmp_path / "out1"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"processed": ["a.txt"], "skipped": [], "failed": [], "removed": [],
                                         "interrupted": []}

    (good / "bad.pdf").write_bytes(b"not a pdf at all")
    result = runner.invoke(cli, ["run", "--corpus", str(good), "--output", str(tmp_path / "out1"), "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.output)
    assert summary["skipped"] == ["a.txt"] and summary["failed"][0]["path"] == "bad.pdf"

    result = runner.invoke(cli, ["run", "--corpus", str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_flow_over_shared_corpus_scores(harness, shared_dir, tmp_path):
    """The pipeline over the seeds and dev reports: exact spans, and score.py reads the output."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    for part in ("seeds", "dev"):
        shutil.copytree(shared_dir / "corpus" / part, corpus / part)
    output = tmp_path / "output"
    summary = run_flow(corpus, output)
    assert summary["failed"] == [] and len(summary["processed"]) == 13
    result = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "gold"),
                             str(output / "documents"), "--json", str(tmp_path / "score.json")],
                            capture_output=True, text=True, check=True)
    scores = json.loads((tmp_path / "score.json").read_text())
    assert scores["span_errors"] == 0 and scores["missing_docs"] == []
    assert scores["macro_f1"] > 0.5, result.stdout
