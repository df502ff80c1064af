"""Plain (Prefect-free) extraction of one document, for whichever worker process runs it.

Only paths and plain results cross process boundaries; each process builds the
spaCy pipeline once (``extractors.pipeline.shared_nlp``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from extractors.documents import file_sha256, printable_name, process_document, write_document
from extractors.model import ClaimsDocument
from extractors.pipeline import shared_nlp
from extractors.sources import SourceError, check_size

@dataclass(frozen=True)
class Outcome:
    path: str
    ok: bool
    error: str | None = None
    sha256: str | None = None
    document: ClaimsDocument | None = None
    worker: int | None = None


def relative_name(path: Path, corpus_dir: Path) -> str:
    """How a document is named in the registry and the summary: its path inside the corpus, printable."""
    return printable_name(path.relative_to(corpus_dir).as_posix())


def hash_or_none(path: Path) -> str | None:
    """The file's hash for the registry, unless it is too large to be a document or cannot be read."""
    try:
        check_size(path)
        return file_sha256(path)
    except (OSError, SourceError):
        return None


def extract_one(path: Path, corpus_dir: Path, documents_dir: Path) -> Outcome:
    """Extract one document and write its outputs; a bad document becomes a failed Outcome."""
    name = relative_name(path, corpus_dir)
    try:
        document, text = process_document(path, display_path=name, nlp=shared_nlp())
        write_document(document, text, documents_dir)
    except SourceError as err:
        return Outcome(name, False, str(err), hash_or_none(path), worker=os.getpid())
    except FileNotFoundError:
        return Outcome(name, False, "file disappeared before it could be read", worker=os.getpid())
    except MemoryError:
        return Outcome(name, False, "out of memory", hash_or_none(path), worker=os.getpid())
    except Exception as err:  # a bug on one odd document must not stop the others
        return Outcome(name, False, f"internal error: {type(err).__name__}: {err}", hash_or_none(path), worker=os.getpid())
    return Outcome(name, True, sha256=document.source["sha256"], document=document, worker=os.getpid())
