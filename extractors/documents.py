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

from extractors.footnotes import cite_footnotes
from extractors.language import detect_language
from extractors.model import Claim, ClaimsDocument, Mention, doc_id_for
from extractors.pipeline import MODEL_NAME, extract, pipeline_version
from extractors.lexicon import rules_hash
from extractors.sources import Locator, SourceText, check_size, opened
from extractors.sources.pdf_ocr import LOW_CONFIDENCE


UNPRINTABLE = {code: f"\\x{code:02x}" for code in (*range(32), 127)} | {ord("\n"): "\\n", ord("\t"): "\\t", ord("\r"): "\\r"}


def printable_name(name: str) -> str:
    """A file name as the summary, the registry and JSON show it: bytes that are not UTF-8 as ``\\xe9``,
    control characters (a newline) as ``\\n``. Every name can then be stored and printed, and still
    says which file it is."""
    return os.fsencode(name).decode("utf-8", "backslashreplace").translate(UNPRINTABLE)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """The hash of a file read in pieces: memory stays flat whatever its size."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for piece in iter(lambda: stream.read(1 << 20), b""):
            digest.update(piece)
    return digest.hexdigest()


def _with_provenance(mentions: tuple[Mention, ...], source: SourceText, locate: Locator | None) -> tuple[Mention, ...]:
    """Page and box of every mention of a PDF, from the boxes of the characters it covers."""
    if not source.pages:
        return mentions
    located = locate(source.runs, [(m.start, m.end) for m in mentions]) if source.runs and locate else [None] * len(mentions)
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
    name = display_path or printable_name(str(path))
    with opened(path, data) as (source, locate):  # a PDF stays open: its mentions are located in the same parse
        extraction = extract(source.text, metadata_date=source.metadata_date, document=name, nlp=nlp, markers=source.markers)
        mentions = _with_provenance(extraction.mentions, source, locate)
    language = detect_language(source.text)
    doc_id = doc_id_for(name, sha256)
    source_info = {"path": name, "sha256": sha256, "media_type": source.media_type,
                   "pages": len(source.pages) or None, "encoding": source.encoding}
    if source.ocr:
        source_info["ocr"] = source.ocr
    document = ClaimsDocument(
        doc_id=doc_id,
        source=source_info,
        doc_date=extraction.doc_date,
        extracted_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        pipeline={"version": pipeline_version(), "model": MODEL_NAME, "rules": rules_hash()},
        mentions=mentions,
        claims=_doubted(cite_footnotes(extraction.claims, source.text, source.markers, source.notes), mentions, source.ocr),
        language=language.code,
        warnings=source.warnings + ((language.warning,) if language.warning else ()),
    )
    return document, source.text


def _doubted(claims: tuple[Claim, ...], mentions: tuple[Mention, ...], ocr: dict | None) -> tuple[Claim, ...]:
    """Claims whose figure OCR read on a doubtful page (confidence under LOW_CONFIDENCE) lose confidence in
    proportion: the analyst checks them first."""
    doubtful = {page: score for page, score in (ocr or {}).get("confidence", {}).items() if score < LOW_CONFIDENCE}
    if not doubtful:
        return claims
    pages = {m.id: m.page for m in mentions}
    return tuple(replace(c, confidence=round(c.confidence * doubtful[pages[c.quantity]] / 100, 2))
                 if pages.get(c.quantity) in doubtful else c for c in claims)


TEMPORARY_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write through a temporary file in the same folder and rename: readers never see half a file.
    The file gets the permissions of any file the user creates (``mkstemp`` alone makes it 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        os.fchmod(handle, 0o666 & ~_umask())
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
    write_atomic(json_path, json.dumps(document.to_dict(), ensure_ascii=False))  # no indent: the C encoder, 10× faster
    return json_path


def remove_document(doc_id: str, documents_dir: Path) -> None:
    """Delete one version's outputs (the JSON first, so no JSON ever points at a missing text)."""
    for suffix in (".json", ".txt"):
        (documents_dir / f"{doc_id}{suffix}").unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files a killed run left behind (``write_atomic`` never leaves one when it finishes)."""
    stale = [p for p in folder.glob(f".*{TEMPORARY_SUFFIX}") if p.is_file()] if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
