"""The extraction flow: discover -> plan -> extract new or changed documents -> record -> summarise.

A thin Prefect recipe over the ``extractors`` library. Every document is its
own task, so one failure never stops the others; the registry (SQLite) is
written only from the flow, one document at a time.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from rich.progress import Progress

from extractors import store
from extractors.documents import process_document, sha256_of, write_atomic, write_document
from extractors.exports import claim_rows
from extractors.model import ClaimsDocument
from extractors.pipeline import pipeline_version
from extractors.sources import SUPPORTED, SourceError

PROGRESS_THRESHOLD = 10


@dataclass
class RunSummary:
    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list]:
        return asdict(self)


@dataclass(frozen=True)
class Outcome:
    path: str
    ok: bool
    error: str | None = None
    sha256: str | None = None
    document: ClaimsDocument | None = None


def relative_name(path: Path, corpus_dir: Path) -> str:
    """How a document is named in the registry and the summary: its path inside the corpus."""
    return path.relative_to(corpus_dir).as_posix()


@task(name="discover")
def discover(corpus_dir: Path) -> tuple[list[Path], list[Path]]:
    """(supported files, unsupported files) under the corpus, hidden files and folders excluded."""
    supported, unsupported = [], []
    for path in sorted(corpus_dir.rglob("*")):
        parts = path.relative_to(corpus_dir).parts
        if not path.is_file() or any(p.startswith(".") for p in parts) or path.name.lower() in ("readme.md",):
            continue
        (supported if path.suffix.lower() in SUPPORTED else unsupported).append(path)
    return supported, unsupported


@task(name="plan")
def plan(files: list[Path], corpus_dir: Path, database: Path, version: str, force: bool) -> tuple[list[Path], list[Path]]:
    """(to extract, unchanged) by comparing content hashes and the pipeline version with the registry."""
    with store.connect(database) as connection:
        known = store.known_versions(connection)
    todo, unchanged = [], []
    for path in files:
        previous = known.get(relative_name(path, corpus_dir))
        if force or previous is None or previous[2] != "ok" or previous[1] != version:
            todo.append(path)
            continue
        try:
            current = sha256_of(path.read_bytes())
        except OSError:
            todo.append(path)  # extraction will report what is wrong with it
            continue
        (unchanged if current == previous[0] else todo).append(path)
    return todo, unchanged


@task(name="extract-document", retries=1, retry_delay_seconds=1, cache_policy=None)
def extract_document(path: Path, corpus_dir: Path, documents_dir: Path) -> Outcome:
    """Extract one document and write its outputs; a bad document becomes a failed Outcome."""
    name = relative_name(path, corpus_dir)
    try:
        document, text = process_document(path, display_path=name)
    except SourceError as err:
        return Outcome(name, False, str(err), _hash_or_none(path))
    except FileNotFoundError:
        return Outcome(name, False, "file disappeared before it could be read")
    except Exception as err:  # a bug on one odd document must not stop the others
        return Outcome(name, False, f"internal error: {type(err).__name__}: {err}", _hash_or_none(path))
    write_document(document, text, documents_dir)
    return Outcome(name, True, sha256=document.source["sha256"], document=document)


def _hash_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path.read_bytes())
    except OSError:
        return None


@task(name="write-claims-table")
def write_claims_table(output_dir: Path, database: Path) -> int:
    """Rebuild ``claims.jsonl`` (one denormalised line per claim) from the current documents."""
    with store.connect(database) as connection:
        rows = connection.execute("SELECT path, doc_id FROM documents WHERE status = 'ok' ORDER BY path").fetchall()
    lines = []
    for row in rows:
        json_path = output_dir / "documents" / f"{row['doc_id']}.json"
        if json_path.exists():
            lines.extend(json.dumps(line, ensure_ascii=False) for line in claim_rows(json_path, row["path"]))
    write_atomic(output_dir / "claims.jsonl", "\n".join(lines) + ("\n" if lines else ""))
    return len(lines)


def summary_markdown(summary: RunSummary, claims: int) -> str:
    lines = ["# Extraction run", "", f"- processed: {len(summary.processed)}", f"- skipped (unchanged): {len(summary.skipped)}",
             f"- failed: {len(summary.failed)}", f"- claims in claims.jsonl: {claims}", ""]
    if summary.failed:
        lines += ["| document | error |", "| --- | --- |"]
        lines += [f"| {f['path']} | {f['error']} |" for f in summary.failed]
    return "\n".join(lines)


@flow(name="extract-corpus", log_prints=False)
def extract_corpus(corpus_dir: Path, output_dir: Path, force: bool = False, show_progress: bool = False) -> dict:
    """Extract every new or changed document of ``corpus_dir`` into ``output_dir``; returns the run summary."""
    corpus_dir, output_dir = Path(corpus_dir).resolve(), Path(output_dir).resolve()
    database = output_dir / "claims.sqlite"
    documents_dir = output_dir / "documents"
    version = pipeline_version()
    files, unsupported = discover(corpus_dir)
    todo, unchanged = plan(files, corpus_dir, database, version, force)
    summary = RunSummary(skipped=[relative_name(p, corpus_dir) for p in unchanged])
    with store.connect(database) as connection:
        for path in unsupported:
            name = relative_name(path, corpus_dir)
            error = f"unsupported file type '{path.suffix or '(none)'}'"
            store.record_failure(connection, name, None, error, version)
            summary.failed.append({"path": name, "error": error})
    with Progress(transient=True, disable=not (show_progress and len(todo) >= PROGRESS_THRESHOLD)) as progress:
        bar = progress.add_task("extracting", total=len(todo))
        for path in todo:
            outcome = extract_document(path, corpus_dir, documents_dir)
            with store.connect(database) as connection:
                if outcome.document is not None:
                    store.record_success(connection, outcome.path, outcome.document)
                    summary.processed.append(outcome.path)
                else:
                    store.record_failure(connection, outcome.path, outcome.sha256, outcome.error or "unknown error", version)
                    summary.failed.append({"path": outcome.path, "error": outcome.error or "unknown error"})
            progress.advance(bar)
    claims = write_claims_table(output_dir, database)
    create_markdown_artifact(summary_markdown(summary, claims), key="extraction-summary",
                             description="Documents processed, skipped and failed")
    return summary.to_dict()
