"""Gazetteer matching that tolerates line breaks, line-end hyphens, hyphen/space
variants and curly apostrophes inside names.

The text is seen as a "view": its words with whitespace and hyphens dropped,
"metham-\\npheta-mine" rejoined, and apostrophes unified; aliases are reduced
the same way. spaCy's PhraseMatcher then runs over a Doc made of the view's
words (cheap: no tokenisation) and each match maps back to exact character
offsets in the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.components.spans import text_of
from extractors.intervals import preferred_disjoint

WORD_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?|[^\w\s\-–]", re.UNICODE)
LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")
VIEW_KEY = "gazetteer_view"
BARRIER = re.compile(r"\n[ \t]*\n|\t")
BARRIER_WORD = "\u2029"


@dataclass(frozen=True)
class View:
    """The words of a text with their character offsets."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def _normalise_word(word: str) -> str:
    return word.replace("’", "'")


def view_words(text: str) -> View:
    """Split text into view words; a word broken by a line-end hyphen becomes one word."""
    words, starts, ends = [], [], []
    joins = {m.start(): m for m in LINE_END_HYPHEN.finditer(text)}
    position = 0
    for match in WORD_RE.finditer(text):
        if match.start() < position:
            continue
        joined = joins.get(match.start())
        if joined is not None and joined.group(1) == match.group(0).rstrip("."):
            words.append(_normalise_word(joined.group(1) + joined.group(2)))
            starts.append(joined.start())
            ends.append(joined.end())
            position = joined.end()
            continue
        if ends and BARRIER.search(text, ends[-1], match.start()):
            words.append(BARRIER_WORD)  # names never run across a paragraph break or a table cell
            starts.append(ends[-1])
            ends.append(ends[-1])
        token = match.group(0)
        if token.endswith(".") and len(token) > 2 and "." not in token[:-1]:
            token = token[:-1]  # sentence-final full stop, not part of an abbreviation
        words.append(_normalise_word(token))
        starts.append(match.start())
        ends.append(match.start() + len(token))
        position = match.end()
    return View(tuple(words), tuple(starts), tuple(ends))


def alias_words(alias: str) -> list[str]:
    return view_words(alias).words


@dataclass(frozen=True)
class GazetteerHit:
    """One alias occurrence: character offsets in the text and the entry it names."""

    start: int
    end: int
    entry: int
    case_sensitive: bool


class Gazetteer:
    """Aliases of entries (index -> list of forms) matched over a text view."""

    def __init__(self, nlp: Language, label: str) -> None:
        self.vocab = nlp.vocab
        self.label = label
        self.insensitive = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sensitive = PhraseMatcher(nlp.vocab, attr="ORTH")

    def _pattern(self, alias: str) -> Doc | None:
        words = alias_words(alias)
        return Doc(self.vocab, words=list(words)) if words else None

    def add(self, entry: int, aliases: Iterable[str], case_sensitive: Iterable[str] = ()) -> None:
        key = f"{self.label}:{entry}"
        insensitive = [p for p in (self._pattern(a) for a in aliases) if p is not None]
        sensitive = [p for p in (self._pattern(a) for a in case_sensitive) if p is not None]
        if insensitive:
            self.insensitive.add(key, insensitive)
        if sensitive:
            self.sensitive.add(key + ":cs", sensitive)

    def find(self, doc: Doc, keep: Callable[[GazetteerHit], bool] | None = None,
             alternatives: bool = False) -> list[GazetteerHit]:
        """All alias hits, longest first where they overlap. ``keep`` drops hits before overlaps are
        settled, so a rejected long form ("port of Santos" in lower case) cannot hide a shorter one;
        ``alternatives`` keeps every entry whose alias covers a chosen span exactly, for the caller to
        choose among ("KNB" of Kazakhstan or of Kyrgyzstan)."""
        view: View | None = doc.user_data.get(VIEW_KEY)
        if view is None:
            view = view_words(text_of(doc))
            doc.user_data[VIEW_KEY] = view
        if not view.words:
            return []
        view_doc = doc.user_data.get(VIEW_KEY + "_doc")
        if view_doc is None:
            view_doc = Doc(self.vocab, words=list(view.words))
            doc.user_data[VIEW_KEY + "_doc"] = view_doc
        hits = []
        for matcher, sensitive in ((self.sensitive, True), (self.insensitive, False)):
            for match_id, start, end in matcher(view_doc):
                key = self.vocab.strings[match_id]
                entry = int(key.split(":")[1])
                hits.append(GazetteerHit(view.starts[start], view.ends[end - 1], entry, sensitive))
        kept = [h for h in hits if keep is None or keep(h)]
        chosen = longest_first(kept)
        if not alternatives:
            return chosen
        spans = {(h.start, h.end) for h in chosen}
        return sorted({*chosen, *(h for h in kept if (h.start, h.end) in spans)}, key=lambda h: (h.start, h.entry))


def longest_first(hits: list[GazetteerHit]) -> list[GazetteerHit]:
    """Non-overlapping hits, preferring longer spans, then case-sensitive ones, then earlier ones."""
    ordered = sorted(hits, key=lambda h: (-(h.end - h.start), not h.case_sensitive, h.start))
    return sorted(preferred_disjoint(ordered), key=lambda h: h.start)
