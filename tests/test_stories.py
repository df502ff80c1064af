"""The document model the linker reads: blocks, stories, clauses, tense, and what a figure measures."""
from __future__ import annotations

import pytest

from extractors.lexicon import load_jsonl
from extractors.model import Mention
from extractors.rules.clauses import clauses, shifts_time, tense
from extractors.rules.cues import ROLES, anaphora_in
from extractors.rules.layout import layout_of
from extractors.rules.measures import LEXICON_CLASSES, SUBSTANCE_POLICY, measure_of
from extractors.rules.stories import BlockIndex, blocks_of, is_furniture_date, opens_story

PAGE = ("Skip to main content\nHome | World | Africa | Sport\nMonday, 02/09/2024\n\n"
        "Navy seizes heroin off Mtwara\n\nBy our correspondent\nPublished: 2 September 2024\n\n"
        "MTWARA - The navy seized 1,050 kilograms of heroin from a dhow off the coast, officials said.\n\n"
        "Officers found 1,044 packets of the drug.\n\nSeizures\n\n- heroin: 720 kg;\n- methamphetamine: 330 kg.\n\n"
        "Related news\n- Police arrest 12 in Arusha (1 September 2024)")


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start:b.end].split("\n")[0][:22]) for b in blocks_of(text, layout_of(text))]


def test_stories_blocks_of_a_web_page():
    assert _kinds(PAGE) == [
        ("furniture", "Skip to main content"), ("furniture", "Monday, 02/09/2024"), ("headline", "Navy seizes heroin off"),
        ("furniture", "By our correspondent"), ("lead", "MTWARA - The navy seiz"), ("paragraph", "Officers found 1,044 p"),
        ("heading", "Seizures"), ("item", "- heroin: 720 kg;"), ("item", "- methamphetamine: 330"),
        ("furniture", "Related news"),
    ]


@pytest.mark.parametrize("line, furniture", [
    ("Monday, 02/09/2024", True), ("Modified Date: 3 May 2024", True), ("Released 28 August 2024", True),
    ("Police seized heroin on 3 May 2024 at the port.", False),
])
def test_stories_furniture_dates(line, furniture):
    head = "A headline about drugs\n\nPolice in the port seized a large amount of heroin in a raid, officials said.\n\n"
    text = head + line
    start = len(head) + next(i for i in range(len(line)) if line[i].isdigit())
    end = len(head) + len(line.rstrip(".").split(" at ")[0])
    date = Mention("m1", "DATE", text[start:end], start, end)
    assert is_furniture_date(text, date, BlockIndex(blocks_of(text, layout_of(text)))) is furniture


@pytest.mark.parametrize("sentence, date_text, opens", [
    ("Separately, police seized 3 kg of heroin.", None, "cue"),
    ("In another case, customs found 40 kg.", None, "cue"),
    ("On Dec. 15 a court sentenced a smuggler.", "Dec. 15", "date"),
    ("Last month, police arrested nine people.", "Last month", "date"),
    ("Officers found 78 bales during a raid on Saturday.", "Saturday", ""),
    ("Inspectors counted 840 bricks of the drug.", None, ""),
])
def test_stories_a_sentence_that_opens_another_event(sentence, date_text, opens):
    dates = [Mention("m1", "DATE", date_text, sentence.index(date_text), sentence.index(date_text) + len(date_text))] if date_text else []
    assert opens_story(sentence, (0, len(sentence)), dates) == opens


@pytest.mark.parametrize("sentence, parts", [
    ("It took about a year — now it takes a month.", ["It took about a year", "now it takes a month."]),
    ("Opium rose 34%, while heroin fell to 612 kg.", ["Opium rose 34%", "heroin fell to 612 kg."]),
    ("Detections rose five-fold, and in November police seized 150,000 tablets.",
     ["Detections rose five-fold", "in November police seized 150,000 tablets."]),
    ("Seizures totalled 418,000 litres, of which 312,500 litres were seized in Mexico.",
     ["Seizures totalled 418,000 litres", "of which 312,500 litres were seized in Mexico."]),
    ("Police seized 5 t of cocaine and arrested 30 people.", ["Police seized 5 t of cocaine and arrested 30 people."]),
])
def test_stories_clauses(sentence, parts):
    assert [sentence[a:b].strip(" ,;—") for a, b in clauses(sentence, 0, len(sentence))] == parts


@pytest.mark.parametrize("clause, expected", [
    ("More than 90% of fentanyl is seized at ports of entry.", "present"),
    ("Some 400 previously reported substances are detected every year.", "present"),
    ("Nearly 1,400 people have been detained.", "present"),
    ("Officers recovered 78 bales of the drug.", "past"),
    ("Two are Mexican nationals.", "none"),
    ("The document cites 859 criminal cases initiated against traffickers.", "past"),
    ("Prosecutors are seeking fines of EUR 48 million.", "past"),
    ("- cocaine: 5.6 tonnes;", "none"),
])
def test_stories_tense(clause, expected):
    assert tense(clause, 0, len(clause)) == expected


@pytest.mark.parametrize("clause, shifted", [
    ("and has since linked the drugs to 176 deaths", True), ("now it takes a month", True),
    ("the potential yield was the highest since 2001", False),
])
def test_stories_time_shift(clause, shifted):
    assert shifts_time(clause, 0, len(clause)) is shifted


@pytest.mark.parametrize("text, kind", [
    ("Inspectors counted 1,900 bricks of the drug.", "single"), ("The haul would be worth $7 million.", "collective"),
    ("The seized narcotics would sell for 2 billion rupees.", "collective"), ("The drug trade is growing.", ""),
    ("The seizure of EUR 2 million in cash.", ""), ("Sessions of the Drug Free Campus programme.", ""),
])
def test_stories_anaphora(text, kind):
    assert anaphora_in(text, 0, len(text)) == kind


def _quantity(text: str, surface: str, unit: str, counted: str | None = None) -> Mention:
    start = text.index(surface)
    return Mention("q", "QUANTITY", surface, start, start + len(surface), {"unit": unit, "counted": counted})


MEASURES = [  # (text, quantity, unit, counted, class)
    ("Police seized 2 tonnes of cocaine.", "2 tonnes", "kg", "cocaine", "drug"),
    ("Inspectors counted 1,900 bricks of the drug.", "1,900", "count", "bricks", "drug"),
    ("Agents seized four pistols.", "four", "count", "pistols", "thing"),
    ("More than 300 agents took part.", "More than 300", "count", "agents", "people"),
    ("Six Syrians were arrested.", "Six", "count", "syrians", "people"),
    ("Nearly 100 people died of overdoses.", "Nearly 100", "count", "people", "harm"),
    ("Police opened 859 criminal cases.", "859", "count", "criminal cases", "case"),
    ("A court jailed him for 12 years.", "12 years", "year", None, "duration"),
    ("The haul is worth $7 million.", "$7 million", "USD", None, "value"),
    ("Police found EUR 2 million in cash.", "EUR 2 million", "EUR", None, "money"),
    ("Some are 500 times more potent than morphine.", "500 times", "times", None, "potency"),
    ("The boat was stopped 150 km off Dakar.", "150 km", "km", None, "distance"),
    ("Farmers grew 12,800 hectares of poppy.", "12,800 hectares", "ha", "opium poppy", "crop"),
    ("Opium seizures rose 34%.", "34%", "percent", None, "change"),
    ("There were 859 cases, a 233% increase.", "233%", "percent", "increase", "case"),
    ("They left 14 backpacks containing 2.8 million tablets.", "14", "count", "backpacks", "drug"),
]


@pytest.mark.parametrize("text, surface, unit, counted, expected", MEASURES, ids=[m[4] + ": " + m[1] for m in MEASURES])
def test_stories_measure_classes(text, surface, unit, counted, expected):
    quantity = _quantity(text, surface, unit, counted)
    others = [_quantity(text, "859", "count", "cases")] if "859 cases" in text else []
    assert measure_of(text, quantity, (0, len(text)), [quantity, *others]) == expected


def test_stories_lexicons_are_well_formed():
    nouns = load_jsonl("measure_nouns.jsonl")
    assert len(nouns) >= 900 and {row["class"] for row in nouns} == set(LEXICON_CLASSES)
    terms = [row["term"] for row in nouns]
    assert len(terms) == len(set(terms)) and all(t == t.lower().strip() for t in terms)
    cues = load_jsonl("claim_cues.jsonl")
    assert {row["role"] for row in cues} == set(ROLES)
    assert len({(row["role"], row["cue"]) for row in cues}) == len(cues)
    assert set(SUBSTANCE_POLICY.values()) == {"inherit", "own", "linked", "none"}
