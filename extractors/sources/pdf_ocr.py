"""OCR for PDF pages without a text layer: Tesseract's words as layout fragments, each with its box on the page.

A scanned page is rendered by pdfium, stood upright (Tesseract's orientation detection: pages scanned
sideways or upside down), straightened (its skew found as the angle whose rows of ink are sharpest), and
read by Tesseract (Debian's ``tesseract-ocr``, through pytesseract: chosen over RapidOCR by measurement, see
the README). Every word comes back as a ``Fragment`` in points of the upright page, like a text-layer run,
so reading order, columns, tables and footnotes work unchanged; its characters get boxes of their own on
the page as it lies (the word's box cut evenly, turned back), so a mention found in OCR'd text is located
on the page like any other.
"""
from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import pypdfium2 as pdfium

from extractors.sources.pdf_layout import Fragment

DPI = 300
ENGINE = "tesseract"
LOW_CONFIDENCE = 60.0  # mean word confidence (0-100) below which a page's figures are doubtful
MIN_WORD_CONFIDENCE = 40.0  # below it a "word" is mostly the noise of a map, a photo or a stamp: left out
ORIENTATION_SURE = 2.0  # Tesseract's orientation confidence below which a page is left as it is
SKEW_RANGE = 5.0  # degrees each way a scanner tilts a page
Box = tuple[float, float, float, float]
_page_listeners: list[Callable[[], None]] = []


@dataclass
class OcrPage:
    """What OCR read on one page: fragments for the layout rules, a box per character for ``locate``."""

    fragments: list[Fragment] = field(default_factory=list)
    char_boxes: list[Box] = field(default_factory=list)  # by the fragments' char indices
    confidence: float = 0.0  # mean word confidence, 0-100
    skew: float = 0.0  # degrees the page was turned to straighten it
    turn: int = 0  # clockwise degrees that stood it upright (a page scanned sideways or upside down)
    width: float = 0.0  # the upright page's size in points: the frame its fragments are laid out in
    height: float = 0.0


def unusable(text: str) -> bool:
    """Whether a page's text layer is noise rather than text: more than a fifth of its visible characters
    are control codes, private-use or unassigned code points, or U+FFFD - what a font without a Unicode map
    leaves (glyph ids read as characters). Such a page is OCR'd as if it had no text layer."""
    visible = [c for c in text if not c.isspace()]
    noise = sum(unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") or c == "\ufffd" for c in visible)
    return noise > 0.2 * len(visible)


def on_page_start(listener: Callable[[], None]) -> None:
    """Call ``listener`` as OCR starts on each page: a supervisor grants a scanned report time by its pages,
    since each takes seconds where a text-layer page takes milliseconds."""
    _page_listeners.append(listener)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether Tesseract can run here (its binary and the Python wrapper)."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def skew_angle(gray: np.ndarray) -> float:
    """The rotation (degrees) that makes the page's text lines horizontal: the angle whose row profile of
    ink has the largest variance, searched coarsely then finely on a reduced image."""
    from PIL import Image

    small = Image.fromarray(gray).reduce(max(1, gray.shape[1] // 1000))  # about 1,000 pixels wide: lines stay lines
    ink = Image.fromarray((np.asarray(small) < 128).astype(np.uint8) * 255)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, fillcolor=0)).sum(axis=1, dtype=np.float64)
        return float(np.var(rows))

    best = max(np.arange(-SKEW_RANGE, SKEW_RANGE + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness))


def quarter_turn(image) -> int:
    """Clockwise degrees (0, 90, 180, 270) that stand a page upright, by Tesseract's orientation detection on a
    150 dpi copy (as sure there as at 300, in a third of the time); 0 when it is unsure or finds too little text."""
    import pytesseract

    try:
        found = pytesseract.image_to_osd(image.reduce(2), config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:  # too few characters to tell
        return 0
    return int(found["rotate"]) % 360 if float(found["orientation_conf"]) >= ORIENTATION_SURE else 0


@dataclass(frozen=True)
class Frame:
    """Where the upright image Tesseract read lies on the rendered page: turned clockwise by ``turn``, then
    counter-clockwise by ``skew`` about its centre. ``to_page`` takes points on it back to page points."""

    turn: int
    skew: float
    width: int  # the rendered page's, in pixels
    height: int
    scale: float  # pixels per point

    def to_page(self, box: Box) -> Box:
        """A box on the upright image as the smallest box round its corners on the page, in points."""
        x0, top, x1, bottom = box
        sideways = self.turn in (90, 270)
        turned_width, turned_height = (self.height, self.width) if sideways else (self.width, self.height)
        cx, cy = turned_width / 2, turned_height / 2
        theta = np.deg2rad(self.skew)
        corners = np.array([(x0, top), (x1, top), (x0, bottom), (x1, bottom)], dtype=float) - (cx, cy)
        cos, sin = np.cos(theta), np.sin(theta)
        x = corners[:, 0] * cos - corners[:, 1] * sin + cx
        y = corners[:, 0] * sin + corners[:, 1] * cos + cy
        if self.turn == 90:
            x, y = y, self.height - x
        elif self.turn == 180:
            x, y = self.width - x, self.height - y
        elif self.turn == 270:
            x, y = self.width - y, x
        x, y = x / self.scale, y / self.scale
        return float(x.min()), float(y.min()), float(x.max()), float(y.max())


def ocr_page(page: pdfium.PdfPage) -> OcrPage:
    """Render, stand upright, straighten and read one page. Fragments are laid out in the upright page's
    frame (so a page scanned sideways reads in its own line order); character boxes are on the page as it is."""
    import pytesseract
    from PIL import Image

    for listener in _page_listeners:
        listener()
    scale = DPI / 72
    rendered = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's own threads fight the workers': 4x slower without
    turn = quarter_turn(rendered)
    upright = rendered.rotate(-turn, expand=True) if turn else rendered
    angle = skew_angle(np.asarray(upright))
    image = upright.rotate(angle, fillcolor=255, resample=Image.BICUBIC)
    frame = Frame(turn, angle, rendered.width, rendered.height, scale)
    data = pytesseract.image_to_data(image, config="--psm 3", output_type=pytesseract.Output.DICT)
    result = OcrPage(skew=angle, turn=turn, width=image.width / scale, height=image.height / scale)
    confidences = []
    position = 0
    for word, conf, left, top, width, height in zip(data["text"], data["conf"], data["left"], data["top"],
                                                     data["width"], data["height"]):
        word, conf = word.strip(), float(conf)
        if not word or conf < 0:
            continue
        confidences.append(conf)  # the page's confidence counts every word it read, kept or not
        if conf < MIN_WORD_CONFIDENCE:
            continue
        x0, y0, x1, y1 = (v / scale for v in (left, top, left + width, top + height))
        result.fragments.append(Fragment(x0, y0, x1, y1, word, [(word, position)], space_after=True,
                                         chars=(position, position + len(word) + 1), size=(y1 - y0)))
        step = width / len(word)
        result.char_boxes += [frame.to_page((left + i * step, top, left + (i + 1) * step, top + height))
                              for i in range(len(word))]
        result.char_boxes.append(frame.to_page((left + width, top, left + width, top + height)))  # the space after it
        position += len(word) + 1
    result.confidence = float(np.mean(confidences)) if confidences else 0.0
    return result
