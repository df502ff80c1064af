"""ORG spans: the organisations gazetteer, name patterns, acronyms defined in the text,
and country-scoped bodies ("the interior ministry", "Bulgarian customs")
whose canonical name carries the country the context gives.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.locations import demonyms
from extractors.components.spans import add_span, drop_nested, records, text_of
from extractors.intervals import SpanIndex, covers, preferred_disjoint
from extractors.lexicon import load_jsonl
from extractors.components.gazetteer import Gazetteer
from extractors.rules.subject import CountryHint
from extractors.rules.organisations import country_after, defined_acronyms, find_named_bodies


SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s|\n\s*\n")
ROUTE_WORD_BEFORE = re.compile(r"\b(?:to|into|towards|for|via|from|through|across)[ \u00a0]+(?:the[ \u00a0]+)?$", re.IGNORECASE)
ORG_WORD_NEAR = re.compile(r"[\w\s,’'-]{0,30}?\b(?:cartels?|gangs?|groups?|clans?|organi[sz]ations?|mafias?)\b", re.I)


@Language.factory("organisation_finder", default_config={"data_file": "organisations.jsonl"})
def make_organisation_finder(nlp: Language, name: str, data_file: str):
    return OrganisationFinder(nlp, data_file)


class OrganisationFinder:
    def __init__(self, nlp: Language, data_file: str) -> None:
        self.entries = load_jsonl(data_file)
        self.gazetteer = Gazetteer(nlp, "ORG")
        self.ambiguous: set[tuple[int, str]] = set()
        for index, entry in enumerate(self.entries):
            self.gazetteer.add(index, entry.get("aliases", []), entry.get("acronyms", []))
            for form in entry.get("ambiguous", []):
                self.ambiguous.add((index, form.lower()))

    def _country_before(self, text: str, start: int) -> tuple[str, str, int] | None:
        """A demonym or country name right before a generic body: "Bulgarian customs" (one name), "Russia's
        Interior Ministry" (the body is named after the possessive)."""
        match = re.search(r"([A-Z][\w’'-]+)[ \u00a0]+$", text[max(0, start - 30):start])
        if not match:
            return None
        word = match.group(1).rstrip("’'s").lower() if match.group(1).endswith(("'s", "’s")) else match.group(1).lower()
        found = demonyms().get(word)
        if found:
            possessive = match.group(1).endswith(("'s", "’s"))  # "Russia's Interior Ministry": the place stays a place
            return found[0], found[1], start if possessive else start - len(match.group(0))
        return None

    def _home_country(self, text: str, start: int, countries: list[tuple[int, int, str]]) -> str | None:
        """The country a body that names none belongs to, from its sentence: the nearest country named before
        it ("In Tajikistan, the Interior Ministry ..."), unless that country is where a route goes ("bound
        for Russia, the ministry said" names no home)."""
        sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
        for place_start, _, code in reversed(countries):
            if sentence_start <= place_start < start:
                if ROUTE_WORD_BEFORE.search(text, max(0, place_start - 20), place_start):
                    return None
                return code
        return None

    def __call__(self, doc: Doc) -> Doc:
        doc.spans.setdefault("ORG", [])
        text = text_of(doc)
        country_names = {code: name for name, code in demonyms().values()}
        doc_country = country_names.get(doc.user_data.get("country", ""))
        candidates: list[tuple[int, int, str, str]] = []
        home: dict[tuple[int, int], str] = {}  # (start, end) -> country code of a listed national body
        places = {(r.start, r.end) for r in records(doc, "LOCATION")}
        countries = sorted((r.start, r.end, r.norm["country_code"]) for r in records(doc, "LOCATION") if r.norm.get("country_code"))
        hits = _by_home_country(self.gazetteer.find(doc, alternatives=True), self.entries, text, lambda start: (
            (self._country_before(text, start) or (None, None))[1] or self._home_country(text, start, countries)
            or doc.user_data.get("country")))
        for hit in hits:
            entry = self.entries[hit.entry]
            surface = text[hit.start:hit.end]
            if (hit.entry, " ".join(surface.split()).lower()) in self.ambiguous:
                if not _capitalised_mid_sentence(text, hit.start):
                    continue
                if (hit.start, hit.end) in places and not ORG_WORD_NEAR.match(text, hit.end, hit.end + 40):
                    continue  # "in Sinaloa" is the state; "Sinaloa and Jalisco cartels" the groups
            start, end, canonical = hit.start, hit.end, entry["canonical"]
            if entry.get("kind") == "generic":
                before = self._country_before(text, hit.start)
                after = country_after(text, hit.end)
                if before:
                    start, country = before[2], before[0]
                    home[(start, end)] = before[1]  # "Dutch police" act in the Netherlands
                elif after:
                    end, country = after[1], after[0]
                else:
                    country = country_names.get(self._home_country(text, hit.start, countries) or "") or doc_country
                    if " " not in surface.strip() and not (country and _capitalised_mid_sentence(text, hit.start)):
                        continue  # bare "police", "customs": too vague; "the Navy" of a known country is a name
                canonical = f"{canonical} ({country})" if country else canonical
            candidates.append((start, end, canonical, f"org.{entry.get('kind', 'gazetteer')}"))
            if entry.get("country") and entry.get("kind") in ("national", "subnational"):
                home[(start, end)] = entry["country"]  # where a state agency acts; a cartel's or paper's home is not
        named = [(s, e, c, "org.pattern") for s, e, c in find_named_bodies(text, doc_country)]
        listed = [c for c in candidates if c[3] != "org.generic"]
        listed = SpanIndex(listed, bounds=lambda c: (c[0], c[1]))
        candidates += [n for n in named if not listed.overlapping(n[0], n[1])]
        taken = longest_spans(candidates)
        occupied = SpanIndex(taken, bounds=lambda t: (t[0], t[1]))
        taken += [(s, e, c, "org.acronym") for s, e, c in defined_acronyms(text, [(s, e, c) for s, e, c, _ in taken])
                  if not occupied.overlapping(s, e)]
        hints = doc.user_data.setdefault("country_hints", [])
        hints += [CountryHint(s, home[(s, e)], "organisation") for s, e, _, _ in taken if (s, e) in home]
        taken = [(_after_possessive_place(text, start, end, places), end, canonical, rule)
                 for start, end, canonical, rule in taken]
        for start, end, canonical, rule in sorted(taken):
            add_span(doc, "ORG", start, end, {"canonical": canonical}, rule)
        names = [(s, e) for s, e, _, _ in taken]
        in_name = covers(names)
        hints += [CountryHint(r.start, r.norm["country_code"], "organisation") for r in records(doc, "LOCATION") if r.norm.get("country_code")
                  and in_name(r.start, r.end)]  # "US" in "US Customs and Border Protection"
        drop_nested(doc, "LOCATION", names)
        drop_nested(doc, "SUBSTANCE", names)  # "Commission on Narcotic Drugs" names a body, not a drug
        return doc


def _by_home_country(hits: list, entries: tuple[dict, ...], text: str, country_at) -> list:
    """One hit per span: where national bodies of several countries share a name ("KNB", "GKNB", "KGB"),
    the one of the country its context gives (``country_at(start)``: its own phrase, its sentence, the
    document), else the first listed."""
    by_span: dict[tuple[int, int], list] = {}
    for hit in hits:
        by_span.setdefault((hit.start, hit.end), []).append(hit)
    chosen = []
    for (start, _), group in by_span.items():
        homes = {entries[h.entry].get("country") for h in group if entries[h.entry].get("kind") == "national"}
        if len(group) > 1 and len(homes) > 1:
            wanted = country_at(start)
            group = sorted(group, key=lambda h: entries[h.entry].get("country") != wanted)
        chosen.append(group[0])
    return chosen


def _after_possessive_place(text: str, start: int, end: int, places: set[tuple[int, int]]) -> int:
    """Where the name starts once a leading "Pakistan's" is left to the place it names: "Pakistan's
    Anti-Narcotics Force" is a place and a body, as analysts (and the gold standard) read it."""
    possessive = re.match(r"(.+?)(?:'s|’s)[ \u00a0]+", text[start:end])
    if possessive and (start, start + len(possessive.group(1))) in places and possessive.end() < end - start:
        return start + possessive.end()
    return start


def longest_spans(candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping candidates, longest first; on equal length the earlier listed wins.

    Name patterns never compete with listed (non-generic) bodies: a pattern
    that overlaps one was dropped before, so "UK's National Crime Agency"
    stays the listed "National Crime Agency".
    """
    order = sorted(range(len(candidates)), key=lambda i: (-(candidates[i][1] - candidates[i][0]), i))
    return preferred_disjoint((candidates[i] for i in order), bounds=lambda c: (c[0], c[1]))


def _capitalised_mid_sentence(text: str, start: int) -> bool:
    if not text[start:start + 1].isupper():
        return False
    before = text[max(0, start - 3):start].strip()
    return bool(before) and before[-1] not in ".!?\n\"“‘'"
