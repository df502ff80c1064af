"""One real browser (Debian's chromium driven by Playwright) reviews a claim with the keyboard."""
from __future__ import annotations

import os
import socket
import threading
import time
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


@pytest.fixture()
def server(tmp_path):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    output = tmp_path / "output"
    extract_into(output, source, "report.txt")
    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(create_app(output, reviewer="browser"), host="127.0.0.1", port=port,
                                             log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", output
    instance.should_exit = True
    thread.join(timeout=5)


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
