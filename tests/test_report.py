"""The report and the dashboard: each chart's data against the store, the agreement of sources, a report
file that opens offline in chromium with every chart drawn, and dashboard filters that change the charts."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims_cli.main import cli
from review.app import create_app
from review.charts import WORLD_ATLAS
from review.claims import ClaimCatalogue
from review.figures import agreement_groups, chosen_claims, precision, rows_of
from review.report import build_views
from review.store import ReviewStore
from tests.conftest import ROOT
from tests.test_review import extract_into, local
from tests.test_review_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium

# Our own four reports: two give one Belgian half-year total with different decimals (a conflict), two give
# one Dutch yearly total as "45 tonnes" and "45,000 kg" (they agree).
DOCUMENTS = {
    "customs_release.txt": "Belgian customs: half-year results\n\nIn the first half of 2024 Belgian customs seized "
                           "2,310.4 kg of cocaine at the port of Antwerp, the customs administration said.\n",
    "port_wire.txt": "Antwerp port wire\n\nCustoms officers in Belgium seized 2,310.9 kg of cocaine in the first half "
                     "of 2024, a port spokesperson said.\n",
    "dutch_police.txt": "Dutch police figures\n\nIn 2023 police in the Netherlands seized 45 tonnes of cocaine, the "
                        "national police said.\n",
    "dutch_prosecutor.txt": "Prosecutor's statement\n\nPolice in the Netherlands seized 45,000 kg of cocaine in 2023, "
                            "prosecutors said. Police in the Netherlands also seized 1,200 kg of heroin in 2023.\n",
}


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        extract_into(folder / "output", folder / name, name)
    return folder / "output"


def claims_of(output: Path, status: str = "all") -> list[dict]:
    return chosen_claims(ClaimCatalogue(ReviewStore(output)), status)


def marks(spec: dict) -> list[dict]:
    """The data values of a chart (its top-level data, or that of its first layer or facet)."""
    data = spec.get("data") or spec.get("spec", {}).get("data") or spec.get("layer", [{}])[0].get("data")
    return data["values"]


def test_report_agreement_finds_one_conflict_and_one_agreement_across_documents(output):
    groups = agreement_groups(claims_of(output))
    verdicts = {(g.rows[0].country, g.agree): sorted(r.document for r in g.rows) for g in groups}
    assert verdicts == {("BE", False): ["customs_release.txt", "port_wire.txt"],
                        ("NL", True): ["dutch_police.txt", "dutch_prosecutor.txt"]}
    assert groups[0].agree is False  # conflicts come first


@pytest.mark.parametrize("text, value, expected", [
    ("2,310.4 kg", 2310.4, 0.1), ("41.1 tons", 41100.0, 100.0), ("706 kg", 706.0, 1.0), ("45 tonnes", 45000.0, 1000.0),
])
def test_report_precision_is_how_finely_the_source_wrote_its_figure(text, value, expected):
    claim = {"values": {"value": value}, "quantity": {"text": text}, "corrected_fields": []}
    assert precision(claim) == pytest.approx(expected)


def test_report_each_chart_carries_the_stores_figures(output):
    claims = claims_of(output)
    views = build_views(claims)
    timeline = marks(views.specs["timeline: mass (kg)"])
    expected = sorted((c["id"], c["values"]["value"], c["values"]["country_code"]) for c in claims if c["values"]["unit"] == "kg")
    assert sorted((m["claim"], m["value"], m["country"]) for m in timeline) == expected
    assert all(m["url"] == f"/claims/{m['claim']}" for m in timeline)  # every mark opens its claim
    countries = Counter()
    for m in marks(views.specs["countries"]):
        countries[m["country"]] += m["claims"]
    assert countries == Counter(c["values"]["country_code"] for c in claims)  # counts of claims, never sums of values
    assert {m["unit_class"] for m in marks(views.specs["countries"])} == {"mass (kg)"}
    agreement = marks(views.specs["agreement"])
    assert sorted((m["document"], m["value"], m["verdict"]) for m in agreement) == [
        ("customs_release.txt", 2310.4, "conflict"), ("dutch_police.txt", 45000.0, "agree"),
        ("dutch_prosecutor.txt", 45000.0, "agree"), ("port_wire.txt", 2310.9, "conflict")]
    assert [r.value for r in views.largest] == sorted((r.value for r in rows_of(claims)), reverse=True)
    per_slot = Counter()
    for m in marks(views.specs["slot sources"]):
        per_slot[m["slot"]] += m["claims"]
    assert per_slot == {slot: len(claims) for slot in ("date", "location", "substances", "organisations")}
    own_dates = sum(m["claims"] for m in marks(views.specs["slot sources"]) if (m["slot"], m["source"]) == ("date", "own sentence"))
    assert own_dates == sum(1 for c in claims if (c.get("why") or {}).get("date") == "from its own sentence")


def test_report_the_command_writes_one_self_contained_file(output, tmp_path):
    target = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--output", str(output), "--status", "all", "--html", str(target)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"""(?:src|href)=["'](?!http://127\.0\.0\.1:8000/)[a-z]+:""", page)
    assert page.count("<svg") == len(build_views(claims_of(output)).specs)
    conflict = re.search(r'<tr class="conflict">(.*?)</tr>', page, re.S)
    assert conflict and "customs_release.txt" in conflict.group(1) and "port_wire.txt" in conflict.group(1)
    assert page.count('<tr class="conflict">') == 1 and page.count('<tr class="agree">') == 1


@pytest.fixture(scope="module")
def sample_output(tmp_path_factory) -> Path:
    """The sample corpus `make run` extracts, as the README's report shows it."""
    folder = tmp_path_factory.mktemp("sample")
    for path in sorted((ROOT / "corpus").iterdir()):
        if path.is_file():
            extract_into(folder / "output", path, path.name)
    return folder / "output"


@pytest.mark.parametrize("which", ["fixture", "sample corpus"])
def test_report_opens_offline_in_chromium_with_every_chart_drawn(which, output, sample_output, tmp_path):
    require_chromium()
    from playwright.sync_api import sync_playwright

    output = output if which == "fixture" else sample_output
    target = tmp_path / "report.html"
    CliRunner().invoke(cli, ["report", "--output", str(output), "--status", "all", "--html", str(target)])
    leaving: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (leaving.append(route.request.url), route.abort()))
            page.goto(target.as_uri())
            charts = page.locator("figure.chart")
            assert charts.count() == len(build_views(claims_of(output)).specs)
            for index in range(charts.count()):
                box = charts.nth(index).locator("svg").first.bounding_box()
                assert box and box["width"] > 100 and box["height"] > 50  # drawn, not an empty frame
            assert page.locator("figure.chart svg a").count() >= 4  # marks that link to their claims
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"report-{which.replace(' ', '-')}.png"), full_page=True)
        finally:
            browser.close()
    assert leaving == []


@pytest.mark.skipif(not WORLD_ATLAS.exists(), reason="make install unpacks the world-atlas shapes")
def test_report_the_map_shades_the_countries_with_claims(output):
    spec = build_views(claims_of(output)).specs["map"]
    counts = spec["layer"][1]["transform"][0]["from"]["data"]["values"]
    assert sorted((m["country"], m["id"], m["claims"]) for m in counts) == [("BE", "056", 2), ("NL", "528", 3)]


def test_report_dashboard_filters_change_the_charts_and_the_queue_finds_disagreeing_sources(output):
    client = local(create_app(output, reviewer="ana"))
    everything = client.get("/dashboard?status=all")
    assert everything.status_code == 200 and everything.text.count("<svg") >= 4
    belgium = client.get("/dashboard?status=all&country=BE").text
    assert "port_wire.txt" in belgium and "dutch_police.txt" not in belgium
    heroin_2023 = client.get("/dashboard?status=all&substance=heroin&period=2023").text
    assert "dutch_prosecutor.txt" in heroin_2023 and "customs_release.txt" not in heroin_2023
    assert "No figure is reported by two documents." in heroin_2023
    assert client.get("/dashboard?status=bogus").status_code == 400
    disagreeing = client.get("/api/claims?disagree=1").json()["claims"]
    assert sorted(c["document"] for c in disagreeing) == ["customs_release.txt", "port_wire.txt"]
    queue = client.get("/?disagree=1").text
    assert queue.count('class="claim-link"') == 2


def test_report_the_dashboard_is_drawn_again_once_a_decision_changes_the_store(tmp_path):
    for name in ("customs_release.txt", "port_wire.txt"):
        (tmp_path / name).write_text(DOCUMENTS[name], encoding="utf-8")
        extract_into(tmp_path / "output", tmp_path / name, name)
    client = local(create_app(tmp_path / "output", reviewer="ana"))
    assert "accepted 1" not in client.get("/dashboard?status=all").text
    claim = client.get("/api/claims").json()["claims"][0]
    assert client.post(f"/api/claims/{claim['id']}/review", json={"status": "accepted", "version": claim["version"]}).status_code == 200
    assert "accepted 1" in client.get("/dashboard?status=all").text  # not the page drawn before the decision
