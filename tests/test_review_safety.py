"""The review server's protections: no framing and a nonce CSP, loopback host names only, no writes from
other sites, a body limit, and a token whenever it binds beyond loopback (a real server for that one)."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from review.app import create_app
from review.safety import MAX_BODY
from tests.test_review import extract_into


@pytest.fixture()
def output(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text("In 2023 police in Kazakhstan seized 41.1 tons of hashish.\n", encoding="utf-8")
    extract_into(tmp_path / "output", source, "report.txt")
    return tmp_path / "output"


def client_at(output, base_url="http://127.0.0.1", **options) -> TestClient:
    return TestClient(create_app(output, reviewer="ana", **options), base_url=base_url, follow_redirects=False)


def review_url(client: TestClient) -> str:
    claim = client.get("/api/claims").json()["claims"][0]
    return f"/api/claims/{claim['id']}/review"


@pytest.mark.parametrize("path", ["/", "/api/claims"])
def test_review_safety_pages_cannot_be_framed_and_load_nothing_from_elsewhere(output, path):
    response = client_at(output).get(path)
    policy = response.headers["content-security-policy"]
    assert response.status_code == 200 and response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    if path == "/":
        assert f'<style nonce="{nonce}">' in response.text  # the page's own style carries this response's nonce


@pytest.mark.parametrize("base_url, status", [("http://127.0.0.1", 200), ("http://localhost:8000", 200),
                                              ("http://rebound.example", 400)])
def test_review_safety_answers_its_own_host_names_only(output, base_url, status):
    assert client_at(output, base_url).get("/api/claims").status_code == status


@pytest.mark.parametrize("headers, status", [
    ({}, 200),  # a command-line client sends no Origin
    ({"Origin": "http://127.0.0.1"}, 200),
    ({"Origin": "http://evil.example"}, 403),
    ({"Sec-Fetch-Site": "cross-site"}, 403),
])
def test_review_safety_refuses_writes_from_other_sites(output, headers, status):
    client = client_at(output)
    response = client.post(review_url(client), json={"status": "accepted"}, headers=headers)
    assert response.status_code == status
    assert client.get("/api/claims").json()["claims"][0]["status"] == ("accepted" if status == 200 else "pending")


def test_review_safety_refuses_a_huge_body_before_reading_it(output):
    client = client_at(output)
    note = "x" * (MAX_BODY + 1)
    response = client.post(review_url(client), json={"status": "accepted", "note": note})
    assert response.status_code == 413 and note not in response.text

    def chunks():
        for _ in range(MAX_BODY // 1024 + 2):
            yield b" " * 1024  # sent in chunks, with no length to judge it by

    streamed = client.post(review_url(client), content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_review_safety_wants_the_token_beyond_loopback(output):
    client = client_at(output, "http://10.1.2.3:8000", host="0.0.0.0", token="s3cret")
    assert client.get("/api/claims").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    entry = client.get("/?token=s3cret")
    assert entry.status_code == 303 and "token" not in entry.headers["location"]
    assert client.get("/").status_code == 200  # the cookie the first page set
    bearer = TestClient(create_app(output, host="0.0.0.0", token="s3cret"), base_url="http://10.1.2.3:8000")
    assert bearer.get("/api/claims", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_review_safety_the_command_warns_and_prints_its_token_when_it_binds_beyond_loopback(output):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "claims_cli", "review", "--output", str(output), "--host", "0.0.0.0",
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        token = re.search(r"\?token=(\S+)", line).group(1)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/claims")
            except urllib.error.HTTPError as error:
                assert error.code == 401
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            pytest.fail("the server never answered")
        request = urllib.request.Request(f"{base}/api/claims", headers={"Authorization": f"Bearer {token}"})
        assert urllib.request.urlopen(request).status == 200
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "warning: serving beyond this machine" in errors
