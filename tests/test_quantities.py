import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.rules.quantities import find_quantities


@pytest.mark.parametrize("text", ["the share rose from 20% to 30%", "cocaine 5 kg and heroin 10 kg"])
def test_quantities_changes_and_lists_stay_two_figures(text):
    assert len(find_quantities(text)) == 2


@pytest.mark.parametrize("text, expected", [("57 people were charged, up from 19 in 2022", [57.0, 19.0])])
def test_quantities_a_count_before_a_year_is_no_ratio(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(v, "count") for v in expected]


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [(text[q.start:q.end], q) for q in found]
    q = found[0]
    return text[q.start:q.end], q


@pytest.mark.parametrize("text, span, value, unit, qualifier", [
    ("almost 706 kilograms of 4-SMS were seized", "almost 706 kilograms", 706.0, "kg", "approx"),
    ("a P3.8-billion shabu haul", "P3.8-billion", 3.8e9, "PHP", "exact"),
    ("parcels worth some P47.6-M", "some P47.6-M", 4.76e7, "PHP", "approx"),
    ("Kazakhstan seized 41.1 tons of drugs", "41.1 tons", 41100.0, "kg", "exact"),
    ("a haul of 1.2 tonnes", "1.2 tonnes", 1200.0, "kg", "exact"),
    ("some 4,000 pounds of methamphetamine", "some 4,000 pounds", 1814.369, "kg", "approx"),
    ("nearly 10,000 lb of fentanyl", "nearly 10,000 lb", 4535.924, "kg", "approx"),
    ("500 g of heroin", "500 g", 0.5, "kg", "exact"),
    ("more than 4,200 litres of bute", "more than 4,200 litres", 4200.0, "l", "at_least"),
    ("on 12,800 hectares", "12,800 hectares", 12800.0, "ha", "exact"),
    ("over 3 km² of poppy", "over 3 km²", 300.0, "ha", "at_least"),
    ("some 335 km off Dakar", "some 335 km", 335.0, "km", "approx"),
    ("drug crimes down by 14.3%", "14.3%", 14.3, "percent", "exact"),
    ("about 90 percent of the market", "about 90 percent", 90.0, "percent", "approx"),
    ("95 per cent of opioids", "95 per cent", 95.0, "percent", "exact"),
    ("More than 90% of sales", "More than 90%", 90.0, "percent", "at_least"),
    ("worth $5.7 billion a year", "$5.7 billion", 5.7e9, "USD", "exact"),
    ("worth US$2 million", "US$2 million", 2e6, "USD", "exact"),
    ("cash of EUR 154.1 million", "EUR 154.1 million", 154.1e6, "EUR", "exact"),
    ("about A$90 million", "about A$90 million", 9e7, "AUD", "approx"),
    ("GBP 54 million in cash", "GBP 54 million", 54e6, "GBP", "exact"),
    ("almost €20 million", "almost €20 million", 2e7, "EUR", "approx"),
    ("3.5 billion tenge", "3.5 billion tenge", 3.5e9, "KZT", "exact"),
    ("twenty-five million leva", "twenty-five million leva", 2.5e7, "BGN", "exact"),
    ("around $730 per kilogram of opium", "around $730 per kilogram", 730.0, "USD", "approx"),
    ("bribes of 3.2 million lek", "3.2 million lek", 3.2e6, "ALL", "exact"),
    ("confiscated 543 BTC", "543 BTC", 543.0, "BTC", "exact"),
    ("around 210,000 Pakistani rupees a kilogram", "around 210,000 Pakistani rupees a kilogram", 210000.0, "PKR", "approx"),
    ("a strip costs about one US dollar", "about one US dollar", 1.0, "USD", "approx"),
    ("a C$1.3-billion plan", "C$1.3-billion", 1.3e9, "CAD", "exact"),
    ("859 criminal cases", "859", 859.0, "count", "exact"),
    ("up to 10 000 people", "up to 10 000", 10000.0, "count", "at_most"),
    ("three drug laboratories", "three", 3.0, "count", "exact"),
    ("six million captagon pills", "six million", 6e6, "count", "exact"),
    ("Over 170 e-wallets", "Over 170", 170.0, "count", "at_least"),
    ("sentences of up to five years", "up to five years", 5.0, "year", "at_most"),
    ("jailed for 20 years", "20 years", 20.0, "year", "exact"),
    ("a 20-year high", "20-year", 20.0, "year", "exact"),
    ("no more than a month", "no more than a month", 1.0, "month", "at_most"),
    ("143.4 times more", "143.4 times", 143.4, "times", "exact"),
    ("an eightfold increase", "eightfold", 8.0, "times", "exact"),
    ("a fifteen-fold rise", "fifteen-fold", 15.0, "times", "exact"),
    ("the area almost doubled", "almost doubled", 2.0, "times", "approx"),
    ("one in twenty adults", "one in twenty", 0.05, "ratio", "exact"),
    ("about half of the opium", "about half", 0.5, "ratio", "approx"),
    ("two-thirds of the trade", "two-thirds", 2 / 3, "ratio", "exact"),
    ("a fine of 10,000-dinar", "10,000-dinar", 10000.0, "JOD", "exact"),
    ("at least four hundred kilograms", "at least four hundred kilograms", 400.0, "kg", "at_least"),
    ("about six thousand two hundred tonnes", "about six thousand two hundred tonnes", 6.2e6, "kg", "approx"),
    ("a hundred and seventy-six deaths", "a hundred and seventy-six", 176.0, "count", "exact"),
    ("3 tons 96 kg 611 g of hashish", "3 tons 96 kg 611 g", 3096.611, "kg", "exact"),
    ("1.8\ntonnes of cocaine", "1.8\ntonnes", 1800.0, "kg", "exact"),
    ("Honduras scored 7.35 out of 10", "7.35 out of 10", 7.35, "score", "exact"),
    ("a criminality score of 6.93", "6.93", 6.93, "score", "exact"),
    ("its criminality score rose to 7.35", "7.35", 7.35, "score", "exact"),
    ("around six out of ten deaths", "around six out of ten", 0.6, "ratio", "approx"),
    ("one in every two arrests", "one in every two", 0.5, "ratio", "exact"),
    ("roughly one fifth above the level", "roughly one fifth", 0.2, "ratio", "approx"),
    ("prices fell by about half", "about half", 0.5, "ratio", "approx"),
    ("more than double the level of 2014", "more than double", 2.0, "times", "at_least"),
    ("about twice the volume", "about twice", 2.0, "times", "approx"),
    ("the state of exception was extended six times", "six times", 6.0, "count", "exact"),
    ("seizures increased six times", "six times", 6.0, "times", "exact"),
])
def test_quantities_value_unit_qualifier(text, span, value, unit, qualifier):
    found_span, q = only(text)
    assert found_span == span
    assert q.value == pytest.approx(value, rel=1e-3)
    assert q.unit == unit
    assert q.qualifier == qualifier


@pytest.mark.parametrize("text, span, low, high, unit", [
    ("24 to 38 tons of heroin", "24 to 38 tons", 24000.0, 38000.0, "kg"),
    ("between 2 and 3 tonnes", "between 2 and 3 tonnes", 2000.0, 3000.0, "kg"),
    ("5–10 kg of resin", "5–10 kg", 5.0, 10.0, "kg"),
    ("twenty-four to thirty-eight tonnes", "twenty-four to thirty-eight tonnes", 24000.0, 38000.0, "kg"),
    ("prices between EUR 46 and EUR 107 a gram", "EUR 46 and EUR 107 a gram", 46.0, 107.0, "EUR"),
    ("purity ranged from 31 % to 89 %", "31 % to 89 %", 31.0, 89.0, "percent"),
    ("between roughly 120,000 and 250,000 ha", "roughly 120,000 and 250,000 ha", 120000.0, 250000.0, "ha"),
    ("packs of 5 kg–10 kg", "5 kg–10 kg", 5.0, 10.0, "kg"),
])
def test_quantities_ranges(text, span, low, high, unit):
    found_span, q = only(text)
    assert found_span.endswith(span.split()[-1])
    assert span in text
    assert (q.value, q.value_max, q.unit) == (pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text", [
    "in 2023 the market grew",
    "Decree No. 6 was signed",
    "under Resolution 2719",
    "the 17th meeting of the commission",
    "see page 12 of the report",
    "at 10:30 on Monday",
    "mephedrone (4-MMC) and 3-CMC",
    "the G20 summit",
    "Article 228 of the Criminal Code",
    "One estimate assessed the risk",
    "12\n",
    "Reading time: 3 min",
    "a double murder",
    "double-digit growth",
    "a triple homicide",
    "5 min read | Updated 2 hours ago | 12 comments | Share 340",
    "the first full year after the change of authorities.[1] Since then",
    "as listed (2) below",
    "reported in December.\n14\tSanctioned by the Security Council in 2023.",  # a footnote's number
    "on gang violence.\n\n35 .\tA recent interview with officials",  # a paragraph's number
    "Deliberations\t.......... . ..........\t38",  # a contents page
    "the report.\n\n1 37.\tMany speakers highlighted the need",  # a letter-spaced paragraph number
])
def test_quantities_not_quantities(text):
    assert [text[q.start:q.end] for q in find_quantities(text)] == []


def test_quantities_a_dot_leader_before_a_measured_figure_keeps_it():
    text = "Sensor system test ........................ 40 work-hours"
    assert [text[q.start:q.end] for q in find_quantities(text)] == ["40"]


def test_quantities_a_row_that_starts_with_a_number_keeps_its_cells():
    text = "Month\tPistols\tRifles\n14\t22\t13\n"
    assert [text[q.start:q.end] for q in find_quantities(text)] == ["14", "22", "13"]


def test_quantities_table_cells_take_header_units():
    text = "Year\tCoca area (ha)\tCocaine (t)\n2022\t230,000\t1,738\n2023\t253,000\t..\n"
    found = {text[q.start:q.end]: (q.value, q.unit) for q in find_quantities(text)}
    assert found == {"230,000": (230000.0, "ha"), "1,738": (1738000.0, "kg"), "253,000": (253000.0, "ha")}


def test_quantities_table_caption_gives_unit():
    text = "Cocaine seized in ports (tonnes)\n\nPort\t2022\t2023\nAntwerp\t109.9\t~116\n"
    found = {text[q.start:q.end]: (q.value, q.unit, q.qualifier) for q in find_quantities(text)}
    assert found == {"109.9": (109900.0, "kg", "exact"), "~116": (116000.0, "kg", "approx")}


def test_quantities_space_aligned_table_takes_header_units():
    text = ("Cocaine seized in ports\n\nPort          2022 (t)     2023 (t)\n"
            "Antwerp       109.9        ~116\nRotterdam     52.5         ~45\n")
    found = {text[q.start:q.end]: (q.value, q.unit) for q in find_quantities(text)}
    assert found == {"109.9": (109900.0, "kg"), "~116": (116000.0, "kg"), "52.5": (52500.0, "kg"), "~45": (45000.0, "kg")}


def test_quantities_currency_follows_country():
    text = "a fine of 20,000 dinars"
    assert find_quantities(text, country="JO")[0].unit == "JOD"
    assert find_quantities(text, country="IQ")[0].unit == "IQD"


def test_quantities_currency_follows_the_country_named_in_the_sentence():
    text = "Prices vary. In Pakistan a strip sells for under 300 rupees. In India it costs 250 rupees."
    places = [(text.index("Pakistan"), "PK"), (text.index("India"), "IN")]
    assert [q.unit for q in find_quantities(text, country="IN", places=places)] == ["PKR", "INR"]
    assert [q.unit for q in find_quantities("Police in Iraq seized 5,000 dinars.", "JO", [(10, "IQ")])] == ["IQD"]


def test_quantities_counted_noun():
    text = "The document cites 859 criminal cases initiated against sellers."
    assert find_quantities(text)[0].counted == "criminal cases"


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%kgtons-–$€aboutmrehlfiw\n")), max_size=60))
def test_quantities_spans_are_exact_and_never_raise(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end].strip() == text[q.start:q.end]


@pytest.mark.parametrize("text", [
    "in its articles 22 to 25, inter alia,",
    "Sustainable Development Goal 16, which is",
    "the Chair of the Group of 77 and China",
    "ISSN 0251-9941",
    "See Ibid., paras. 41 and 83.",
    "In its resolution\t2752 (2024), the Council",
    "during the coronavirus disease (COVID-19) pandemic",
    "1 58\t.\tAt the 10th meeting, on 14 March",  # a letter-spaced paragraph number
    "1 6 1 . At its 9th and 10th meetings",
])
def test_quantities_names_citations_and_numbering_measure_nothing(text):
    assert [text[q.start:q.end] for q in find_quantities(text) if q.unit == "count"] == []


@pytest.mark.parametrize("text, figure", [
    ("In operation 3, 45 people were arrested.", "45"),  # a singular designator names one number, not the next
    ("Under article 5, 12 people were fined.", "12"),
    ("In Phase 2, 300 officers were deployed.", "300"),
])
def test_quantities_after_a_named_number_count_again(text, figure):
    assert [text[q.start:q.end] for q in find_quantities(text)] == [figure]


@pytest.mark.parametrize("text, expected", [
    ("adopted by a vote of 49 to 2, with no abstentions", [("49", "votes"), ("2", "votes")]),
    ("by a vote of 25 against to 12 in favour, with 14 abstentions", [("25", "votes"), ("12", "votes"), ("14", "abstentions")]),
])
def test_quantities_a_vote_tally_counts_votes(text, expected):
    assert [(text[q.start:q.end], q.counted) for q in find_quantities(text)] == expected


def test_quantities_table_cells_count_what_their_headers_name():
    text = ("List of firearms seized, 2021-2024\n\n\t\t\t\tHome-made\t\n\t\tPistol\tRifle\tweapons\tTotal\n"
            "2021\tJanuary\t30\t8\t9\t47\n\tFebruary\t27\t\t5\t32\n")
    found = [(text[q.start:q.end], q.counted) for q in find_quantities(text)]
    assert found == [("30", "pistol"), ("8", "rifle"), ("9", "home-made weapons"), ("47", "firearms"),
                     ("27", "pistol"), ("5", "home-made weapons"), ("32", "firearms")]


@pytest.mark.parametrize("text, span, value, unit", [
    ("customs seized 2 tonnes, 41 kg and 220 grams of opium", "2 tonnes, 41 kg and 220 grams", 2041.22, "kg"),
    ("a haul of 3 t 96 kg 611 g", "3 t 96 kg 611 g", 3096.611, "kg"),
    ("he was jailed for 11 years and six months", "11 years and six months", 11.5, "year"),
    ("police burnt 12 quintals of poppy straw", "12 quintals", 1200.0, "kg"),
    ("officers found 40 tolas of charas", "40 tolas", 0.466552, "kg"),
    ("drugs worth Rs 5 crore were seized", "Rs 5 crore", 5e7, "INR"),
    ("heroin worth 2.5 lakh rupees", "2.5 lakh rupees", 2.5e5, "INR"),
])
def test_quantities_compound_figures_and_regional_units(text, span, value, unit):
    found_span, q = only(text)
    assert (found_span, round(q.value, 6), q.unit) == (span, value, unit)


@pytest.mark.parametrize("text, values", [
    ("police seized 5 kg, 3 kg and 2 kg of heroin", [5.0, 3.0, 2.0]),  # the same unit again: three figures
    ("sentences of 5 years and 10 years", [5.0, 10.0]),
])
def test_quantities_parts_in_the_same_unit_stay_separate_figures(text, values):
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize("text, scores", [
    ("Kyrgyzstan\n\nCriminal markets   4.26\nHuman trafficking\t5.50\nResilience: 6.1\n", [4.26, 5.5, 6.1]),
])
def test_quantities_index_scores_laid_out_as_label_and_number(text, scores):
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(s, "score") for s in scores]
