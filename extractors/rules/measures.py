"""What a figure measures, and so which slots it can take.

Every quantity gets a measure class from its unit, its counted noun (``data/measure_nouns.jsonl``)
and the words around it: an amount of a drug, the value or price of a drug, other money, people,
drug harm (users, deaths), cases and operations, things (weapons, vehicles), a duration, a change,
a score, a distance, a potency. The class decides where the figure's drug may come from: officers
and pistols have none, a drug value takes the drug of what was seized, a death toll only a drug
its own sentence names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import load_jsonl
from extractors.model import Mention
from extractors.rules.cues import cue_pattern

# Where a class may take its drug from: "inherit" (own sentence, then table, story, anaphora), "own" (its own
# sentence, or an anaphor there), "linked" (only a drug attached to it: "34 cocaine laboratories"), or "none".
SUBSTANCE_POLICY = {"drug": "inherit", "crop": "inherit", "value": "inherit", "change": "inherit", "other": "own",
                    "harm": "own", "potency": "own", "case": "linked", "money": "none", "people": "none",
                    "thing": "none", "duration": "none", "distance": "none", "score": "none"}
CHANGE_WORDS = re.compile(r"(?:increase|decrease|rise|fall|drop|decline|growth|jump|surge|reduction|plunge|gain|"
                          r"collapse|hike|spike)s?$|^(?:more|less|fewer|higher|lower|up|down)$", re.IGNORECASE)
TIMELESS = frozenset({"potency"})  # "500 times more potent than morphine" holds everywhere, at any time
LEXICON_CLASSES = {"drug_unit": "drug", "people": "people", "harm": "harm", "case": "case", "thing": "thing",
                   "money": "money", "duration": "duration"}
UNIT_CLASSES = {"kg": "drug", "l": "drug", "ha": "crop", "km": "distance", "score": "score", "year": "duration",
                "month": "duration", "day": "duration", "week": "duration", "percent": "change", "times": "change",
                "ratio": "change"}
HARM_AFTER = re.compile(r"[^,;.]{0,30}?\b(?:died|dead|killed\s+by|overdosed|hospitali[sz]ed|poisoned|admitted|treated|"
                        r"used|using|use|injected|injecting|consumed|consuming|addicted|dependent)\b", re.IGNORECASE)
SUBJECT_CLASSES = ("people", "case", "harm", "thing")
SEIZURE_WORDS = re.compile(r"seizures?|hauls?|shipments?|consignments?|interceptions?|imports?|exports?|production|output|"
                           r"cultivation|supply|trade|market|volumes?")
WORDS_AFTER = re.compile(r"\s+(?!(?:a|an|the|of|in|on|at|to|from|per|and|or|for|by|with|than|as|each|every)\b)"
                         r"((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)")
HEAD_END = re.compile(r"\s+(?:\w+ing|\w{3,}ed|of|in|on|at|from|for|with|by|to|that|which|who)\b.*$")
CONTAINING = re.compile(r"\s+(?:[a-z-]+\s+){0,3}(?:containing|holding|filled\s+with|packed\s+with|loaded\s+with|stuffed\s+with|"
                        r"full\s+of|carrying)\b", re.IGNORECASE)
ARRESTED_BEFORE = re.compile(r"\b(?:arrest(?:s|ed)?|detain(?:s|ed)?|jail(?:s|ed)?|charg(?:e|es|ed)|held|nab(?:s|bed)?)\s+"
                             r"(?:at\s+least\s+|about\s+|some\s+)?$", re.IGNORECASE)
PARTITIVE_PEOPLE = re.compile(r"\s+of\s+(?:them|whom)\s+(?:[A-Z][a-z]+\s+)?(?:nationals?|citizens?|men|women|foreigners?|minors?)\b")
DEMONYM_PLURAL = re.compile(r"\s*[A-Z][a-z]+(?:ns|is|ese|ch|sh|s)\b")
CLAUSE_WINDOW = 120
BARE_AFTER = re.compile(r"\s*(?:[,.;:)]|\s(?:in|on|at|from|to|and|or|then|a\s+year|last|this|the\s+year|during|by)\b|$)")


@dataclass(frozen=True)
class MeasureNouns:
    """Counted nouns, singular and plural, mapped to their class."""

    classes: dict[str, str]
    longest: int

    def class_of(self, counted: str) -> str | None:
        """The class of the longest lexicon term ending the counted phrase ("police officers" -> people); the
        phrase ends before a participle or a preposition ("men carrying backpacks" -> men)."""
        words = HEAD_END.sub("", counted.lower()).split()
        for size in range(min(self.longest, len(words)), 0, -1):
            found = self.classes.get(" ".join(words[-size:]))
            if found:
                return found
        for word in words:  # "people hospitalised": the head comes first
            found = self.classes.get(word)
            if found:
                return found
        return None


def _plurals(term: str) -> list[str]:
    *head, last = term.split(" ")
    forms = [last + "s", last + "es"] + ([last[:-1] + "ies"] if last.endswith("y") else [])
    return [" ".join([*head, form]) for form in forms]


@lru_cache(maxsize=1)
def measure_nouns() -> MeasureNouns:
    classes: dict[str, str] = {}
    for row in load_jsonl("measure_nouns.jsonl"):
        kind = LEXICON_CLASSES[row["class"]]
        for form in [*_plurals(row["term"]), *([row["plural"]] if row.get("plural") else [])]:
            classes.setdefault(form, kind)
        classes[row["term"]] = kind  # a singular form wins over a coinciding plural of another term
    return MeasureNouns(classes, max(len(term.split()) for term in classes))


def header_class(header: str) -> str | None:
    """What a table column counts, from its header ("Arrests (number)" -> people)."""
    return measure_nouns().class_of(re.sub(r"\([^)]*\)", " ", header).strip().lower())


def measure_of(text: str, quantity: Mention, clause: tuple[int, int], neighbours: list[Mention] = ()) -> str:
    """The measure class of ``quantity``, read in its clause. A change ("a 233% increase") with no counted
    noun of its own measures what the nearest other figure in its sentence (``neighbours``) counts."""
    own = _own_class(text, quantity, clause)
    if own != "change":
        return own
    counted = str(quantity.attrs.get("counted") or "")
    of_counted = measure_nouns().class_of(counted) if counted else None
    if of_counted:
        return of_counted  # "14.3% of drug crimes"
    if counted and not CHANGE_WORDS.search(counted):
        return own  # "about a third of the cocaine trade": a share of what it names
    others = [(abs(other.start - quantity.start), _own_class(text, other, clause)) for other in neighbours
              if other is not quantity and clause[0] <= other.start < clause[1]]
    others = [(distance, kind) for distance, kind in others if kind not in ("change", "potency")]
    return min(others)[1] if others else subject_class(text, clause[0], quantity.start) or own


def is_bare(text: str, quantity: Mention) -> bool:
    """A count with its noun left out ("fell from 53 million tablets to 30.4 million in 2019"): nothing
    counted follows it, only a preposition, a conjunction or the end of the clause."""
    return (str(quantity.attrs.get("unit") or "count") == "count" and not quantity.attrs.get("counted")
            and bool(BARE_AFTER.match(text, quantity.end)))


def subject_class(text: str, start: int, end: int, first: bool = False) -> str | None:
    """What a change measures when its clause names it before the figure ("drug crime in the country
    increased by 9%"): the last counted noun there, after the last comma (or before the first, with
    ``first``: "The vessel, powered by ..., is worth"); seizures of a drug stay a change of the drug."""
    segments = text[start:end].split(",")
    words = re.findall(r"[a-z][a-z-]*", (segments[0] if first else segments[-1]).lower())[-10:]
    nouns = measure_nouns()
    for index in range(len(words) - 1, -1, -1):
        if SEIZURE_WORDS.fullmatch(words[index]):
            return None
        for size in (3, 2, 1):
            found = nouns.classes.get(" ".join(words[max(0, index - size + 1):index + 1]))
            if found in SUBJECT_CLASSES:
                return found
    return None


def _own_class(text: str, quantity: Mention, clause: tuple[int, int]) -> str:
    unit = str(quantity.attrs.get("unit") or "count")
    counted = str(quantity.attrs.get("counted") or "")
    if unit in ("times", "percent") and cue_pattern("potency").search(text, quantity.end, min(clause[1], quantity.end + 40)):
        return "potency"
    if len(unit) == 3 and unit.isupper():
        return _money_class(text, quantity, clause)
    if unit in UNIT_CLASSES:
        return UNIT_CLASSES[unit]
    found = measure_nouns().class_of(counted) if counted else None
    if found is None:  # the counted phrase was cut short ("118 sports bags" read as "sports")
        words = WORDS_AFTER.match(text, quantity.end)
        found = measure_nouns().class_of(words.group(1)) if words else None
    if found == "thing" and CONTAINING.match(text, quantity.end):
        return "drug"  # "14 backpacks containing 2.8 million tablets": the container is counted as its contents
    if found is None and (ARRESTED_BEFORE.search(text, max(0, quantity.start - 25), quantity.start)
                          or PARTITIVE_PEOPLE.match(text, quantity.end)):
        found = "people"  # "police raid camp, arrest 14", "14 people, three of them Colombian nationals"
    if found is None and DEMONYM_PLURAL.match(text, quantity.end):
        found = "people"  # "Six Syrians and two Pakistanis were arrested"
    if found == "people" and HARM_AFTER.match(text, quantity.end, clause[1]):
        return "harm"  # "nearly 100 people died", "11,220 people hospitalised"
    return found or "other"


def _money_class(text: str, quantity: Mention, clause: tuple[int, int]) -> str:
    """The value or price of a drug ("worth", "would sell for", "per kilogram") or other money ("in cash",
    "a fine of"): the cue nearest the figure in its clause decides; with none, it is other money."""
    start, end = max(clause[0], quantity.start - CLAUSE_WINDOW), min(clause[1], quantity.end + CLAUSE_WINDOW)
    best: tuple[int, str] | None = None
    for role, kind in (("money", "money"), ("value", "value")):
        for match in cue_pattern(role).finditer(text, start, end):
            distance = quantity.start - match.end() if match.end() <= quantity.start else max(0, match.start() - quantity.end)
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else "money"
