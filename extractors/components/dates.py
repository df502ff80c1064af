"""DATE spans from ``rules.dates``, resolved against the document date ("last year") and,
for anaphoric expressions ("the previous year", "a year earlier"), against the dates before them."""

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.spans import add_span, doc_date, text_of
from extractors.rules.dates import find_dates


@Language.factory("date_finder", default_config={})
def make_date_finder(nlp: Language, name: str):
    return DateFinder()


class DateFinder:
    """Adds every date expression to ``doc.spans["DATE"]`` with ISO bounds and granularity.

    ``doc.user_data["fiscal_start"]`` (first month of the fiscal year of the
    document's main country, set by the location finder from ``fiscal_years.jsonl``)
    decides what "FY2023", "fiscal 2025" and "2023-24" mean; without it FY labels
    are US federal years (October to September). ``doc.user_data["country"]`` decides the order of
    numeric dates ("03/12/2024") where the text's own do not.
    """

    def __call__(self, doc: Doc) -> Doc:
        doc.spans.setdefault("DATE", [])
        for match in find_dates(text_of(doc), doc_date(doc), doc.user_data.get("fiscal_start", 1), doc.user_data.get("country")):
            norm = {"start_date": match.start_date, "end_date": match.end_date, "granularity": match.granularity}
            add_span(doc, "DATE", match.start, match.end, norm, match.rule)
        return doc
