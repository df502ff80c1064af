"""The extraction pipeline: text in, mentions and claims out. No Prefect here.

``build_nlp`` assembles a blank English spaCy pipeline with our rule
components (no statistical model: the rules need none, and a blank pipeline
runs an order of magnitude faster). ``extract`` runs it on one text.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

import spacy
from spacy.language import Language

import extractors.components  # noqa: F401  (registers the factories)
from extractors.lexicon import rules_hash
from extractors.model import Extraction
from extractors.rules.docdate import find_doc_date

COMPONENTS = ("report_sentences", "location_finder", "substance_finder", "organisation_finder",
              "date_finder", "quantity_finder", "claim_builder")
MODEL_NAME = "blank:en"
MAX_TEXT_CHARS = 20_000_000


def package_version() -> str:
    try:
        return version("claims")
    except PackageNotFoundError:
        return "0.0.0"


def pipeline_version() -> str:
    """Package version plus the hash of the rule data: any change re-extracts documents."""
    return f"{package_version()}+rules.{rules_hash()}"


def build_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.max_length = MAX_TEXT_CHARS
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process, built on first use."""
    return build_nlp()


def extract(text: str, *, doc_date: str | None = None, metadata_date: str | None = None,
            document: str = "", nlp: Language | None = None, markers: tuple[tuple[int, int], ...] = ()) -> Extraction:
    """Mentions and claims of one text.

    ``doc_date`` overrides the date found in the text; ``metadata_date`` (from a
    PDF's metadata, say) is used only when the text gives none. ``document`` (its path in the
    corpus) goes into the claim ids. ``markers`` are footnote markers (a PDF's superscript digits): the
    rules read the text with each one blanked out, so "1,250 kg¹⁴" is 1,250 kg and "2024,³ violent"
    holds no "3"; offsets are unchanged and mention texts come from ``text`` itself.
    """
    nlp = nlp or shared_nlp()
    original, text = text, blank(text, markers)
    found = find_doc_date(text, metadata_date)
    resolved_date = doc_date or found.value
    doc = nlp.make_doc(text)
    doc.user_data["doc_date"] = resolved_date
    doc.user_data["dateline"] = found.span
    doc.user_data["document"] = document
    doc = nlp(doc)
    mentions = tuple(m if not markers or original[m.start:m.end] == m.text else replace(m, text=original[m.start:m.end])
                     for m in doc.user_data["mentions"])
    return Extraction(mentions, tuple(doc.user_data["claims"]), resolved_date)


def blank(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with each span turned into spaces of the same length."""
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], " " * (end - start)]
        position = end
    return "".join(pieces) + text[position:]
