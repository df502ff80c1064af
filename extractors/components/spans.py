"""Shared span plumbing: every mention type lives in its own ``doc.spans`` group.

Overlapping mentions of different types (a place inside an organisation's
name) coexist; their normalised values are kept in records beside the spans.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from extractors.intervals import covers

RECORDS_KEY = "mention_records"


@dataclass(frozen=True)
class MentionRecord:
    """A located mention: exact character offsets (not widened to tokens) and its normalised values."""

    label: str
    start: int
    end: int
    norm: dict[str, Any]
    rule: str


def add_span(doc: Doc, label: str, start: int, end: int, norm: dict[str, Any], rule: str) -> MentionRecord | None:
    """Record a mention of [start, end) and add its token-aligned span to ``doc.spans[label]``.

    The record keeps the exact character range the rule located, which is what
    mentions report; the span (widened to token boundaries if it cuts one) is
    for spaCy-side consumers. Norms live in the record, not in ``Span._``:
    spaCy keys span extensions by offsets, so a place and an organisation with
    the same offsets would share them.
    """
    if not text_of(doc)[start:end].strip():
        return None
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:
        return None
    doc.spans.setdefault(label, []).append(span)
    record = MentionRecord(label, start, end, norm, rule)
    doc.user_data.setdefault(RECORDS_KEY, []).append(record)
    return record


def drop_nested(doc: Doc, label: str, outer: list[tuple[int, int]]) -> None:
    """Forget ``label`` mentions that lie inside one of the ``outer`` ranges ("Belarus" in
    "Interior Ministry of Belarus" is part of a name, not a place mention)."""
    inside = covers(outer)
    kept = [r for r in doc.user_data.get(RECORDS_KEY, []) if r.label != label or not inside(r.start, r.end)]
    doc.user_data[RECORDS_KEY] = kept
    doc.spans[label] = [span for span in doc.spans.get(label, []) if not inside(span.start_char, span.end_char)]


def records(doc: Doc, label: str | None = None) -> list[MentionRecord]:
    """Mentions recorded so far, of one type or of all."""
    found = doc.user_data.get(RECORDS_KEY, [])
    return [r for r in found if label is None or r.label == label]


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds the string from the tokens on every access."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.text
        doc.user_data["text"] = text
    return text


def doc_date(doc: Doc) -> str | None:
    """The document date the caller passed in ``doc.user_data["doc_date"]``."""
    return doc.user_data.get("doc_date")
