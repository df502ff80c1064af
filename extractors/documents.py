"""One source file -> one claims document, and its atomic write to the output folder.

This is the library's whole per-document job; the Prefect flow only calls it.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from spacy.language import Language

from extractors.model import ClaimsDocument, Mention, doc_id_for
from extractors.pipeline import MODEL_NAME, extract, pipeline_version
from extractors.lexicon import rules_hash
from extractors.sources import SourceText, check_size, read_source


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _with_provenance(mentions: tuple[Mention, ...], source: SourceText, data: bytes) -> tuple[Mention, ...]:
    """Page and box of every mention of a PDF, from the boxes of the characters it covers."""
    if not source.pages:
        return mentions
    from extractors.sources.pdf import locate

    located = locate(data, source.runs, [(m.start, m.end) for m in mentions]) if source.runs else [None] * len(mentions)
    starts = [p.start for p in source.pages]
    out = []
    for mention, found in zip(mentions, located):
        if found is None:
            page = source.pages[max(0, bisect_right(starts, mention.start) - 1)].page
            out.append(replace(mention, page=page))
        else:
            out.append(replace(mention, page=found[0], bbox=found[1]))
    return tuple(out)


def process_document(path: Path, *, display_path: str | None = None, nlp: Language | None = None) -> tuple[ClaimsDocument, str]:
    """Read, extract and assemble the claims document of one file; returns it with its stored text.

    Raises ``SourceError`` for a file that cannot be read as a document.
    """
    check_size(path)
    data = path.read_bytes()
    sha256 = sha256_of(data)
    source = read_source(path, data)
    doc_id = doc_id_for(sha256)
    extraction = extract(source.text, metadata_date=source.metadata_date, doc_id=doc_id, nlp=nlp)
    source_info = {"path": display_path or str(path), "sha256": sha256, "media_type": source.media_type,
                   "pages": len(source.pages) or None, "encoding": source.encoding}
    document = ClaimsDocument(
        doc_id=doc_id,
        source=source_info,
        doc_date=extraction.doc_date,
        extracted_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        pipeline={"version": pipeline_version(), "model": MODEL_NAME, "rules": rules_hash()},
        mentions=_with_provenance(extraction.mentions, source, data),
        claims=extraction.claims,
        warnings=source.warnings,
    )
    return document, source.text


def write_atomic(path: Path, content: str) -> None:
    """Write through a temporary file in the same folder and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_document(document: ClaimsDocument, text: str, documents_dir: Path) -> Path:
    """Store the text first, then the JSON that points into it."""
    write_atomic(documents_dir / document.text_path, text)
    json_path = documents_dir / f"{document.doc_id}.json"
    write_atomic(json_path, json.dumps(document.to_dict(), ensure_ascii=False, indent=1))
    return json_path
