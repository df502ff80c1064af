"""PDF: text in reading order with provenance to page and box, through pdfium.

pdfium (pypdfium2, which pdfplumber ships with) gives each page's text runs
and their boxes at ~300 pages/s; pdfplumber's own ``extract_text`` reads 3
pages/s here and interleaves columns, so it is not used for text. The layout
rules in ``pdf_layout`` order the runs. Each stretch of stored text remembers
the PDF characters it came from, and ``PdfFile.locate`` turns a text span into a page
and a box [x0, top, x1, bottom] (points, from the page's top-left) from those
characters' own boxes. Encrypted, malformed and scanned files fail with a
message that says which.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from extractors.sources import PageSpan, SourceError, SourceText
from extractors.sources.pdf_layout import (Fragment, assemble, is_margin_noise, merge_runs, reading_order, running_lines,
                                           vocabulary)
from extractors.sources.pdf_notes import Note, footnote_area, notes_in, opens_note
from extractors.sources.pdf_ocr import ENGINE as OCR_ENGINE
from extractors.sources.pdf_ocr import LOW_CONFIDENCE, OcrPage, ocr_page, unusable
from extractors.sources.pdf_ocr import available as ocr_available
from extractors.sources.pdf_tables import align_tables

PAGE_SEPARATOR = "\n\n"
MIN_CHARS_PER_PAGE = 20


@dataclass(frozen=True)
class TextRun:
    """Where a stretch of stored text came from: page (0-based) and first PDF character index."""

    start: int
    end: int
    page: int
    char_index: int


DIGIT_RUN = re.compile(r"\d+")
EXPONENT_BEFORE = re.compile(r"(?<![A-Za-z])(?:km|m|cm|mm|ft|mi|in)$")


def _metadata_date(metadata: dict) -> str | None:
    """"D:20240820120000+02'00'" -> "2024-08-20"."""
    for key in ("CreationDate", "ModDate"):
        match = re.match(r"D?:?(\d{4})(\d{2})(\d{2})", str(metadata.get(key) or ""))
        if match:
            return "-".join(match.groups())
    return None


def _open(data: bytes) -> pdfium.PdfDocument:
    if not data.lstrip().startswith(b"%PDF"):
        raise SourceError("not a PDF: the file does not start with a PDF header")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise SourceError("encrypted: password required") from err
        raise SourceError(f"malformed PDF: {err}") from err


def _to_top_left(box: tuple[float, float, float, float], height: float) -> tuple[float, float, float, float]:
    """pdfium's (left, bottom, right, top) -> (x0, top, x1, bottom) measured from the top-left.

    Coordinates stay in the page's own (unrotated) space, where text runs
    horizontally even on pages displayed rotated.
    """
    left, bottom, right, top = box
    return left, height - top, right, height - bottom


def _split_points(textpage: pdfium.PdfTextPage, text: str, start: int, end: int,
                  rects: list[tuple[float, float, float, float]]) -> list[int]:
    """Character indices where each of a line's rects begins (pdfium builds rects from consecutive characters)."""
    points = [start]
    index = start
    for rect in rects[1:]:
        while index < end:
            if text[index].isspace():
                index += 1  # a space's box is empty: no rect begins there
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            inside = left >= rect[0] - 0.5 and right <= rect[2] + 0.5 and rect[1] - 0.5 <= (bottom + top) / 2 <= rect[3] + 0.5
            if right > left and inside:
                break
            index += 1
        points.append(index)
    return points


SUPERSCRIPT_SIZE = 0.8  # of the text before it, at most
SUPERSCRIPT_RISE = 0.15  # of that text's size, at least: its baseline sits this much higher


def _is_raised(textpage: pdfium.PdfTextPage, index: int, reference_index: int) -> bool:
    """Character ``index`` is set smaller than ``reference_index`` and its baseline higher."""
    size, reference = (pdfium_raw.FPDFText_GetFontSize(textpage.raw, i) for i in (index, reference_index))
    rise = textpage.get_charbox(index)[1] - textpage.get_charbox(reference_index)[1]
    return reference > 1.5 and size <= SUPERSCRIPT_SIZE * reference and rise >= SUPERSCRIPT_RISE * reference


def _superscript_digits(textpage: pdfium.PdfTextPage, text: str) -> set[int]:
    """Indices of digits set smaller and raised against the character before them on their line: footnote
    markers ("significantly.²", "1,250 kg¹⁴"); against the run's first digit when glued to a number ("World
    Drug Report 2024¹⁷"); against the text after them at a line's start (a footnote's own "¹⁹ United Nations").
    From the page's own geometry; only digit runs are measured, so the cost is a few calls per number."""
    markers: set[int] = set()
    for run in DIGIT_RUN.finditer(text):
        window = text[max(0, run.start() - 3):run.start()].rpartition("\n")[2]  # on the digits' own line
        try:
            if window.strip() and not (EXPONENT_BEFORE.search(window) and run.group() in ("2", "3")):
                before = run.start() - len(window) + len(window.rstrip()) - 1
                if _is_raised(textpage, run.start(), before):
                    markers.update(range(run.start(), run.end()))
                    continue
            elif not window.strip():  # a footnote's own number, raised at the start of its line: "¹⁹ United Nations, ..."
                after = text[run.end():run.end() + 3]
                if after.strip() and _is_raised(textpage, run.start(), run.end() + len(after) - len(after.lstrip())):
                    markers.update(range(run.start(), run.end()))
                    continue
            first_small = next((i for i in range(run.start() + 1, run.end()) if _is_raised(textpage, i, run.start())), None)
            if first_small is not None:
                markers.update(range(first_small, run.end()))
        except pdfium.PdfiumError:
            continue
    return markers


def _page_fragments(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list[Fragment], float, int, set[int]]:
    """Text runs of one page, one per pdfium rect, each with the index of its first character; and the
    indices of its footnote markers."""
    width, height = page.get_width(), page.get_height()
    text = textpage.get_text_range()
    markers = _superscript_digits(textpage, text)
    runs: list[Fragment] = []
    position = 0
    for line in text.split("\r\n"):
        start, end = position, position + len(line)
        position = end + 2
        if not line.strip():
            continue
        rects = [textpage.get_rect(k) for k in range(pdfium_raw.FPDFText_CountRects(textpage.raw, start, end - start))]
        if not rects:
            continue
        points = _split_points(textpage, text, start, end, rects) + [end] if len(rects) > 1 else [start, end]
        for rect, first, last in zip(rects, points, points[1:]):
            piece = text[first:last]
            lead = len(piece) - len(piece.lstrip())
            stripped = piece.strip()
            if stripped:
                x0, top, x1, bottom = _to_top_left(rect, height)
                runs.append(Fragment(x0, top, x1, bottom, stripped, [(stripped, first + lead)],
                                     space_after=piece != piece.rstrip(), space_before=lead > 0, chars=(first, last),
                                     size=pdfium_raw.FPDFText_GetFontSize(textpage.raw, first + lead)))
    return merge_runs(runs), width, len(text), markers


class PdfFile:
    """A PDF parsed once: its text is read from it, then its mentions are located in it on the pages it
    still holds (the first ``KEPT_PAGES``, about half a megabyte each), so the file is never opened twice
    and most pages are never loaded twice. Close it (or use it in a ``with``) when done."""

    KEPT_PAGES = 150

    def __init__(self, data: bytes, *, keep: bool = True) -> None:
        self.document = _open(data)
        self.kept: dict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]] = {}
        self.room = self.KEPT_PAGES if keep else 0
        self.ocr: dict[int, OcrPage] = {}  # pages read by OCR (0-based): their characters' boxes

    def __enter__(self) -> "PdfFile":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for page, textpage in self.kept.values():
            textpage.close()
            page.close()
        self.kept.clear()
        self.document.close()

    @contextmanager
    def page(self, number: int) -> Iterator[tuple[pdfium.PdfPage, pdfium.PdfTextPage]]:
        """Page ``number`` (0-based) and its text page: kept ones stay open, others are closed after use."""
        if number in self.kept:
            yield self.kept[number]
            return
        page = self.document[number]
        textpage = page.get_textpage()
        keep = len(self.kept) < self.room
        try:
            yield page, textpage
        finally:
            if keep:
                self.kept[number] = (page, textpage)
            else:
                textpage.close()
                page.close()

    def locate(self, runs: tuple[TextRun, ...], spans: list[tuple[int, int]]) -> list[tuple[int, tuple[float, float, float, float]] | None]:
        """(1-based page, [x0, top, x1, bottom]) of each text span, from its characters' boxes."""
        by_page: dict[int, list[tuple[int, TextRun, int, int]]] = {}
        run_starts = [run.start for run in runs]  # runs are in text order
        for position, (start, end) in enumerate(spans):
            index = max(0, bisect_right(run_starts, start) - 1)
            while index < len(runs) and runs[index].start < end:
                run = runs[index]
                if start < run.end:
                    first, last = max(start, run.start) - run.start, min(end, run.end) - run.start
                    by_page.setdefault(run.page, []).append((position, run, first, last))
                index += 1
        boxes: list[list[tuple[float, float, float, float]]] = [[] for _ in spans]
        pages_of: list[int | None] = [None for _ in spans]
        for page_number, wanted in by_page.items():
            with self.page(page_number) as (page, textpage):
                height = page.get_height()
                scanned = self.ocr.get(page_number)
                for position, run, first, last in wanted:
                    for offset in range(first, last):
                        if scanned is not None:  # a box OCR gave, already from the top-left
                            boxes[position].append(scanned.char_boxes[run.char_index + offset])
                            continue
                        box = textpage.get_charbox(run.char_index + offset)
                        if box[2] > box[0]:
                            boxes[position].append(_to_top_left(box, height))
                    pages_of[position] = pages_of[position] or page_number + 1
        out = []
        for page_number, found in zip(pages_of, boxes):
            if page_number is None or not found:
                out.append(None)
                continue
            out.append((page_number, (round(min(b[0] for b in found), 2), round(min(b[1] for b in found), 2),
                                      round(max(b[2] for b in found), 2), round(max(b[3] for b in found), 2))))
        return out


def read_pdf(pdf: PdfFile) -> SourceText:
    """The text of an open PDF in reading order, with the runs that lead back to its characters."""
    try:
        metadata_date = _metadata_date(pdf.document.get_metadata_dict())
        laid_out, page_markers = [], []
        blank_pages = 0
        unread: list[int] = []  # pages with no text layer that OCR could not read (or that it did not run on)
        for number in range(len(pdf.document)):
            with pdf.page(number) as (page, textpage):
                fragments, width, chars, markers = _page_fragments(page, textpage)
                height = page.get_height()
                has_content = pdfium.raw.FPDFPage_CountObjects(page) > 0
                blank_pages += not has_content
                if chars < MIN_CHARS_PER_PAGE or unusable("".join(f.text for f in fragments)):
                    scanned = ocr_page(page) if has_content and ocr_available() else None
                    if scanned is not None and sum(len(f.text) for f in scanned.fragments) >= MIN_CHARS_PER_PAGE:
                        pdf.ocr[number], fragments, markers = scanned, merge_runs(scanned.fragments), set()
                        width, height = scanned.width, scanned.height  # the upright page its words are laid out on
                    else:
                        unread.append(number + 1)
                page_markers.append(markers)
            laid_out.append((reading_order(fragments, width), height))
    except pdfium.PdfiumError as err:
        raise SourceError(f"malformed PDF: {err}") from err
    if not laid_out:
        raise SourceError("malformed PDF: no pages")
    if blank_pages == len(laid_out):  # a scan has images; damaged content streams leave nothing at all
        raise SourceError("malformed PDF: no page has any content (no text, no images)")
    if len(unread) == len(laid_out):
        raise SourceError("no text layer, and OCR found no text" if ocr_available() else "no text layer (needs OCR)")
    running = running_lines(laid_out)
    words = vocabulary([lines for lines, _ in laid_out])
    parts: list[str] = []
    pages: list[PageSpan] = []
    runs: list[TextRun] = []
    markers: list[int] = []
    notes: list[Note] = []
    position = 0
    for number, (lines, height) in enumerate(laid_out):
        kept = align_tables([line for line in lines if not is_margin_noise(line, height, running)])
        area = footnote_area(kept)
        breaks = {i for i in range(area, len(kept)) if opens_note(kept[i])} | {area} if area is not None else set()
        text, pieces, line_starts = assemble(kept, breaks, words)
        if parts:
            parts.append(PAGE_SEPARATOR)
            position += len(PAGE_SEPARATOR)
        parts.append(text)
        pages.append(PageSpan(number + 1, position, position + len(text)))
        runs.extend(TextRun(position + p.start, position + p.end, number, p.char_index) for p in pieces)
        markers += [position + p.start + c - p.char_index for p in pieces for c in page_markers[number]
                    if p.char_index <= c < p.char_index + p.end - p.start]
        notes += notes_in(text, line_starts[area], position) if area is not None else []
        position += len(text)
    warnings = _ocr_warnings(pdf.ocr, unread, len(laid_out))
    ocr = {"engine": OCR_ENGINE, "pages": sorted(n + 1 for n in pdf.ocr),
           "confidence": {n + 1: round(o.confidence, 1) for n, o in sorted(pdf.ocr.items())},
           "turned": {n + 1: o.turn for n, o in sorted(pdf.ocr.items()) if o.turn}} if pdf.ocr else None
    return SourceText(text="".join(parts), media_type="application/pdf", pages=tuple(pages),
                      metadata_date=metadata_date, warnings=warnings, runs=tuple(runs), markers=spans_of(markers),
                      notes=tuple(notes), ocr=ocr)


def _ocr_warnings(read: dict[int, OcrPage], unread: list[int], total: int) -> tuple[str, ...]:
    """What the analyst should know of the pages without a text layer: which OCR read doubtfully, which not at all."""
    warnings = [f"page {n + 1} read by OCR with low confidence ({o.confidence:.0f}/100): check its figures"
                for n, o in sorted(read.items()) if o.confidence < LOW_CONFIDENCE]
    if unread:
        reason = "OCR found no text" if ocr_available() else "needs OCR"
        warnings.append(f"{len(unread)} of {total} pages have no text layer ({reason}): page {', '.join(map(str, unread))}")
    return tuple(warnings)


def spans_of(offsets: list[int]) -> tuple[tuple[int, int], ...]:
    """Consecutive offsets as [start, end) spans."""
    spans: list[list[int]] = []
    for offset in sorted(offsets):
        if spans and spans[-1][1] == offset:
            spans[-1][1] += 1
        else:
            spans.append([offset, offset + 1])
    return tuple((start, end) for start, end in spans)
