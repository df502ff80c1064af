"""The spaCy pipeline's components on small texts: spans, normalised values and claims."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from extractors.pipeline import extract


def mentions(nlp, text: str, kind: str, **kwargs):
    result = extract(text, nlp=nlp, **kwargs)
    return [(m.text, m.attrs) for m in result.mentions if m.type == kind]


@pytest.mark.parametrize("text, span, canonical", [
    ("according to the Interior Ministry of Belarus on Monday", "Interior Ministry of Belarus", "Ministry of Internal Affairs (Belarus)"),
    ("Moldovan customs said the haul was large", "Moldovan customs", "Customs (Moldova)"),
    ("the OSCE is interested", "OSCE", "Organization for Security and Co-operation in Europe"),
    ("a report by the GI-TOC last year", "GI-TOC", "Global Initiative Against Transnational Organized Crime"),
    ("The Northern Rivers Drug Squad seized fentanyl", "Northern Rivers Drug Squad", "Northern Rivers Drug Squad"),
    ("the Ministry of Health of the Republic of Kazakhstan said", "Ministry of Health of the Republic of Kazakhstan", "Ministry of Health (Kazakhstan)"),
])
def test_pipeline_organisations(nlp, text, span, canonical):
    found = {t: a["canonical"] for t, a in mentions(nlp, text, "ORG")}
    assert found.get(span) == canonical, found


@pytest.mark.parametrize("text, expected", [
    # shapes no gazetteer lists: outlets, governments, programmes, branches of the armed forces
    ("Police seized 5 kg, the Kabul Daily Times reported.", {"Kabul Daily Times": "Kabul Daily Times"}),
    ("Latest News\nPress Release\nTop News  World News\nPolice seized 5 kg.", {}),  # a site's menus name no outlet
    ("the Government of Tajikistan approved the plan", {"Government of Tajikistan": "Government (Tajikistan)"}),
    ("the EU-funded BOMCA Programme trained 40 officers in Osh",
     {"EU": "European Union", "BOMCA Programme": "BOMCA Programme"}),
    ("In Colombia, the Navy seized 3 tonnes of cocaine.", {"Navy": "Navy (Colombia)"}),
    ("the navy seized 3 tonnes of cocaine", {}),  # lower case, and no country: no name
    # a body's country: its own phrase, then its sentence (not a route's end), then the document
    ("Kyrgyz police work in Osh. In Tajikistan, the Interior Ministry said 40 kg were seized.",
     {"Kyrgyz police": "Police (Kyrgyzstan)", "Interior Ministry": "Ministry of Internal Affairs (Tajikistan)"}),
    ("Heroin bound for Russia was found, the Interior Ministry of Kazakhstan said.",
     {"Interior Ministry of Kazakhstan": "Ministry of Internal Affairs (Kazakhstan)"}),
    # foreign-language bodies no gazetteer lists, and the acronyms they define
    ("Researchers at the Fundación Tierra de Paz (FTP) said the FTP counted 40 groups.",
     {"Fundación Tierra de Paz": "Fundación Tierra de Paz", "FTP": "Fundación Tierra de Paz"}),
    ("the Observatorio Andino de Drogas y Delitos reported", {"Observatorio Andino de Drogas y Delitos": "Observatorio Andino de Drogas y Delitos"}),
    # one acronym, several countries' bodies: the context's country decides
    ("In Bishkek, the KNB detained two couriers.", {"KNB": "State Committee for National Security (Kyrgyzstan)"}),
    ("In Almaty, the KNB detained two couriers.", {"KNB": "National Security Committee (Kazakhstan)"}),
    ("In Dushanbe, the KGB detained two couriers.", {"KGB": "State Committee for National Security (Tajikistan)"}),
])
def test_pipeline_organisation_shapes_and_home_countries(nlp, text, expected):
    assert {t: a["canonical"] for t, a in mentions(nlp, text, "ORG")} == expected


def test_pipeline_defined_acronym_is_reused(nlp):
    text = "The Anti-Drug Coordination Centre for Sahel States (ADCCSS) reported seizures. ADCCSS said 5 kg were seized."
    found = [(t, a["canonical"]) for t, a in mentions(nlp, text, "ORG")]
    assert ("ADCCSS", "Anti-Drug Coordination Centre for Sahel States") in found
    assert sum(1 for t, _ in found if t == "ADCCSS") == 2


@pytest.mark.parametrize("text, span, code", [
    ("Seizures in Belarus rose", "Belarus", "BY"),
    ("AMMAN, Dec 26 (Wire) - officials said", "AMMAN", "JO"),
    ("trafficked from the Russian Federation", "Russian Federation", "RU"),
    ("bound for the U.S. market", "U.S.", "US"),
    ("in Shan state", "Shan state", "MM"),
])
def test_pipeline_locations(nlp, text, span, code):
    found = {t: a["country_code"] for t, a in mentions(nlp, text, "LOCATION")}
    assert found.get(span) == code, found


@pytest.mark.parametrize("text", [
    "Belarusian officials said so",
    "Michael Jordan scored",
    "a Kazakhstani company",
])
def test_pipeline_not_locations(nlp, text):
    assert mentions(nlp, text, "LOCATION") == []


@pytest.mark.parametrize("text, expected", [
    ("synthetic\ncathinones were seized", ("synthetic\ncathinones", "synthetic cathinones")),
    ("metham-\nphetamine labs", ("metham-\nphetamine", "methamphetamine")),
    ("a new code, 4-BMC, appeared", ("4-BMC", "4-bmc")),
])
def test_pipeline_substances_across_line_breaks_and_codes(nlp, text, expected):
    found = [(t, a["canonical"]) for t, a in mentions(nlp, text, "SUBSTANCE")]
    assert found == [expected]


def test_pipeline_ambiguous_street_name_needs_context(nlp):
    assert mentions(nlp, "The lake was covered in ice all winter.", "SUBSTANCE") == []
    assert [t for t, _ in mentions(nlp, "Police seized 3 kg of ice and heroin.", "SUBSTANCE")] == ["ice", "heroin"]


def test_pipeline_duration_inside_date_is_not_a_quantity(nlp):
    assert mentions(nlp, "in the first five months of 2023 seizures rose", "QUANTITY") == []


def test_pipeline_claim_links_same_sentence(nlp):
    text = "In July 2024, almost 706 kilograms of 4-SMS were seized in Belarus, according to the GI-TOC."
    result = extract(text, nlp=nlp, document="d1")
    by_id = {m.id: m for m in result.mentions}
    (claim,) = result.claims
    assert by_id[claim.quantity].text == "almost 706 kilograms"
    assert by_id[claim.date].text == "July 2024"
    assert by_id[claim.location].text == "Belarus" and not claim.location_implicit
    assert [by_id[i].text for i in claim.substances] == ["4-SMS"]
    assert [by_id[i].text for i in claim.organisations] == ["GI-TOC"]


def test_pipeline_claim_ids_are_stable(nlp):
    text = "Belarus seized 706 kg of 4-CMC in July 2024."
    first = extract(text, nlp=nlp, document="abc").claims[0].id
    assert extract(text, nlp=nlp, document="abc").claims[0].id == first
    assert extract(text, nlp=nlp, document="xyz").claims[0].id != first


def test_pipeline_doc_date_from_dateline(nlp):
    text = "ALMATY, Sept 10 (Reuters) - Police seized 5 kg of heroin last year. In 2024 seizures fell."
    result = extract(text, nlp=nlp)
    assert result.doc_date == "2024-09-10"
    dates = {m.text: m.attrs["start_date"] for m in result.mentions if m.type == "DATE"}
    assert dates["last year"] == "2023-01-01"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_pipeline_spans_are_exact_on_any_text(nlp, text):
    for mention in extract(text, nlp=nlp).mentions:
        assert text[mention.start:mention.end] == mention.text


def test_pipeline_a_run_without_stops_is_cut_into_bounded_sentences(nlp):
    from extractors.components.segmentation import MAX_SENTENCE_TOKENS

    text = "police seized 5 kg of heroin in Peru, " * 300 + "and 7 kg of cocaine in Chile"
    doc = nlp(text)
    lengths = [len(sentence) for sentence in doc.sents]
    assert len(lengths) > 1 and max(lengths) <= MAX_SENTENCE_TOKENS
    assert all(sentence.text.endswith(",") for sentence in list(doc.sents)[:-1])  # cut after a comma, not mid-phrase
    claims = extract(text, nlp=nlp).claims
    assert len(claims) == 301
