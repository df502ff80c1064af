"""The review app's API and pages (FastAPI TestClient), the store's history, and exports."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from extractors import store
from extractors.documents import process_document, write_document
from review.app import create_app

REPORT = ("Kazakhstan: seizures\n\nIn 2023 police in Kazakhstan seized 41.1 tons of hashish, the Interior Ministry said. "
          "Customs found 706 kg of 4-CMC in July 2024.\n\n"
          "A blog quoted <script>alert('x')</script> and 3 tonnes of cocaine seized in Almaty.\n")


def local(app) -> TestClient:
    """A client of the app as this machine's browser reaches it (the app answers loopback names only)."""
    return TestClient(app, base_url="http://127.0.0.1")


def extract_into(output: Path, path: Path, name: str) -> None:
    document, text = process_document(path, display_path=name)
    write_document(document, text, output / "documents")
    with store.connect(output / "claims.sqlite") as connection:
        store.record_success(connection, name, document)


@pytest.fixture()
def output(tmp_path) -> Path:
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    extract_into(tmp_path / "output", source, "report.txt")
    return tmp_path / "output"


@pytest.fixture()
def client(output) -> TestClient:
    return local(create_app(output, reviewer="ana"))


def claim_id(client: TestClient, quantity: str) -> str:
    claims = client.get("/api/claims").json()["claims"]
    return next(c["id"] for c in claims if c["quantity"]["text"] == quantity)


def test_review_api_lists_claims_with_slots(client):
    body = client.get("/api/claims").json()
    assert body["counts"]["pending"] == len(body["claims"]) == 3
    claim = next(c for c in body["claims"] if c["quantity"]["text"] == "41.1 tons")
    assert claim["quantity"]["value"] == 41100.0 and claim["quantity"]["unit"] == "kg"
    assert claim["date"]["start_date"] == "2023-01-01"
    assert claim["location"]["country_code"] == "KZ"
    assert [s["canonical"] for s in claim["substances"]] == ["cannabis resin"]
    assert claim["sentence"].startswith("In 2023 police in Kazakhstan seized 41.1 tons")
    assert set(claim) >= {"id", "document", "statement", "status", "sentence"}


@pytest.mark.parametrize("query, expected", [
    ("status=pending", 3), ("status=accepted", 0), ("document=report", 3), ("document=other", 0),
    ("substance=cocaine", 1), ("country=KZ", 3), ("limit=2", 2), ("limit=2&offset=2", 1),
])
def test_review_api_filters(client, query, expected):
    assert len(client.get(f"/api/claims?{query}").json()["claims"]) == expected


def test_review_decisions_and_errors(client):
    target = claim_id(client, "41.1 tons")
    response = client.post(f"/api/claims/{target}/review", json={"status": "accepted", "note": "checked"})
    assert response.status_code == 200
    assert response.json()["status"] == "accepted" and response.json()["reviewer"] == "ana"
    assert client.post("/api/claims/unknown/review", json={"status": "accepted"}).status_code == 404
    assert client.post(f"/api/claims/{target}/review", json={"status": "maybe"}).status_code == 422
    assert client.post(f"/api/claims/{target}/review", json={"status": "corrected"}).status_code == 422
    assert client.post(f"/api/claims/{target}/review", json={"status": "corrected", "corrections": {"colour": 1}}).status_code == 422
    assert client.post(f"/api/claims/{target}/review", data={"status": "accepted"}).status_code == 415
    assert client.get("/api/claims?status=accepted").json()["counts"]["accepted"] == 1


def test_review_history_and_undo(client, output):
    target = claim_id(client, "706 kg")
    client.post(f"/api/claims/{target}/review", json={"status": "rejected", "reviewer": "ben"})
    client.post(f"/api/claims/{target}/review", json={"status": "corrected", "corrections": {"value": 700}})
    assert client.post("/api/undo", json={"reviewer": "ana"}).json()["status"] == "rejected"
    assert client.post("/api/undo", json={"reviewer": "ben"}).json()["status"] == "pending"
    with store.connect(output / "claims.sqlite") as connection:
        rows = connection.execute("SELECT id, status, reverts FROM review_history WHERE claim_id = ? ORDER BY id",
                                  (target,)).fetchall()
    assert [row["status"] for row in rows] == ["rejected", "corrected", "undo", "undo"]  # history only grows
    assert [row["reverts"] for row in rows[2:]] == [rows[1]["id"], rows[0]["id"]]  # each undo names what it reverted
    history = client.get(f"/claims/{target}").text
    assert "undo (of corrected by ana)" in history and "undo (of rejected by ben)" in history


def test_review_undo_takes_back_the_reviewers_last_decision_wherever_it_was_made(client):
    first, second = claim_id(client, "706 kg"), claim_id(client, "41.1 tons")
    client.post(f"/api/claims/{first}/review", json={"status": "accepted", "reviewer": "ana"})
    client.post(f"/api/claims/{second}/review", json={"status": "rejected", "reviewer": "ana"})
    undone = client.post("/api/undo", json={"reviewer": "ana"}).json()  # from any page: the second claim's rejection
    assert (undone["id"], undone["status"]) == (second, "pending")
    client.post(f"/api/claims/{first}/review", json={"status": "rejected", "reviewer": "ben"})
    conflict = client.post("/api/undo", json={"reviewer": "ana"})  # ana's accept of the first was decided over since
    assert conflict.status_code == 409 and f"ben decided {first} since" in conflict.json()["detail"]
    assert client.get(f"/api/claims/{first}").json()["status"] == "rejected"
    assert client.post("/api/undo", json={"reviewer": "carl"}).status_code == 404


def test_review_survives_reextraction_and_orphans_are_kept(client, output, tmp_path):
    from dataclasses import replace

    kept, dropped = claim_id(client, "41.1 tons"), claim_id(client, "706 kg")
    client.post(f"/api/claims/{kept}/review", json={"status": "accepted"})
    client.post(f"/api/claims/{dropped}/review", json={"status": "rejected", "note": "wrong"})
    source = tmp_path / "report.txt"
    document, text = process_document(source, display_path="report.txt")  # a re-run: the same ids
    assert {c.id for c in document.claims} >= {kept, dropped}
    narrower = replace(document, claims=tuple(c for c in document.claims if c.id != dropped))  # as after a rule change
    with store.connect(output / "claims.sqlite") as connection:
        store.record_success(connection, "report.txt", narrower)
    fresh = local(create_app(output, reviewer="ana"))
    claims = {c["id"]: c for c in fresh.get("/api/claims").json()["claims"]}
    assert claims[kept]["status"] == "accepted"
    assert dropped not in claims
    assert fresh.get("/api/claims").json()["counts"]["orphaned"] == 1
    assert dropped in fresh.get("/").text


def test_review_pages_escape_document_text(client):
    target = claim_id(client, "3 tonnes")
    page = client.get(f"/claims/{target}").text
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page
    assert 'class="slot-q"' in page and 'class="slot-s"' in page and 'class="slot-l"' in page


def test_review_queue_page(client):
    page = client.get("/?status=pending&sort=confidence").text
    assert page.count('class="claim-link"') == 3 and "pending" in page


def test_review_export_keeps_originals_beside_corrections(client, output):
    from claims_cli.main import cli

    target = claim_id(client, "41.1 tons")
    client.post(f"/api/claims/{target}/review", json={"status": "corrected", "corrections": {"value": 41000, "unit": "kg"}})
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--output", str(output), "--format", "jsonl", "--status", "corrected"])
    (row,) = [json.loads(line) for line in result.output.splitlines()]
    assert (row["value"], row["original_value"], row["unit"]) == (41000.0, 41100.0, "kg")  # the unit did not change
    assert "original_unit" not in row and row["substances"] == ["cannabis resin"]
    result = runner.invoke(cli, ["export", "--output", str(output), "--format", "csv", "--status", "all"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3
    corrected = next(r for r in rows if r["claim_id"] == target)
    assert (corrected["value"], corrected["original_value"], corrected["status"]) == ("41000.0", "41100.0", "corrected")
    untouched = next(r for r in rows if r["claim_id"] != target)
    assert untouched["original_value"] == "" and untouched["value"]


@pytest.fixture()
def pdf_output(tmp_path) -> tuple[Path, Path]:
    from tests.pdfs import make_report_pdf

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraphs = ["Seizures in Peru rose sharply during the year under review, officials said.",
                  "In March 2024 police in Peru seized 2.4 tonnes of cocaine at the port of Callao."]
    make_report_pdf(corpus / "peru.pdf", paragraphs, columns=1)
    extract_into(tmp_path / "output", corpus / "peru.pdf", "peru.pdf")
    return corpus, tmp_path / "output"


def test_review_shows_the_pdf_page_with_the_claim_boxes(pdf_output):
    from PIL import Image

    from review.pages import SLOT_COLOURS

    corpus, output = pdf_output
    client = local(create_app(output, corpus_dir=corpus))
    claim = next(c for c in client.get("/api/claims").json()["claims"] if c["quantity"]["text"] == "2.4 tonnes")
    assert claim["quantity"]["page"] == 1 and '<img id="page-image"' in client.get(f"/claims/{claim['id']}").text
    response = client.get(f"/claims/{claim['id']}/page.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert image.width > image.height  # a band of the page around the claim, not the whole page
    outline = tuple(int(SLOT_COLOURS["quantity"][i:i + 2], 16) for i in (1, 3, 5))
    assert outline in {colour for _, colour in image.getcolors(maxcolors=1 << 20)}

    (corpus / "peru.pdf").write_bytes((corpus / "peru.pdf").read_bytes() + b"\n% edited\n")
    assert client.get(f"/claims/{claim['id']}/page.png").status_code == 409  # never a box on a changed page


def test_review_page_image_is_404_for_text_sources(client):
    assert client.get(f"/claims/{claim_id(client, '41.1 tons')}/page.png").status_code == 404


STORY = ("Police seize 2 tonnes of cocaine at Guayaquil port\n\n"
         "GUAYAQUIL, Ecuador, March 14 (Agency) - Ecuadorean police found 2,100 kilograms of cocaine in a banana container "
         "at the port of Guayaquil on Tuesday, the National Police said on Thursday.\n\n"
         "Inspectors counted 1,900 bricks of the drug.\n\nOfficers detained 11 people.\n")


def test_review_claim_page_says_where_each_slot_came_from(tmp_path):
    source = tmp_path / "wire.txt"
    source.write_text(STORY, encoding="utf-8")
    extract_into(tmp_path / "output", source, "wire.txt")
    client = local(create_app(tmp_path / "output", reviewer="ana"))
    bricks = client.get(f"/api/claims/{claim_id(client, '1,900')}").json()
    assert bricks["why"] == {slot: "from the lead, 1 paragraph up" for slot in ("date", "location", "substances", "organisations")}
    people = client.get(f"/api/claims/{claim_id(client, '11')}").json()
    assert people["why"]["substances"] == "none: people are no amount of a drug"
    page = client.get(f"/claims/{claim_id(client, '1,900')}").text
    assert 'id="why-date">from the lead, 1 paragraph up<' in page and "measures: drug" in page


def test_review_decisions_under_pre_0_2_ids_follow_their_claims(tmp_path):
    from extractors.model import legacy_claim_id
    from review.store import ReviewStore

    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    document, _ = process_document(source, display_path="report.txt")
    quantity = next(m for m in document.mentions if m.text == "706 kg")
    claim = next(c for c in document.claims if c.quantity == quantity.id)
    reviews = ReviewStore(tmp_path / "output")  # a registry from before 0.2.0: the decision is under the old id
    reviews.decide(legacy_claim_id(document.source["sha256"], quantity.start, quantity.end), "accepted", {}, "", "ana")
    extract_into(tmp_path / "output", source, "report.txt")
    assert reviews.review(claim.id).status == "accepted"
    assert reviews.orphans() == [] and len(reviews.history(claim.id)) == 1


def test_review_table_claim_shows_its_row_and_column_headers(tmp_path):
    from tests.pdfs import make_annex_table_pdf
    from tests.test_pdf import ANNEX_HEADER, ANNEX_ROWS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_annex_table_pdf(corpus / "annex.pdf", "Firearms seized, 2023-2024", ANNEX_HEADER, ANNEX_ROWS,
                         header_above={5: "Home-made"})
    extract_into(tmp_path / "output", corpus / "annex.pdf", "annex.pdf")
    client = local(create_app(tmp_path / "output", corpus_dir=corpus))
    claims = client.get("/api/claims").json()["claims"]
    three = next(c for c in claims if c["quantity"]["text"] == "3" and c["quantity"]["counted"] == "home-made weapons")
    claim = client.get(f"/api/claims/{three['id']}").json()
    assert claim["table"] == {"row": "2024 / February", "column": "Home-made weapons", "caption": "Firearms seized, 2023-2024"}
    page = client.get(f"/claims/{three['id']}").text
    assert 'id="cell-row">2024 / February<' in page and 'id="cell-column">Home-made weapons<' in page
    assert claim["why"]["date"] == "from its row's label"
    total = next(c for c in claims if c["quantity"]["text"] == "43")
    assert client.get(f"/api/claims/{total['id']}").json()["table"]["row"] == "2023 / Total"


def test_review_claim_page_shows_the_footnotes_its_sentence_cites(tmp_path):
    from tests.pdfs import make_superscript_pdf

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [[("Customs in Durres seized 1,250 kg of cocaine in March 2024.", False), ("14", True)]]
    lines += [[("Police reports describe the route in detail.", False)]] * 8
    lines += [[("__________________", False)], [("14", True), (" Customs Administration, press release, 2 April 2024.", False)]]
    make_superscript_pdf(corpus / "notes.pdf", lines)
    extract_into(tmp_path / "output", corpus / "notes.pdf", "notes.pdf")
    client = local(create_app(tmp_path / "output", corpus_dir=corpus))
    claim = next(c for c in client.get("/api/claims").json()["claims"] if c["quantity"]["text"] == "1,250 kg")
    notes = client.get(f"/api/claims/{claim['id']}").json()["footnotes"]
    assert notes == [{"number": "14", "text": "Customs Administration, press release, 2 April 2024."}]
    assert '<li value="14">Customs Administration, press release, 2 April 2024.</li>' in client.get(f"/claims/{claim['id']}").text


@pytest.mark.parametrize("query, message", [
    ("min_confidence=high", "min_confidence must be a number from 0 to 1, not 'high'"),
    ("min_confidence=nan", "min_confidence must be a number from 0 to 1, not 'nan'"),
    ("status=done", "status must be one of pending, accepted, rejected, corrected, not 'done'"),
    ("sort=colour", "sort must be one of document, statement, status, confidence, value, date, country (or -column for descending), not 'colour'"),
])
def test_review_bad_filter_values_are_a_400_that_says_why(client, query, message):
    for path in ("/", "/api/claims"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400 and response.json()["detail"] == message


def test_review_an_empty_output_folder_says_to_run_the_extraction_first(tmp_path, output):
    page = local(create_app(tmp_path / "empty")).get("/")
    assert page.status_code == 200 and "run <code>claims run</code> first" in page.text
    assert 'id="empty"' not in local(create_app(output)).get("/").text


@pytest.fixture()
def long_queue(tmp_path) -> TestClient:
    source = tmp_path / "long.txt"
    source.write_text("".join(f"On {1 + i % 28} March 2024 police in Peru seized {i + 1} kg of cocaine.\n\n" for i in range(250)),
                      encoding="utf-8")
    extract_into(tmp_path / "output", source, "long.txt")
    return local(create_app(tmp_path / "output"))


def test_review_queue_pages_through_every_claim_with_totals(long_queue):
    first = long_queue.get("/?status=pending").text
    assert "1–100 of 250" in first and 'id="previous-page"' not in first
    second_link = re.search(r'id="next-page" href="/\?([^"]+)"', first).group(1)
    second = long_queue.get(f"/?{second_link.replace('&amp;', '&')}").text
    assert "101–200 of 250" in second and 'id="previous-page"' in second
    assert "201–250 of 250" in long_queue.get("/?status=pending&page=3").text
    assert long_queue.get("/?page=4").status_code == 400 and long_queue.get("/?page=two").status_code == 400
    listed = long_queue.get("/api/claims?limit=100&offset=200").json()
    assert listed["total"] == 250 and len(listed["claims"]) == 50


def test_review_claim_page_says_where_it_stands_in_its_queue_and_the_queue_says_when_it_ended(long_queue):
    ids = [c["id"] for c in long_queue.get("/api/claims?limit=1000").json()["claims"]]
    assert 'id="position">12 of 250 in this queue<' in long_queue.get(f"/claims/{ids[11]}").text
    assert 'id="end-of-queue"' in long_queue.get("/?end=1").text and 'id="end-of-queue"' not in long_queue.get("/").text
