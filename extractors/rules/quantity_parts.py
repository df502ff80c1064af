"""The pieces every quantity rule shares: the match record, spacing, qualifiers before a number
("almost", "more than") and the counted noun after it ("859 criminal cases")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import load_jsonl

SP = "[ \u00a0\u2009\u202f]"
GAP = rf"(?:{SP}+(?:\n{SP}*)?|\n{SP}*)"  # at least one space, at most one line break, split one way only
OPT_GAP = rf"(?:{GAP})?"

WORD_AFTER = re.compile(rf"{OPT_GAP}(?:of{GAP}(?:the{GAP})?)?([A-Za-z][A-Za-z\-’']*)")
STOP_AFTER = frozenset(
    "and or but to in on at by for from with as per than the a an is are was were be been has have had will would "
    "could should may might it its this that these those which who whom whose when where while if so not no "
    "percent per cent times am pm bc ad".split()
)
COUNT_HEAD_STOP = frozenset("of in on at by for from with as than were was are is had have has that which who".split())


@dataclass(frozen=True)
class QuantityMatch:
    """One located quantity, with offsets into the text it was found in."""

    start: int
    end: int
    value: float
    unit: str
    qualifier: str = "exact"
    value_max: float | None = None
    counted: str | None = None
    rule: str = "quantity.count"


@lru_cache(maxsize=1)
def qualifier_re() -> re.Pattern[str]:
    phrases = sorted((row["phrase"] for row in load_jsonl("qualifiers.jsonl")), key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", GAP) for p in phrases)
    return re.compile(rf"(?i:(?<![\w])(?:{alternation}))(?:{GAP}|(?<=[~<>≈≤≥])|(?<=c\.))$")


@lru_cache(maxsize=1)
def qualifier_table() -> dict[str, str]:
    return {" ".join(row["phrase"].split()).lower(): row["qualifier"] for row in load_jsonl("qualifiers.jsonl")}


def qualifier_before(text: str, start: int) -> tuple[str, int]:
    match = qualifier_re().search(text, max(0, start - 30), start)
    if not match or match.end() != start:
        return "exact", start
    phrase = " ".join(text[match.start():start].split()).lower()
    phrase = phrase.rstrip()
    return qualifier_table().get(phrase, "exact"), match.start()


def with_qualifier(text: str, start: int, end: int) -> tuple[int, int, str]:
    qualifier, q_start = qualifier_before(text, start)
    return q_start, end, qualifier


def counted_after(text: str, end: int, limit: int = 4) -> str | None:
    """The head noun phrase after a quantity: "859 criminal cases" -> "criminal cases"."""
    words: list[str] = []
    position = end
    while len(words) < limit:
        match = WORD_AFTER.match(text, position)
        if not match:
            break
        word = match.group(1)
        lowered = word.lower()
        if lowered in COUNT_HEAD_STOP or lowered in STOP_AFTER or (word[0].isupper() and words):
            break
        words.append(lowered)
        position = match.end()
        if lowered.endswith("s") and not lowered.endswith("ss"):
            break
    return " ".join(words) or None


def word_after(text: str, end: int) -> str | None:
    match = WORD_AFTER.match(text, end)
    return match.group(1).lower() if match else None
