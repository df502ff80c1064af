"""Readers: source bytes -> text with provenance, or a clear per-document error.

``read_source(path)`` picks the reader by extension. Every reader returns a
``SourceText`` whose ``text`` is what gets stored and what mention offsets
point into; a reader that cannot produce meaningful text raises
``SourceError`` with a message meant for the run summary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MEDIA_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html",
               ".pdf": "application/pdf"}
SUPPORTED = tuple(MEDIA_TYPES)
MAX_BYTES = 64 * 1024 * 1024


class SourceError(Exception):
    """A document that cannot be read; the message says why, for the user."""


@dataclass(frozen=True)
class PageSpan:
    """Where one PDF page's text sits in the stored text."""

    page: int
    start: int
    end: int


@dataclass(frozen=True)
class SourceText:
    text: str
    media_type: str
    encoding: str | None = None
    pages: tuple[PageSpan, ...] = ()
    metadata_date: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    runs: tuple = ()  # PDF only: ``pdf.TextRun`` records mapping stored text back to PDF characters


def media_type_for(path: Path) -> str | None:
    return MEDIA_TYPES.get(path.suffix.lower())


def read_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read one document; ``data`` may carry bytes already read (and hashed) by the caller."""
    media_type = media_type_for(path)
    if media_type is None:
        raise SourceError(f"unsupported file type '{path.suffix or '(none)'}'")
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError as err:
            raise SourceError("file disappeared before it could be read") from err
        except OSError as err:
            raise SourceError(f"cannot read file: {err.strerror or err}") from err
    if not data.strip():
        raise SourceError("empty document: the file has no content")
    if len(data) > MAX_BYTES:
        raise SourceError(f"file too large: {len(data) / 1e6:.0f} MB exceeds the {MAX_BYTES // 2**20} MB limit")
    if media_type == "application/pdf":
        from extractors.sources.pdf import read_pdf
        return read_pdf(data)
    if media_type == "text/html":
        from extractors.sources.html import read_html
        return read_html(data)
    from extractors.sources.text import read_text
    return read_text(data, media_type)
