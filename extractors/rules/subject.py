"""What a document (or one of its sections) is about: the place an analyst would file it under.

A claim whose sentence names no place inherits this subject, marked implicit.
Countries outweigh regions, the title outweighs the body, and demonyms
("Afghan heroin") and the dateline's city count as evidence for their country.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.model import Mention

TITLE_CHARS = 200
TITLE_WEIGHT = 4.0
REGION_WEIGHT = 1.0
ROUTE_WEIGHT = 0.25  # "the Balkan route" is a corridor, not what a report is about
HINT_WEIGHT = 0.5


@dataclass(frozen=True)
class CountryHint:
    """Evidence for a country that is not a place mention: a demonym, or the dateline's city."""

    start: int
    country_code: str


def _key(mention: Mention) -> str:
    return mention.attrs.get("country_code") or mention.attrs.get("canonical") or mention.text


def subject_of(mentions: list[Mention], hints: list[CountryHint] = (), start: int = 0, end: int | None = None,
               minimum: float = 0.0, elsewhere: frozenset[str] = frozenset()) -> Mention | None:
    """The first mention of the best-supported place in [start, end), if its support reaches ``minimum``.

    When the winner is known only from hints there (a section about "US Customs and
    Border Protection"), its first mention anywhere in the document stands for it.
    Places named as origins, destinations or where something was said (ids in
    ``elsewhere``) count half.
    """
    inside = lambda offset: start <= offset and (end is None or offset < end)  # noqa: E731
    places = [m for m in mentions if m.type == "LOCATION" and inside(m.start)]
    everywhere = [m for m in mentions if m.type == "LOCATION"]
    weights: Counter[str] = Counter()
    for place in places:
        weight = TITLE_WEIGHT if place.start < TITLE_CHARS else 1.0
        canonical = str(place.attrs.get("canonical") or "").lower()
        kind = ROUTE_WEIGHT if canonical.endswith(" route") else (1.0 if place.attrs.get("country_code") else REGION_WEIGHT)
        weights[_key(place)] += weight * kind * (0.5 if place.id in elsewhere else 1.0)
    for hint in hints:
        if inside(hint.start):
            weights[hint.country_code] += TITLE_WEIGHT if hint.start < TITLE_CHARS else HINT_WEIGHT
    for key, weight in weights.most_common():
        if weight < minimum:
            return None
        candidates = [p for p in places if _key(p) == key] or [p for p in everywhere if _key(p) == key]
        if candidates:  # prefer the country itself to a city in it
            countries = [p for p in candidates if p.attrs.get("rule") == "location.country"]
            return (countries or candidates)[0]
    return None
