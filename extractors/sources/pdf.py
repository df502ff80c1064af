"""PDF: page text through pdfplumber (pdfminer layout analysis), page by page.

Pages are joined with a blank line and their character ranges recorded, so
every mention can name its page. Encrypted, malformed and scanned files fail
with a message that says which. Pages are closed as soon as they are read,
which keeps memory flat on long reports.
"""
from __future__ import annotations

import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from extractors.sources import PageSpan, SourceError, SourceText

PAGE_SEPARATOR = "\n\n"
MIN_CHARS_PER_PAGE = 20


def _metadata_date(metadata: dict) -> str | None:
    """"D:20240820120000+02'00'" -> "2024-08-20"."""
    for key in ("CreationDate", "ModDate"):
        raw = metadata.get(key)
        if isinstance(raw, bytes):
            raw = raw.decode("latin-1", "ignore")
        match = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", str(raw or ""))
        if match:
            return "-".join(match.groups())
    return None


def _explain(err: Exception) -> SourceError:
    """A user-facing message for whatever pdfminer/pdfplumber raised."""
    causes = [err, *err.args, err.__cause__]
    if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
        return SourceError("encrypted: password required")
    if any(isinstance(c, (PDFSyntaxError, PSException)) for c in causes):
        return SourceError(f"malformed PDF: {err.args[0] if err.args else err}")
    return SourceError(f"malformed PDF: {type(err).__name__}: {err}")


def read_pdf(data: bytes) -> SourceText:
    if not data.lstrip().startswith(b"%PDF"):
        raise SourceError("not a PDF: the file does not start with a PDF header")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfplumber wraps pdfminer's many error types in its own
        raise _explain(err) from err
    parts: list[str] = []
    pages: list[PageSpan] = []
    position = 0
    with pdf:
        try:
            metadata_date = _metadata_date(pdf.metadata or {})
            for number, page in enumerate(pdf.pages, start=1):
                page_text = page.extract_text() or ""
                page.close()
                if parts:
                    parts.append(PAGE_SEPARATOR)
                    position += len(PAGE_SEPARATOR)
                parts.append(page_text)
                pages.append(PageSpan(number, position, position + len(page_text)))
                position += len(page_text)
        except Exception as err:
            raise _explain(err) from err
    text = "".join(parts)
    if not pages:
        raise SourceError("malformed PDF: no pages")
    if len(text.strip()) < MIN_CHARS_PER_PAGE * len(pages):
        raise SourceError("no text layer (needs OCR)")
    return SourceText(text=text, media_type="application/pdf", pages=tuple(pages), metadata_date=metadata_date)
