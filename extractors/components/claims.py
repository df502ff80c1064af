"""The last component: turn spans into mentions and assemble claims.

Results go to ``doc.user_data["mentions"]`` and ``doc.user_data["claims"]``
as plain model objects, ready to serialise.
"""

from bisect import bisect_right
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.spans import records, text_of
from extractors.model import MENTION_TYPES, Claim, Mention, claim_id_for
from extractors.rules.claims import link_claims
from extractors.rules.statements import statement


@Language.factory("claim_builder", default_config={})
def make_claim_builder(nlp: Language, name: str):
    return ClaimBuilder()


def collect_mentions(doc: Doc) -> list[Mention]:
    """Every recorded mention of the five types, numbered m1, m2... in text order."""
    ordered = sorted(records(doc), key=lambda r: (r.start, MENTION_TYPES.index(r.label), -r.end))
    text = text_of(doc)
    mentions = []
    seen: set[tuple[str, int, int]] = set()
    for record in ordered:
        key = (record.label, record.start, record.end)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(Mention(id=f"m{len(mentions) + 1}", type=record.label, text=text[record.start:record.end],
                                start=record.start, end=record.end, attrs={**record.norm, "rule": record.rule}))
    return mentions


def _context(sentences: list[tuple[int, int]], starts: list[int], sentence: tuple[int, int]) -> dict[str, int]:
    """The claim's sentence with one sentence either side: what a reviewer reads."""
    index = max(0, bisect_right(starts, sentence[0]) - 1)
    before = sentences[index - 1][0] if index > 0 else sentence[0]
    after = sentences[index + 1][1] if index + 1 < len(sentences) else sentence[1]
    return {"start": min(before, sentence[0]), "end": max(after, sentence[1])}


class ClaimBuilder:
    def __call__(self, doc: Doc) -> Doc:
        mentions = collect_mentions(doc)
        text = text_of(doc)
        sentences = [(s.start_char, s.start_char + len(text[s.start_char:s.end_char].rstrip()))
                     for s in doc.sents] if doc.has_annotation("SENT_START") else []
        document = doc.user_data.get("document", "")
        starts = [start for start, _ in sentences]
        claims = []
        seen: Counter[tuple[str, int, str]] = Counter()
        for links in link_claims(mentions, sentences, text_of(doc), doc.user_data.get("dateline"),
                                 doc.user_data.get("country_hints", [])):
            quantity = links.quantity
            fingerprint = (text[links.sentence[0]:links.sentence[1]], quantity.start - links.sentence[0], quantity.text)
            seen[fingerprint] += 1
            claims.append(Claim(
                id=claim_id_for(document, *fingerprint, seen[fingerprint]),
                quantity=quantity.id,
                date=links.date.id if links.date else None,
                location=links.location.id if links.location else None,
                location_implicit=links.location_implicit,
                substances=tuple(m.id for m in links.substances),
                organisations=tuple(m.id for m in links.organisations),
                sentence=links.sentence,
                statement=statement(quantity, links.date, links.location, links.substances, links.organisations),
                confidence=links.confidence,
                extra={"context": _context(sentences, starts, links.sentence), "measure": links.measure,
                       "slot_sources": links.slot_sources(),
                       **({"baseline_date": links.baseline_date.id} if links.baseline_date else {}),
                       **({"table": links.table()} if links.cell else {})},
            ))
        doc.user_data["mentions"] = mentions
        doc.user_data["claims"] = claims
        return doc
