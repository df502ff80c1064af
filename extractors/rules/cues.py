"""The little words the claim linker reads: story breaks, anaphora, value and money cues, reporting
verbs, tense markers (``data/claim_cues.jsonl``, one ``{"cue", "role"}`` per line).

Each role becomes one compiled pattern of whole words or phrases, longest first, so the linker's
algorithm stays language-independent and a new cue is a new line of data.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.lexicon import load_jsonl

ROLES = ("story_break", "anaphora_head", "anaphora_determiner", "anaphora_modifier", "anaphora_blocker", "value",
         "money", "reporting_verb", "habitual", "time_shift", "potency", "present_verb", "past_verb", "refers_back", "allegation",
         "several_places")


@lru_cache(maxsize=None)
def cues(role: str) -> tuple[str, ...]:
    """The cue phrases of one role, longest first."""
    if role not in ROLES:
        raise KeyError(f"unknown cue role {role!r}")
    found = {row["cue"] for row in load_jsonl("claim_cues.jsonl") if row["role"] == role}
    return tuple(sorted(found, key=lambda cue: (-len(cue), cue)))


@lru_cache(maxsize=None)
def alternation(role: str) -> str:
    """A regex alternation of the role's cues, spaces matching any run of white space."""
    return "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in cues(role))


@lru_cache(maxsize=None)
def cue_pattern(role: str) -> re.Pattern[str]:
    """Whole-word matches of any cue of the role, case-insensitive."""
    return re.compile(rf"(?<![\w-])(?:{alternation(role)})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def anaphora_pattern() -> re.Pattern[str]:
    """"the drug", "the seized narcotics", "this haul": a noun phrase that points back to the story's drug,
    unless it is the modifier of another noun ("the drug trade") or is followed by what it is of ("the
    seizure of EUR 2 million")."""
    return re.compile(  # the head as written in lower case: "the Drug Free Campus" names a programme
        rf"(?<![\w-])(?i:{alternation('anaphora_determiner')})\s+(?:(?i:{alternation('anaphora_modifier')})\s+)?"
        rf"(?P<head>{alternation('anaphora_head')})(?![\w-])(?!\s+(?i:of\b|(?:{alternation('anaphora_blocker')})(?![\w-])))")


COLLECTIVE_HEADS = frozenset({"haul", "hauls", "seizure", "cargo", "load", "contraband", "stash", "cache", "batch",
                              "consignment", "consignments", "shipment", "shipments", "drugs", "narcotics", "substances"})


def anaphora_in(text: str, start: int, end: int) -> str:
    """"collective" ("the haul", "the drugs": everything the story seized), "single" ("the drug"), or ""."""
    found = anaphora_pattern().search(text, start, end)
    if not found:
        return ""
    head = found.group("head")
    return "collective" if head in COLLECTIVE_HEADS else "single"
