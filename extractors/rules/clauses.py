"""Clauses inside a sentence, and what a clause says about time: its tense, a shift of time
("has since", "now"), a habit ("every year"), and dates that only say when something was told.

A date scopes its own clause and the clauses after it; a clause after "; ", " — ", ", while",
", and in November ..." starts afresh, so "rose five-fold in two years, and in November 2023 police
seized ..." does not date the first figure by the second clause's month.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.rules.cues import alternation, anaphora_pattern, cue_pattern

CLAUSE_BREAK = re.compile(
    r";\s+|\s[—–-]\s+|\s*—\s*|:\s+(?=[a-z])|,\s+(?:while|whereas|but|although|though|yet)\s+|,\s+(?=(?:[\w.,]+\s+)?of\s+(?:which|whom|them)\b)|"
    r",\s+and\s+(?=(?:in|on|at|during|last|this|since|by|then|later|earlier|now|the|a|an|police|officers?|he|she|they|it|"
    r"its|their|his|her|these|those|some|all|both|several|many|most)\b)|"
    r"\s+and\s+(?=(?:has|have|had|is|are|was|were)\s+(?:since|now|also|already)\b)")
EDGE_WORD = re.compile(r"[\w'’-]+")
ADVERB_BEFORE = re.compile(r"\w+ly\s+$", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"(?:\b(?:is|are|am|be|been|being|get|gets|the|a|an|of|its|their|his|her)\s+)$", re.IGNORECASE)
PARTICIPLE_NEXT = re.compile(r"\s++(?:\w+ly\s+|still\s+|also\s+|now\s+|often\s+|mostly\s+|mainly\s+)?(?:\w{3,}ed|seen|found|"
                             r"made|sold|taken|given|known|held|brought|grown|shown|hidden|thought|believed)\b", re.IGNORECASE)
PAST_PARTICIPLE = re.compile(r"(?<![\w-])[a-z]{3,}ed(?![\w-])")
REPORTED_ON_GAP = 45


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[start:end], in order, without the words that join them."""
    bounds, clause_start = [], start
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if match.start() > clause_start:
            bounds.append((clause_start, match.start()))
            clause_start = match.end()
    bounds.append((clause_start, end))
    return bounds


def clause_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the clause holding ``offset`` (the one before it, for the joining words themselves)."""
    index = 0
    for position, (start, _) in enumerate(spans):
        if start <= offset:
            index = position
    return index


def tense(text: str, start: int, end: int) -> str:
    """"present", "past" or "none" (no finite verb found: a label, a list item, a headline fragment).

    The first finite marker decides: an auxiliary or copula ("is", "are", "was", "had"), an
    irregular past ("found", "took"), or a word in -ed that is not passive or adjectival ("are
    detected", "the seized drugs", "previously reported"). Reporting verbs ("cites", "said") say
    nothing about the event and are passed over.
    """
    segment = text[start:end]
    if PROGRESSIVE.search(segment):
        return "past"  # "prosecutors are seeking": an act of the story, not a standing fact
    reporting = cue_pattern("reporting_verb")
    present, past = cue_pattern("present_verb"), cue_pattern("past_verb")
    for word in EDGE_WORD.finditer(segment):
        token = word.group(0)
        if reporting.fullmatch(token):
            continue
        if present.fullmatch(token):
            if token.lower() in ("is", "are", "am") and not PARTICIPLE_NEXT.match(segment, word.end()):
                continue  # a copula ("Two are Mexican nationals", "As is the case") states no standing fact itself
            return "present"
        if past.fullmatch(token):
            return "past"
        lowered = token.lower()
        if PAST_PARTICIPLE.fullmatch(lowered):
            before = segment[max(0, word.start() - 20):word.start()]
            if not (PASSIVE_BEFORE.search(before) or ADVERB_BEFORE.search(before)):
                return "past"
            if re.search(r"\b(?:is|are|am)\s+(?:\w+ly\s+)?$", before, re.IGNORECASE):
                return "present"
    return "none"


SINCE_A_DATE = re.compile(r"\s+(?:\d|the\s|early|late|mid|[A-Z][a-z]+\b)")
RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who|whose)\b", re.IGNORECASE)
AUXILIARIES = frozenset({"was", "were", "is", "are", "has", "have", "had"})
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whom|whose|that|where)\b[^,;()]*(?:,|$)", re.IGNORECASE)
PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:\w+ly\s+|also\s+|still\s+)?\w+ing\b", re.IGNORECASE)
DEMONSTRATIVE_START = re.compile(r"\W*(?:that|this|these|those|it)\s+(?:is|was|are|were|means|represents)\b", re.IGNORECASE)


def relative_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Asides set off by commas that describe something else (", which began on Oct. 1,")."""
    return [(m.start(), m.end()) for m in RELATIVE_CLAUSE.finditer(text, start, end)]


def inside_relative(text: str, start: int, end: int) -> bool:
    """A date at ``end`` lies in a relative clause opened after ``start`` ("5 t of cocaine that arrived in
    2022"), unless that clause has closed and the main verb follows ("Nine men who ran a business ...
    were jailed on Thursday")."""
    closed = [m.end() for m in RELATIVE_CLAUSE.finditer(text, start, end) if text[m.end() - 1] == ","]
    opened = RELATIVE_PRONOUN.search(text, max([start, *closed]), end)  # ", which borders Iran, over the weekend"
    if not opened:
        return False
    words = [w.group(0) for w in EDGE_WORD.finditer(text, opened.end(), end)]
    lexical = next((i for i, w in enumerate(words) if cue_pattern("past_verb").fullmatch(w) and w.lower() not in AUXILIARIES
                    or PAST_PARTICIPLE.fullmatch(w.lower())), None)
    return lexical is None or not any(w.lower() in AUXILIARIES for w in words[lexical + 1:])


def refers_back(text: str, sentence_start: int, clause: tuple[int, int]) -> bool:
    """The clause continues the story ("The powder is enough for ...", "That is a rise of 25%", "They
    also found ..."), so even in the present tense it speaks of the story's event."""
    opening = text[sentence_start:sentence_start + 40]
    return bool(cue_pattern("refers_back").match(opening.lstrip()) or anaphora_pattern().match(opening.lstrip())
                or DEMONSTRATIVE_START.match(opening) or anaphora_pattern().search(text, *clause))


def is_allegation(text: str, start: int, end: int) -> bool:
    """The sentence recounts what someone is accused of ("Prosecutors allege the group moved ...", "The
    group is accused of landing ..."): background to the story, whose dates do not re-date it."""
    return bool(cue_pattern("allegation").search(text, start, end))


def shifts_time(text: str, start: int, end: int) -> bool:
    """The clause moves away from the story's time ("has since linked", "now takes", "so far"), but not
    "since" that opens a date ("the highest since 2001")."""
    return any(not SINCE_A_DATE.match(text, m.end()) for m in cue_pattern("time_shift").finditer(text, start, end))


def is_habitual(text: str, start: int, end: int) -> bool:
    """A figure for every year or as a rule ("are detected on the market every year"), not one event's."""
    return bool(cue_pattern("habitual").search(text, start, end))


@lru_cache(maxsize=8192)
def reported_on(text: str, date_start: int, date_end: int | None = None) -> bool:
    """The day a statement was made ("the ministry said on Tuesday", "in a statement released on Friday",
    "the authorities today present the results"), not when the facts happened."""
    before = text[max(0, date_start - REPORTED_ON_GAP):date_start]
    if _reported_on_pattern().search(before):
        return True
    return date_end is not None and bool(_reporting_after().match(text, date_end))


@lru_cache(maxsize=1)
def _reported_on_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation('reporting_verb')})(?:\s+\w+){{0,3}}?\s+(?:late\s+|early\s+)?(?:on\s+|in\s+)?$",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _reporting_after() -> re.Pattern[str]:
    return re.compile(rf"\s++(?!according|statement|report\b|reports\b)(?:{alternation('reporting_verb')})(?![\w-])",
                      re.IGNORECASE)
