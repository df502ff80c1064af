"""Plain (Prefect-free) extraction of a batch of documents, for whichever process runs it.

Batches run in the flow's own process, in a local process pool (``--workers``)
or on a Dask worker; each process builds the spaCy pipeline once
(``extractors.pipeline.shared_nlp``) and only paths and plain results cross
process boundaries.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from extractors.documents import process_document, sha256_of, write_document
from extractors.model import ClaimsDocument
from extractors.pipeline import shared_nlp
from extractors.sources import SourceError


@dataclass(frozen=True)
class Outcome:
    path: str
    ok: bool
    error: str | None = None
    sha256: str | None = None
    document: ClaimsDocument | None = None
    worker: int | None = None


def relative_name(path: Path, corpus_dir: Path) -> str:
    """How a document is named in the registry and the summary: its path inside the corpus."""
    return path.relative_to(corpus_dir).as_posix()


_started_pool: tuple[int, ProcessPoolExecutor] | None = None


def start_local_pool(workers: int) -> ProcessPoolExecutor:
    """Build the pipeline here, then fork the workers, which inherit it ready to use.

    Called by the command line before Prefect is imported, while its server
    boots: with no threads running yet, forking is safe, and the workers cost
    nothing to warm up. The flow picks the pool up through ``started_pool``.
    """
    global _started_pool
    shared_nlp()
    pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"))
    for future in [pool.submit(warm_up) for _ in range(workers)]:
        future.result()
    _started_pool = (workers, pool)
    return pool


def started_pool(workers: int) -> ProcessPoolExecutor | None:
    """The pool ``start_local_pool`` made for this many workers, if any."""
    return _started_pool[1] if _started_pool and _started_pool[0] == workers else None


def warm_up() -> int:
    """Build this process's pipeline before documents arrive; returns the process id."""
    shared_nlp()
    return os.getpid()


def _hash_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path.read_bytes())
    except OSError:
        return None


def extract_one(path: Path, corpus_dir: Path, documents_dir: Path) -> Outcome:
    """Extract one document and write its outputs; a bad document becomes a failed Outcome."""
    name = relative_name(path, corpus_dir)
    try:
        document, text = process_document(path, display_path=name, nlp=shared_nlp())
    except SourceError as err:
        return Outcome(name, False, str(err), _hash_or_none(path), worker=os.getpid())
    except FileNotFoundError:
        return Outcome(name, False, "file disappeared before it could be read", worker=os.getpid())
    except Exception as err:  # a bug on one odd document must not stop the others
        return Outcome(name, False, f"internal error: {type(err).__name__}: {err}", _hash_or_none(path), worker=os.getpid())
    write_document(document, text, documents_dir)
    return Outcome(name, True, sha256=document.source["sha256"], document=document, worker=os.getpid())


def extract_paths(paths: list[Path], corpus_dir: Path, documents_dir: Path) -> list[Outcome]:
    return [extract_one(path, corpus_dir, documents_dir) for path in paths]
