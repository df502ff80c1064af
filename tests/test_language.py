"""The document's language, told offline: recorded in the claims document, and a warning where the rules do not fit."""
from __future__ import annotations

import pytest

from extractors.documents import process_document
from extractors.language import detect_language

ENGLISH = ("Customs officers at the port seized 1.2 tonnes of cocaine hidden in a shipment of bananas in March 2024, "
           "the interior ministry said in a statement on Tuesday.")
RUSSIAN = ("В январе–октябре 2023 года сотрудники органов внутренних дел изъяли из незаконного оборота более 512 кг "
           "наркотических средств, сообщила пресс-служба министерства.")
FRENCH = ("Les douaniers du port ont saisi 1,2 tonne de cocaïne dissimulée dans une cargaison de bananes en mars 2024, "
          "a indiqué le ministère de l'Intérieur dans un communiqué.")
TABLE = "2021 | 1 204 | 3 118\n2022 | 1 466 | 2 950\n2023 | 1 871 | 3 402\n"


@pytest.mark.parametrize("text, code, warned", [(ENGLISH, "en", False), (RUSSIAN, "ru", True), (FRENCH, "fr", True),
                                                (TABLE, "en", False), ("", "en", False)])
def test_language_is_told_and_what_the_rules_do_not_fit_is_warned(text, code, warned):
    language = detect_language(text)
    assert language.code == code and (language.warning is not None) is warned
    assert detect_language(text) == language  # seeded: the same answer every time


@pytest.mark.parametrize("text, code", [(ENGLISH, "en"), (RUSSIAN, "ru")])
def test_language_is_recorded_in_the_claims_document(tmp_path, text, code):
    path = tmp_path / "report.txt"
    path.write_text(f"{text}\n\n{text}\n", encoding="utf-8")
    document, _ = process_document(path, display_path="report.txt")
    assert document.language == code and document.to_dict()["language"] == code
    assert any("Russian" in w for w in document.warnings) is (code == "ru")
