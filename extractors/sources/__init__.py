"""Readers: source bytes -> text with provenance, or a clear per-document error.

``read_source(path)`` picks the reader by extension. Every reader returns a
``SourceText`` whose ``text`` is what gets stored and what mention offsets
point into; a reader that cannot produce meaningful text raises
``SourceError`` with a message meant for the run summary.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MEDIA_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html",
               ".xhtml": "text/html", ".pdf": "application/pdf"}
SUPPORTED = tuple(MEDIA_TYPES)
MAX_BYTES = {"application/pdf": 256 * 2**20}  # a PDF's text is a small part of its bytes
MAX_TEXT_BYTES = 16 * 2**20  # ~2.5 million words: a report, not a data dump
MAX_TEXT_CHARS = 20_000_000


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
    markers: tuple[tuple[int, int], ...] = ()  # PDF only: footnote markers (superscript digits) in the text
    notes: tuple = ()  # PDF only: ``pdf_notes.Note`` records, each footnote's number and paragraph
    ocr: dict | None = None  # PDF only: the OCR engine, the pages it read and each one's confidence


def media_type_for(path: Path) -> str | None:
    return MEDIA_TYPES.get(path.suffix.lower())


def check_size(path: Path, media_type: str | None = None) -> None:
    """Refuse a file over the size limit before reading it, so memory stays bounded."""
    limit = MAX_BYTES.get(media_type or media_type_for(path) or "", MAX_TEXT_BYTES)
    try:
        size = path.stat().st_size
    except FileNotFoundError as err:
        raise SourceError("file disappeared before it could be read") from err
    if size > limit:
        raise SourceError(f"file too large: {size / 2**20:.0f} MB exceeds the {limit // 2**20} MB limit for this type")


def read_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read one document; ``data`` may carry bytes already read (and hashed) by the caller."""
    with opened(path, data, locating=False) as (source, _):
        return source


Locator = Callable[[tuple, list[tuple[int, int]]], list]


@contextmanager
def opened(path: Path, data: bytes | None = None, *, locating: bool = True) -> Iterator[tuple[SourceText, Locator | None]]:
    """The document read, and for a PDF the way to locate text spans (``runs``, spans) on its pages in the
    same parse, valid inside the ``with`` block (``locating``: keep its pages for that); ``data`` may carry
    bytes already read by the caller."""
    media_type = media_type_for(path)
    if media_type is None:
        raise SourceError(f"unsupported file type '{path.suffix or '(none)'}'")
    if data is None:
        check_size(path, media_type)
        try:
            data = path.read_bytes()
        except FileNotFoundError as err:
            raise SourceError("file disappeared before it could be read") from err
        except OSError as err:
            raise SourceError(f"cannot read file: {err.strerror or err}") from err
    if not data.strip():
        raise SourceError("empty document: the file has no content")
    if media_type == "application/pdf":
        from extractors.sources.pdf import PdfFile, read_pdf
        with PdfFile(data, keep=locating) as pdf:
            yield check_length(read_pdf(pdf)), pdf.locate
        return
    if media_type == "text/html":
        from extractors.sources.html import read_html
        yield read_html(data), None
        return
    from extractors.sources.text import read_text
    yield read_text(data, media_type), None


def check_length(source: SourceText) -> SourceText:
    if len(source.text) > MAX_TEXT_CHARS:
        raise SourceError(f"text too long: {len(source.text):,} characters exceeds the {MAX_TEXT_CHARS:,} limit")
    return source
