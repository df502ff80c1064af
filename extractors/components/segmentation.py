"""Sentence boundaries for report text: punctuation, paragraphs, headings and table rows.

Reports break lines for layout (PDF text wraps mid-sentence), so a single line
break ends a sentence only where the line is a heading, a table row or a line
without a verb-carrying tail; a blank line always does.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.spans import text_of
from extractors.rules.tables import is_table_line

FUNCTION_WORD_END = re.compile(r"\b(?:a|an|the|of|for|and|or|to|in|on|by|with|at|from|as|that|which|is|are|was|were|than)$",
                               re.IGNORECASE)
BULLET = re.compile(r"[-–•*·▪]\s+\S")  # a bulleted line is an item of its own, punctuated or not
END_PUNCT = (".", "!", "?", ":", ";", "”", "\"", "’")


def _line_ends_sentence(previous: str, following: str) -> bool:
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following:
        return True
    if is_table_line(previous) or is_table_line(following) or BULLET.match(following):
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


SENTENCE_ENDS = (".", "!", "?", "…")
CLOSERS = ("”", "\"", "’", ")")
MAX_SENTENCE_TOKENS = 250  # far beyond any written sentence; a run without stops (a data dump, a list with no
# punctuation) is cut into pieces this long, so nothing read per sentence grows with the document
SOFT_BREAKS = (";", ",", ":")


@Language.component("report_sentences")
def report_sentences(doc: Doc) -> Doc:
    """Sentence starts from punctuation (sentencizer-like) plus the line structure.

    Computed on token arrays and written in one ``from_array`` call: a Python
    loop over tokens, or setting ``is_sent_start`` token by token (which
    re-scans the document each time), costs far more on long reports.
    """
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    orth = doc.to_array(ORTH)
    space = doc.to_array(IS_SPACE).astype(bool)
    idx = doc.to_array(IDX).astype("int64")
    ends = numpy.isin(orth, [strings.add(p) for p in SENTENCE_ENDS])
    closers = numpy.isin(orth, [strings.add(p) for p in CLOSERS])
    ends[1:] |= closers[1:] & ends[:-1]
    for i in numpy.flatnonzero(space):  # a blank line ends a sentence
        if doc[int(i)].text.count("\n") >= 2:
            ends[i] = True
    # for every token, whether the last non-space token before it ends a sentence
    positions = numpy.where(~space | ends, numpy.arange(len(doc)), -1)
    last = numpy.maximum.accumulate(positions)
    previous = numpy.concatenate(([-1], last[:-1]))
    after_end = numpy.where(previous >= 0, ends[numpy.maximum(previous, 0)], True)
    boundaries = numpy.fromiter(line_boundaries(text_of(doc)), dtype="int64")
    starts = ~space & (after_end | numpy.isin(idx, boundaries))
    starts[0] = True
    _cut_long_sentences(starts, space, numpy.isin(orth, [strings.add(p) for p in SOFT_BREAKS]))
    flags = numpy.where(starts, 1, -1).astype("int64")
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))  # -1 wraps, as spaCy stores it
    return doc


def _cut_long_sentences(starts: numpy.ndarray, space: numpy.ndarray, soft: numpy.ndarray) -> None:
    """Add starts inside sentences longer than ``MAX_SENTENCE_TOKENS``: after the last comma or semicolon of
    each stretch when there is one in its second half, else at the stretch's end."""
    bounds = [*numpy.flatnonzero(starts).tolist(), len(starts)]
    for begin, end in zip(bounds, bounds[1:]):
        position = begin
        while end - position > MAX_SENTENCE_TOKENS:
            limit = position + MAX_SENTENCE_TOKENS
            breaks = numpy.flatnonzero(soft[position + MAX_SENTENCE_TOKENS // 2:limit])
            cut = position + MAX_SENTENCE_TOKENS // 2 + int(breaks[-1]) + 1 if len(breaks) else limit
            while cut < end and space[cut]:
                cut += 1
            if cut >= end:
                break
            starts[cut] = True
            position = cut
