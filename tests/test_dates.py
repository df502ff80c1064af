import pytest
from hypothesis import given, strategies as st

from extractors.rules.dates import find_dates


def one(text: str, doc_date: str | None = "2024-11-06", fiscal_start: int = 1):
    found = find_dates(text, doc_date, fiscal_start)
    assert len(found) == 1, [(text[d.start:d.end], d) for d in found]
    d = found[0]
    return text[d.start:d.end], d.start_date, d.end_date, d.granularity


@pytest.mark.parametrize("text, span, start, end, granularity", [
    ("on 20 August 2024 it said", "20 August 2024", "2024-08-20", "2024-08-20", "day"),
    ("on August 20, 2024 it said", "August 20, 2024", "2024-08-20", "2024-08-20", "day"),
    ("on 2024-08-20", "2024-08-20", "2024-08-20", "2024-08-20", "day"),
    ("in July 2024", "July 2024", "2024-07-01", "2024-07-31", "month"),
    ("in Dec. 2022", "Dec. 2022", "2022-12-01", "2022-12-31", "month"),
    ("in 2014", "2014", "2014-01-01", "2014-12-31", "year"),
    ("On 8 August the bill", "8 August", "2024-08-08", "2024-08-08", "day"),
    ("AMMAN, Dec 26 (Wire)", "Dec 26", "2023-12-26", "2023-12-26", "day"),
    ("in the first half of 2024", "the first half of 2024", "2024-01-01", "2024-06-30", "half"),
    ("in the second half of 2023", "the second half of 2023", "2023-07-01", "2023-12-31", "half"),
    ("H1 2024 figures", "H1 2024", "2024-01-01", "2024-06-30", "half"),
    ("1H24 figures", "1H24", "2024-01-01", "2024-06-30", "half"),
    ("in Q3 2022", "Q3 2022", "2022-07-01", "2022-09-30", "quarter"),
    ("in the third quarter of 2022", "the third quarter of 2022", "2022-07-01", "2022-09-30", "quarter"),
    ("the first five months of 2023 saw", "the first five months of 2023", "2023-01-01", "2023-05-31", "month"),
    ("the first six months of 2024", "the first six months of 2024", "2024-01-01", "2024-06-30", "half"),
    ("In January–October 2015", "January–October 2015", "2015-01-01", "2015-10-31", "month"),
    ("In Oct-Nov 2022", "Oct-Nov 2022", "2022-10-01", "2022-11-30", "month"),
    ("November and December 2023", "November and December 2023", "2023-11-01", "2023-12-31", "month"),
    ("between 2015 and 2023", "between 2015 and 2023", "2015-01-01", "2023-12-31", "multi-year"),
    ("in 2015–2017", "2015–2017", "2015-01-01", "2017-12-31", "multi-year"),
    ("in FY2023", "FY2023", "2022-10-01", "2023-09-30", "year"),
    ("in Q1 FY2023", "Q1 FY2023", "2022-10-01", "2022-12-31", "quarter"),
    ("FY2023 to 3 May 2023", "FY2023 to 3 May 2023", "2022-10-01", "2023-05-03", "day"),
    ("in the 1990s", "the 1990s", "1990-01-01", "1999-12-31", "multi-year"),
    ("in the early 2020s", "the early 2020s", "2020-01-01", "2023-12-31", "multi-year"),
    ("in summer 2020", "summer 2020", "2020-06-01", "2020-08-31", "quarter"),
    ("in early 2021", "early 2021", "2021-01-01", "2021-03-31", "quarter"),
    ("in late 2014", "late 2014", "2014-10-01", "2014-12-31", "quarter"),
    ("by the end of 2023", "the end of 2023", "2023-12-01", "2023-12-31", "month"),
    ("the whole of 2022", "the whole of 2022", "2022-01-01", "2022-12-31", "year"),
    ("since 2014", "since 2014", "2014-01-01", "2024-12-31", "multi-year"),
    ("last year", "last year", "2023-01-01", "2023-12-31", "year"),
    ("this year", "this year", "2024-01-01", "2024-12-31", "year"),
    ("so far this year", "so far this year", "2024-01-01", "2024-11-06", "year"),
    ("said on Tuesday", "Tuesday", "2024-11-05", "2024-11-05", "day"),
    ("over the past six years", "over the past six years", "2018-01-01", "2023-12-31", "multi-year"),
    ("Last December", "Last December", "2023-12-01", "2023-12-31", "month"),
    ("a year ago", "a year ago", "2023-11-01", "2023-11-30", "month"),
    ("today", "today", "2024-11-06", "2024-11-06", "day"),
    ("in the past decade", "in the past decade", "2014-01-01", "2023-12-31", "multi-year"),
    ("over the past five years", "over the past five years", "2019-01-01", "2023-12-31", "multi-year"),
    ("the year before last", "the year before last", "2022-01-01", "2022-12-31", "year"),
    ("since 2019", "since 2019", "2019-01-01", "2024-12-31", "multi-year"),
    ("since early 2022", "since early 2022", "2022-01-01", "2024-12-31", "multi-year"),
    ("since mid-2023", "since mid-2023", "2023-04-01", "2024-12-31", "multi-year"),
    ("since the end of 2021", "since the end of 2021", "2021-12-01", "2024-12-31", "multi-year"),
    ("since March 2021", "since March 2021", "2021-03-01", "2024-12-31", "multi-year"),
    ("since March 2024", "since March 2024", "2024-03-01", "2024-12-31", "month"),
    ("since 12 May 2024", "since 12 May 2024", "2024-05-12", "2024-12-31", "day"),
    ("since January, patrols", "since January", "2024-01-01", "2024-12-31", "month"),
    ("since December, patrols", "since December", "2023-12-01", "2024-12-31", "multi-year"),
    ("between 1 November 2022 and 1 November 2023", "1 November 2022 and 1 November 2023", "2022-11-01", "2023-11-01", "day"),
    ("between March 3 and April 9, 2024", "March 3 and April 9, 2024", "2024-03-03", "2024-04-09", "day"),
    ("between 4 and 8 March 2024", "4 and 8 March 2024", "2024-03-04", "2024-03-08", "day"),
    ("during 14-18 October 2024", "14-18 October 2024", "2024-10-14", "2024-10-18", "day"),
    ("from 1 October 2023 to 31 March 2024", "1 October 2023 to 31 March 2024", "2023-10-01", "2024-03-31", "day"),
    ("between January and September, agents", "January and September", "2024-01-01", "2024-09-30", "month"),
    ("from February to May the port", "February to May", "2024-02-01", "2024-05-31", "month"),
    ("from March 2022 to June 2023", "March 2022 to June 2023", "2022-03-01", "2023-06-30", "month"),
    ("between November 2022 and February 2023", "November 2022 and February 2023", "2022-11-01", "2023-02-28", "month"),
    ("fiscal 2025", "fiscal 2025", "2024-10-01", "2025-09-30", "year"),
    ("in Fiscal 2023 revenue", "Fiscal 2023", "2022-10-01", "2023-09-30", "year"),
    ("in the 2025 fiscal year", "the 2025 fiscal year", "2024-10-01", "2025-09-30", "year"),
    ("during fiscal year 2025", "fiscal year 2025", "2024-10-01", "2025-09-30", "year"),
    ("in FY2025", "FY2025", "2024-10-01", "2025-09-30", "year"),
    ("in FY25", "FY25", "2024-10-01", "2025-09-30", "year"),
    ("in the Iranian year that ended in March 2024", "the Iranian year that ended in March 2024", "2023-03-21", "2024-03-19", "year"),
    ("in the Iranian year ending 20 March 2025", "the Iranian year ending 20 March 2025", "2024-03-20", "2025-03-20", "year"),
    ("in the Iranian year 1402", "the Iranian year 1402", "2023-03-21", "2024-03-19", "year"),
    ("to be held on 4 and 5 December 2025,", "4 and 5 December 2025", "2025-12-04", "2025-12-05", "day"),
    ("hearings on 9, 10 and 11 December 2024.", "9, 10 and 11 December 2024", "2024-12-09", "2024-12-11", "day"),
])
def test_dates_resolve(text, span, start, end, granularity):
    assert one(text) == (span, start, end, granularity)


def test_dates_a_month_labelling_a_table_row_takes_its_block_year():
    text = "Year\tMonth\tPistol\n2021\tJanuary\t30\n\tFebruary\t27\nTotal\t\t57\n2022\tJanuary\t19\n"
    found = [(text[d.start:d.end], d.start_date) for d in find_dates(text, "2025-02-14")]
    assert found == [("2021", "2021-01-01"), ("January", "2021-01-01"), ("February", "2021-02-01"),
                     ("2022", "2022-01-01"), ("January", "2022-01-01")]


def test_dates_australian_financial_year():
    assert one("in 2023-24", "2024-12-02", fiscal_start=7) == ("2023-24", "2023-07-01", "2024-06-30", "year")


def test_dates_relative_without_document_date_is_unresolved():
    assert one("last year", None) == ("last year", None, None, "unknown")


def test_dates_that_year_follows_context():
    text = "In 2021 seizures rose. That year, prices fell."
    found = find_dates(text, "2024")
    assert [(text[d.start:d.end], d.start_date) for d in found] == [("2021", "2021-01-01"), ("That year", "2021-01-01")]


@pytest.mark.parametrize("text", [
    "seized 2,023 kg",
    "Resolution 2719",
    "37% of users",
    "May be seized",
    "a 2014 kg haul",
    "They will March\ton the capital",
])
def test_dates_not_dates(text):
    assert [text[d.start:d.end] for d in find_dates(text, "2024")] == []


@given(st.text(alphabet=st.sampled_from(list("0123456789 -–/JanuryFebMchDcOtoberQH1sinceastyfhl\n")), max_size=60))
def test_dates_never_raise_and_spans_are_exact(text):
    for d in find_dates(text, "2024-06-30"):
        assert 0 <= d.start < d.end <= len(text)


def spans(text: str, doc_date: str | None = "2024-11-06", fiscal_start: int = 1) -> list[tuple]:
    return [(text[d.start:d.end], d.start_date, d.end_date, d.granularity) for d in find_dates(text, doc_date, fiscal_start)]


# Anaphoric expressions lean on the last date the text named, not on the document date (2024-11-06).
@pytest.mark.parametrize("text, expected", [
    ("Seizures peaked in 2021; the previous year they had fallen.", ("the previous year", "2020-01-01", "2020-12-31", "year")),
    ("The lab was found in 2019. In the preceding year, two others closed.", ("the preceding year", "2018-01-01", "2018-12-31", "year")),
    ("Arrests rose in 2018 and fell the following year.", ("the following year", "2019-01-01", "2019-12-31", "year")),
    ("The route opened in 2016; the next year it carried most of the heroin.", ("the next year", "2017-01-01", "2017-12-31", "year")),
    ("In March 2020 the border closed, and the year before it had been busy.", ("the year before", "2019-01-01", "2019-12-31", "year")),
    ("Prices reached a peak in 2017, and a year later they halved.", ("a year later", "2018-01-01", "2018-12-31", "year")),
    ("Customs reported 40 cases in December 2022, against 25 a year earlier.", ("a year earlier", "2021-12-01", "2021-12-31", "month")),
    ("Q2 2023 saw 12 raids, up from 8 a year earlier.", ("a year earlier", "2022-04-01", "2022-06-30", "quarter")),
    ("In FY2023 the agency seized 9 tonnes, compared with 6 tonnes a year earlier.", ("a year earlier", "2021-10-01", "2022-09-30", "year")),
    ("The law changed in 2015. Three years later it was repealed.", ("Three years later", "2018-01-01", "2018-12-31", "year")),
    ("Deaths rose in August 2023; a month earlier they had dipped.", ("a month earlier", "2023-07-01", "2023-07-31", "month")),
    ("In January–September 2023, 300 kg were seized, up from 180 kg in the same period a year earlier.",
     ("in the same period a year earlier", "2022-01-01", "2022-09-30", "month")),
    ("The first half of 2022 was quiet compared with the same period of the previous year.",
     ("the same period of the previous year", "2021-01-01", "2021-06-30", "half")),
    ("The raid took place on 14 June 2023. Earlier that month, two couriers were held.", ("Earlier that month", "2023-06-01", "2023-06-13", "month")),
    ("The raid took place on 14 June 2023. Later that month, two couriers were held.", ("Later that month", "2023-06-15", "2023-06-30", "month")),
    ("The raid took place on 14 June 2023. That month, two couriers were held.", ("That month", "2023-06-01", "2023-06-30", "month")),
    ("The end of 2021 brought a new law, and 30 substances were listed that year.", ("that year", "2021-01-01", "2021-12-31", "year")),
    ("In the 2021-22 financial year 5 tonnes were seized; that year the budget grew.", ("that year", "2021-07-01", "2022-06-30", "year")),
    ("The 12 months to April 2025 saw 80 seizures, against 60 in the previous 12-month period.",
     ("the previous 12-month period", "2023-05-01", "2024-04-30", "year")),
    ("In 2019 the first lab was found; in the first half of the previous year there were none.",
     ("the first half of the previous year", "2018-01-01", "2018-06-30", "half")),
    ("In the calendar year 2023 seizures rose. In that period 40 couriers were held.", ("that period", "2023-01-01", "2023-12-31", "year")),
    ("Seizures rose in 2023, after a ban in force since May 2021. During the said period 40 couriers were held.",
     ("the said period", "2023-01-01", "2023-12-31", "year")),
])
def test_dates_anaphora_follows_the_text(text, expected):
    assert spans(text)[-1] == expected


@pytest.mark.parametrize("text, doc_date, expected", [
    ("The previous year saw fewer arrests.", "2024-11-06", ("The previous year", "2023-01-01", "2023-12-31", "year")),
    ("A year earlier the port was closed.", "2024-07", ("A year earlier", "2023-07-01", "2023-07-31", "month")),
    ("That year the law changed.", "2024", ("That year", "2024-01-01", "2024-12-31", "year")),
    ("That month the law changed.", "2024-05-20", ("That month", "2024-05-01", "2024-05-31", "month")),
    ("The previous year saw fewer arrests.", None, ("The previous year", None, None, "unknown")),
    ("A year earlier the port was closed.", None, ("A year earlier", None, None, "unknown")),
    ("That month the law changed.", "2024", ("That month", None, None, "unknown")),
])
def test_dates_anaphora_without_antecedent_falls_back_to_document_date(text, doc_date, expected):
    assert spans(text, doc_date) == [expected]


def test_dates_anaphora_does_not_reach_back_more_than_two_paragraphs():
    near = "Seizures peaked in 2019.\n\nPolice said so.\n\nThe previous year was calmer."
    far = "Seizures peaked in 2019.\n\nPolice said so.\n\nCourts agreed.\n\nThe previous year was calmer."
    assert spans(near)[-1][1] == "2018-01-01"
    assert spans(far)[-1][1] == "2023-01-01"


def test_dates_deictic_ignores_the_text():
    text = "Seizures peaked in 2019. Last year they fell, and over the past five years prices doubled."
    assert spans(text)[1:] == [("Last year", "2023-01-01", "2023-12-31", "year"),
                               ("over the past five years", "2019-01-01", "2023-12-31", "multi-year")]


def test_dates_anaphora_chain():
    text = "In 2020 seizures rose. The previous year they fell, and the year before that they were flat."
    assert [s[1] for s in spans(text)] == ["2020-01-01", "2019-01-01", "2018-01-01"]


@pytest.mark.parametrize("text, doc_date, expected", [
    ("since 2014", "2024", ("since 2014", "2014-01-01", "2024-12-31", "multi-year")),
    ("since April 2022", "2024-07", ("since April 2022", "2022-04-01", "2024-12-31", "multi-year")),
    ("since 2014", None, ("since 2014", "2014-01-01", None, "multi-year")),
])
def test_dates_since_ends_with_the_document_year(text, doc_date, expected):
    assert spans(text, doc_date) == [expected]


def test_dates_year_less_range_takes_the_context_year():
    text = "Figures for 2023 were revised. Between March and May, arrests doubled."
    assert spans(text, "2025-02-01")[-1] == ("March and May", "2023-03-01", "2023-05-31", "month")


@pytest.mark.parametrize("text, fiscal_start, start, end", [
    ("in fiscal 2025", 1, "2024-10-01", "2025-09-30"),   # no known country: the US federal year
    ("in fiscal 2025", 7, "2024-07-01", "2025-06-30"),   # Australia, Kenya, Pakistan
    ("in the 2025 fiscal year", 4, "2024-04-01", "2025-03-31"),  # India, the UK
    ("in fiscal year 2023-24", 7, "2023-07-01", "2024-06-30"),
    ("in FY25", 7, "2024-07-01", "2025-06-30"),
])
def test_dates_fiscal_year_follows_the_country(text, fiscal_start, start, end):
    assert spans(text, "2025", fiscal_start)[0][1:] == (start, end, "year")


@pytest.mark.parametrize("text, span, start, end", [
    ("FISCAL YEAR 2025\n(July 1, 2024 - June 30, 2025)\n\nArrests rose in FY24.", "FY24", "2023-07-01", "2024-06-30"),
    ("FY 2025 (1 April 2024 to 31 March 2025): seizures fell in FY 2025.", "FY 2025", "2024-04-01", "2025-03-31"),
])
def test_dates_fiscal_year_the_document_spells_out(text, span, start, end):
    """A stated fiscal year outweighs the US default the unknown country falls back on."""
    assert next(found for found in spans(text, "2025", 1) if found[0] == span)[1:3] == (start, end)


@pytest.mark.parametrize("text, span, start, end", [
    ("the year July 1, 2023 - June 30, 2024 closed", "July 1, 2023 - June 30, 2024", "2023-07-01", "2024-06-30"),
    ("from Oct. 1, 2023 through Sept. 30, 2024", "Oct. 1, 2023 through Sept. 30, 2024", "2023-10-01", "2024-09-30"),
    ("seized from July 1 to September 30, 2024", "July 1 to September 30, 2024", "2024-07-01", "2024-09-30"),
])
def test_dates_month_first_day_ranges(text, span, start, end):
    assert spans(text, "2025")[0][:3] == (span, start, end)


def test_dates_fiscal_year_of_the_documents_country(nlp):
    from extractors.pipeline import extract

    text = "Police in Nairobi, Kenya, seized 2 tonnes of heroin in fiscal 2025, officials in Kenya said."
    dates = [m for m in extract(text, nlp=nlp, doc_date="2025-08-01").mentions if m.type == "DATE"]
    assert [(m.text, m.attrs["start_date"], m.attrs["end_date"]) for m in dates] == [("fiscal 2025", "2024-07-01", "2025-06-30")]


@pytest.mark.parametrize("text, expected", [
    ("EU DRUG MARKETS BRIEFING 2024 | PRICES\n\nBody text.", "2024"),
    ("Regional Drug Report 2023\nChapter 1", "2023"),
    ("Annual Report 2023\nChapter 1", None),
    ("Seizures in 2019\nChapter 1", None),
])
def test_doc_date_from_a_report_title(text, expected):
    from extractors.rules.docdate import find_doc_date

    assert find_doc_date(text).value == expected


def test_dates_the_reporting_period_is_the_period_the_report_says_it_covers():
    text = ("Under resolution 2692 (2023), the Council asked for reports.\nThe report covers the\nperiod from "
            "September to December 2024.\n\nDuring the reporting period, seizures rose.")
    found = {text[d.start:d.end]: (d.start_date, d.end_date) for d in find_dates(text, "2025-02-04")}
    assert found["the reporting period"] == ("2024-09-01", "2024-12-31")  # not the first year the text named


def test_dates_a_year_less_month_far_from_any_year_takes_the_reporting_period():
    text = ("The report covers the period from September to December 2024.\n\nThe gang formed in 2019.\n\n"
            + "Gangs grew stronger.\n\n" * 4 + "In November, police seized 12 rifles.")
    found = {text[d.start:d.end]: d.start_date for d in find_dates(text, "2025-02-04")}
    assert found["November"] == "2024-11-01"


def test_dates_the_same_period_a_year_earlier_repeats_the_reporting_period_when_nothing_nearer_is_one():
    text = ("The report covers the period from September to December 2024.\n\nPolice made 12 seizures, the last "
            "on 3 December 2024. This compares with eight for the same period one year earlier.")
    found = {text[d.start:d.end]: (d.start_date, d.end_date) for d in find_dates(text, "2025-02-04")}
    assert found["the same period one year earlier"] == ("2023-09-01", "2023-12-31")


@pytest.mark.parametrize("text, span, start, end", [
    ("Seizures peaked in early June.", "early June", "2024-06-01", "2024-06-10"),
    ("Seizures peaked in mid-June.", "mid-June", "2024-06-11", "2024-06-20"),
    ("Seizures peaked in late February 2023.", "late February 2023", "2023-02-21", "2023-02-28"),
    ("Patrols doubled this summer.", "this summer", "2024-06-01", "2024-08-31"),
    ("Patrols doubled last winter.", "last winter", "2023-12-01", "2024-02-29"),
    ("Arrests rose in the past two weeks.", "in the past two weeks", "2024-10-24", "2024-11-06"),
    ("Arrests rose in the last ten days.", "in the last ten days", "2024-10-28", "2024-11-06"),
    ("Arrests rose in the past 24 hours.", "in the past 24 hours", "2024-11-05", "2024-11-06"),
    ("Arrests rose over the past fortnight.", "over the past fortnight", "2024-10-24", "2024-11-06"),
    ("The route opened a decade ago.", "a decade ago", "2014-01-01", "2014-12-31"),
    ("In the first six months of the year, 40 labs closed.", "the first six months of the year", "2024-01-01", "2024-06-30"),
])
def test_dates_parts_of_months_seasons_and_recent_days(text, span, start, end):
    assert one(text)[:3] == (span, start, end)


@pytest.mark.parametrize("text, expected", [
    # the year of "the year" is the story's, once it has named one
    ("In 2022 the port handled 90 containers. In the first half of the year, 12 were searched.",
     {"2022": ("2022-01-01", "2022-12-31"), "the first half of the year": ("2022-01-01", "2022-06-30")}),
    # "three days later" and "the same day" count from the day just named
    ("Police raided the port on 3 March 2024. Three days later customs found 5 kg. The same day a boat sank.",
     {"3 March 2024": ("2024-03-03", "2024-03-03"), "Three days later": ("2024-03-06", "2024-03-06"),
      "The same day": ("2024-03-06", "2024-03-06")}),
])
def test_dates_counted_from_the_story(text, expected):
    found = {text[d.start:d.end]: (d.start_date, d.end_date) for d in find_dates(text, "2024-11-06")}
    assert found == expected


@pytest.mark.parametrize("text, country, day", [
    ("Seized on 03/12/2024.", "KZ", "2024-12-03"),  # day first, as most of the world writes it
    ("Seized on 03/12/2024.", "US", "2024-03-12"),  # month first in the United States
    ("Seized on 03/12/2024; filed on 25/12/2024.", "US", "2024-12-03"),  # the text's own 25/12 settles it
    ("Seized on 12.03.2024.", None, "2024-03-12"),
])
def test_dates_numeric_days_in_the_order_the_document_writes_them(text, country, day):
    assert find_dates(text, None, 1, country)[0].start_date == day


@pytest.mark.parametrize("text, expected", [
    ("Home | News\nModified Date: 12/03/2024\nPublished: 10/03/2024\nPolice seized 5 kg.", "2024-03-10"),
    ("Crawled: 2025-01-05\nDate: 25/03/2024\nPolice seized 5 kg.", "2024-03-25"),
    ("Last updated 14 May 2024\nPolice seized 5 kg.", "2024-05-14"),
    # no dated line: a story that says "last year" and names the year in figures was written after it
    ("In 2023 police seized 41 t. Last year 75 labs were closed. In 2023 the number of cases rose.", "2024"),
    ("In 2024 police seized 5 kg, up from 3 kg last year. In 2024 cases rose.", "2024"),
    ("In January-October 2015 police closed 84 shops. Last year crimes rose. In 2015 cases fell.", "2015"),
    # a yearless dateline over a story writing this year's events without a year
    ("AMMAN, Dec 26 (Wire) - Police have seized 6 million pills so far this year. Saudi customs seized 119 "
     "million last year. Malaysia seized 93 million in 2021. In 2021 the record fell.", "2022-12-26"),
    ("ALMATY, Sept 10 (Wire) - Police seized 5 kg of heroin last year. In 2024 seizures fell. In 2024 too.", "2024-09-10"),
])
def test_doc_date_from_labels_and_from_the_years_a_story_names(text, expected):
    from extractors.rules.docdate import find_doc_date

    assert find_doc_date(text).value == expected
