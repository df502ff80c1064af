"""A crop of the PDF page behind a claim, with every slot's box drawn in its highlight colour.

The reviewer checks a figure against the page as printed: tables, footnotes and
columns look the way the analyst knows them. The image is drawn from the source
file only while it is the exact file that was extracted (same content hash), so a box
can never point at a page that has since changed.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import ImageDraw

from review.claims import slot_mentions

SCALE = 2.0  # pixels per PDF point: sharp enough to read footnotes
MARGIN = 48.0  # points of page shown above and below the marked boxes
SLOT_COLOURS = {"quantity": "#e8a600", "date": "#1c7ed6", "location": "#2b8a3e", "substances": "#c2255c",
                "organisations": "#7048e8"}  # darker tones of the page's highlight colours, visible as outlines


def claim_boxes(claim: dict[str, Any]) -> tuple[int, list[tuple[list[float], str]]] | None:
    """The quantity's page and the boxes of every slot printed on that page, with their colours."""
    quantity = claim.get("quantity") or {}
    if not quantity.get("page") or not quantity.get("bbox"):
        return None
    boxes = [(mention["bbox"], SLOT_COLOURS[name]) for name, mention in slot_mentions(claim)
             if mention.get("page") == quantity["page"] and mention.get("bbox")]
    return quantity["page"], boxes


def page_crop_png(source: Path, page_number: int, boxes: list[tuple[list[float], str]]) -> bytes:
    """PNG of the page band holding ``boxes`` ([x0, top, x1, bottom] in points), each outlined."""
    document = pypdfium2.PdfDocument(source)
    try:
        page = document[page_number - 1]
        image = page.render(scale=SCALE).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    draw = ImageDraw.Draw(image)
    for (x0, top, x1, bottom), colour in boxes:
        draw.rectangle([x0 * SCALE - 2, top * SCALE - 2, x1 * SCALE + 2, bottom * SCALE + 2], outline=colour, width=3)
    upper = max(0.0, min(b[0][1] for b in boxes) - MARGIN) * SCALE
    lower = min(image.height, (max(b[0][3] for b in boxes) + MARGIN) * SCALE)
    band = image.crop((0, int(upper), image.width, int(lower)))
    out = io.BytesIO()
    band.save(out, format="PNG", optimize=True)
    return out.getvalue()
