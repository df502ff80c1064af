"""OCR for PDF pages without a text layer: Tesseract's words as layout fragments, each with its box on the page.

A scanned page is rendered by pdfium, straightened (its skew found as the angle whose rows of ink are
sharpest), and read by Tesseract (Debian's ``tesseract-ocr``, through pytesseract: chosen over RapidOCR by
measurement, see the README). Every word comes back as a ``Fragment`` in page points, like a text-layer
run, so reading order, columns, tables and footnotes work unchanged; its characters get boxes of their
own (the word's box cut evenly), so a mention found in OCR'd text is located on the page like any other.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pypdfium2 as pdfium

from extractors.sources.pdf_layout import Fragment

DPI = 300
ENGINE = "tesseract"
LOW_CONFIDENCE = 60.0  # mean word confidence (0-100) below which a page's figures are doubtful
SKEW_RANGE = 5.0  # degrees each way a scanner tilts a page
Box = tuple[float, float, float, float]


@dataclass
class OcrPage:
    """What OCR read on one page: fragments for the layout rules, a box per character for ``locate``."""

    fragments: list[Fragment] = field(default_factory=list)
    char_boxes: list[Box] = field(default_factory=list)  # by the fragments' char indices
    confidence: float = 0.0  # mean word confidence, 0-100
    skew: float = 0.0  # degrees the page was turned to straighten it


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


def _page_box(box: Box, angle: float, centre: tuple[float, float], scale: float) -> Box:
    """A box on the straightened image back on the page, in points: its corners turned back by the angle."""
    x0, top, x1, bottom = box
    theta = np.deg2rad(angle)  # PIL turned the scan counter-clockwise by ``angle`` to straighten it: turn the box back
    cx, cy = centre
    corners = np.array([(x0, top), (x1, top), (x0, bottom), (x1, bottom)], dtype=float) - (cx, cy)
    cos, sin = np.cos(theta), np.sin(theta)
    turned = np.column_stack((corners[:, 0] * cos - corners[:, 1] * sin, corners[:, 0] * sin + corners[:, 1] * cos)) + (cx, cy)
    xs, ys = turned[:, 0] / scale, turned[:, 1] / scale
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def ocr_page(page: pdfium.PdfPage) -> OcrPage:
    """Render, straighten and read one page."""
    import pytesseract
    from PIL import Image

    scale = DPI / 72
    gray = np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("L"))
    angle = skew_angle(gray)
    image = Image.fromarray(gray).rotate(angle, fillcolor=255, resample=Image.BICUBIC)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's own threads fight the workers': 4x slower without
    data = pytesseract.image_to_data(image, config="--psm 3", output_type=pytesseract.Output.DICT)
    result = OcrPage(skew=angle)
    centre = (image.width / 2, image.height / 2)
    confidences = []
    position = 0
    for word, conf, left, top, width, height in zip(data["text"], data["conf"], data["left"], data["top"],
                                                     data["width"], data["height"]):
        word, conf = word.strip(), float(conf)
        if not word or conf < 0:
            continue
        x0, y0, x1, y1 = _page_box((left, top, left + width, top + height), angle, centre, scale)
        result.fragments.append(Fragment(x0, y0, x1, y1, word, [(word, position)], space_after=True,
                                         chars=(position, position + len(word) + 1), size=(y1 - y0)))
        step = (x1 - x0) / len(word)
        result.char_boxes += [(x0 + i * step, y0, x0 + (i + 1) * step, y1) for i in range(len(word))]
        result.char_boxes.append((x1, y0, x1, y1))  # the space after it
        position += len(word) + 1
        confidences.append(conf)
    result.confidence = float(np.mean(confidences)) if confidences else 0.0
    return result
