"""The extraction flow: discover -> plan -> extract new or changed documents -> record -> summarise.

A thin Prefect recipe over the ``extractors`` library. Documents are extracted
in batches (one task each: per-task overhead would dominate per-document
tasks), every document on its own in a supervised worker process
(``flows.supervisor``), so one slow, huge or crashing document never stops the
others; the registry (SQLite) is written only from the flow, under the output
folder's run lock.
"""
from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import wait
from prefect.task_runners import ThreadPoolTaskRunner
from rich.progress import Progress

from extractors import store
from extractors.documents import remove_document, remove_stale_temporaries, write_atomic
from extractors.exports import claim_rows
from extractors.pipeline import pipeline_version
from flows.corpus import Found, discover
from flows.locking import run_lock
from flows.supervisor import STOP, Limits, WorkerPool, shared_pool, stop_on_signals
from flows.workers import Outcome, hash_or_none

PROGRESS_THRESHOLD = 10
MAX_BATCH = 25


@dataclass
class RunSummary:
    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    interrupted: list[str] = field(default_factory=list)  # not extracted because the run was stopped

    def to_dict(self) -> dict[str, list]:
        return asdict(self)


@task(name="plan")
def plan(found: Found, database: Path, documents_dir: Path, version: str, force: bool) -> tuple[list, list, dict]:
    """(to extract, unchanged, unchanged and failed before with their error), by comparing content
    hashes and the pipeline version with the registry; sizes are checked before anything is hashed."""
    with store.connect(database) as connection:
        known = store.known_versions(connection)
    todo, unchanged, still_failing = [], [], {}
    for path, name in found.documents:
        previous = known.get(name)
        stale = previous is None or previous.pipeline_version != version or previous.sha256 is None or (
            previous.status == "ok" and not (documents_dir / f"{previous.doc_id}.json").exists())
        if force or stale or hash_or_none(path) != previous.sha256:
            todo.append((path, name))
        elif previous.status == "ok":
            unchanged.append(name)
        else:
            still_failing[name] = previous.error or "unknown error"
    return todo, unchanged, still_failing


@task(name="extract-batch", cache_policy=None)
def extract_batch(batch: list[tuple[Path, str]], corpus_dir: Path, documents_dir: Path, limits: Limits,
                  pool: WorkerPool | None = None) -> list[Outcome]:
    """Extract a batch of documents, each on its own (a failure is a failed Outcome, never an exception).

    ``pool`` is the flow's local worker pool; on a Dask worker (no pool passed) the
    batch runs in that process's own supervised pool, under the same limits.
    """
    pool = pool or shared_pool(_dask_threads(), limits)
    return pool.extract([p for p, _ in batch], corpus_dir, documents_dir, [n for _, n in batch])


def batches(paths: list, workers: int) -> list[list]:
    """Batches small enough to spread over the workers, large enough that task overhead stays small."""
    size = max(1, min(MAX_BATCH, math.ceil(len(paths) / (4 * max(1, workers)))))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


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
             f"- failed: {len(summary.failed)}", f"- removed (file gone): {len(summary.removed)}",
             f"- not reached (run stopped): {len(summary.interrupted)}", f"- claims in claims.jsonl: {claims}", ""]
    if summary.failed:
        lines += ["| document | error |", "| --- | --- |"]
        lines += [f"| {f['path']} | {f['error']} |" for f in summary.failed]
    return "\n".join(lines)


@flow(name="extract-corpus", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=8))
def extract_corpus(corpus_dir: Path, output_dir: Path, force: bool = False, show_progress: bool = False,
                   workers: int = 1, limits: Limits = Limits()) -> dict:
    """Extract every new or changed document of ``corpus_dir`` into ``output_dir``; returns the run summary.

    ``workers`` supervised local processes extract at once, each document under
    ``limits``. Under a Dask task runner (``with_options``), batches run on the
    cluster's workers instead, each in a supervised process there, and
    ``workers`` only sets the batch size. Setting ``flows.supervisor.STOP``
    (Ctrl-C, SIGTERM) ends the run within a second or so, with what was done
    recorded and the rest listed as not reached.
    """
    corpus_dir, output_dir = Path(corpus_dir).resolve(), Path(output_dir).resolve()
    database = output_dir / "claims.sqlite"
    documents_dir = output_dir / "documents"
    version = pipeline_version()
    pool = None if _on_dask() else shared_pool(workers, limits)
    with run_lock(output_dir), stop_on_signals():
        for folder in (output_dir, documents_dir):
            remove_stale_temporaries(folder)
        found = discover(corpus_dir)
        todo, unchanged, still_failing = plan(found, database, documents_dir, version, force)
        summary = RunSummary(skipped=unchanged)
        summary.failed += [{"path": name, "error": f"{error} (unchanged since it failed)"} for name, error in still_failing.items()]
        with store.connect(database) as connection:
            for name, error in found.refused:
                outdated = store.record_failure(connection, name, None, error, version)
                _remove_outputs(outdated, documents_dir)
                summary.failed.append({"path": name, "error": error})
            present = {name for _, name in found.documents} | {name for name, _ in found.refused}
            for name in sorted(set(store.known_versions(connection)) - present):
                _remove_outputs(store.forget(connection, name), documents_dir)
                summary.removed.append(name)
        with Progress(transient=True, disable=not (show_progress and len(todo) >= PROGRESS_THRESHOLD)) as progress:
            bar = progress.add_task("extracting", total=len(todo))
            futures = [extract_batch.submit(batch, corpus_dir, documents_dir, limits, pool)
                       for batch in batches(todo, workers)]
            done: set[str] = set()
            for future in futures:
                if not _finished(future, abandon_on_stop=pool is None):
                    continue
                outcomes = future.result()
                with store.connect(database) as connection:
                    for outcome in outcomes:
                        record(connection, outcome, summary, version, documents_dir)
                        done.add(outcome.path)
                progress.advance(bar, len(outcomes))
            summary.interrupted = [name for _, name in todo if name not in done]
        _sweep(database, documents_dir)
        claims = write_claims_table(output_dir, database)
    create_markdown_artifact(summary_markdown(summary, claims), key="extraction-summary",
                             description="Documents processed, skipped and failed")
    return summary.to_dict()


def record(connection, outcome: Outcome, summary: RunSummary, version: str, documents_dir: Path) -> None:
    """Register one document's outcome, add it to the summary, and delete the outputs of the version it
    replaced. A document the registry cannot take is a failed document, never the end of the run."""
    if outcome.document is not None:
        connection.execute("SAVEPOINT document")
        try:
            outdated = store.record_success(connection, outcome.path, outcome.document)
            connection.execute("RELEASE document")
            summary.processed.append(outcome.path)
            _remove_outputs(outdated, documents_dir)
            return
        except (sqlite3.Error, ValueError) as err:  # text the database cannot encode, say
            connection.execute("ROLLBACK TO document")
            connection.execute("RELEASE document")
            outcome = Outcome(outcome.path, False, f"internal error: the registry refused it: {err}", outcome.sha256)
    error = outcome.error or "unknown error"
    outdated = store.record_failure(connection, outcome.path, outcome.sha256, error, version)
    summary.failed.append({"path": outcome.path, "error": error})
    _remove_outputs(outdated, documents_dir)


def _remove_outputs(doc_id: str | None, documents_dir: Path) -> None:
    if doc_id:
        remove_document(doc_id, documents_dir)


def _sweep(database: Path, documents_dir: Path) -> None:
    """Files in ``documents/`` the registry does not point at (written by a run killed before it
    recorded them, by a worker killed mid-write, or by an older version): removed, so the registry
    and the folder agree."""
    remove_stale_temporaries(documents_dir)
    with store.connect(database) as connection:
        current = store.output_ids(connection)
    if documents_dir.is_dir():
        for path in documents_dir.iterdir():
            if path.suffix in (".json", ".txt") and path.stem not in current:
                path.unlink(missing_ok=True)


def _finished(future, abandon_on_stop: bool) -> bool:
    """Wait for a batch. A local batch ends by itself soon after a stop (its workers are killed); a
    batch on a Dask cluster cannot be reached from here, so after a stop it is left to finish alone."""
    while not wait([future], timeout=0.5).done:
        if STOP.is_set() and abandon_on_stop:
            return False
    return True


def _dask_threads() -> int:
    from distributed import get_worker

    return get_worker().state.nthreads


def _on_dask() -> bool:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context is not None and type(context.task_runner).__name__ == "DaskTaskRunner"

