"""What a document (or one of its sections) is about: the place an analyst would file it under.

A claim whose sentence names no place inherits this subject, marked implicit.
Countries outweigh regions, the title outweighs the body, and demonyms
("Afghan heroin") and the dateline's city count as evidence for their country.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import load_jsonl
from extractors.model import Mention

TITLE_CHARS = 200
TITLE_WEIGHT = 4.0
REGION_WEIGHT = 1.0
ROUTE_WEIGHT = 0.25  # "the Balkan route" is a corridor, not what a report is about
HINT_WEIGHT = 0.5
REGION_MINIMUM = 4.0  # a region stands for its countries only when the title names it, or the body does often
DATELINE_WEIGHT = 2.0  # where the story was filed: often the subject, but agencies file from their seat too
DOMINANCE = 1.5  # the winner needs this times the runner-up's support: a joint Franco-Dutch release has no one subject


@dataclass(frozen=True)
class CountryHint:
    """Evidence for a place that is not a place mention: a demonym ("Afghan", "European"), an agency's
    home country, or the dateline's city. ``place`` is an ISO code, or a region's canonical name."""

    start: int
    place: str
    source: str = "demonym"  # or "organisation" (an agency's home country) or "dateline"


def _key(mention: Mention) -> str:
    return mention.attrs.get("country_code") or mention.attrs.get("canonical") or mention.text


class Evidence:
    """The document's place mentions and country hints, by position, and each place's first mention:
    built once, so a section's subject costs the section, not the document."""

    def __init__(self, mentions: list[Mention], hints: list[CountryHint]) -> None:
        self.places = sorted((m for m in mentions if m.type == "LOCATION"), key=lambda m: m.start)
        self.place_starts = [m.start for m in self.places]
        self.hints = sorted(hints, key=lambda h: h.start)
        self.hint_starts = [h.start for h in self.hints]
        self._first: dict[str, Mention] = {}
        self._first_country: dict[str, Mention] = {}
        for place in self.places:
            self._first.setdefault(_key(place), place)
            if place.attrs.get("rule") == "location.country":
                self._first_country.setdefault(_key(place), place)

    def places_in(self, start: int, end: int | None = None) -> list[Mention]:
        """Places starting in [start, end)."""
        return self.places[bisect_left(self.place_starts, start):
                           len(self.places) if end is None else bisect_left(self.place_starts, end)]

    def hints_in(self, start: int, end: int | None = None) -> list[CountryHint]:
        """Hints starting in [start, end)."""
        return self.hints[bisect_left(self.hint_starts, start):
                          len(self.hints) if end is None else bisect_left(self.hint_starts, end)]

    def first_mention(self, key: str) -> Mention | None:
        """The place's first mention in the whole document stands for it, as annotators cite it; the
        country before a city in it."""
        return self._first_country.get(key) or self._first.get(key)


def subject_of(evidence: Evidence, start: int = 0, end: int | None = None, minimum: float = 0.0,
               elsewhere: frozenset[str] = frozenset(), title_end: int | None = None) -> Mention | None:
    """The document's first mention of the best-supported place in [start, end), if its support
    reaches ``minimum`` and clearly exceeds the runner-up's (``DOMINANCE``); else a region
    holding the competing countries; else None.

    Places named as origins, destinations or where something was said (ids in
    ``elsewhere``) count half. Places before ``title_end`` (the document's opening
    lines, or a section's heading) count as the title.
    """
    title_end = start + TITLE_CHARS if title_end is None else title_end
    places = evidence.places_in(start, end)
    weights: Counter[str] = Counter()
    first_titled = next((_key(p) for p in places if p.start < title_end and p.attrs.get("country_code")
                         and p.id not in elsewhere), None)
    for place in places:
        weight = 1.0 if place.start >= title_end else TITLE_WEIGHT if _key(place) == first_titled or \
            not place.attrs.get("country_code") else TITLE_WEIGHT / 2  # "markets in Bangladesh since the coup in Myanmar"
        canonical = str(place.attrs.get("canonical") or "").lower()
        kind = ROUTE_WEIGHT if canonical.endswith(" route") else (1.0 if place.attrs.get("country_code") else REGION_WEIGHT)
        weights[_key(place)] += weight * kind * (0.5 if place.id in elsewhere else 1.0)
    distinct = {(hint.start, hint.place): hint for hint in evidence.hints_in(start, end)}  # "Dutch police": demonym and agency at once
    for hint in distinct.values():
        weights[hint.place] += (DATELINE_WEIGHT if hint.source == "dateline" else
                                TITLE_WEIGHT if hint.start < title_end else HINT_WEIGHT)
    ranked = weights.most_common(2)
    if ranked and ranked[0][1] >= minimum and (len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]):
        return evidence.first_mention(ranked[0][0])
    titled = {p.attrs["country_code"] for p in places if p.start < title_end and p.attrs.get("country_code")}
    titled |= {h.place for h in distinct.values() if h.start < title_end and is_country(h.place)}
    if len(titled) == 1 and weights[next(iter(titled))] >= minimum:
        return evidence.first_mention(next(iter(titled)))  # the one country the title names
    region = _covering_region(weights, minimum)
    return evidence.first_mention(region) if region else None


def is_country(key: str) -> bool:
    """Hints name a country by its ISO code and a region by its canonical name."""
    return len(key) == 2 and key.isupper()


def _covering_region(weights: Counter[str], minimum: float) -> str | None:
    """With no single country ahead, a region named in its own right that holds the competing countries:
    a European report citing Spain, Belgium and Finland is about Europe."""
    members = region_members()
    support = {key: weight + sum(weights[code] for code in members[key] if code in weights)
               for key, weight in weights.items() if key in members and weight >= REGION_MINIMUM}
    if not support:
        return None
    best = max(support, key=support.get)
    rivals = [weight for key, weight in weights.items() if key != best and key not in members[best]]
    if support[best] < minimum or (rivals and support[best] < DOMINANCE * max(rivals)):
        return None
    return best


@lru_cache(maxsize=1)
def region_members() -> dict[str, frozenset[str]]:
    """Region canonical name -> ISO codes of the countries in it (data/region_members.jsonl)."""
    return {row["region"]: frozenset(row["members"]) for row in load_jsonl("region_members.jsonl")}
