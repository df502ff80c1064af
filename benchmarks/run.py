"""`make bench`: throughput of the extraction library, printed as figures (never asserted).

Uses the development reports in ../shared when present, else the sample
corpus, repeated to at least 1 MB of text.
"""
from __future__ import annotations

import re
import subprocess
import sys
import resource
import time
from collections import Counter
from pathlib import Path

from extractors.pipeline import build_nlp, extract
from extractors.sources import opened, read_source

ROOT = Path(__file__).resolve().parents[1]
TARGET_BYTES = 1_000_000


def corpus_texts() -> list[str]:
    shared = ROOT.parent / "shared" / "corpus"
    folders = [shared / "seeds", shared / "dev"] if shared.is_dir() else [ROOT / "corpus"]
    texts = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md", ".html"):
                texts.append(read_source(path).text)
    return texts


def pdf_figures() -> None:
    """Pages per second and peak memory of PDF reading: our pdfium layout path against pdfplumber."""
    import tempfile

    import pdfplumber

    from tests.pdfs import make_report_pdf
    from tests.test_pdf import sample_paragraphs

    with tempfile.TemporaryDirectory() as folder:
        small = make_report_pdf(Path(folder) / "report.pdf", sample_paragraphs() * 12, columns=2)
        big = make_report_pdf(Path(folder) / "big.pdf", sample_paragraphs() * 900, columns=2)
        started = time.perf_counter()
        pages = len(read_source(small).pages)
        ours = pages / (time.perf_counter() - started)
        started = time.perf_counter()
        with pdfplumber.open(small) as pdf:
            for page in pdf.pages[:10]:
                page.extract_text()
                page.close()
        theirs = 10 / (time.perf_counter() - started)
        print(f"pdf: {pages}-page two-column report: {ours:,.0f} pages/s (pdfplumber extract_text: {theirs:.1f} pages/s)")
        shared = ROOT.parent / "shared" / "corpus" / "pdf"
        real = sorted(shared.glob("un_*.pdf")) if shared.is_dir() else []
        if real:
            started = time.perf_counter()
            count = sum(len(read_source(path).pages) for path in real)
            print(f"pdf: {count} pages of real UN reports: {count / (time.perf_counter() - started):,.0f} pages/s")
            started = time.perf_counter()
            for path in real:  # read, then locate every number on its page in the same parse, as extraction does
                with opened(path) as (source, locate):
                    locate(source.runs, [(m.start(), m.end()) for m in re.finditer(r"\d[\d,.]*", source.text)])
            print(f"pdf: the same pages read and every number located: {count / (time.perf_counter() - started):,.0f} pages/s")
        probe = ("import resource, sys; from pathlib import Path; from extractors.sources import read_source; "
                 "pages = len(read_source(Path(sys.argv[1])).pages); "
                 "print(pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
        result = subprocess.run([sys.executable, "-c", probe, str(big)], capture_output=True, text=True, check=True)
        count, peak = result.stdout.split()
        print(f"pdf: {count}-page file read in a fresh process: peak RSS {peak} MB")
        ocr_figures(Path(folder))


def ocr_figures(folder: Path) -> None:
    """OCR pages per second and the peak memory of a worker reading a scanned copy of a report."""
    from extractors.sources.pdf_ocr import available
    from tests.pdfs import make_report_pdf
    from tests.test_pdf import sample_paragraphs

    if not available():
        print("ocr: tesseract is not installed (apt-get install tesseract-ocr)")
        return
    from tests.test_ocr import scanned

    original = make_report_pdf(folder / "to-scan.pdf", sample_paragraphs()[:24], columns=2)
    scan = scanned(original, folder / "scan.pdf")
    probe = ("import resource, sys, time; from pathlib import Path; from extractors.sources import read_source; "
             "t = time.perf_counter(); pages = len(read_source(Path(sys.argv[1])).pages); "
             "print(pages, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    result = subprocess.run([sys.executable, "-c", probe, str(scan)], capture_output=True, text=True, check=True)
    pages, seconds, peak = result.stdout.split()
    print(f"ocr: {pages}-page scan (150 dpi, skewed, noisy): {int(pages) / float(seconds):.2f} pages/s, "
          f"peak RSS {peak} MB in a fresh worker")
    truth, read = figures_of(original), figures_of(scan)
    matched = sum((truth & read).values())
    precision, recall = matched / max(1, sum(read.values())), matched / max(1, sum(truth.values()))
    print(f"ocr: figures (value, unit) of the scan against its text layer: precision {precision:.3f}, "
          f"recall {recall:.3f}, F1 {2 * precision * recall / max(1e-9, precision + recall):.3f}")


def figures_of(path: Path) -> Counter:
    """The (value, unit) of every quantity extracted from a file, counted."""
    from extractors.documents import process_document

    document, _ = process_document(path, display_path=path.name)
    return Counter((m.attrs["value"], m.attrs["unit"]) for m in document.mentions if m.type == "QUANTITY")


def main() -> None:
    pdf_figures()
    texts = corpus_texts()
    started = time.perf_counter()
    nlp = build_nlp()
    build_seconds = time.perf_counter() - started
    extract(texts[0], nlp=nlp)  # warm-up: lazy imports (dateparser)
    batch, size = [], 0
    while size < TARGET_BYTES:
        for text in texts:
            batch.append(text)
            size += len(text.encode("utf-8"))
    words = sum(len(t.split()) for t in batch)
    started = time.perf_counter()
    for text in batch:
        extract(text, nlp=nlp)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline build: {build_seconds:.2f} s")
    print(f"library: {len(batch)} documents, {size / 1e6:.2f} MB, {words:,} words in {seconds:.2f} s")
    print(f"library: {words / seconds:,.0f} words/s, {len(batch) / seconds:.1f} documents/s, peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
