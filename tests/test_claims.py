"""Claim linking rules, one table per slot, and the claims of a sample report end to end."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.pipeline import extract
from tests.conftest import ROOT


def claim_for(nlp, text: str, quantity_text: str, doc_date: str | None = "2024-11-06") -> dict:
    result = extract(text, nlp=nlp, doc_date=doc_date, document="test")
    mentions = {m.id: m for m in result.mentions}
    for claim in result.claims:
        if mentions[claim.quantity].text == quantity_text:
            slot = lambda mid: mentions[mid].text if mid else None  # noqa: E731
            return {"date": slot(claim.date), "location": slot(claim.location), "implicit": claim.location_implicit,
                    "substances": [mentions[i].text for i in claim.substances],
                    "organisations": [mentions[i].text for i in claim.organisations],
                    "baseline": slot(claim.extra.get("baseline_date")), "statement": claim.statement}
    raise AssertionError(f"no claim on {quantity_text!r}: {[mentions[c.quantity].text for c in result.claims]}")


DATES = [
    ("same sentence", "In July 2024, police in Belarus seized 706 kg of mephedrone.", "706 kg", "July 2024"),
    ("scoped after the quantity", "Farmers sowed 12,800 hectares of poppy in 2024, the agency said on Tuesday.", "12,800 hectares", "2024"),
    ("scoped by 'as of'", "Mapping of the 2022 crop found 4,000 hectares of poppy as of July 22.", "4,000 hectares", "July 22"),
    ("a compared figure keeps its own date", "The 2023 crop could yield 24 to 38 tons of heroin, compared with 350 to 580 "
     "tons the year before.", "350 to 580 tons", "the year before"),
    ("the current figure is not dated by the compared one", "The 2023 crop could yield 24 to 38 tons of heroin, compared "
     "with 350 to 580 tons the year before.", "24 to 38 tons", "2023"),
    ("an event date beats the day it was told", "The boat docked on Sunday. Officers found 5,480 blocks of cocaine, the "
     "ministry said on Tuesday.", "5,480", "Sunday"),
    ("the day it was told is a last resort", "Police said on Tuesday they found 2 tonnes of cocaine.", "2 tonnes", "Tuesday"),
    ("a paragraph that refers back inherits", "Police found cocaine at the port on Sunday.\n\nThe drug was packed in 5,480 "
     "blocks.", "5,480", "Sunday"),
    ("a range is not a baseline", "In 2023, mean purity ranged from 31 % to 89 %.", "31 % to 89 %", "2023"),
    ("a relative clause's date is another event's", "In 2023, residues rose in 49 of the 72 cities that also sent data in 2022.",
     "72", "2023"),
    ("measured against an earlier level", "The country recorded 6,964 deaths in 2024, down 16% from the year before but "
     "roughly four times the level of 2019.", "roughly four times", "2024"),
    ("scoped by 'of the'", "Seizures doubled between 2018 and 2022, with Nigeria accounting for roughly 82 per cent of the "
     "2022 volume.", "roughly 82 per cent", "2022"),
    ("nearest before", "In 2021 arrests fell; in 2022 police seized 30 tonnes.", "30 tonnes", "2022"),
    ("previous sentence", "Seizures rose sharply in 2023. Customs found 41.1 tons of hashish.", "41.1 tons", "2023"),
    ("comparison is dated to the current period", "Seizures reached 5 tonnes in the first half of 2024, up 233% on the same period in 2023.", "233%", "the first half of 2024"),
    ("baseline only gives no date", "Police opened 859 cases, a 233% increase on the same period in 2023.", "233%", None),
    ("baseline quantity with its own date", "The harvest fell to 333 tons from 6,200 tons in 2022.", "6,200 tons", "2022"),
    ("baseline quantity", "In 2023 the number of laboratories rose to 75 from 68.", "68", None),
    ("list lead", "In the 2023-24 financial year officers seized record amounts.\n\nThe largest were:\n- cocaine: 5.6 tonnes;\n- heroin: 745 kg.", "745 kg", "the 2023-24 financial year"),
    ("not across a heading", "Seizures rose in 2021.\n\nPrices\n\nA gram of cocaine cost 80 euros.", "80 euros", None),
    ("table column header", "Cocaine seized (tonnes)\n\nPort\t2022\t2023\nAntwerp\t109.9\t116\n", "116", "2023"),
    ("the stated coverage outranks the title's quarter", "Drug Offences Q4 2023: Bulletin\n\nRecorded offences rose, the "
     "office said. The figures cover offences of possession and supply recorded in Malta between January and December "
     "2023.\n\nSupply\n\nSupply offences fell to 812.", "812", "January and December 2023"),
]


@pytest.mark.parametrize("rule, text, quantity, expected", DATES, ids=[d[0] for d in DATES])
def test_claims_date_slot(nlp, rule, text, quantity, expected):
    assert claim_for(nlp, text, quantity)["date"] == expected


@pytest.mark.parametrize("text, quantity, baseline", [
    ("Drug crimes rose 233% on the same period in 2023.", "233%", "the same period in 2023"),
    ("Ketamine: 4.3 tonnes, more than double the amount seized in the first five months of last year.",
     "more than double", "the first five months of last year"),
    ("Tablets now sell for 6 to 10 baht, compared with 25 to 30 baht five years ago.", "6 to 10 baht", "five years ago"),
])
def test_claims_baselines_are_recorded_apart(nlp, text, quantity, baseline):
    claim = claim_for(nlp, text, quantity)
    assert claim["date"] is None and claim["baseline"] == baseline


LOCATIONS = [
    ("same sentence", "Police in Kazakhstan seized 41.1 tons of drugs.", "41.1 tons", "Kazakhstan", False),
    ("origin is not where", "Customs in Poland seized 706 kg of mephedrone shipped from the Netherlands.", "706 kg", "Poland", False),
    ("destination is not where", "In Belarus, 706 kg of 4-CMC bound for Russia were seized.", "706 kg", "Belarus", False),
    ("place of a statement is not where", "Farmers sowed 12,800 hectares of poppy, the UNODC said in Vienna. Afghanistan produced less.", "12,800 hectares", "Afghanistan", True),
    ("previous sentence", "Police in Ecuador raided a port. They found 2 tonnes of cocaine.", "2 tonnes", "Ecuador", False),
    ("implicit subject", "Kazakhstan: drug trends\n\nSeizures in Kazakhstan rose. Prices fell. Purity rose.\n\nA further 3 tonnes "
     "of hashish were seized.", "3 tonnes", "Kazakhstan", True),
    ("the story's place across one-sentence paragraphs", "Kazakhstan: drug trends\n\nSeizures in Kazakhstan rose.\n\nA further "
     "3 tonnes of hashish were seized.", "3 tonnes", "Kazakhstan", False),
    ("table row header", "Cocaine seized (tonnes)\n\nPort\t2022\t2023\nAntwerp\t109.9\t116\n", "116", "Antwerp", False),
    ("found where the acting agency works", "Brazilian federal police found 2 tonnes of cocaine shipped from Bolivia to the port of Santos.",
     "2 tonnes", "Santos", False),
    ("a national is not an acting agency", "Police in Jordan raided a farm. A court jailed a Syrian national for smuggling 2 million pills from Syria.",
     "2 million", "Jordan", False),
    ("no single subject in a joint release", "Joint release of the Spanish and Portuguese police\n\nSpain and Portugal ran the "
     "operation together.\n\nOfficers arrested 45 suspects.", "45", None, False),
    ("the acting agency's country", "Operation results\n\nFrench and Dutch teams led the operation in France and the Netherlands.\n\nIn the "
     "first weeks, British police reported 700 arrests, while Dutch police arrested 120 suspects and French police 90.", "120", "Netherlands", True),
    ("an agency's country needs a mention", "Operation results\n\nFrench and Dutch teams led the operation in France and the Netherlands.\n\nIn "
     "the first weeks, British police reported 700 arrests, while Dutch police arrested 120 suspects and French police 90.", "700", None, False),
    ("a publishing agency is not where", "Colombia: coca\n\nColombia's coca area grew.\n\nThe US Office of National Drug Control "
     "Policy publishes higher estimates (212,000 ha in 2019).", "212,000 ha", "Colombia", False),
    ("a region holds the competing countries", "European drug prices\n\nPrices across Europe vary widely between "
     "reporting countries this year. Spain and Portugal report high purity. Finland and Sweden report high prices. "
     "Belgium reported lower prices.\n\nPurity averaged 60%.", "60%", "Europe", True),
    ("a world figure has no one place", "Peru: cocaine report\n\nPeru's police raided laboratories.\n\n"
     "Global manufacture reached 2,757 tons.", "2,757 tons", None, False),
    ("the one country the title names", "After the ban: Afghan heroin and the Balkan route\n\nThis brief gathers what "
     "customs services and police forces have published over the last two years about supply, prices and the groups "
     "that move the drug.\n\nBritish police, UK customs and London officials watch the trade, as do Scotland and the "
     "UK. Opium from Afghanistan reaches Europe by road.\n\nFarmers sowed 10,800 hectares of poppy.", "10,800 hectares",
     "Afghanistan", True),
    ("a neighbour named in passing is not where", "Afghanistan: opium\n\nThe north, which borders Tajikistan, planted "
     "7,563 hectares of poppy.", "7,563 hectares", "north", False),
    ("a place right after the figure scopes it", "A kilogram bought for $1,500 in Ecuador fetches 3.6 million lek wholesale "
     "in Tirana.", "3.6 million lek", "Tirana", False),
    ("a border is not the country beyond it", "Jordan stops six million captagon pills at Iraq border", "six million",
     "Jordan", False),
    ("a figure for a list, inherited", "Coca grew in Colombia, Peru and Bolivia, reaching 355,000 hectares. This was 12 per "
     "cent more than the year before.", "12 per cent", "Colombia", False),
    ("examples after the figure are not its place", "European drug prices\n\nPrices in Europe vary.\n\nThe mean price "
     "varied between EUR 46 and EUR 107, the highest values being observed in Finland and Ireland.",
     "EUR 46 and EUR 107", "Europe", True),
    ("a comparison set is not where", "Honduras remains one of the most violent countries in the Western Hemisphere. Its "
     "criminality score rose to 7.35.", "7.35", "Honduras", False),
    ("'at least' sets no comparison", "At least 57 tonnes of cocaine were intercepted in West Africa.", "At least 57 tonnes",
     "West Africa", False),
    ("the acting country, not its helper", "Peru: cocaine report\n\nPeru's police raided laboratories with help from Bolivia."
     "\n\nOfficers arrested 45 suspects.", "45", "Peru", False),
    ("the dominant subject is kept", "Peru: cocaine report\n\nPeru's police raided laboratories with help from Bolivia. "
     "Prices rose. Purity fell.\n\nCustoms recorded 45 arrests.", "45", "Peru", True),
    ("places taken together have no one place", "Customs at Antwerp seized 116 tonnes of cocaine in 2023.\n\nCombined "
     "seizures in the two countries reached 180 t.", "180 t", None, False),
    ("the title's first country is its subject", "Khat markets in Kenya after the drought in Somalia\n\nKhat is grown in "
     "Kenya and sold in Somalia. Prices rose. Purity fell.\n\nSeizures rose to 4 tonnes in 2023.", "4 tonnes", "Kenya", True),
]


@pytest.mark.parametrize("rule, text, quantity, place, implicit", LOCATIONS, ids=[l[0] for l in LOCATIONS])
def test_claims_location_slot(nlp, rule, text, quantity, place, implicit):
    claim = claim_for(nlp, text, quantity)
    assert (claim["location"], claim["implicit"]) == (place, implicit)


SUBSTANCES = [
    ("of the substance", "Police seized 706 kg of 4-SMS and 3 kg of heroin.", "706 kg", ["4-SMS"]),
    ("labelled list item", "- methamphetamine: 11 tonnes;\n- heroin: 745 kg.", "745 kg", ["heroin"]),
    ("clause subject", "The methamphetamine had a street value of A$1.2 billion.", "A$1.2 billion", ["methamphetamine"]),
    ("coordinated list", "Seizures of salts, ecstasy and synthetic cannabinoids rose to 1.1 tons.", "1.1 tons", ["salts", "ecstasy", "synthetic cannabinoids"]),
    ("previous sentence, one topic", "Police intercepted a cocaine shipment. It weighed 2.6 tonnes.", "2.6 tonnes", ["cocaine"]),
    ("drugs in general", "Police intercepted a cocaine shipment. In 2023 they seized 7,500 kg of drugs.", "7,500 kg", []),
    ("not from a list of examples", "Users take heroin, cocaine and ketamine. Over 170 shops were closed.", "Over 170", []),
    ("class only when attached", "Synthetic drugs are sold online; 859 cases were opened.", "859", []),
    ("hectares are of a crop", "Coca and cocaine production\n\nThe coca area reached 253,000 ha, enough for 2,664 t of cocaine.", "253,000 ha", ["coca"]),
    ("section heading", "2.1 Cocaine in European ports\n\nIn 2020 more than 214.6 tonnes were seized.", "more than 214.6 tonnes", ["Cocaine"]),
    ("litres are of a chemical", "Seizures of acetic anhydride rose. Seizures of the substance, used in heroin "
     "manufacture, totalled 63 000 litres.", "63 000 litres", ["acetic anhydride"]),
    ("hectares are of a crop", "Coca cultivation grew in Colombia. Output of cocaine hydrochloride reached 1,810 tons. "
     "Eradication covered 69 000 ha.", "69 000 ha", ["Coca"]),
    ("a form noun between figure and drug", "Officers found 3,870 bottles of codeine syrup and 54,000 capsules of "
     "tapentadol.", "54,000", ["tapentadol"]),
    ("one drug named twice", "Officers seized 1,120 kg of crystal methamphetamine (\"ice\") near the border.", "1,120 kg",
     ["crystal methamphetamine", "ice"]),
    ("a street name given as well", "Shops sold 40 kg of alpha-PVP, also sold as salts, last year.", "40 kg", ["alpha-PVP", "salts"]),
    ("people counted inherit no drug", "Police seized 3 tonnes of cocaine at the port. They also arrested 45 suspects.", "45", []),
    ("deaths inherit no drug", "Police seized 3 tonnes of cocaine at the port. The country recorded 6,964 violent deaths.",
     "6,964", []),
    ("cash inherits no drug", "Police seized 3 tonnes of cocaine at the port. They also found EUR 2 million in cash.",
     "EUR 2 million", []),
    ("operations inherit the story's drug", "Cocaine flows grew. In 2019 two operations netted 2.6 tonnes.", "two", ["Cocaine"]),
]


@pytest.mark.parametrize("rule, text, quantity, expected", SUBSTANCES, ids=[s[0] for s in SUBSTANCES])
def test_claims_substance_slot(nlp, rule, text, quantity, expected):
    assert claim_for(nlp, text, quantity)["substances"] == expected


def test_claims_attribution(nlp):
    claim = claim_for(nlp, "According to Finprom.kz, Kazakhstan seized 41.1 tons of drugs in 2023.", "41.1 tons")
    assert claim["organisations"] == ["Finprom.kz"]


def test_claims_statement_reads_as_a_fact(nlp):
    claim = claim_for(nlp, "In July 2024, police in Belarus seized almost 706 kilograms of 4-SMS, the GI-TOC said.",
                      "almost 706 kilograms")
    assert claim["statement"] == "Belarus, July 2024: about 706 kg of 4-cmc (GI-TOC)"


@pytest.mark.parametrize("text, quantity, expected", [
    ("Annual report 2023\n\nIn July, police in Belarus seized 706 kg of mephedrone.", "706 kg", "Belarus, July 2023: 706 kg of mephedrone"),
    ("Report of 12 March 2024\n\nLast year Belarus seized 706 kg of mephedrone.", "706 kg", "Belarus, Last year (2023): 706 kg of mephedrone"),
])
def test_claims_statement_gives_the_year_the_text_leaves_to_its_context(nlp, text, quantity, expected):
    assert claim_for(nlp, text, quantity)["statement"] == expected


def test_claims_ids_survive_rule_changes_elsewhere(nlp):
    text = "Belarus seized 706 kg of 4-CMC in July 2024. Poland seized 2 tonnes of cocaine."
    first = {c.id for c in extract(text, nlp=nlp, document="d").claims}
    longer = text + " Lithuania seized 5 kg of heroin."  # a new claim appears; the old ones keep their ids
    assert first < {c.id for c in extract(longer, nlp=nlp, document="d").claims}


def test_claims_ids_survive_edits_before_them_and_repeats_differ(nlp):
    text = "Belarus seized 706 kg of 4-CMC in July 2024. Poland seized 2 tonnes of cocaine. Poland seized 2 tonnes of cocaine."
    ids = [c.id for c in extract(text, nlp=nlp, document="d").claims]
    assert len(set(ids)) == 3  # the repeated sentence is two claims
    edited = "Headline added later\n\nLithuania seized 5 kg of heroin in 2023. " + text
    assert set(ids) < {c.id for c in extract(edited, nlp=nlp, document="d").claims}
    assert not set(ids) & {c.id for c in extract(text, nlp=nlp, document="other.txt").claims}


def test_claims_sample_report_end_to_end(nlp):
    from extractors.documents import process_document

    document, text = process_document(ROOT / "corpus" / "belarus_synthetics_brief.txt")
    mentions = {m.id: m for m in document.mentions}
    by_quantity = {mentions[c.quantity].text: c for c in document.claims}
    seizure = by_quantity["almost 706 kilograms"]
    assert mentions[seizure.date].attrs["start_date"] == "2024-07-01"
    assert mentions[seizure.location].attrs["country_code"] == "BY"
    assert [mentions[i].attrs["canonical"] for i in seizure.substances] == ["4-cmc"]
    crimes = by_quantity["14.3%"]
    assert mentions[crimes.date].text == "the first half of 2024"
    assert [mentions[i].attrs["canonical"] for i in crimes.organisations] == ["Ministry of Internal Affairs (Belarus)"]
    for claim in document.claims:
        start, end = claim.sentence
        assert start <= mentions[claim.quantity].start < mentions[claim.quantity].end <= end
        json.dumps(claim.to_dict())


WIRE = ("Police seize 2 tonnes of cocaine at Guayaquil port\n\n"
        "GUAYAQUIL, Ecuador, March 14 (Agency) - Ecuadorean police found 2,100 kilograms of cocaine in a banana "
        "container at the port of Guayaquil on Tuesday, the National Police said on Thursday.\n\n"
        "Inspectors counted 1,900 bricks of the drug.\n\n"
        "The haul would be worth $70 million in Europe, police estimated.\n\n"
        "Officers detained 11 people and seized four pistols and two radios.\n\n"
        "Separately, on Wednesday, soldiers found 300 kg of marijuana in Esmeraldas province.\n\n"
        "Two men were arrested.")

FRAMES = [  # (rule, quantity, slot, expected)
    ("a headline takes the event's day from its story", "2 tonnes", "date", "Tuesday"),
    ("the day of the event, not the day it was told", "2,100 kilograms", "date", "Tuesday"),
    ("one-sentence paragraphs carry the date", "1,900", "date", "Tuesday"),
    ("one-sentence paragraphs carry the place", "1,900", "location", "Guayaquil"),
    ("anaphora takes the story's drug", "1,900", "substances", ["cocaine"]),
    ("a value of the haul takes the story's drug", "$70 million", "substances", ["cocaine"]),
    ("a value is dated by its story", "$70 million", "date", "Tuesday"),
    ("people counted carry the story's date", "11", "date", "Tuesday"),
    ("people have no drug", "11", "substances", []),
    ("weapons have no drug", "four", "substances", []),
    ("a new story has its own date", "300 kg", "date", "Wednesday"),
    ("a new story has its own place", "300 kg", "location", "Esmeraldas province"),
    ("the new story's date carries on", "Two", "date", "Wednesday"),
    ("the new story's place carries on", "Two", "location", "Esmeraldas province"),
]


@pytest.mark.parametrize("rule, quantity, slot, expected", FRAMES, ids=[f[0] for f in FRAMES])
def test_claims_story_frame(nlp, rule, quantity, slot, expected):
    assert claim_for(nlp, WIRE, quantity, doc_date="2024-03-14")[slot] == expected


STORY_BREAKS = [
    ("a heading starts a new story", "Seizures\n\nPolice seized 5 tonnes of cocaine in 2022.\n\nPrices\n\nA gram cost EUR 60.",
     "EUR 60", None),
    ("a long paragraph is a topic of its own", "Drug markets\n\nThe agency published its annual review of the national drug "
     "market this week.\n\nPolice seized 5 tonnes of cocaine in 2022. Prices fell. Purity rose.\n\nUsers paid EUR 60 a gram.",
     "EUR 60 a gram", None),
    ("the period a report's lead sets carries on", "Drug markets in 2022\n\nPolice seized 5 tonnes of cocaine in 2022. Prices "
     "fell. Purity rose.\n\nUsers paid EUR 60 a gram.", "EUR 60 a gram", "2022"),
    ("a paragraph that refers back continues it", "Police seized 5 tonnes of cocaine in 2022. Prices fell. Purity rose.\n\n"
     "The drug was packed in 4,800 blocks.", "4,800", "2022"),
    ("list items take their lead's date", "In 2023 customs seized record amounts.\n\nThe largest were:\n- cocaine: 5.6 tonnes;\n"
     "- heroin: 745 kg.", "745 kg", "2023"),
    ("after a list its lead's frame returns", "Between 2 and 19 May 2024 the task force ran three raids:\n"
     "- 2 May 2024: 3 kg of heroin;\n- 19 May 2024: 5 kg of heroin.\n\nIn total, the raids netted 8 kg.", "8 kg",
     "2 and 19 May 2024"),
    ("an allegation's period does not re-date the story", "A court on Tuesday charged 11 men.\n\nProsecutors allege the group moved "
     "900 kg of heroin between 2021 and 2023.\n\nAgents seized 23 firearms.", "23", "Tuesday"),
    ("a running total does not re-date the story", "Police found 3 tonnes of cocaine on Tuesday.\n\nIt lifts the total seized "
     "since January 1 to 58 tonnes.\n\nOfficers detained 11 people.", "11", "Tuesday"),
    ("a period that looks back is the one just named", "Police found 3 tonnes of cocaine on Tuesday.\n\nForces seized 251 tonnes "
     "in the first nine months of 2023.\n\nThat is a rise of about 25%.", "about 25%", "the first nine months of 2023"),
    ("a general fact takes no story date", "Police found 3 tonnes of cocaine on Tuesday.\n\nMore than 90% of fentanyl is "
     "seized at ports of entry.", "More than 90%", None),
    ("a potency holds at no time or place", "Police in Estonia found 3 kg of nitazenes on Tuesday. Some are 500 times more "
     "potent than morphine.", "500 times", None),
]


@pytest.mark.parametrize("rule, text, quantity, expected", STORY_BREAKS, ids=[s[0] for s in STORY_BREAKS])
def test_claims_story_breaks(nlp, rule, text, quantity, expected):
    assert claim_for(nlp, text, quantity, doc_date="2024-05-30")["date"] == expected


BASELINE_FORMS = [  # (rule, text, quantity, date)
    ("triple the figure at this point last year", "Police seized 40 tonnes in 2024, triple the 13 tonnes logged at this point "
     "last year.", "13 tonnes", "last year"),
    ("the current figure keeps the current period", "Police seized 40 tonnes in 2024, triple the 13 tonnes logged at this "
     "point last year.", "40 tonnes", "2024"),
    ("compared with a fiscal year", "Agents seized 9,400 pounds of fentanyl in FY 2024, compared with 12,300 pounds in FY 2023.",
     "12,300 pounds", "FY 2023"),
    ("a baseline in brackets after its year", "There were 24,815 offences in 2024, an increase of 11.2% on 2023 (22,316).",
     "22,316", "2023"),
    ("the change against it is of the current year", "There were 24,815 offences in 2024, an increase of 11.2% on 2023 (22,316).",
     "11.2%", "2024"),
    ("a baseline in a 'when' clause", "Iraq seized 27 million pills in 2023, triple the amount seized in 2022, when about 9 "
     "million pills were confiscated.", "about 9 million", "2022"),
    ("a baseline with its own clause date", "Some 1,100 officers are now assigned to the plan, up from 600 when it was launched "
     "in 2018.", "600", "2018"),
    ("the lowest since is no date of the figure", "In 2024 heroin seizures numbered 1,219, the lowest count since 2013.",
     "1,219", "2024"),
    ("a later figure's date is its own", "The weight of cocaine fell 21% in 2023 to 4.6 tonnes, after a record 5.9 tonnes in "
     "2022.", "4.6 tonnes", "2023"),
]


@pytest.mark.parametrize("rule, text, quantity, expected", BASELINE_FORMS, ids=[b[0] for b in BASELINE_FORMS])
def test_claims_baseline_forms(nlp, rule, text, quantity, expected):
    assert claim_for(nlp, text, quantity, doc_date="2024-05-30")["date"] == expected


REPORTING = [
    ("the day told dates only what nothing else does", "Officials said on Monday that 1,100 officers are assigned to the "
     "plan.", "1,100", "Monday"),
    ("the day told outweighs another paragraph's date", "Jordan steps up border patrols\n\nAMMAN (Wire) - Police found 3 tonnes "
     "of cocaine in a truck at the border crossing in August, officials said.\n\nThe army said on Oct 3 that soldiers had killed "
     "four smugglers.", "four", "Oct 3"),
    ("page furniture dates nothing", "Monday, 02/09/2024\nModified Date: 3 September 2024\n\nPolice seize heroin\n\n"
     "Police seized 40 kg of heroin at the port, officials said.", "40 kg", None),
    ("'according to' is no reporting day", "Ecuador seized a record 221 tonnes of drugs in 2023, according to the ministry.",
     "221 tonnes", "2023"),
]


@pytest.mark.parametrize("rule, text, quantity, expected", REPORTING, ids=[r[0] for r in REPORTING])
def test_claims_reporting_days(nlp, rule, text, quantity, expected):
    assert claim_for(nlp, text, quantity, doc_date="2024-10-10")["date"] == expected


WHAT_IS_MEASURED = [  # (rule, text, quantity, substances)
    ("a list of drugs shares one figure", "Customs found about 12 kg of mephedrone, amphetamine, hashish and ecstasy tablets.",
     "about 12 kg", ["mephedrone", "amphetamine", "hashish", "ecstasy"]),
    ("a container counts its contents", "The group left behind 14 backpacks containing 2.8 million yaba tablets and 42 kg of "
     "ketamine.", "14", ["yaba", "ketamine"]),
    ("a combined value is of every drug", "The raids netted 9.6 million yaba tablets and 42 kg of ketamine, with a combined value "
     "of 1.1 billion baht.", "1.1 billion baht", ["yaba", "ketamine"]),
    ("the worth of a boat is no drug's", "Agents seized 2,300 kg of hashish from a speedboat. The vessel is worth about EUR "
     "180,000.", "about EUR 180,000", []),
    ("a prison term has no drug", "A court jailed a courier for 12 years for smuggling 5 kg of heroin.", "12 years", []),
    ("cash has no drug", "Police seized 3 tonnes of cocaine and EUR 2 million in cash.", "EUR 2 million", []),
    ("officers deployed have no drug", "More than 300 agents took part in the cocaine raid.", "More than 300", []),
    ("a drug figure after a look-alike", "Troopers found 31 bundles of fentanyl pills made to look like oxycodone.", "31",
     ["fentanyl"]),
    ("litres of a liquid drug", "Police seized 3,650 litres of liquid methamphetamine.", "3,650 litres", ["liquid methamphetamine"]),
    ("drugs in general are no one drug", "Near the world's largest cocaine producers, Ecuador seized a record 221 tonnes of "
     "drugs.", "221 tonnes", []),
    ("deaths take the drug their sentence names", "In 2023, 11,220 people were hospitalised after using methamphetamine.",
     "11,220", ["methamphetamine"]),
    ("a bare number in the next sentence counts the same drug", "Yearly ecstasy seizures slid from 8 million pills in 2020 "
     "to 6.1 million in 2021. They climbed back to 7.7 million in 2022.", "7.7 million", ["ecstasy"]),
]


@pytest.mark.parametrize("rule, text, quantity, expected", WHAT_IS_MEASURED, ids=[w[0] for w in WHAT_IS_MEASURED])
def test_claims_what_the_figure_measures(nlp, rule, text, quantity, expected):
    assert claim_for(nlp, text, quantity)["substances"] == expected


BARE_NUMBERS = [  # (rule, text, quantity, measure): a number whose counted noun is left out
    ("the figure before it in its sentence", "Rangers uprooted 2.4 million khat plants in 2019 but fewer than 90,000 in 2024.",
     "fewer than 90,000", "drug"),
    ("the figure ending the sentence before", "Yearly ecstasy seizures slid from 8 million pills in 2020 to 6.1 million in "
     "2021. They climbed back to 7.7 million in 2022.", "7.7 million", "drug"),
    ("its clause's subject before the sentence before", "Agents seized 12 tonnes of khat. Detentions numbered 4,310, most of "
     "them for khat.", "4,310", "people"),
    ("a counted noun of its own wins", "Agents seized 12 tonnes of khat. They also found 40 rifles.", "40", "thing"),
]


@pytest.mark.parametrize("rule, text, quantity, measure", BARE_NUMBERS, ids=[b[0] for b in BARE_NUMBERS])
def test_claims_bare_number_counts_what_its_context_counts(nlp, rule, text, quantity, measure):
    result = extract(text, nlp=nlp, doc_date="2024-11-06", document="test")
    mentions = {m.id: m for m in result.mentions}
    assert next(c.extra["measure"] for c in result.claims if mentions[c.quantity].text == quantity) == measure


def test_claims_each_slot_says_where_it_came_from(nlp):
    result = extract(WIRE, nlp=nlp, doc_date="2024-03-14", document="test")
    mentions = {m.id: m for m in result.mentions}
    bricks = next(c for c in result.claims if mentions[c.quantity].text == "1,900")
    assert bricks.extra["measure"] == "drug"
    assert bricks.extra["slot_sources"]["date"] == {"source": "frame", "block": "lead"}  # the lead's "on Tuesday"
    assert bricks.extra["slot_sources"]["substances"]["source"] == "frame"
    headline = next(c for c in result.claims if mentions[c.quantity].text == "2 tonnes")
    assert headline.extra["slot_sources"]["date"] == {"source": "frame", "block": "lead"}
    lead = next(c for c in result.claims if mentions[c.quantity].text == "2,100 kilograms")
    assert lead.confidence > bricks.confidence  # what the sentence says outweighs what the story carries


TYPE_OF_SLOT = {"date": "DATE", "location": "LOCATION"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Police seized 2 tonnes of cocaine in Spain on Monday.", "The haul was worth EUR 60 million.", "Officers arrested 12 people.",
    "Separately, customs in Belgium found 300 kg of heroin in 2023.", "Prices rose 12% on the year before.", "Seizures\n",
    "- cocaine: 5 tonnes;", "That is a rise of 25%.", "Port\t2022\t2023\nAntwerp\t109.9\t116", "The drug was hidden in 40 bags.",
]), min_size=1, max_size=8))
def test_claims_slots_are_mentions_of_their_type(nlp, pieces):
    """Whatever the story, every filled slot is a mention of the slot's type, and every source is a known one."""
    result = extract("\n\n".join(pieces), nlp=nlp, doc_date="2024-05-01", document="p")
    mentions = {m.id: m for m in result.mentions}
    for claim in result.claims:
        assert mentions[claim.quantity].type == "QUANTITY"
        for slot, kind in TYPE_OF_SLOT.items():
            if getattr(claim, slot):
                assert mentions[getattr(claim, slot)].type == kind
        assert all(mentions[i].type == "SUBSTANCE" for i in claim.substances)
        assert all(mentions[i].type == "ORG" for i in claim.organisations)
        for slot, source in claim.extra["slot_sources"].items():
            assert source["source"] in {"sentence", "table", "agency", "frame", "document", "subject"}, (slot, source)
        assert 0.0 < claim.confidence <= 1.0


def test_claims_rows_far_below_their_header_keep_its_drug(nlp):
    from tests.texts import big_table

    text = big_table(20_000)
    result = extract(text, nlp=nlp, document="t")
    by_id = {m.id: m for m in result.mentions}
    last_row = text.rsplit("\n", 1)[1]
    cocaine_cell = len(text) - len(last_row) + last_row.index("\t") + 1
    claim = next(c for c in result.claims if by_id[c.quantity].start == cocaine_cell)
    assert [by_id[s].attrs["canonical"] for s in claim.substances] == ["cocaine"]
    assert len(result.claims) >= 3 * (text.count("\n") - 1)
