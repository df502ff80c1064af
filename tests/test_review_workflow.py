"""The review API's working flows: corrections read the way analysts type them, versioned decisions, batch
decisions undone as one step, queue search and sort, and claims added or re-spanned from the document view."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claims_cli.main import cli
from review.app import create_app
from review.corrections import CorrectionErrors, merge, read_number
from tests.test_review import claim_id, extract_into, local


@pytest.mark.parametrize("typed, value", [
    ("1,200", 1200.0), ("1 200", 1200.0), ("1.2 million", 1_200_000.0), ("two thousand", 2000.0),
    ("-14.3", -14.3), (706, 706.0), ("0.5", 0.5),
])
def test_review_numbers_are_read_as_analysts_write_them(typed, value):
    assert read_number(typed) == value


@pytest.mark.parametrize("typed", ["abc", "1,2,", "", float("nan"), float("inf"), True])
def test_review_numbers_that_are_no_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        read_number(typed)


CLAIM = {"quantity": {"value": 706.0, "unit": "kg", "qualifier": "exact"},
         "date": {"start_date": "2024-07-01", "end_date": "2024-07-31"},
         "location": None, "substances": [{"canonical": "4-cmc"}], "organisations": []}


@pytest.mark.parametrize("typed, errors", [
    ({"value": "abc"}, {"value"}),
    ({"start_date": "2024-02-30"}, {"start_date"}),
    ({"start_date": "1 July"}, {"start_date"}),
    ({"end_date": "2024-06-30"}, {"end_date"}),  # before the start it keeps
    ({"value_max": "700"}, {"value_max"}),  # below the value
    ({"qualifier": "roughly"}, {"qualifier"}),
    ({"country_code": "XX"}, {"country_code"}),
    ({"colour": "red", "value": "x"}, {"colour", "value"}),  # every failing field is named at once
])
def test_review_corrections_that_cannot_be_read_name_their_fields(typed, errors):
    with pytest.raises(CorrectionErrors) as failed:
        merge(CLAIM, {}, typed)
    assert set(failed.value.errors) == errors


def test_review_corrections_keep_only_what_differs_from_the_extraction():
    assert merge(CLAIM, {}, {"value": "706", "unit": "kg", "start_date": "2024-07-01"}) == {}
    earlier = merge(CLAIM, {}, {"value": "1,200", "substances": "4-cmc; 4-mmc"})
    assert earlier == {"value": 1200.0, "substances": ["4-cmc", "4-mmc"]}
    again = merge(CLAIM, earlier, {"qualifier": "approx", "value": "706"})  # the value put back is no correction
    assert again == {"substances": ["4-cmc", "4-mmc"], "qualifier": "approx"}
    assert merge(CLAIM, {}, {"end_date": ""}) == {"end_date": None}  # emptying a field clears it


def test_review_api_stores_a_thousands_separator_correction_and_shows_it_beside_the_original(client):
    target = claim_id(client, "706 kg")
    saved = client.post(f"/api/claims/{target}/review", json={"status": "corrected", "corrections": {
        "value": "1,200", "value_max": "1.5 thousand", "organisations": "Customs Service; State Border Service"}})
    assert saved.status_code == 200
    body = saved.json()
    assert body["corrections"] == {"value": 1200.0, "value_max": 1500.0,
                                   "organisations": ["Customs Service", "State Border Service"]}
    assert body["values"]["value"] == 1200.0 and body["original"]["value"] == 706.0
    page = client.get(f"/claims/{target}").text
    assert '<ins class="corrected" data-field="value">1,200</ins> <del title="extracted">706</del>' in page
    assert 'name="value" value="1,200"' in page  # a re-edit starts from the current value
    assert "Customs Service; State Border Service" in page


@pytest.mark.parametrize("corrections, field", [
    ({"value": "abc"}, "value"), ({"start_date": "2024-02-30"}, "start_date"), ({"value": "1e999"}, "value"),
])
def test_review_api_refuses_a_correction_it_cannot_read_and_saves_nothing(client, corrections, field):
    target = claim_id(client, "706 kg")
    refused = client.post(f"/api/claims/{target}/review", json={"status": "corrected", "corrections": corrections})
    assert refused.status_code == 422 and field in refused.json()["detail"]["errors"]
    assert client.get(f"/api/claims/{target}").json()["status"] == "pending"


def test_review_api_refuses_nan_sent_as_a_json_number(client):
    target = claim_id(client, "706 kg")
    body = '{"status": "corrected", "corrections": {"value": NaN}}'
    refused = client.post(f"/api/claims/{target}/review", content=body, headers={"Content-Type": "application/json"})
    assert refused.status_code == 422 and refused.json()["detail"]["errors"] == {"value": "must be a finite number"}


def test_review_api_a_second_reviewer_over_a_changed_decision_gets_a_conflict(client):
    target = claim_id(client, "706 kg")
    seen = client.get(f"/api/claims/{target}").json()["version"]
    first = client.post(f"/api/claims/{target}/review", json={"status": "accepted", "reviewer": "ana", "version": seen})
    assert first.status_code == 200 and first.json()["version"] == seen + 1
    second = client.post(f"/api/claims/{target}/review", json={"status": "rejected", "reviewer": "ben", "version": seen})
    assert second.status_code == 409 and "ana accepted this claim" in second.json()["detail"]
    assert client.get(f"/api/claims/{target}").json()["status"] == "accepted"
    assert [c["id"] for c in client.get("/api/claims?conflicts=1").json()["claims"]] == [target]
    history = client.get(f"/claims/{target}").text
    assert "refused: rejected (written over accepted by ana)" in history
    resolved = client.post(f"/api/claims/{target}/review", json={"status": "rejected", "reviewer": "ben",
                                                                  "version": seen + 1})
    assert resolved.status_code == 200 and client.get("/api/claims?conflicts=1").json()["total"] == 0


@pytest.fixture()
def long_client(tmp_path):
    source = tmp_path / "long.txt"
    places = ["Peru", "Colombia", "Ecuador"]
    source.write_text("".join(f"On {1 + i % 28} March 2024 police in {places[i % 3]} seized {i + 1} kg of cocaine.\n\n"
                              for i in range(30)), encoding="utf-8")
    extract_into(tmp_path / "output", source, "long.txt")
    return local(create_app(tmp_path / "output", reviewer="ana")), tmp_path / "output"


def test_review_batch_reject_of_a_filter_is_one_step_that_one_undo_takes_back(long_client):
    client, _ = long_client
    keep = client.get("/api/claims?country=Colombia").json()["claims"][0]["id"]
    client.post(f"/api/claims/{keep}/review", json={"status": "accepted"})
    wrong = client.post("/api/batch", json={"status": "rejected", "query": "country=pe", "expected": 9})
    assert wrong.status_code == 409 and "10 claims, not the 9 confirmed" in wrong.json()["detail"]
    done = client.post("/api/batch", json={"status": "rejected", "query": "country=pe", "expected": 10})
    assert done.json() == {"decided": 10, "status": "rejected"}
    counts = client.get("/api/claims").json()["counts"]
    assert (counts["rejected"], counts["accepted"], counts["pending"]) == (10, 1, 19)
    undone = client.post("/api/undo", json={"reviewer": "ana"}).json()
    assert len(undone["restored"]) == 10
    counts = client.get("/api/claims").json()["counts"]
    assert (counts["rejected"], counts["accepted"], counts["pending"]) == (0, 1, 29)  # the earlier accept stays
    picked = [c["id"] for c in client.get("/api/claims?limit=3").json()["claims"]]
    assert client.post("/api/batch", json={"status": "accepted", "claim_ids": picked, "expected": 3}).status_code == 200
    assert client.post("/api/batch", json={"status": "accepted", "claim_ids": ["nope"], "expected": 1}).status_code == 404


@pytest.mark.parametrize("query, expected", [
    ("country=Ecuador", 10), ("country=ec", 10), ("country=Ecua", 10), ("country=e", 0),
    ("q=colombia+seized", 10), ("q=COCAINE", 30), ("q=heroin", 0), ("document=LONG", 30),
])
def test_review_queue_searches_text_and_finds_a_country_by_name_or_code(long_client, query, expected):
    client, _ = long_client
    assert client.get(f"/api/claims?{query}").json()["total"] == expected


@pytest.mark.parametrize("sort, first_value", [("value", 1.0), ("-value", 30.0), ("-confidence", None)])
def test_review_queue_sorts_by_a_column_both_ways(long_client, sort, first_value):
    client, _ = long_client
    claims = client.get(f"/api/claims?sort={sort}&limit=1000").json()["claims"]
    if first_value is not None:
        assert claims[0]["values"]["value"] == first_value
    values = [c["confidence"] for c in claims]
    assert sort != "-confidence" or values == sorted(values, reverse=True)
    page = client.get(f"/?sort={sort}").text
    assert 'aria-sort="' in page and 'id="sort-statement"' in page


def test_review_a_claim_added_from_a_selection_is_stored_shown_and_exported_as_added(long_client):
    client, output = long_client
    doc_id = client.get("/api/claims").json()["claims"][0]["doc_id"]
    text = (output / "documents" / f"{doc_id}.txt").read_text(encoding="utf-8")
    start = text.index("police in Colombia")
    span = {"start": start, "end": start + len("police")}
    added = client.post(f"/api/documents/{doc_id}/claims", json={**span, "reviewer": "ana", "values": {
        "value": "1,200", "unit": "count", "country_code": "co", "start_date": "2024-03-02"}})
    assert added.status_code == 200, added.text
    claim = added.json()
    assert claim["added"] and claim["status"] == "accepted" and claim["quantity"]["text"] == "police"
    assert text[claim["quantity"]["start"]:claim["quantity"]["end"]] == "police"
    assert claim["values"]["value"] == 1200.0 and claim["values"]["country_code"] == "CO"
    assert claim["sentence"].startswith("On 2 March 2024 police in Colombia")
    assert claim["statement"] == "Colombia, 2024-03-02: 1,200"  # written like an extracted claim's statement
    assert client.get("/api/claims").json()["total"] == 31
    assert client.post(f"/api/documents/{doc_id}/claims", json={**span, "values": {"value": 1}}).status_code == 409
    assert client.post(f"/api/documents/{doc_id}/claims", json={"start": 0, "end": 5, "values": {}}).status_code == 422
    assert client.post(f"/api/documents/{doc_id}/claims",
                       json={"start": len(text), "end": len(text) + 4, "values": {"value": 1}}).status_code == 422
    result = CliRunner().invoke(cli,
                                ["export", "--output", str(output), "--format", "jsonl"])
    (row,) = [json.loads(line) for line in result.output.splitlines()]
    assert (row["claim_id"], row["added"], row["quantity_text"], row["value"]) == (claim["id"], True, "police", 1200.0)
    page = client.get(f"/documents/{doc_id}").text
    assert f'id="claim-{claim["id"]}"' in page and page.count('class="doc-claim status-') == 31 + 4  # 4 in the legend


def test_review_a_moved_span_is_the_new_slice_with_the_old_text_kept(long_client):
    client, output = long_client
    claim = client.get("/api/claims").json()["claims"][0]
    text = (output / "documents" / f"{claim['doc_id']}.txt").read_text(encoding="utf-8")
    start, extracted = claim["quantity"]["start"], claim["quantity"]["text"]
    moved = client.post(f"/api/claims/{claim['id']}/span", json={"start": start, "end": start + 1})
    assert moved.status_code == 200
    body = moved.json()
    assert body["quantity"]["text"] == text[start:start + 1] and body["original_quantity_text"] == extracted
    assert body["status"] == "corrected" and body["corrections"]["span"] == {"start": start, "end": start + 1}
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(
        cli,
        ["export", "--output", str(output), "--format", "csv", "--status", "corrected"]).output)))
    assert (rows[0]["quantity_text"], rows[0]["original_quantity_text"]) == (extracted[0], extracted)


def test_review_document_view_offsets_hold_across_windows_line_ends(tmp_path):
    from review.document_view import document_marks

    text = "Title\r\n\r\nPolice seized 5 kg.\r\nMore."
    claim = {"id": "c", "quantity": {"start": text.index("5 kg"), "end": text.index("5 kg") + 4}}
    pieces = document_marks(text, [claim])
    assert "".join(p.text for p in pieces) == text
    assert all(text[p.start:p.start + len(p.text)] == p.text for p in pieces)
    assert not any("\r\n" in p.text for p in pieces)
    assert [p.text for p in pieces if p.claim] == ["5 kg"]


@pytest.fixture()
def client(tmp_path):
    from tests.test_review import REPORT

    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    extract_into(tmp_path / "output", source, "report.txt")
    return local(create_app(tmp_path / "output", reviewer="ana"))
