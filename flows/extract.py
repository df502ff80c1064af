"""The extraction flow: discover -> plan -> extract new or changed documents -> record -> summarise.

A thin Prefect recipe over the ``extractors`` library. Documents are extracted
in batches (one task each: per-task overhead would dominate per-document
tasks), every document on its own, so one failure never stops the others; the
registry (SQLite) is written only from the flow.
"""
from __future__ import annotations

import json
import math
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.task_runners import ThreadPoolTaskRunner
from rich.progress import Progress

from extractors import store
from extractors.documents import sha256_of, write_atomic
from extractors.exports import claim_rows
from extractors.pipeline import pipeline_version
from extractors.sources import SUPPORTED
from flows.workers import Outcome, extract_paths, relative_name, started_pool, warm_up

PROGRESS_THRESHOLD = 10
MAX_BATCH = 25


@dataclass
class RunSummary:
    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list]:
        return asdict(self)


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


@task(name="extract-batch", retries=1, retry_delay_seconds=1, cache_policy=None)
def extract_batch(paths: list[Path], corpus_dir: Path, documents_dir: Path, pool: Executor | None = None) -> list[Outcome]:
    """Extract a batch of documents, each on its own (a failure is a failed Outcome, never an exception).

    With a local process ``pool`` the work runs there; otherwise in this task's own
    process (the flow's, or a Dask worker's).
    """
    if pool is not None:
        return pool.submit(extract_paths, paths, corpus_dir, documents_dir).result()
    return extract_paths(paths, corpus_dir, documents_dir)


def batches(paths: list[Path], workers: int) -> list[list[Path]]:
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
             f"- failed: {len(summary.failed)}", f"- claims in claims.jsonl: {claims}", ""]
    if summary.failed:
        lines += ["| document | error |", "| --- | --- |"]
        lines += [f"| {f['path']} | {f['error']} |" for f in summary.failed]
    return "\n".join(lines)


@flow(name="extract-corpus", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=8))
def extract_corpus(corpus_dir: Path, output_dir: Path, force: bool = False, show_progress: bool = False,
                   workers: int = 1) -> dict:
    """Extract every new or changed document of ``corpus_dir`` into ``output_dir``; returns the run summary.

    ``workers`` > 1 extracts in that many local processes, each loading the
    pipeline once (the command line starts them early, see
    ``flows.workers.start_local_pool``; a pool it started is used even for one
    worker). Under a Dask task runner (``with_options``), batches run on the
    cluster's workers instead and ``workers`` only sets the batch size.
    """
    corpus_dir, output_dir = Path(corpus_dir).resolve(), Path(output_dir).resolve()
    database = output_dir / "claims.sqlite"
    documents_dir = output_dir / "documents"
    version = pipeline_version()
    on_dask = _on_dask()
    with ExitStack() as stack:
        pool = None if on_dask else started_pool(workers)
        warming = []
        if pool is None and workers > 1 and not on_dask:
            pool = stack.enter_context(ProcessPoolExecutor(workers, mp_context=get_context("spawn")))
            warming = [pool.submit(warm_up) for _ in range(workers)]
        files, unsupported = discover(corpus_dir)
        todo, unchanged = plan(files, corpus_dir, database, version, force)
        summary = RunSummary(skipped=[relative_name(p, corpus_dir) for p in unchanged])
        with store.connect(database) as connection:
            for path in unsupported:
                name = relative_name(path, corpus_dir)
                error = f"unsupported file type '{path.suffix or '(none)'}'"
                store.record_failure(connection, name, None, error, version)
                summary.failed.append({"path": name, "error": error})
        for future in warming:
            future.result()
        with Progress(transient=True, disable=not (show_progress and len(todo) >= PROGRESS_THRESHOLD)) as progress:
            bar = progress.add_task("extracting", total=len(todo))
            futures = [extract_batch.submit(batch, corpus_dir, documents_dir, pool) for batch in batches(todo, workers)]
            for future in futures:
                outcomes = future.result()
                with store.connect(database) as connection:
                    for outcome in outcomes:
                        record(connection, outcome, summary, version)
                progress.advance(bar, len(outcomes))
    claims = write_claims_table(output_dir, database)
    create_markdown_artifact(summary_markdown(summary, claims), key="extraction-summary",
                             description="Documents processed, skipped and failed")
    return summary.to_dict()


def record(connection, outcome: Outcome, summary: RunSummary, version: str) -> None:
    """Register one document's outcome and add it to the summary."""
    if outcome.document is not None:
        store.record_success(connection, outcome.path, outcome.document)
        summary.processed.append(outcome.path)
    else:
        error = outcome.error or "unknown error"
        store.record_failure(connection, outcome.path, outcome.sha256, error, version)
        summary.failed.append({"path": outcome.path, "error": error})


def _on_dask() -> bool:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context is not None and type(context.task_runner).__name__ == "DaskTaskRunner"
