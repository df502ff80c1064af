"""Tables in stored text: header lines, row labels carried down a block, total rows, tables that go
on over a page, and what a header or caption says its figures count."""
from __future__ import annotations

import pytest

from extractors.rules.layout import layout_of
from extractors.rules.tables import cell_context, counted_in, find_tables

ANNEX = ("List of firearms seized, 2021-2024\n\n\t\t\t\tHome-made\t\n\t\tPistol\tRifle\tweapons\tTotal\n"
         "2021\tJanuary\t30\t8\t9\t47\n\tFebruary\t27\t\t5\t32\nTotal\t\t57\t8\t14\t79\n"
         "2022\tJanuary\t19\t4\t1\t24\n")


def labels_of(text: str, figure: str, occurrence: int = 0) -> tuple[list[str], list[str]]:
    """(row labels innermost first, column header cells nearest first) of the n-th cell holding ``figure``."""
    starts = [i for i in range(len(text)) if text.startswith(figure, i) and text[i - 1] == "\t"
              and text[i + len(figure)] in "\t\n"]
    cell = cell_context(text, layout_of(text), starts[occurrence])
    return [text[slice(*s)] for s in cell.row_labels], [text[slice(*s)] for s in cell.column_heads]


def test_tables_header_set_on_two_lines_is_one_header():
    table, = find_tables(ANNEX)
    assert [ANNEX[slice(*line)] for line in table.heads] == ["\t\t\t\tHome-made\t", "\t\tPistol\tRifle\tweapons\tTotal"]
    assert ANNEX[slice(*table.caption)] == "List of firearms seized, 2021-2024"
    assert labels_of(ANNEX, "9") == (["January", "2021"], ["weapons", "Home-made"])


@pytest.mark.parametrize("figure, occurrence, row_labels", [
    ("27", 0, ["February", "2021"]),  # the year written once holds for the months under it
    ("57", 0, ["Total", "2021"]),  # a total row closes its block: it is that year's
    ("19", 0, ["January", "2022"]),  # the next block has its own year, not 2021's
])
def test_tables_row_labels_carry_down_their_block(figure, occurrence, row_labels):
    assert labels_of(ANNEX, figure, occurrence)[0] == row_labels


def test_tables_a_total_row_of_places_takes_no_place_from_above():
    text = "Seizures (kg)\n\nCountry\tCocaine\nGhana\t120\nTogo\t35\nTotal\t155\n"
    assert labels_of(text, "155")[0] == ["Total"]


def test_tables_going_on_over_a_page_keep_the_caption_under_the_repeated_header():
    page = "\tYear\tPistol\tTotal\n2023\tJanuary\t14\t25\n"
    text = "Firearms seized, 2023-2024\n\n" + page + "\n\n" + page.replace("2023", "2024")
    first, second = find_tables(text)
    assert second.caption == first.caption


def test_tables_a_header_without_the_label_column_stands_over_the_last_cells():
    text = "Cocaine seized (t)\n\n2022\t2023\nAntwerp\t109.9\t116\n"
    assert labels_of(text, "116") == (["Antwerp"], ["2023"])


@pytest.mark.parametrize("label, counted", [
    ("Pistol", "pistol"),
    ("Home-made weapons", "home-made weapons"),
    ("List of firearms seized, 2021-2024", "firearms"),
    ("Table 3. Number of arrests by region", "arrests"),
    ("Arrests (number)", "arrests"),
    ("Total", None),
    ("2023", None),
    ("Figures reported by the national police", None),  # a generic noun counts nothing in particular
    ("Month", None),
])
def test_tables_counted_in_a_header_or_caption(label, counted):
    assert counted_in(label) == counted


GROUPED = "Seizures (kg)\n\n\tCocaine\t\tHeroin\t\tTotal\nCountry\t2022\t2023\t2022\t2023\t\nGhana\t120\t140\t35\t30\t325\n"


@pytest.mark.parametrize("figure, heads", [
    ("140", ["2023", "Cocaine"]),  # a group label heads every column under it, as a merged cell
    ("35", ["2022", "Heroin"]),  # up to the next group
    ("325", ["Total"]),  # and never a total column
])
def test_tables_group_labels_head_the_columns_under_them(figure, heads):
    assert labels_of(GROUPED, figure)[1] == heads
