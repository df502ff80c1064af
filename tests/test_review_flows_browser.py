"""Each review flow driven end to end in Debian's chromium: correct, undo, batch, add from the document, conflict, paging.

Every test checks what the reviewer sees and what the store keeps; screenshots land in test-artifacts/ to be looked at.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims_cli.main import cli
from review.store import ReviewStore
from tests.test_review import extract_into
from tests.test_review_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium, serving

REPORT = ("Kazakhstan: seizures\n\nIn 2023 police in Kazakhstan seized 41.1 tons of hashish, the Interior Ministry said. "
          "Customs found 706 kg of 4-CMC in July 2024.\n\n"
          "Border guards stopped a dozen couriers near Almaty in May 2023. "
          "A blog reported 3 tonnes of cocaine seized in Almaty.\n")
CITIES = ["Almaty", "Bishkek", "Dushanbe", "Tashkent", "Minsk", "Osh"]


@pytest.fixture()
def app(tmp_path) -> Iterator[tuple[str, Path]]:
    require_chromium()
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    extract_into(tmp_path / "output", source, "report.txt")
    with serving(tmp_path / "output") as base:
        yield base, tmp_path / "output"


@contextmanager
def browser_pages(count: int = 1, width: int = 1280) -> Iterator[list]:
    """``count`` pages, each in its own browser context (as two reviewers on two machines would be)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            pages = [browser.new_context(viewport={"width": width, "height": 900}).new_page() for _ in range(count)]
            for page in pages:
                page.on("dialog", lambda dialog: dialog.accept())  # batch confirmations: the reviewer says yes
            yield pages
        finally:
            browser.close()


def open_claim(page, base: str, quantity: str | None = None, query: str = "") -> str:
    """Open from the queue (``query`` its filters) the claim whose quantity reads ``quantity``, else the
    first one; returns its id."""
    page.goto(f"{base}/{query}")
    rows = page.locator("#queue tr", has_text=quantity) if quantity else page.locator("#queue tbody tr").first
    rows.locator("a.claim-link").click()
    page.wait_for_selector("#actions")
    return page.url.split("/claims/")[1].split("?")[0]


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_a_correction_typed_with_a_thousands_separator_is_stored_and_shown(app):
    base, output = app
    with browser_pages() as (page,):
        claim = open_claim(page, base, "706 kg")
        page.keyboard.press("e")
        page.locator("#edit input[name=value]").fill("1,2,")
        page.locator("#edit button[type=submit]").click()
        error = page.locator('.field-error[data-for="value"]')
        error.wait_for()
        assert "number" in error.inner_text()  # refused in place, nothing saved
        assert ReviewStore(output).review(claim).status == "pending"
        page.locator("#edit input[name=value]").fill("1,200")
        page.locator("#edit input[name=end_date]").fill("2024-07-31")  # unchanged: not stored as a correction
        shot(page, "review-edit-form.png")
        page.locator("#edit button[type=submit]").click()
        page.wait_for_url(lambda url: f"/claims/{claim}" not in url)
        page.goto(f"{base}/claims/{claim}")
        assert page.locator("#value-quantity ins.corrected").inner_text() == "1,200"
        assert page.locator("#value-quantity del").first.inner_text() == "706"
        page.keyboard.press("e")  # re-editing starts from the corrected value
        assert page.locator("#edit input[name=value]").input_value() == "1,200"
        page.goto(f"{base}/?status=corrected")
        assert "1,200 kg" in page.locator("#queue tbody tr").first.inner_text()
    assert ReviewStore(output).review(claim).corrections == {"value": 1200.0}


def test_accept_then_undo_restores_the_pending_claim_and_keeps_both_rows(app):
    base, output = app
    with browser_pages() as (page,):
        claim = open_claim(page, base, query="?status=pending")
        first = page.url
        page.keyboard.press("a")
        page.wait_for_url(lambda url: url != first)
        assert ReviewStore(output).review(claim).status == "accepted"
        page.keyboard.press("u")  # on the next claim's page: undoes the decision just made, and goes back to it
        page.wait_for_url(lambda url: claim in url)
        page.wait_for_selector("#status.status-pending")
        assert "accepted" in page.locator("#history").inner_text()  # the history keeps the decision and its undo
    history = ReviewStore(output).history(claim)
    assert [row["status"] for row in history] == ["accepted", "undo"]
    assert history[-1]["reverted"] == "accepted" and history[-1]["reviewer"] == "browser"


def test_a_batch_reject_of_a_filtered_set_and_its_undo(app):
    base, output = app
    with browser_pages() as (page,):
        page.goto(f"{base}/?q=seized")
        total = len(page.locator("a.claim-link").all())
        assert total == 2 and "1–2 of 2" in page.locator("#range").inner_text()
        page.locator("#reject-all").click()  # the confirm dialog names the count; the fixture accepts it
        page.wait_for_selector("td.status-rejected")
        assert page.locator("td.status-rejected").count() == 2
        shot(page, "review-queue.png")
        statuses = {claim["id"]: claim["status"] for claim in json.loads(page.evaluate(
            "fetch('/api/claims').then(r => r.text())"))["claims"]}
        assert sorted(statuses.values()) == ["pending", "rejected", "rejected"]  # only the filtered two
        page.locator("#undo").click()
        page.wait_for_selector("#message:not([hidden])")
        assert "2 claim(s) back" in page.locator("#message").inner_text()
        page.wait_for_selector("td.status-pending")
    store = ReviewStore(output)
    assert all(store.review(claim).status == "pending" for claim in statuses)


def test_a_claim_added_from_a_selection_in_the_document_view_reaches_queue_and_export(app):
    base, output = app
    with browser_pages() as (page,):
        page.goto(f"{base}/")
        page.locator("a.doc-link").first.click()
        page.wait_for_selector("#document a.doc-claim")
        assert page.locator("#document a.doc-claim").count() == 3  # every claim marked in the whole text
        page.evaluate("""() => {  // the reviewer drags over "a dozen couriers"
            const walker = document.createTreeWalker(document.getElementById('document'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.textContent.indexOf('a dozen couriers');
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(walker.currentNode, at);
                range.setEnd(walker.currentNode, at + 'a dozen couriers'.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
            }
        }""")
        page.wait_for_selector("#add:not([hidden])")
        assert page.locator("#selected-text").inner_text() == "a dozen couriers"
        page.locator("#add input[name=value]").fill("12")
        page.locator("#add input[name=unit]").fill("count")
        page.locator("#add input[name=start_date]").fill("2023-05-01")
        page.locator("#add input[name=end_date]").fill("2023-05-31")
        page.locator("#add input[name=country_code]").fill("KZ")
        shot(page, "review-document.png")
        page.locator("#add-claim").click()
        page.wait_for_selector("#added")
        assert page.locator("#context mark.slot-q").inner_text() == "a dozen couriers"
        page.goto(f"{base}/?status=accepted")
        row = page.locator("#queue tbody tr", has_text="added")
        assert row.count() == 1 and "12 count" in row.inner_text()
        assert "Kazakhstan, 2023-05-01 to 2023-05-31: 12" in row.inner_text()
    text = (output / "documents").glob("*.txt").__next__().read_text(encoding="utf-8")
    exported = [json.loads(line) for line in CliRunner().invoke(
        cli, ["export", "--output", str(output), "--status", "accepted"]).output.splitlines()]
    assert [(row["added"], row["value"], row["country_code"]) for row in exported] == [(True, 12.0, "KZ")]
    span = exported[0]["quantity_text"]
    assert span == "a dozen couriers" and span in text


def test_two_reviewers_deciding_one_claim_get_a_conflict_not_a_silent_overwrite(app):
    base, output = app
    with browser_pages(2) as (ana, ben):
        claim = open_claim(ana, base, "706 kg")
        open_claim(ben, base, "706 kg")
        ana.keyboard.press("a")
        ana.wait_for_url(lambda url: claim not in url)
        ben.keyboard.press("r")  # Ben still sees the pending claim Ana has just accepted
        ben.wait_for_selector("#message:not([hidden])")
        assert "reload" in ben.locator("#message").inner_text() and claim in ben.url
        ben.goto(f"{base}/?conflicts=1")
        assert ben.locator("a.claim-link").count() == 1
    store = ReviewStore(output)
    assert store.review(claim).status == "accepted" and store.conflicted() == {claim}
    assert [row["status"] for row in store.history(claim)] == ["accepted", "refused"]


def test_the_queue_pages_through_to_claim_1452(tmp_path):
    require_chromium()
    sentences = [f"On {1 + n % 28} March 2024 police in {CITIES[n % 6]} seized {100 + n} kg of hashish."
                 for n in range(1452)]
    source = tmp_path / "many.txt"
    source.write_text("Seizures, 2024\n\n" + "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, 1452, 4)),
                      encoding="utf-8")
    extract_into(tmp_path / "output", source, "many.txt")
    with serving(tmp_path / "output") as base, browser_pages() as (page,):
        page.goto(f"{base}/")
        assert page.locator("#range").inner_text().startswith("1–100 of 1,452")
        pages = 1
        while page.locator("#next-page").count():
            page.locator("#next-page").click()
            pages += 1
        assert pages == 15 and page.locator("#range").inner_text().startswith("1,401–1,452 of 1,452")
        page.locator("a.claim-link").last.click()
        page.wait_for_selector("#position")
        assert page.locator("#position").inner_text() == "1,452 of 1,452 in this queue"
        assert page.locator("#actions button[data-key='n']").is_disabled()
