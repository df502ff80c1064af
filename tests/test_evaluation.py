"""``claims eval`` scores like the shared scorer, and its matching rules behave as documented."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from extractors.evaluation import Evaluation, match_mentions


def m(kind, start, end, **extra):
    return {"type": kind, "start": start, "end": end, "text": "x" * (end - start), **extra}


def test_evaluation_overlap_matching_is_one_to_one():
    gold = [m("DATE", 0, 10), m("DATE", 20, 30)]
    pred = [m("DATE", 2, 8), m("DATE", 5, 12), m("DATE", 40, 45)]
    pairs, missed, false = match_mentions(gold, pred)
    assert len(pairs) == 1 and missed == [gold[1]] and len(false) == 2


def test_evaluation_optional_gold_is_neutral():
    gold = [m("ORG", 0, 8, optional=True)]
    pairs, missed, false = match_mentions(gold, [m("ORG", 0, 8)])
    assert (pairs, missed, false) == ([], [], [])


@pytest.mark.parametrize("kind, gold, pred, ok", [
    ("QUANTITY", {"value": 706.0, "unit": "kg"}, {"value": 706.5, "unit": "kg"}, True),
    ("QUANTITY", {"value": 706.0, "unit": "kg"}, {"value": 706.0, "unit": "count"}, False),
    ("DATE", {"start_date": "2024-01-01", "end_date": "2024-06-30"}, {"start_date": "2024-01-01", "end_date": "2024-06-30"}, True),
    ("LOCATION", {"country_code": "BY"}, {"country_code": "by"}, True),
    ("ORG", {"canonical": "Ministry of Internal Affairs (Belarus)"}, {"canonical": "Ministry of Internal Affairs (Kazakhstan)"}, True),
    ("ORG", {"canonical": "United Nations"}, {"canonical": "European Union"}, False),
])
def test_evaluation_normalisation_checks(kind, gold, pred, ok):
    evaluation = Evaluation()
    evaluation.add_document("d", [m(kind, 0, 5, **gold)], [m(kind, 0, 5, **pred)])
    assert evaluation.types[kind].norm_correct == int(ok) and evaluation.types[kind].norm_checked == 1


def test_evaluation_agrees_with_shared_scorer(shared_dir, tmp_path):
    from claims_cli.main import cli
    from extractors.documents import process_document, write_document

    for part in ("seeds", "dev"):
        for path in sorted((shared_dir / "corpus" / part).glob("*.txt")):
            document, text = process_document(path, display_path=path.name)
            write_document(document, text, tmp_path / "documents")
    subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "gold"),
                    str(tmp_path / "documents"), "--json", str(tmp_path / "score.json")], check=True, capture_output=True)
    reference = json.loads((tmp_path / "score.json").read_text())
    result = CliRunner().invoke(cli, ["eval", str(shared_dir / "gold"), "--corpus", str(shared_dir / "corpus"), "--json"])
    ours = json.loads(result.output)
    for kind, figures in reference["types"].items():
        assert ours["types"][kind]["f1"] == pytest.approx(figures["f1"], abs=0.005), kind
        assert ours["types"][kind]["norm_accuracy"] == pytest.approx(figures["norm_acc"], abs=0.005), kind
    for slot, key in (("date", "date_ok"), ("location", "location_ok"), ("substances", "substances_ok"), ("all", "all_ok")):
        assert ours["claims"][slot] == pytest.approx(reference["claims"][key], abs=0.001), slot


@pytest.mark.parametrize("gold_slots, predicted_slots, expected", [
    ({"date": "g2"}, {"date": "p2"}, {"date": True, "location": True, "substances": True}),  # same ISO bounds, elsewhere
    ({"date": "g2"}, {}, {"date": False, "location": True, "substances": True}),
    ({}, {"location": "p3"}, {"date": True, "location": False, "substances": True}),  # a place where the gold has none
    ({"substances": ["g4"]}, {"substances": ["p4", "p5"]}, {"date": True, "location": True, "substances": False}),
])
def test_evaluation_claim_slots(gold_slots, predicted_slots, expected):
    gold = {"g1": m("QUANTITY", 0, 4), "g2": m("DATE", 10, 14, start_date="2024-01-01", end_date="2024-12-31"),
            "g4": m("SUBSTANCE", 20, 27, canonical="cocaine")}
    pred = {"p2": m("DATE", 40, 44, start_date="2024-01-01", end_date="2024-12-31"), "p3": m("LOCATION", 50, 55),
            "p4": m("SUBSTANCE", 60, 67, canonical="cocaine"), "p5": m("SUBSTANCE", 70, 76, canonical="heroin")}
    from extractors.evaluation import claim_slots_ok

    assert claim_slots_ok({"quantity": "g1", **gold_slots}, {"quantity": "p1", **predicted_slots}, gold, pred) == expected
