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
])
def test_dates_resolve(text, span, start, end, granularity):
    assert one(text) == (span, start, end, granularity)


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
])
def test_dates_not_dates(text):
    assert [text[d.start:d.end] for d in find_dates(text, "2024")] == []


@given(st.text(alphabet=st.sampled_from(list("0123456789 -–/JanuryFebMchDcOtoberQH1sinceastyfhl\n")), max_size=60))
def test_dates_never_raise_and_spans_are_exact(text):
    for d in find_dates(text, "2024-06-30"):
        assert 0 <= d.start < d.end <= len(text)
