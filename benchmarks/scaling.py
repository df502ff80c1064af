"""`make bench`: seconds per MB of text as documents grow, for report text and figure-dense text.

Each size is one document through every stage a run gives it: the reader, the
pipeline and provenance (``process_document``), the output files
(``write_document``) and the registry write. Linear cost shows as flat seconds
per MB; the ratio between the largest and the smallest size is printed. Text
that is nothing but numbers, the slowest kind per MB, text with no full
stop at all and one long table are measured too, at smaller sizes. Figures only, never asserted.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.run import corpus_texts
from extractors import store
from extractors.documents import process_document, write_document
from extractors.pipeline import shared_nlp
from tests.texts import big_table, figure_dense, numbers, without_stops

SIZES_MB = (0.5, 1, 2, 4)
NUMBER_SIZES_MB = (0.25, 0.5)


def report_text(size: int) -> str:
    base = "\n\n".join(corpus_texts())
    return ("\n\n".join([base] * (size // len(base) + 1)))[:size]


def seconds_for(text: str, folder: Path) -> float:
    path = folder / "document.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    document, stored = process_document(path, display_path="document.txt", nlp=shared_nlp())
    write_document(document, stored, folder / "documents")
    with store.connect(folder / "claims.sqlite") as connection:
        store.record_success(connection, "document.txt", document)
    return time.perf_counter() - started


def series(name: str, make, sizes: tuple[float, ...], folder: Path) -> None:
    per_mb = []
    for size in sizes:
        text = make(int(size * 1_000_000))
        seconds = seconds_for(text, folder)
        megabytes = len(text.encode("utf-8")) / 1_000_000
        per_mb.append(seconds / megabytes)
        print(f"  {name:<13} {size:>4} MB  {seconds:7.1f} s  {per_mb[-1]:6.2f} s/MB", flush=True)
    print(f"  {name:<13} s/MB at {sizes[-1]} MB / at {sizes[0]} MB: {per_mb[-1] / per_mb[0]:.2f}×", flush=True)


def main() -> None:
    shared_nlp()
    print("Extraction cost as documents grow (one process; reader, pipeline, outputs and registry):")
    with tempfile.TemporaryDirectory() as folder:
        series("report text", report_text, SIZES_MB, Path(folder))
        series("figure-dense", figure_dense, SIZES_MB, Path(folder))
        series("numbers only", numbers, NUMBER_SIZES_MB, Path(folder))
        series("no full stops", without_stops, NUMBER_SIZES_MB, Path(folder))
        series("one big table", big_table, NUMBER_SIZES_MB, Path(folder))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
