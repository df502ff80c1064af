"""LOCATION spans from the places gazetteer, with ISO country codes.

Names match in their own capitalisation or in capitals ("AMMAN" in a
dateline); names that are also words or personal names ("Chad", "Jordan",
"Victoria") need a place-like context. Demonyms ("Belarusian") are not
locations; the organisation finder uses them to place bodies in a country.
"""

import re
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.spans import add_span, text_of
from extractors.lexicon import load_jsonl
from extractors.components.gazetteer import VIEW_KEY, Gazetteer
from extractors.rules.subject import CountryHint, is_country

PLACE_CUE_BEFORE = re.compile(
    r"\b(?:in|to|from|into|across|via|through|near|outside|inside|at|of|city of|port of|province of|state of)"
    r"[ \u00a0]+$", re.IGNORECASE)
PLACE_CUE_AFTER = re.compile(r",[ \u00a0]+[A-Z][a-z]+")  # "Split, Croatia"
CAPITALISED_WORD_BEFORE = re.compile(r"([A-Z][\w’'-]*)[ \u00a0]+$")
CAPITALISED_WORD_AFTER = re.compile(r"[ \u00a0]+[A-Z][a-z]")


def _part_of_a_name(text: str, start: int, end: int) -> bool:
    """"Michael Jordan", "Jordan Peterson", "Victoria Police": a capitalised neighbour
    (other than a sentence start) makes an ambiguous place name part of a longer name."""
    if CAPITALISED_WORD_AFTER.match(text, end):
        return True
    before = CAPITALISED_WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    preceding = text[max(0, before.start() - 3):before.start()].strip()
    sentence_start = not preceding or preceding[-1] in ".!?\n\"“‘'(-–—:"
    return not sentence_start or before.group(1).lower() not in ("the", "in", "from", "to", "and")


DOMINANT_SHARE = 0.35


@lru_cache(maxsize=1)
def demonyms(data_file: str = "locations.jsonl") -> dict[str, tuple[str, str]]:
    """Lower-case demonym -> (country name, ISO code), e.g. "bulgarian" -> ("Bulgaria", "BG")."""
    table: dict[str, tuple[str, str]] = {}
    for entry in load_jsonl(data_file):
        if entry.get("country_code") and entry.get("kind") in ("country", "territory"):
            for word in entry.get("demonyms", []):
                table.setdefault(word.lower(), (entry["canonical"], entry["country_code"]))
    return table


@lru_cache(maxsize=1)
def fiscal_starts() -> dict[str, int]:
    return {row["country_code"]: int(row["start_month"]) for row in load_jsonl("fiscal_years.jsonl")}


@lru_cache(maxsize=1)
def region_demonyms(data_file: str = "locations.jsonl") -> dict[str, str]:
    """Lower-case one-word demonym of a region -> its canonical name ("european" -> "Europe")."""
    return {word.lower(): entry["canonical"] for entry in load_jsonl(data_file)
            if entry.get("kind") == "region" and not entry.get("country_code")
            for word in entry.get("demonyms", []) if " " not in word}


COMPASS_AREA = re.compile(
    r"\b(?:the|its|country's|country’s)\s+((?:north|south)(?:-?(?:east|west))?|east|west)\b"
    r"(?!\s+(?:of|and|to|from)\b|\s+(?-i:[A-Z]))", re.IGNORECASE)  # not "the north of X", "the North Sea", "north and south"


def compass_areas(text: str) -> list[tuple[int, int]]:
    """"The northeast, which borders Turkmenistan": a part of the report's country, named by direction."""
    return [match.span(1) for match in COMPASS_AREA.finditer(text) if match.group(1).islower()]


@lru_cache(maxsize=1)
def country_names_by_code(data_file: str = "locations.jsonl") -> dict[str, str]:
    return {entry["country_code"]: entry["canonical"] for entry in load_jsonl(data_file) if entry.get("kind") == "country"}


def demonym_hints(doc: Doc) -> list[CountryHint]:
    """Every demonym in the text ("Afghan heroin", "Jordanian customs", "European Drug Report") as
    evidence for its country or region."""
    view = doc.user_data.get(VIEW_KEY)
    if view is None:
        return []
    table = {**region_demonyms(), **{word: code for word, (_, code) in demonyms().items()}}
    return [CountryHint(start, table[word.lower()]) for word, start in zip(view.words, view.starts)
            if word[:1].isupper() and word.lower() in table]


@Language.factory("location_finder", default_config={"data_file": "locations.jsonl"})
def make_location_finder(nlp: Language, name: str, data_file: str):
    return LocationFinder(nlp, data_file)


class LocationFinder:
    """Adds places to ``doc.spans["LOCATION"]`` and records the document's main country.

    The main country (the most mentioned one, when it has at least DOMINANT_SHARE
    of the country mentions: a survey of fifty states has none) goes to ``doc.user_data["country"]``
    and its fiscal-year start to ``doc.user_data["fiscal_start"]``, for the
    components that need a country when the text leaves it implicit.
    """

    def __init__(self, nlp: Language, data_file: str) -> None:
        self.entries = load_jsonl(data_file)
        self.gazetteer = Gazetteer(nlp, "LOCATION")
        self.ambiguous: set[tuple[int, str]] = set()
        for index, entry in enumerate(self.entries):
            self.gazetteer.add(index, entry.get("aliases", []), entry.get("case_sensitive", []))
            for form in entry.get("ambiguous", []):
                self.ambiguous.add((index, form.lower()))

    def _accept(self, text: str, start: int, end: int, entry: int, case_sensitive: bool, previous_end: int) -> bool:
        surface = text[start:end]
        if not case_sensitive and not surface[:1].isupper():
            return False
        if text[end:end + 1] == "$":
            return False  # the "NZ" of "NZ$1.2 billion" is a currency
        words = surface.split()
        if (entry, " ".join(words).lower()) in self.ambiguous and not (len(words) > 1 and all(w[0].isupper() for w in words)):
            if _part_of_a_name(text, start, end):
                return False
            if self.entries[entry].get("kind") not in ("country", "territory", "region"):
                listed = 0 <= start - previous_end <= 6 and re.fullmatch(r"\s*(?:,|and|or|&)\s*", text[previous_end:start])
                return bool(listed or PLACE_CUE_BEFORE.search(text, max(0, start - 25), start) or PLACE_CUE_AFTER.match(text, end))
        return True

    def __call__(self, doc: Doc) -> Doc:
        doc.spans.setdefault("LOCATION", [])
        codes: Counter[str] = Counter()
        previous_end = -100
        text = text_of(doc)
        capitalised = lambda hit: hit.case_sensitive or text[hit.start:hit.start + 1].isupper()  # noqa: E731
        for hit in self.gazetteer.find(doc, keep=capitalised):
            if not self._accept(text, hit.start, hit.end, hit.entry, hit.case_sensitive, previous_end):
                continue
            previous_end = hit.end
            entry = self.entries[hit.entry]
            norm = {"canonical": entry["canonical"], "country_code": entry.get("country_code")}
            if add_span(doc, "LOCATION", hit.start, hit.end, norm, f"location.{entry.get('kind', 'place')}"):
                if entry.get("country_code"):
                    codes[entry["country_code"]] += 1
        doc.user_data["country_hints"] = demonym_hints(doc)
        codes.update(h.place for h in doc.user_data["country_hints"] if is_country(h.place))  # "Afghan farmers" count too
        if codes and "country" not in doc.user_data:
            country, count = codes.most_common(1)[0]
            if count >= DOMINANT_SHARE * sum(codes.values()):
                doc.user_data["country"] = country
                doc.user_data["fiscal_start"] = fiscal_starts().get(country, 1)
        country = doc.user_data.get("country")
        if country:
            name = country_names_by_code().get(country, country)
            for start, end in compass_areas(text):
                norm = {"canonical": f"{text[start:end].lower()} ({name})", "country_code": country}
                add_span(doc, "LOCATION", start, end, norm, "location.compass")
        return doc
