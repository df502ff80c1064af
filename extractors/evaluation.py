"""Score the library against gold annotation files (the ``claims eval`` command).

Detection per type: one-to-one greedy matching of predicted and gold spans by
character overlap, largest overlap first; predictions overlapping an optional
gold mention are neither rewarded nor penalised. Normalisation accuracy is
measured on the matched pairs: value and unit (quantities, 0.5% tolerance),
ISO bounds (dates), canonical name (substances), country code (locations),
token overlap of canonical names (organisations).

Claims: for every gold claim whose quantity was matched, the predicted claim on that
quantity is checked slot by slot, as ``../shared/eval/score.py`` does: a date or place is
right when it overlaps the gold mention or has the same normalised value (ISO bounds,
country code); the substances are right when every required gold substance is found
and every predicted one is among the gold ones.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from extractors.model import MENTION_TYPES

Mention = dict[str, Any]
UNIT_SYNONYMS = {"kilogram": "kg", "kilograms": "kg", "%": "percent", "": "count", "x": "times", "litre": "l",
                 "liter": "l", "years": "year", "months": "month", "days": "day"}


def _letters(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(value or "").lower())


def _unit(value: Any) -> str:
    text = str(value or "").strip().lower()
    return UNIT_SYNONYMS.get(text, text)


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=0.005, abs_tol=1e-9)


def _quantity_ok(gold: Mention, pred: Mention) -> bool | None:
    if gold.get("value") is None:
        return None
    return _close(gold["value"], pred.get("value")) and _unit(gold.get("unit")) == _unit(pred.get("unit"))


def _date_ok(gold: Mention, pred: Mention) -> bool | None:
    if gold.get("start_date") is None and gold.get("end_date") is None:
        return None
    return all(str(pred.get(k))[:10] == str(gold.get(k))[:10] for k in ("start_date", "end_date"))


def _substance_ok(gold: Mention, pred: Mention) -> bool | None:
    return None if not gold.get("canonical") else _letters(gold["canonical"]) == _letters(pred.get("canonical"))


def _location_ok(gold: Mention, pred: Mention) -> bool | None:
    if not gold.get("country_code"):
        return None
    return gold["country_code"].upper() == str(pred.get("country_code") or "").upper()


def _org_ok(gold: Mention, pred: Mention) -> bool | None:
    if not gold.get("canonical"):
        return None
    words = lambda value: set(re.findall(r"[a-z0-9]+", str(value or "").lower()))  # noqa: E731
    expected, found = words(gold["canonical"]), words(pred.get("canonical") or pred.get("text"))
    return bool(expected and found) and len(expected & found) / len(expected | found) >= 0.6


NORMALISATION_CHECKS: dict[str, Callable[[Mention, Mention], bool | None]] = {
    "QUANTITY": _quantity_ok, "DATE": _date_ok, "SUBSTANCE": _substance_ok, "ORG": _org_ok, "LOCATION": _location_ok,
}


def _overlap(a: Mention, b: Mention) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match_mentions(gold: list[Mention], predicted: list[Mention]) -> tuple[list[tuple[Mention, Mention]], list[Mention], list[Mention]]:
    """(matched pairs, missed gold, false alarms) for one type in one document."""
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    candidates = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(required) for pi, p in enumerate(predicted)
                         if _overlap(g, p) > 0), reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((required[gi], predicted[pi]))
    missed = [g for i, g in enumerate(required) if i not in used_gold]
    false = [p for i, p in enumerate(predicted) if i not in used_pred and not any(_overlap(p, o) for o in optional)]
    return pairs, missed, false


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    norm_checked: int = 0
    norm_correct: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def norm_accuracy(self) -> float:
        return self.norm_correct / self.norm_checked if self.norm_checked else float("nan")


CLAIM_SLOTS = ("date", "location", "substances")


@dataclass
class ClaimScore:
    gold: int = 0
    found: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {slot: 0 for slot in (*CLAIM_SLOTS, "all")})

    def rate(self, slot: str) -> float:
        return self.correct[slot] / self.gold if self.gold else float("nan")


def _same_place_or_time(slot: str, gold: Mention, pred: Mention) -> bool:
    if _overlap(gold, pred):
        return True
    if slot == "date":
        return gold.get("start_date") is not None and all(str(pred.get(k))[:10] == str(gold.get(k))[:10]
                                                          for k in ("start_date", "end_date"))
    return bool(gold.get("country_code")) and str(gold["country_code"]).upper() == str(pred.get("country_code") or "").upper()


def _same_substance(gold: Mention, pred: Mention) -> bool:
    return bool(_overlap(gold, pred)) or (bool(_letters(gold.get("canonical"))) and
                                          _letters(gold.get("canonical")) == _letters(pred.get("canonical")))


def claim_slots_ok(claim: dict[str, Any], predicted: dict[str, Any], gold_by_id: dict[str, Mention],
                   pred_by_id: dict[str, Mention]) -> dict[str, bool]:
    """Which of a predicted claim's slots agree with the gold claim on the same quantity."""
    ok = {}
    for slot in ("date", "location"):
        gold, pred = gold_by_id.get(claim.get(slot) or ""), pred_by_id.get(predicted.get(slot) or "")
        ok[slot] = pred is None if gold is None else pred is not None and _same_place_or_time(slot, gold, pred)
    every = [gold_by_id[i] for i in claim.get("substances", [])]
    required = [g for g in every if not g.get("optional")]
    found = [pred_by_id[i] for i in predicted.get("substances", []) if i in pred_by_id]
    ok["substances"] = (all(any(_same_substance(g, p) for p in found) for g in required)
                        and all(any(_same_substance(g, p) for g in every) for p in found))
    return ok


@dataclass
class Evaluation:
    types: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in MENTION_TYPES})
    claims: ClaimScore = field(default_factory=ClaimScore)
    errors: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def add_document(self, name: str, gold: list[Mention], predicted: list[Mention],
                     gold_claims: list[dict[str, Any]] = (), predicted_claims: list[dict[str, Any]] = ()) -> None:
        problems: list[tuple[str, ...]] = []
        matched: dict[str, Mention] = {}  # gold mention id -> the predicted mention it was matched with
        for kind in MENTION_TYPES:
            pairs, missed, false = match_mentions([g for g in gold if g["type"] == kind],
                                                  [p for p in predicted if p["type"] == kind])
            matched.update((g["id"], p) for g, p in pairs if "id" in g)
            score = self.types[kind]
            score.tp += len(pairs)
            score.fn += len(missed)
            score.fp += len(false)
            for g, p in pairs:
                ok = NORMALISATION_CHECKS[kind](g, p)
                if ok is not None:
                    score.norm_checked += 1
                    score.norm_correct += int(ok)
                    if not ok:
                        problems.append(("wrong value", kind, g["text"], _values(p)))
            problems += [("missed", kind, g["text"]) for g in missed] + [("false alarm", kind, p["text"]) for p in false]
        problems += self._add_claims(gold, predicted, gold_claims, predicted_claims, matched)
        self.errors[name] = problems

    def _add_claims(self, gold: list[Mention], predicted: list[Mention], gold_claims, predicted_claims,
                    matched: dict[str, Mention]) -> list[tuple[str, ...]]:
        gold_by_id = {g["id"]: g for g in gold if "id" in g}
        pred_by_id = {p["id"]: p for p in predicted if "id" in p}
        by_quantity = {c["quantity"]: c for c in predicted_claims}
        problems = []
        for claim in gold_claims:
            self.claims.gold += 1
            quantity = matched.get(claim["quantity"])
            found = by_quantity.get(quantity["id"]) if quantity is not None else None
            if found is None:
                problems.append(("claim missed", "CLAIM", gold_by_id[claim["quantity"]]["text"]))
                continue
            self.claims.found += 1
            ok = claim_slots_ok(claim, found, gold_by_id, pred_by_id)
            ok["all"] = all(ok.values())
            for slot, right in ok.items():
                self.claims.correct[slot] += int(right)
            problems += [("wrong slot", "CLAIM", quantity["text"], slot) for slot in CLAIM_SLOTS if not ok[slot]]
        return problems

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.types.values()) / len(self.types)


def _values(mention: Mention) -> str:
    keys = ("value", "unit", "start_date", "end_date", "canonical", "country_code")
    return json.dumps({k: mention[k] for k in keys if mention.get(k) is not None}, ensure_ascii=False)


def find_source(name: str, corpus_dirs: list[Path]) -> Path | None:
    for folder in corpus_dirs:
        found = sorted(folder.rglob(name))
        if found:
            return found[0]
    return None


def evaluate(gold_dir: Path, corpus_dirs: list[Path], extract: Callable[[Path], dict[str, Any]]) -> Evaluation:
    """Run ``extract`` (a file -> its claims document as a dict) on every gold document's source and score it."""
    evaluation = Evaluation()
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = find_source(gold["doc"], corpus_dirs)
        predicted = extract(source) if source else {"mentions": [], "claims": []}
        evaluation.add_document(gold["doc"], gold["mentions"], predicted["mentions"], gold.get("claims", []),
                                predicted.get("claims", []))
    return evaluation
