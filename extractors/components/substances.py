"""SUBSTANCE spans: the substances gazetteer plus patterns for NPS codes.

Street names that are also ordinary words ("ice", "speed", "salts") count only
with drug context nearby; codes such as "4-CMC", "α-PHP" or "4-СМС" (Cyrillic)
are found even when the gazetteer does not list them yet.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors.components.spans import add_span, text_of
from extractors.lexicon import load_jsonl
from extractors.components.gazetteer import Gazetteer

NPS_CODE = re.compile(
    r"(?<![\w-])(?:[1-5]-[A-ZА-Я]{3,5}|(?:α|alpha|Alpha|a)-[A-Z][A-Za-z]{1,4}|2C-[A-Z]|25[A-Z]-NBOMe|5F-[A-Z][A-Z0-9-]{2,12})(?![\w-])"
)
DRUG_CONTEXT = re.compile(
    r"drug|narcotic|seiz|traffick|smuggl|gram|kilo|\bkg\b|tonne|tablet|pill|dealer|dealing|smok|inject|overdose|"
    r"addict|illicit|psychoactive|cocaine|heroin|cannabis|methamphetamine|stimulant|opioid",
    re.IGNORECASE,
)
CONTEXT_CHARS = 250


@Language.factory("substance_finder", default_config={"data_file": "substances.jsonl"})
def make_substance_finder(nlp: Language, name: str, data_file: str):
    return SubstanceFinder(nlp, data_file)


class SubstanceFinder:
    def __init__(self, nlp: Language, data_file: str) -> None:
        self.entries = load_jsonl(data_file)
        self.gazetteer = Gazetteer(nlp, "SUBSTANCE")
        self.ambiguous: set[tuple[int, str]] = set()
        self.by_alias: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            self.gazetteer.add(index, entry.get("aliases", []), entry.get("case_sensitive", []))
            for form in entry.get("ambiguous", []):
                self.ambiguous.add((index, form.lower()))
            for form in entry.get("aliases", []) + entry.get("case_sensitive", []):
                self.by_alias.setdefault(form.lower(), index)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans.setdefault("SUBSTANCE", [])
        taken: list[tuple[int, int]] = []
        for hit in self.gazetteer.find(doc):
            surface = " ".join(text_of(doc)[hit.start:hit.end].split()).lower()
            if (hit.entry, surface) in self.ambiguous and not has_drug_context(text_of(doc), hit.start, hit.end):
                continue
            entry = self.entries[hit.entry]
            if entry["category"] == "class" and in_a_title(text_of(doc), hit.start, hit.end):
                continue  # "the Convention on Psychotropic Substances" names a treaty
            norm = {"canonical": entry["canonical"], "category": entry["category"]}
            if entry.get("plant"):
                norm["plant"] = True  # grown: what hectares of cultivation are of
            if add_span(doc, "SUBSTANCE", hit.start, hit.end, norm, "substance.gazetteer"):
                taken.append((hit.start, hit.end))
        for match in NPS_CODE.finditer(text_of(doc)):
            if any(match.start() < e and match.end() > s for s, e in taken):
                continue
            code = match.group(0).lower().replace("α", "alpha")
            index = self.by_alias.get(code)
            entry = self.entries[index] if index is not None else {"canonical": code, "category": "nps-other"}
            norm = {"canonical": entry["canonical"], "category": entry["category"]}
            add_span(doc, "SUBSTANCE", match.start(), match.end(), norm, "substance.code")
        return doc


def in_a_title(text: str, start: int, end: int) -> bool:
    """Every word capitalised, and not merely because a sentence or line starts here."""
    words = text[start:end].split()
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return False
    before = text[max(0, start - 3):start].strip()
    return bool(before) and before[-1] not in ".!?:\n\"“‘'|-–"


def has_drug_context(text: str, start: int, end: int) -> bool:
    """True when drug vocabulary appears near [start, end) (outside the word itself)."""
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    return bool(DRUG_CONTEXT.search(before) or DRUG_CONTEXT.search(after))
