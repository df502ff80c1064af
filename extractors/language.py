"""The language a document is written in, told by langdetect (a port of Google's language-detection, its
profiles inside the package: offline), and what the pipeline does with it.

English is what the rules cover; Russian is told apart so its documents say so (their own rules are the
work of the Russian pipeline). Any other language is processed as English and the document warns of it.
Detection is seeded: the same text gives the same answer on every run and worker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

# The languages told apart: those the reports we read come in, with the Cyrillic ones Russian is confused
# with. Loading these 22 of langdetect's 55 profiles costs a worker 8 MB; all of them cost 63 MB (the
# Japanese, Korean and Chinese ones are large).
LANGUAGES = ("en", "ru", "uk", "bg", "mk", "fr", "es", "pt", "de", "it", "nl", "pl", "ro", "tr", "fa", "ar", "ur",
             "id", "vi", "th", "zh-cn", "sw")
SAMPLE_CHARS = 1_000  # from the start, the middle and the end: a cover page or a quoted line does not decide alone
SURE = 0.80  # the detector's probability under which a document is taken as English
LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Language:
    """The code recorded in the claims document's ``language`` and a warning when the rules do not fit it."""

    code: str
    warning: str | None = None


def detect_language(text: str) -> Language:
    """The document's language: the one the detector is sure of in most of three windows (start, middle,
    end), so neither a cover page nor one odd window decides; English where it is sure of none, and for a
    text without enough letters to tell (a table of figures)."""
    middle = max(0, len(text) // 2 - SAMPLE_CHARS // 2)
    windows = [text[:SAMPLE_CHARS], text[middle:middle + SAMPLE_CHARS], text[-SAMPLE_CHARS:]]
    verdicts = {window: _best(window) for window in windows}  # a short text's windows are one: read once
    votes = [verdicts[window] for window in windows]
    code = max(set(votes), key=lambda c: (votes.count(c), c == "en"))
    if votes.count(code) * 2 <= len(votes):
        code = "en"
    if code == "en":
        return Language("en")
    if code == "ru":
        return Language("ru", "written in Russian: processed with the English rules, which find its figures and "
                              "little else")
    return Language(code, f"written in a language other than English or Russian ({code}): processed as English")


def _best(window: str) -> str:
    """The language the detector is sure a window is in, else English."""
    if len(LETTERS.findall(window)) < 20:
        return "en"
    detector = _factory().create()
    detector.append(window)
    try:
        best = detector.get_probabilities()[0]
    except LangDetectException:
        return "en"
    return best.lang if best.prob >= SURE else "en"


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_json_profile([(Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8") for code in LANGUAGES])
    factory.set_seed(0)
    return factory


def load_profiles() -> None:
    """Load the detector's language profiles now, not on a worker's first document."""
    _factory()
