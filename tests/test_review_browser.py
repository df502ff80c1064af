"""One real browser (Debian's chromium driven by Playwright) reviews a claim with the keyboard."""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from review.app import create_app
from review.store import ReviewStore
from tests.conftest import ROOT
from tests.test_review import REPORT, extract_into

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@contextmanager
def serving(output: Path) -> Iterator[str]:
    """The review app on a free loopback port, in a thread, for as long as the block runs."""
    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(create_app(output, reviewer="browser"), host="127.0.0.1", port=port,
                                             log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=5)


@pytest.fixture()
def server(tmp_path):
    require_chromium()
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    output = tmp_path / "output"
    extract_into(output, source, "report.txt")
    with serving(output) as base:
        yield base, output


def test_review_browser_accepts_a_claim_with_the_keyboard(server, tmp_path):
    from playwright.sync_api import sync_playwright

    base, output = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/?status=pending")
            assert page.locator("a.claim-link").count() == 3
            page.locator("a.claim-link").first.click()
            page.wait_for_selector("#context mark.slot-q")
            claim_url = page.url
            claim_id = claim_url.split("/claims/")[1].split("?")[0]
            page.keyboard.press("a")
            page.wait_for_url(lambda url: url != claim_url, timeout=10_000)
            ARTIFACTS.mkdir(exist_ok=True)
            page.goto(claim_url)
            page.wait_for_selector("#status.status-accepted")
            page.screenshot(path=str(ARTIFACTS / "review-claim.png"), full_page=True)
        finally:
            browser.close()
    review = ReviewStore(output).review(claim_id)
    assert (review.status, review.reviewer) == ("accepted", "browser")


def test_review_browser_buttons_do_what_the_keys_do_and_keys_stay_out_of_fields(server):
    from playwright.sync_api import sync_playwright

    base, output = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 420, "height": 900})  # a phone's width
            page.goto(f"{base}/?status=pending")
            page.locator("a.claim-link").first.click()
            page.wait_for_selector("#actions button[data-key='a']")
            first = page.url
            first_id = first.split("/claims/")[1].split("?")[0]
            page.locator("#note").click()
            page.keyboard.type("a rare route")  # "a" and "r" typed into the note decide nothing
            assert page.url == first and ReviewStore(output).review(first_id).status == "pending"
            page.keyboard.press("Escape")
            assert page.evaluate("document.activeElement === document.body")
            page.keyboard.press("?")
            assert page.locator("#help").is_visible()
            page.keyboard.press("e")
            assert page.locator("#edit").is_visible()
            page.keyboard.press("Escape")  # leaves the field and closes the form
            page.keyboard.press("a")  # with the form closed again, "a" accepts
            page.wait_for_url(lambda url: url != first, timeout=10_000)
            page.locator("#reviewer").fill("Ana")
            page.locator("#reviewer").dispatch_event("change")
            second = page.url
            second_id = second.split("/claims/")[1].split("?")[0]
            page.locator("#actions button[data-key='r']").click()  # a tap does what "r" does
            page.wait_for_url(lambda url: url != second, timeout=10_000)
            assert page.locator("#reviewer").input_value() == "Ana"  # the name goes on to the next claim
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "review-claim-420px.png"), full_page=True)
            assert page.locator("#position").inner_text() == "1 of 1 in this queue"  # the last pending claim
            page.keyboard.press("a")
            page.wait_for_selector("#end-of-queue")  # deciding the last claim ends at the queue, which says so
            assert "end=1" in page.url and "No claims match these filters." in page.locator("#range").inner_text()
            last_url = page.url
            page.goto(f"{base}/claims/{first_id}")
            page.keyboard.press("u")  # undo from another claim's page: Ana's last decision, on the third claim
            page.wait_for_url(lambda url: url != f"{base}/claims/{first_id}" and url != last_url, timeout=10_000)
            page.wait_for_selector("#status.status-pending")
            third_id = page.url.split("/claims/")[1].split("?")[0]
        finally:
            browser.close()
    store = ReviewStore(output)
    assert store.review(first_id).status == "accepted"
    assert (store.review(second_id).status, store.review(second_id).reviewer) == ("rejected", "Ana")
    assert store.review(first_id).note == "a rare route"  # the note typed on the first claim went with its decision
    assert third_id not in (first_id, second_id) and store.review(third_id).status == "pending"  # "a" then "u": as before
