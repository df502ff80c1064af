"""Shared span plumbing: every mention type lives in its own ``doc.spans`` group.

Normalised values ride on ``span._.norm`` (a dict), so overlapping mentions of
different types (a place inside an organisation's name) coexist.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

if not Span.has_extension("norm"):
    Span.set_extension("norm", default=None)
if not Span.has_extension("rule"):
    Span.set_extension("rule", default=None)


def add_span(doc: Doc, label: str, start: int, end: int, norm: dict[str, Any], rule: str) -> Span | None:
    """Add a span for the character range [start, end) to ``doc.spans[label]``.

    The range is widened to token boundaries only when it cuts a token; the
    span's text is always an exact slice of ``doc.text``.
    """
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    span._.norm = norm
    span._.rule = rule
    group = doc.spans.setdefault(label, [])
    group.append(span)
    return span


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
