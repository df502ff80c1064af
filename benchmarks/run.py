"""`make bench`: throughput of the extraction library, printed as figures (never asserted).

Uses the development reports in ../shared when present, else the sample
corpus, repeated to at least 1 MB of text.
"""
from __future__ import annotations

import resource
import time
from pathlib import Path

from extractors.pipeline import build_nlp, extract
from extractors.sources import read_source

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


def main() -> None:
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
