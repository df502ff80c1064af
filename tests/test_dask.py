"""The same flow on a real Dask cluster (a scheduler and two worker processes) gives exactly the
claims of a local run."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.test_flow import GOOD_TEXT


def claim_ids(output: Path) -> set[str]:
    ids = set()
    for path in (output / "documents").glob("*.json"):
        ids |= {claim["id"] for claim in json.loads(path.read_text(encoding="utf-8"))["claims"]}
    return ids


@contextmanager
def api_for_workers(prefect_api: str) -> Iterator[None]:
    """PREFECT_API_URL set for the cluster's worker processes to inherit: one API for all."""
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = prefect_api
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


@pytest.fixture(scope="module")
def prefect_api():
    from claims_cli.main import quiet_prefect

    quiet_prefect()
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


def test_dask_cluster_gives_the_claims_of_a_local_run(prefect_api, tmp_path):
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    from flows.extract import extract_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(6):
        (corpus / f"report_{index}.txt").write_text(f"Bulletin {index}.\n\n{GOOD_TEXT}", encoding="utf-8")
    local = extract_corpus(corpus, tmp_path / "local", workers=1)
    with api_for_workers(prefect_api), LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                                    dashboard_address=None) as cluster:
        flow = extract_corpus.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
        remote = flow(corpus, tmp_path / "dask", workers=2)
        workers = len(cluster.workers)
    assert workers == 2
    assert sorted(remote["processed"]) == sorted(local["processed"]) and len(local["processed"]) == 6
    assert claim_ids(tmp_path / "dask") == claim_ids(tmp_path / "local") and claim_ids(tmp_path / "local")


def test_dask_workers_keep_the_per_document_limits(prefect_api, tmp_path):
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    from flows.extract import extract_corpus
    from flows.supervisor import Limits
    from tests.texts import figure_dense

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / "slow.txt").write_text(figure_dense(300_000), encoding="utf-8")
    with api_for_workers(prefect_api), LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                                    dashboard_address=None) as cluster:
        flow = extract_corpus.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
        summary = flow(corpus, tmp_path / "out", workers=1, limits=Limits(seconds=1.0))
    assert summary["processed"] == ["good.txt"]
    assert summary["failed"] == [{"path": "slow.txt", "error": "timed out after 1 s"}]


def test_dask_workers_ocr_a_scanned_report_with_time_granted_by_its_pages(prefect_api, tmp_path):
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    from extractors.sources.pdf_ocr import available
    from flows.extract import extract_corpus
    from flows.supervisor import Limits
    from tests.pdfs import make_report_pdf
    from tests.test_ocr import scanned
    from tests.test_pdf import sample_paragraphs

    if not available():
        pytest.skip("tesseract is not installed (apt-get install tesseract-ocr)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    report = make_report_pdf(tmp_path / "report.pdf", sample_paragraphs()[:6], columns=2)
    scanned(report, corpus / "scan.pdf", pages=[0])
    with api_for_workers(prefect_api), LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                                    dashboard_address=None) as cluster:
        flow = extract_corpus.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
        ungranted = flow(corpus, tmp_path / "ungranted", workers=1, limits=Limits(seconds=2.0, ocr_page_seconds=0.0))
        granted = flow(corpus, tmp_path / "granted", workers=1, limits=Limits(seconds=2.0))
    assert ungranted["failed"] == [{"path": "scan.pdf", "error": "timed out after 2 s"}]  # a page takes longer
    assert granted["processed"] == ["scan.pdf"]
    (document,) = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "granted" / "documents").glob("*.json")]
    assert document["source"]["ocr"]["pages"] == [1]
    quantity = next(m for m in document["mentions"] if m["text"] == "almost 706 kilograms")
    assert quantity["page"] == 1 and len(quantity["bbox"]) == 4
