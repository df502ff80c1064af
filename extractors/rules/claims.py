"""Assemble claims: one per quantity, with the when, where, what and who around it.

Works on plain mentions and sentence offsets (no spaCy), so every linking
rule can be tested on its own.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.model import Mention


@dataclass(frozen=True)
class ClaimLinks:
    quantity: Mention
    sentence: tuple[int, int]
    date: Mention | None
    location: Mention | None
    location_implicit: bool
    substances: tuple[Mention, ...]
    organisations: tuple[Mention, ...]
    confidence: float


def _inside(mention: Mention, sentence: tuple[int, int]) -> bool:
    return sentence[0] <= mention.start and mention.end <= sentence[1]


def _distance(a: Mention, b: Mention) -> int:
    return max(0, a.start - b.end, b.start - a.end)


def sentence_of(mention: Mention, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    for sentence in sentences:
        if sentence[0] <= mention.start < sentence[1]:
            return sentence
    return (mention.start, mention.end)


def main_location(mentions: list[Mention]) -> Mention | None:
    """The first mention of the document's most mentioned country: its implicit subject."""
    places = [m for m in mentions if m.type == "LOCATION" and m.attrs.get("country_code")]
    if not places:
        return None
    top, _ = Counter(m.attrs["country_code"] for m in places).most_common(1)[0]
    return next(m for m in places if m.attrs["country_code"] == top)


def link_claims(mentions: list[Mention], sentences: list[tuple[int, int]]) -> list[ClaimLinks]:
    """One ``ClaimLinks`` per QUANTITY mention, in text order."""
    by_type: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_type.setdefault(mention.type, []).append(mention)
    subject = main_location(mentions)
    claims = []
    for quantity in by_type.get("QUANTITY", []):
        sentence = sentence_of(quantity, sentences)
        near = {t: [m for m in by_type.get(t, []) if _inside(m, sentence)] for t in ("DATE", "LOCATION", "SUBSTANCE", "ORG")}
        dates = [d for d in near["DATE"] if d.attrs.get("start_date") or d.attrs.get("end_date")]
        date = min(dates, key=lambda d: _distance(d, quantity), default=None)
        location = min(near["LOCATION"], key=lambda m: _distance(m, quantity), default=None)
        implicit = location is None and subject is not None
        location = location or subject
        substances = tuple(near["SUBSTANCE"])
        organisations = tuple(near["ORG"])
        filled = sum(x is not None for x in (date, location)) + bool(substances) + bool(organisations)
        confidence = round(0.4 + 0.15 * filled - (0.1 if implicit else 0.0), 2)
        claims.append(ClaimLinks(quantity, sentence, date, location, implicit, substances, organisations, confidence))
    return claims
