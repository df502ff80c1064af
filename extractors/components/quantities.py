"""QUANTITY spans from ``rules.quantities``: values converted to the spec's units."""

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from extractors.intervals import SpanIndex, covers
from extractors.components.spans import add_span, records, text_of
from extractors.rules.quantities import find_quantities
from extractors.rules.quantity_parts import QuantityMatch


TIME_LIKE_UNITS = frozenset({"count", "year", "month", "day"})


RANGE_REST = re.compile(r"\s*(?:to|-|–|—|and)\s*")


def _past_date(text: str, match: QuantityMatch, dates: SpanIndex) -> QuantityMatch | None:
    """A range whose first number is a date's day ("since January 1 to 58 tonnes") is the second number alone;
    any other quantity starting inside a date is none."""
    holding = dates.containing(match.start)
    if not holding:
        return match
    inside = holding[0].end
    rest = RANGE_REST.match(text, inside)
    if match.value_max is None or rest is None or rest.end() >= match.end:
        return None
    return replace(match, start=rest.end(), value=match.value_max, value_max=None, qualifier="exact")


@Language.factory("quantity_finder", default_config={})
def make_quantity_finder(nlp: Language, name: str):
    return QuantityFinder()


class QuantityFinder:
    """Adds every quantity to ``doc.spans["QUANTITY"]``. Runs after the date, substance and
    organisation finders: numbers inside their names are not quantities; a country named earlier in the
    sentence, else the one in ``doc.user_data["country"]``, chooses among same-named currencies."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans.setdefault("QUANTITY", [])
        dates = SpanIndex(records(doc, "DATE"))
        in_name = covers([(r.start, r.end) for r in records(doc) if r.label in ("SUBSTANCE", "ORG")])
        places = [(r.start, r.norm["country_code"]) for r in records(doc, "LOCATION") if r.norm.get("country_code")]
        text = text_of(doc)
        for match in find_quantities(text, doc.user_data.get("country"), places):
            if match.unit in TIME_LIKE_UNITS and dates.overlapping(match.start, match.end):
                continue  # "the first five months of 2023" is a period, not a measured duration
            match = _past_date(text, match, dates)
            if match is None:
                continue
            if in_name(match.start, match.end):
                continue  # the "1,4" of "1,4-butanediol", the "13" of "MS-13"
            norm = {"value": round(match.value, 6), "value_max": None if match.value_max is None else round(match.value_max, 6),
                    "unit": match.unit, "qualifier": match.qualifier, "counted": match.counted}
            add_span(doc, "QUANTITY", match.start, match.end, norm, match.rule)
        return doc
