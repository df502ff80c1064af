"""Footnotes a claim's sentence cites: each footnote marker in it (or just after its full stop) leads
to the footnote of that number that follows it, usually at its page's foot. Analysts read there the
figure's source ("Key informant K3, interviewed on 2 November 2024") or its unit."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from extractors.model import Claim

TRAILING = 3  # a marker may stand just after the sentence's full stop: "... (see figure IV).²⁷"


def cite_footnotes(claims: tuple[Claim, ...], text: str, markers: tuple[tuple[int, int], ...],
                   notes: tuple) -> tuple[Claim, ...]:
    """The claims, each whose sentence cites footnotes with ``footnotes``: [{number, start, end}]."""
    if not markers or not notes:
        return claims
    starts = [start for start, _ in markers]
    by_number: dict[str, list] = {}
    for note in notes:
        by_number.setdefault(note.number, []).append(note)
    out = []
    for claim in claims:
        begin, end = claim.sentence
        cited = []
        for start, stop in markers[bisect_left(starts, begin):bisect_left(starts, end + TRAILING)]:
            note = next((n for n in by_number.get(text[start:stop], []) if n.start > start), None)
            if note is not None and not note.start <= begin < note.end:  # a footnote does not cite itself
                cited.append({"number": note.number, "start": note.start, "end": note.end})
        out.append(replace(claim, extra={**claim.extra, "footnotes": cited}) if cited else claim)
    return tuple(out)
