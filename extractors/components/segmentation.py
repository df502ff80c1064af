"""Sentence boundaries for report text: punctuation, paragraphs, headings and table rows.

Reports break lines for layout (PDF text wraps mid-sentence), so a single line
break ends a sentence only where the line is a heading, a table row or a line
without a verb-carrying tail; a blank line always does.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.spans import text_of

FUNCTION_WORD_END = re.compile(r"\b(?:a|an|the|of|for|and|or|to|in|on|by|with|at|from|as|that|which|is|are|was|were|than)$",
                               re.IGNORECASE)
END_PUNCT = (".", "!", "?", ":", ";", "”", "\"", "’")


def _line_ends_sentence(previous: str, following: str) -> bool:
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following:
        return True
    if "\t" in previous or "\t" in following:
        return True
    if previous.endswith(END_PUNCT):
        return True
    if not (following[0].isupper() or following[0].isdigit() or following[0] in "-–•*"):
        return False
    return len(previous) < 60 and looks_like_title(previous) and (not previous[-1].islower() or len(previous) < 40)


def looks_like_title(line: str) -> bool:
    """A heading or label rather than the first part of a wrapped sentence."""
    return not (FUNCTION_WORD_END.search(line) or line[-1].isdigit() or line[-1].islower() and ", " in line
                or line.endswith(("-", ",", "(", "–")))


def line_boundaries(text: str) -> set[int]:
    """Character offsets where a new sentence starts because of the line structure."""
    starts: set[int] = set()
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines[:-1]):
        offset += len(line) + 1
        following = lines[index + 1]
        if _line_ends_sentence(line, following):
            starts.add(offset + len(following) - len(following.lstrip()))
    return starts


@Language.component("report_sentences")
def report_sentences(doc: Doc) -> Doc:
    """Sentence starts from punctuation (sentencizer-like) plus the line structure.

    The flags are written in one ``from_array`` call: setting ``is_sent_start``
    token by token re-scans the whole document each time (quadratic).
    """
    boundaries = line_boundaries(text_of(doc))
    flags = numpy.full(len(doc), -1, dtype="int64")
    previous_ends = True
    for token in doc:
        if token.i == 0 or (not token.is_space and (previous_ends or token.idx in boundaries)):
            flags[token.i] = 1
        if not token.is_space:
            previous_ends = token.text in (".", "!", "?", "…") or (
                token.text in ("”", "\"", "’", ")") and token.i > 0 and doc[token.i - 1].text in (".", "!", "?"))
        if token.text.count("\n") >= 2:
            previous_ends = True
    if len(doc):
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # -1 wraps, as spaCy stores it
    return doc
