"""Numbers as written in reports: digits with any thousands separator, and words.

"1,300", "10 000" (ordinary, no-break or thin space), "14.3", "two hundred",
"a hundred and seventy-six", "six thousand two hundred", "seven crore".
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.lexicon import load_jsonl

GROUP_SPACES = " \u00a0\u2009\u202f"
DIGITS_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"            # 1,300 / 14,699.88
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)(?:\.\d+)?"  # 10 000 / 2 200
    r"|\d+(?:\.\d+)?"                           # 706 / 43.431
    r"|\.\d+"                                   # .5
)


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, str]]:
    """word -> (value, kind) from ``number_words.jsonl``."""
    return {row["word"]: (float(row["value"]), row["kind"]) for row in load_jsonl("number_words.jsonl")}


def parse_digits(text: str) -> float | None:
    """Value of a digit string such as "1,300", "10 000" or "43.431"; None if it is not one."""
    cleaned = text.strip()
    for sep in "," + GROUP_SPACES:
        cleaned = cleaned.replace(sep, "")
    if not cleaned or not re.fullmatch(r"\d*\.?\d+", cleaned):
        return None
    return float(cleaned)


def split_number_words(text: str) -> list[str]:
    """Lower-case word pieces of a spelled-out number ("seventy-six" -> ["seventy", "six"])."""
    return [w for w in re.split(r"[\s\-]+", text.lower()) if w and w != "and"]


def parse_number_words(text: str) -> float | None:
    """Value of a spelled-out number; None when any piece is not a number word.

    Handles "three", "twenty-five", "two hundred", "a hundred and seventy-six",
    "six thousand two hundred", "a billion", "seven crore".
    """
    words = split_number_words(text)
    if not words:
        return None
    lexicon = number_words()
    total = 0.0
    current = 0.0
    seen_number = False
    for word in words:
        entry = lexicon.get(word)
        if entry is None:
            return None
        value, kind = entry
        if kind in ("unit", "tens", "article"):
            current += value
            seen_number = seen_number or kind != "article"
        elif kind == "hundred":
            current = (current or 1.0) * value
            seen_number = True
        elif kind == "scale":
            total += (current or 1.0) * value
            current = 0.0
            seen_number = True
        else:
            return None
    if not seen_number:
        return None
    return total + current


def parse_number(text: str) -> float | None:
    """Digits, words, or digits followed by a scale word ("2.5 million", "93 million")."""
    text = text.strip()
    value = parse_digits(text)
    if value is not None:
        return value
    match = DIGITS_RE.match(text)
    if match:
        head = parse_digits(match.group(0))
        tail = text[match.end():].strip()
        scale = parse_number_words(tail) if tail else None
        if head is not None and scale is not None and all(
            number_words().get(w, (0, ""))[1] == "scale" for w in split_number_words(tail)
        ):
            return head * scale
        return None
    return parse_number_words(text)
