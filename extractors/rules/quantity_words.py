"""Quantities written without digits: multipliers ("eightfold", "doubled", "twice"), ratios ("one in
twenty", "six out of ten"), fractions ("about half", "one fifth") and plural amounts ("thousands of")."""
from __future__ import annotations

import re

from extractors.normalise.numbers import number_words, parse_digits, parse_number_words
from extractors.rules.quantity_parts import SP, QuantityMatch, counted_after, with_qualifier


PLURAL_AMOUNT_RE = re.compile(
    rf"(?i)\b(?:(tens|hundreds){SP}+of{SP}+)?(dozens|hundreds|thousands|millions|billions)(?={SP}+of\b)"
)
MULTIPLIER_RE = re.compile(
    r"(?i)\b(doubled|doubling|tripled|tripling|quadrupled|quadrupling|halved|twice|thrice)\b(?!-)"
    rf"|\b(double|triple|quadruple)(?={SP}+(?:the|that|what|its|their|his|her|in|from|over|since|compared|as|a{SP}+year)\b)"
)  # "double" as an adjective ("double murder", "double-digit") measures nothing
FOLD_WORD_RE = re.compile(r"(?i)\b([a-z]+(?:-[a-z]+)?)-?fold\b")
RATIO_RE = re.compile(
    rf"(?i)\b(one|two|three|four|five|six|seven|eight|nine|\d+){SP}+(?:in|out{SP}+of)(?:{SP}+every)?{SP}+"
    r"(two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a hundred|hundred|\d+)\b"
)
SCORE_OUT_OF_RE = re.compile(rf"(?i)\b(\d{{1,3}}(?:\.\d+)?){SP}+out{SP}+of{SP}+(5|7|10|100)\b")
FRACTION_RE = re.compile(
    rf"(?i)\b(?:(a|one|two|three|four)[{SP[1:-1]}\-\n]+)?(half|thirds?|quarters?|fifths?|tenths?)"
    rf"(?={SP}+of\b|{SP}+(?:the|their|its|all|above|below|more|less|higher|lower|fewer|as)\b)"
)
FRACTION_AFTER_BY_RE = re.compile(rf"(?i)\bby{SP}+(?:(?:about|around|roughly|some|almost|nearly|more{SP}+than){SP}+)?"
                                  rf"(?:a{SP}+|one{SP}+)?(half|third|quarter|fifth)\b")  # "fell by about half"


def word_quantities(text: str) -> list[QuantityMatch]:
    """Multipliers and ratios written without digits: "eightfold", "doubled", "one in twenty", "about half"."""
    spans: list[tuple[int, int]] = []
    out: list[QuantityMatch] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in spans)

    def add(start: int, end: int, value: float, unit: str, rule: str, counted: str | None = None) -> None:
        q_start, q_end, qualifier = with_qualifier(text, start, end)
        if free(q_start, q_end):
            out.append(QuantityMatch(q_start, q_end, value, unit, qualifier, None, counted, rule))
            spans.append((q_start, q_end))

    for match in PLURAL_AMOUNT_RE.finditer(text):
        value = number_words()[match.group(2).lower()][0]
        if match.group(1):
            value *= 10 if match.group(1).lower() == "tens" else 100
        q_start, q_end, qualifier = with_qualifier(text, match.start(), match.end())
        if free(q_start, q_end):
            counted = counted_after(text, match.end())
            out.append(QuantityMatch(q_start, q_end, value, "count", "at_least" if qualifier == "exact" else qualifier,
                                     None, counted, "quantity.plural"))
            spans.append((q_start, q_end))
    for match in FOLD_WORD_RE.finditer(text):
        value = parse_number_words(match.group(1))
        if value is not None:
            add(match.start(), match.end(), value, "times", "quantity.multiplier")
    for match in SCORE_OUT_OF_RE.finditer(text):  # "7.35 out of 10": an index score, not six out of ten people
        scored = "." in match.group(1) or re.search(r"(?i)scor|rat(?:ed|ing)|index|rank", text[max(0, match.start() - 40):match.start()])
        if scored:
            add(match.start(), match.end(), float(match.group(1)), "score", "quantity.score")
    for match in MULTIPLIER_RE.finditer(text):
        word = match.group(1) or match.group(2)
        add(match.start(), match.end(), number_words()[word.lower()][0], "times", "quantity.multiplier")
    for match in RATIO_RE.finditer(text):
        part, whole = (parse_digits(g) or parse_number_words(g) for g in match.groups())
        if re.fullmatch(r"1[89]\d\d|2[01]\d\d", match.group(2)):
            continue  # "up from 19 in 2022": a year, not a ratio
        if part and whole and whole > part:
            add(match.start(), match.end(), part / whole, "ratio", "quantity.ratio", counted_after(text, match.end()))
    for match in FRACTION_AFTER_BY_RE.finditer(text):
        add(match.start(1), match.end(1), number_words()[match.group(1).lower()][0], "ratio", "quantity.ratio")
    for match in FRACTION_RE.finditer(text):
        numerator_word, fraction_word = match.group(1), match.group(2).lower()
        if text[max(0, match.start() - 7):match.start()].lower().strip().endswith(("first", "second", "the")):
            continue
        numerator = 1.0 if not numerator_word else (parse_number_words(numerator_word) or 1.0)
        add(match.start(), match.end(), numerator * number_words()[fraction_word][0], "ratio", "quantity.ratio")
    return out
