"""Scanned pages read by Tesseract inside the PDF reader: the same text, figures, pages and boxes as a text layer.

The scans are made here from our own generated report: rendered by pdfium at 150 dpi, turned as a scanner
turns a page, with noise, saved as image-only PDFs.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from PIL import Image

from extractors.documents import process_document
from extractors.model import ClaimsDocument
from extractors.sources import SourceError, read_source
from extractors.sources.pdf_ocr import available, skew_angle, unusable
from tests.conftest import ROOT
from tests.pdfs import make_pdf, make_report_pdf
from tests.test_pdf import sample_paragraphs

SKEW = 1.5  # degrees, counter-clockwise, as an office scanner leaves a page
SCANNED_SHARED = ROOT.parent / "shared" / "corpus" / "pdf" / "pdfplumber_issue-203-decimalize_scanned_no_text.pdf"


@pytest.fixture(autouse=True)
def tesseract():
    if not available():
        if os.environ.get("CI"):
            pytest.fail("tesseract is missing: .ci/run installs Debian's tesseract-ocr")
        pytest.skip("tesseract is not installed (apt-get install tesseract-ocr)")


def scanned(source: Path, target: Path, pages: list[int] | None = None, blank: bool = False, skew: float = SKEW,
            turn: int = 0) -> Path:
    """An image-only copy of ``source``: each page rendered at 150 dpi, tilted by ``skew``, fed in ``turn``
    degrees counter-clockwise (a page scanned sideways or upside down), with noise."""
    document = pypdfium2.PdfDocument(str(source))
    rng = np.random.default_rng(7)
    images = []
    for number in pages if pages is not None else range(len(document)):
        image = document[number].render(scale=150 / 72).to_pil().convert("L")
        if blank:
            image = Image.new("L", image.size, 255)
        image = image.rotate(skew, fillcolor=255).rotate(turn, expand=True)
        noisy = np.asarray(image).astype(np.int16) + rng.normal(0, 15, (image.height, image.width))
        images.append(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).convert("RGB"))
    images[0].save(target, save_all=True, append_images=images[1:], resolution=150)
    return target


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return make_report_pdf(tmp_path_factory.mktemp("ocr") / "report.pdf", sample_paragraphs()[:12], columns=2)


def quantities(path: Path) -> tuple[list, ClaimsDocument, str]:
    """The quantity mentions of a file, its claims document and its stored text."""
    document, text = process_document(path, display_path=path.name)
    return [m for m in document.mentions if m.type == "QUANTITY"], document, text


def test_ocr_an_image_only_report_gives_the_figures_of_its_text_layer_with_pages_and_boxes(report, tmp_path):
    truth, _, _ = quantities(report)
    found, document, _ = quantities(scanned(report, tmp_path / "scan.pdf"))
    values = {(m.attrs["value"], m.attrs["unit"]) for m in truth}
    recovered = {(m.attrs["value"], m.attrs["unit"]) for m in found}
    assert len(values & recovered) >= 0.85 * len(values)  # the text layer itself is no gold: a proxy for 0.9 x its F1
    assert all(m.page and m.bbox for m in document.mentions)  # every mention keeps page and box
    assert document.source["ocr"]["engine"] == "tesseract" and document.source["ocr"]["pages"] == list(range(1, len(pypdfium2.PdfDocument(str(report))) + 1))
    assert document.source["ocr"]["confidence"][1] > 80
    original = next(m for m in truth if m.text == "almost 706 kilograms")
    read = next(m for m in found if m.text == "almost 706 kilograms")
    (x, y), (x0, y0) = centre(read.bbox), centre(original.bbox)
    page_width, page_height = 595.28, 841.89
    turned = np.deg2rad(SKEW)  # where the scanner's turn put the original words on the scanned page
    cx, cy = page_width / 2, page_height / 2
    expected = (cx + (x0 - cx) * np.cos(turned) + (y0 - cy) * np.sin(turned),
                cy - (x0 - cx) * np.sin(turned) + (y0 - cy) * np.cos(turned))
    assert abs(x - expected[0]) < 6 and abs(y - expected[1]) < 6


def centre(box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_ocr_stands_a_page_scanned_sideways_or_upside_down_upright(report, tmp_path, turn):
    truth, _, _ = quantities(report)
    found, document, text = quantities(scanned(report, tmp_path / "turned.pdf", pages=[0], skew=0.0, turn=turn))
    on_page = [m for m in truth if m.page == 1]
    values = {(m.attrs["value"], m.attrs["unit"]) for m in on_page}
    assert len(values & {(m.attrs["value"], m.attrs["unit"]) for m in found}) >= 0.85 * len(values)
    assert text.index("Summary.") < text.index("Customs and police seized almost 706 kilograms")  # read as lines
    x0, y0 = centre(next(m for m in on_page if m.text == "almost 706 kilograms").bbox)
    width, height = 595.28, 841.89  # where the turn put the words on the page as scanned, in points
    expected = {90: (y0, width - x0), 180: (width - x0, height - y0), 270: (height - y0, x0)}[turn]
    x, y = centre(next(m for m in found if m.text == "almost 706 kilograms").bbox)
    assert abs(x - expected[0]) < 6 and abs(y - expected[1]) < 6
    assert document.source["ocr"]["turned"] == {1: turn}  # turned back clockwise as far as the scan was turned


def test_ocr_reads_only_the_scanned_page_of_a_mixed_pdf(report, tmp_path):
    typed = make_pdf(tmp_path / "typed.pdf", [["Police seized 40 kg of heroin in Kabul in March 2024, officials said."]])
    scan = scanned(report, tmp_path / "scan.pdf")
    mixed = pypdfium2.PdfDocument.new()
    for part in (typed, scan):
        mixed.import_pages(pypdfium2.PdfDocument(str(part)))
    mixed.save(str(tmp_path / "mixed.pdf"))
    source = read_source(tmp_path / "mixed.pdf")
    assert source.ocr["pages"] == [2]  # never the page with a good text layer
    assert "40 kg of heroin" in source.text and "706 kilograms" in source.text


def with_unmapped_text_layer(scan: Path, target: Path) -> Path:
    """The scan's first page under an invisible text layer of glyph ids read as control codes, as a font
    without a Unicode map leaves it (what some scanners' and converters' text layers are)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = pypdfium2.PdfDocument(str(scan))[0].render(scale=150 / 72).to_pil()
    pdf = canvas.Canvas(str(target), pagesize=(595.28, 841.89))
    pdf.drawImage(ImageReader(image), 0, 0, 595.28, 841.89)
    pdf.setFont("Helvetica", 10)
    glyph_ids = "".join("\\%03o" % code for code in [3, 17, 15, 18, 32, 5, 24, 26, 32] * 40)
    pdf._code.append(f"BT /F1 10 Tf 3 Tr 60 700 Td ({glyph_ids}) Tj ET")  # render mode 3: invisible
    pdf.showPage()
    pdf.save()
    return target


def test_ocr_reads_a_page_whose_text_layer_is_glyph_noise(report, tmp_path):
    target = with_unmapped_text_layer(scanned(report, tmp_path / "scan.pdf", pages=[0]), tmp_path / "noise.pdf")
    assert len(pypdfium2.PdfDocument(str(target))[0].get_textpage().get_text_range()) > 300  # the layer is there
    source = read_source(target)
    assert source.ocr["pages"] == [1] and "almost 706 kilograms" in source.text
    assert not any(unicodedata.category(c) == "Cc" for c in source.text if not c.isspace())


@pytest.mark.parametrize("text, noise", [("Police seized 40 kg of heroin in Kabul.", False),
                                         ("Полиция изъяла 40 кг героина.", False), ("警方缴获了40公斤海洛因。", False),
                                         ("\x11\x0f\x12 \x05\x18\x1a " * 5, True), ("\ue001\ue002 \ufffd\ufffd", True),
                                         ("Seized 40 kg \ufffd", False)])
def test_ocr_tells_a_noise_text_layer_from_text_in_any_script(text, noise):
    assert unusable(text) is noise


def test_ocr_a_blank_scanned_page_is_an_error_that_says_so(report, tmp_path):
    with pytest.raises(SourceError, match="no text layer, and OCR found no text"):
        read_source(scanned(report, tmp_path / "blank.pdf", blank=True))


@pytest.mark.parametrize("angle", [-2.0, 0.0, 1.5, 3.0])
def test_ocr_finds_the_skew_that_straightens_a_page(report, angle):
    image = pypdfium2.PdfDocument(str(report))[0].render(scale=2).to_pil().convert("L").rotate(angle, fillcolor=255)
    assert abs(skew_angle(np.asarray(image)) + angle) <= 0.3


@pytest.mark.skipif(not SCANNED_SHARED.exists(), reason="../shared is not beside the project")
def test_ocr_a_real_scan_in_another_script_is_read_and_flagged_as_doubtful():
    source = read_source(SCANNED_SHARED)
    assert source.ocr["pages"] == [1, 2, 3]
    assert len(source.warnings) == 3 and all("low confidence" in w for w in source.warnings)


def test_ocr_spans_are_outlined_on_the_review_apps_page_image(report, tmp_path):
    from review.app import create_app
    from tests.test_review import extract_into, local

    (tmp_path / "corpus").mkdir()
    scan = scanned(report, tmp_path / "corpus" / "scan.pdf")
    extract_into(tmp_path / "output", scan, "scan.pdf")
    client = local(create_app(tmp_path / "output", corpus_dir=tmp_path / "corpus"))
    claim = next(c for c in client.get("/api/claims").json()["claims"] if "706" in c["quantity"]["text"])
    assert claim["quantity"]["page"] == 1 and claim["quantity"]["bbox"]
    image = client.get(f"/claims/{claim['id']}/page.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    from io import BytesIO

    picture = Image.open(BytesIO(image.content)).convert("RGB")
    outline = (0xE8, 0xA6, 0x00)  # the quantity's colour in the review app's page image
    assert any(picture.getpixel((x, y)) == outline for x in range(0, picture.width, 2) for y in range(0, picture.height, 2))
