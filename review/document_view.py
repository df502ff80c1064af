"""The document view's text: the stored text cut into plain runs and claim marks, each knowing its offset.

The page renders every piece with its offset (``data-at``), so a selection in the browser maps back to
exact offsets into the stored text: the provenance a claim added from a selection, or a moved span,
must keep. An HTML parser reads "\r\n" as one "\n", which would shift every offset after it, so no
piece holds a "\r" directly before a "\n": the pair is cut between two elements, where the parser keeps
both characters' count.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Piece:
    start: int
    text: str
    claim: dict[str, Any] | None = None  # the claim whose quantity this span is, if any


def document_marks(text: str, claims: list[dict[str, Any]]) -> list[Piece]:
    """``text`` as pieces: each claim's quantity span a marked piece, the text between plain ones. Where two
    claims' spans overlap, the first in the text is marked."""
    spans = sorted(((c["quantity"]["start"], c["quantity"]["end"], c) for c in claims
                    if c.get("quantity") and "start" in c["quantity"] and c["quantity"]["end"] <= len(text)),
                   key=lambda span: span[:2])
    pieces, position = [], 0
    for start, end, claim in spans:
        if start < position:
            continue
        pieces += _plain(text, position, start)
        pieces.append(Piece(start, text[start:end], claim))
        position = end
    return pieces + _plain(text, position, len(text))


def _plain(text: str, start: int, end: int) -> list[Piece]:
    """Unmarked text from ``start`` to ``end``, cut after every "\r" that precedes a "\n"."""
    cuts = [start, *(i + 1 for i in range(start, end - 1) if text[i] == "\r" and text[i + 1] == "\n"), end]
    return [Piece(a, text[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]
