"""PDF reading: order across columns, cleaned margins, rejoined words, tables, and boxes that
lead back to the characters (checked against pdfplumber, independently of pdfium)."""
from __future__ import annotations


import pdfplumber
import pytest

from extractors.documents import process_document
from extractors.sources import SourceError, read_source
from extractors.sources.pdf_ocr import available as ocr_available
from tests.conftest import ROOT
from tests.pdfs import make_pdf, make_report_pdf, word_order_score

HEADER = "DRUG MARKETS REPORT 2024"


def sample_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md")):
        paragraphs += [" ".join(p.split()) for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
    return paragraphs * 3


@pytest.mark.parametrize("columns, interleave", [(1, False), (2, False), (2, True), (3, False), (3, True)])
def test_pdf_reading_order_across_columns(tmp_path, columns, interleave):
    paragraphs = sample_paragraphs()
    path = make_report_pdf(tmp_path / "r.pdf", paragraphs, columns=columns, interleave=interleave)
    text = read_source(path).text
    assert word_order_score(" ".join(paragraphs), text) >= 0.98


def test_pdf_running_header_and_page_numbers_dropped(tmp_path):
    path = make_report_pdf(tmp_path / "r.pdf", sample_paragraphs())
    source = read_source(path)
    assert len(source.pages) >= 2
    assert HEADER not in source.text
    for page in source.pages:
        lines = source.text[page.start:page.end].strip().splitlines()
        assert not lines[-1].strip().isdigit()


def test_pdf_line_end_hyphens_rejoined(tmp_path):
    paragraph = ("Authorities reported unprecedented methamphetamine seizures alongside internationalised "
                 "trafficking organisations operating transcontinental distribution infrastructures. ") * 12
    text = read_source(make_report_pdf(tmp_path / "r.pdf", [paragraph])).text
    for word in ("unprecedented", "methamphetamine", "internationalised", "transcontinental", "infrastructures"):
        assert text.count(word) == 12, word


def test_pdf_table_rows_keep_cells(tmp_path):
    table = [["Port", "2022", "2023"], ["Antwerp", "109.9", "116"], ["Rotterdam", "52.5", "45"]]
    text = read_source(make_report_pdf(tmp_path / "r.pdf", sample_paragraphs()[:3], table=table)).text
    assert "Port\t2022\t2023\nAntwerp\t109.9\t116\nRotterdam\t52.5\t45" in text


def test_pdf_generously_spaced_table_rows_stay_one_table(tmp_path):
    from tests.render import render_pdf

    report = ("\n\n".join(sample_paragraphs()[:4]) + "\n\nTable 2. Cannabis herb seized, by country (kg)\n\n"
              "Country\t2021\t2022\nGhana\t38 954\t52 310\nTogo\t3 410\t4 122\n\nNotes: figures are provisional.\n")
    text = read_source(render_pdf(report, tmp_path / "annex.pdf")).text
    assert "Country\t2021\t2022\nGhana\t38 954\t52 310\nTogo\t3 410\t4 122" in text


def test_pdf_mentions_lead_back_to_their_characters(tmp_path):
    path = make_report_pdf(tmp_path / "r.pdf", sample_paragraphs(), columns=2, interleave=True)
    document, text = process_document(path)
    assert document.mentions
    with pdfplumber.open(path) as pdf:
        chars = {number: page.chars for number, page in enumerate(pdf.pages, start=1)}
        for mention in document.mentions:
            assert text[mention.start:mention.end] == mention.text
            assert mention.page is not None and mention.bbox is not None, mention
            x0, top, x1, bottom = mention.bbox
            inside = "".join(c["text"] for c in chars[mention.page]
                             if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1)
            assert "".join(mention.text.split()) in inside.replace(" ", "").replace("-", "") or \
                "".join(mention.text.split()) in inside.replace(" ", ""), (mention.text, inside)


def test_pdf_mixed_scanned_pages_warn(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawString(60, 800, "Police seized 40 kg of heroin in Kabul in March 2024, officials said.")
    pdf.showPage()
    pdf.rect(60, 400, 400, 300, fill=1)
    pdf.showPage()
    pdf.save()
    source = read_source(path)
    assert "40 kg of heroin" in source.text
    assert source.warnings == ("1 of 2 pages have no text layer (OCR found no text): page 2",) if ocr_available() \
        else ("1 of 2 pages have no text layer (needs OCR): page 2",)


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "malformed PDF"),
    (b"", "empty document"),
    (b"%PDF-1.7\n" + b"\x00" * 100, "malformed PDF"),
])
def test_pdf_broken_files(tmp_path, data, message):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=message):
        read_source(path)


def test_pdf_truncated_file(tmp_path):
    whole = make_report_pdf(tmp_path / "whole.pdf", sample_paragraphs()).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    try:
        source = read_source(path)
    except SourceError as err:
        assert str(err).startswith(("malformed PDF", "no text layer"))
    else:  # pdfium may recover the pages before the cut: then they must be real text
        assert source.text.strip() and len(source.pages) >= 1


def test_pdf_metadata_date_is_the_fallback_document_date(tmp_path):
    path = make_pdf(tmp_path / "m.pdf", [["Police seized 40 kg of heroin."]])
    document, _ = process_document(path)
    assert document.doc_date is not None and len(document.doc_date) == 10


def test_pdf_real_reports_have_boxes(shared_dir):
    path = shared_dir / "corpus" / "pdf" / "un_A-79-797_Afghanistan_SG_report.pdf"
    document, text = process_document(path)
    assert document.source["pages"] >= 10
    located = [m for m in document.mentions if m.bbox]
    assert len(located) >= 0.99 * len(document.mentions)
    assert all(1 <= m.page <= document.source["pages"] for m in document.mentions)
    assert text.count("A/79/797") <= 3  # the running header is gone from every page


def test_pdf_real_three_column_page_reads_in_order(shared_dir):
    text = read_source(shared_dir / "corpus" / "pdf" / "pdfplumber_federal-register-2020-17221_multicolumn.pdf").text
    assert "purpose of these notices is to give interested\npersons an opportunity to participate" in text


def test_pdf_real_rotated_table_rows(shared_dir):
    text = read_source(shared_dir / "corpus" / "pdf" / "pdfplumber_nics-background-checks-2015-11-rotated_table.pdf").text
    assert "\nAlabama\t18,870\t23,022\t22,650" in text


def test_pdf_footnote_markers_are_read_from_the_page_geometry(tmp_path):
    from extractors.documents import process_document
    from tests.pdfs import make_superscript_pdf

    path = make_superscript_pdf(tmp_path / "notes.pdf", [
        [("Customs seized 1,250 kg", False), ("14", True), (" of cocaine in the port of Durres.", False)],
        [("In 2024,", False), ("3", True), (" violent clashes were recorded in the capital.", False)],
        [("Police cleared 17.4 km", False), ("2", True), (" of poppy fields in 2023.", False)],
    ])
    document, text = process_document(path)
    quantities = [m for m in document.mentions if m.type == "QUANTITY"]
    assert [(m.text, m.attrs["value"], m.attrs["unit"]) for m in quantities][:1] == [("1,250 kg", 1250000.0 / 1000, "kg")]
    assert not any(m.attrs["value"] in (14, 3, 125014) for m in quantities)  # the markers count nothing
    assert any(m.text == "17.4 km2" for m in quantities)  # a raised 2 after a unit is its exponent
    assert all(text[m.start:m.end] == m.text and m.page == 1 and m.bbox for m in document.mentions)


def test_pdf_dash_cells_stay_in_their_row(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "table.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    for row, (label, *cells) in enumerate([("Month", "Pistols", "Rifles", "Shotguns", "Total"),
                                           ("April", "22", "\u2013", "\u2013", "35"), ("May", "7", "3", "\u2013", "13")]):
        y = 700 - 16 * row
        pdf.drawString(72, y, label)
        for column, cell in enumerate(cells):
            if cell == "\u2013":  # a dash whose ink is a sliver at mid-height, as in UN annex tables
                pdf.setFont("Helvetica", 5)
                pdf.drawRightString(220 + 80 * column, y + 1.5, cell)
                pdf.setFont("Helvetica", 10)
            else:
                pdf.drawRightString(220 + 80 * column, y, cell)
    pdf.save()
    lines = read_source(path).text.splitlines()
    assert "April\t22\t\u2013\t\u2013\t35" in lines and "May\t7\t3\t\u2013\t13" in lines


ANNEX_HEADER = ["", "", "Pistol", "Revolver", "Rifle", "weapons", "Total"]
ANNEX_ROWS = [["2023", "January", "14", "1", "7", "2", "24"], ["", "February", "16", "", "3", "\u2013", "19"],
              ["Total", "", "30", "1", "10", "2", "43"], ["2024", "January", "5", "\u2013", "1", "1", "7"],
              ["", "February", "7", "1", "6", "3", "17"], ["Total", "", "12", "1", "7", "4", "24"]]


@pytest.mark.parametrize("ruled", [False, True])
def test_pdf_annex_table_cells_keep_their_columns(tmp_path, ruled):
    from tests.pdfs import make_annex_table_pdf

    path = make_annex_table_pdf(tmp_path / "annex.pdf", "Firearms seized, 2023-2024", ANNEX_HEADER, ANNEX_ROWS,
                                header_above={5: "Home-made"}, ruled=ruled)
    lines = read_source(path).text.splitlines()
    assert "\t\tPistol\tRevolver\tRifle\tweapons\tTotal" in lines  # one cell per column, the label columns too
    assert "\tFebruary\t16\t\t3\t\u2013\t19" in lines  # the blank Revolver cell keeps its place
    assert "\t\t\t\t\tHome-made\t" in lines  # the header's first line stands over its own column


@pytest.mark.parametrize("row, column, counted, period", [
    (1, 2, "pistol", ("2023-02-01", "2023-02-28")),  # a month row under its year block
    (1, 4, "rifle", ("2023-02-01", "2023-02-28")),  # not shifted into the blank Revolver column
    (1, 6, "firearms", ("2023-02-01", "2023-02-28")),  # a total column counts what the caption counts
    (2, 6, "firearms", ("2023-01-01", "2023-12-31")),  # a total row is its block's year
    (4, 4, "rifle", ("2024-02-01", "2024-02-29")),
])
def test_pdf_annex_table_cells_are_claims_of_their_row_and_column(tmp_path, row, column, counted, period):
    from tests.pdfs import make_annex_table_pdf

    path = make_annex_table_pdf(tmp_path / "annex.pdf", "Firearms seized, 2023-2024", ANNEX_HEADER, ANNEX_ROWS,
                                header_above={5: "Home-made"})
    document, text = process_document(path)
    cells = ANNEX_ROWS[row]
    start = text.index("\n" + "\t".join(cells) + "\n") + 1 + sum(len(c) + 1 for c in cells[:column])
    mentions = {m.id: m for m in document.mentions}
    claim = next(c for c in document.claims if mentions[c.quantity].start == start)
    quantity, date = mentions[claim.quantity], mentions[claim.date]
    assert (quantity.text, quantity.attrs["unit"], quantity.attrs["counted"]) == (cells[column], "count", counted)
    assert (date.attrs["start_date"], date.attrs["end_date"]) == period
    assert claim.extra["slot_sources"]["date"]["source"] == "table"
    assert quantity.page == 1 and abs(quantity.bbox[2] - (260 + 60 * (column - 2))) < 1  # its own right-aligned cell


def test_pdf_home_made_weapons_header_reads_as_one_label(tmp_path):
    from tests.pdfs import make_annex_table_pdf

    path = make_annex_table_pdf(tmp_path / "annex.pdf", "Firearms seized, 2023-2024", ANNEX_HEADER, ANNEX_ROWS,
                                header_above={5: "Home-made"})
    document, _ = process_document(path)
    counted = {m.attrs.get("counted") for m in document.mentions if m.type == "QUANTITY"}
    assert "home-made weapons" in counted and "weapons" not in counted


def test_pdf_justified_words_and_separately_boxed_commas_read_as_prose(tmp_path):
    from tests.pdfs import make_justified_pdf

    path = make_justified_pdf(tmp_path / "justified.pdf", [
        "Police in the capital seized weapons on 14 November and made arrests.",
        "In 2024, 11,820 people crossed the border at the northern posts."], stretch=6)
    text = read_source(path).text
    assert "seized weapons on 14 November and made arrests." in text and "\t" not in text
    assert "In 2024, 11,820 people crossed" in text
    document, _ = process_document(path)
    assert any(m.text == "11,820" and m.attrs["value"] == 11820 for m in document.mentions if m.type == "QUANTITY")


def test_pdf_footnote_markers_glued_to_numbers_and_footnote_numbers_count_nothing(tmp_path):
    from tests.pdfs import make_superscript_pdf

    path = make_superscript_pdf(tmp_path / "notes.pdf", [
        [("The World Drug Report 2024", False), ("17", True), (" noted that 1,250 kg of heroin were seized.", False)],
        [("19", True), (" United Nations, Treaty Series, vol. 976, No. 14152, listing 12 substances.", False)],
    ])
    document, text = process_document(path)
    quantities = {m.text: m for m in document.mentions if m.type == "QUANTITY"}
    assert set(quantities) == {"1,250 kg", "12"}  # not "202417", not the footnote's own "19"
    assert "2024" in {m.text for m in document.mentions if m.type == "DATE"}


def test_pdf_real_un_reports_claims_mostly_count_something(shared_dir):
    """Issue 12's measure: under 15% of a footnoted UN report's claims are bare counts (a number with
    nothing counted: footnote markers, paragraph numbers, contents pages, references, table cells)."""
    from extractors.pipeline import shared_nlp

    for path in sorted((shared_dir / "corpus" / "pdf").glob("un_*.pdf")):
        document, _ = process_document(path, nlp=shared_nlp())
        mentions = {m.id: m for m in document.mentions}
        bare = [c for c in document.claims if mentions[c.quantity].attrs.get("unit") == "count"
                and not mentions[c.quantity].attrs.get("counted")]
        assert len(document.claims) >= 50, path.name
        assert len(bare) < 0.15 * len(document.claims), (path.name, len(bare), len(document.claims))


def _page_with_footnotes(path, separator: bool):
    """Body text in 10 points, then footnotes in 8 points under a rule of underscores or under nothing
    (a drawn rule, as word processors set it), each opening with its raised number."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 760
    body = ["Customs at the port of Durres seized 1,250 kg of cocaine in March 2024."] + \
           ["Officers described the smuggling route, its couriers and its buyers in detail."] * 9
    for number, line in enumerate(body):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, y, line)
        if number == 0:
            pdf.setFont("Helvetica", 6.5)
            pdf.drawString(72 + pdf.stringWidth(line, "Helvetica", 10), y + 3.5, "3")
        y -= 14
    y -= 20
    if separator:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, y, "__________________")
    else:
        pdf.line(72, y + 3, 180, y + 3)
    for number, note in (("3", "Customs Administration, press release of 2 April 2024, on 12 arrests."),
                         ("4", "Ibid., annex 2.")):
        y -= 12
        pdf.setFont("Helvetica", 5.5)
        pdf.drawString(72, y + 3, number)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(78, y, note)
    pdf.save()
    return path


@pytest.mark.parametrize("separator", [True, False])
def test_pdf_footnotes_are_paragraphs_of_their_own_that_claims_cite(tmp_path, separator):
    path = _page_with_footnotes(tmp_path / "notes.pdf", separator)
    source = read_source(path)
    assert [(n.number, source.text[n.start:n.end]) for n in source.notes] == [
        ("3", "3 Customs Administration, press release of 2 April 2024, on 12 arrests."), ("4", "4 Ibid., annex 2.")]
    assert "\n\n4 Ibid., annex 2." in source.text  # each footnote a paragraph
    document, text = process_document(path)
    mentions = {m.id: m for m in document.mentions}
    claims = {mentions[c.quantity].text: c for c in document.claims}
    cited = claims["1,250 kg"].extra["footnotes"]
    assert [text[f["start"]:f["end"]] for f in cited] == ["3 Customs Administration, press release of 2 April 2024, on 12 arrests."]
    assert "12" in claims and "3" not in claims and "4" not in claims  # a footnote's figures count; its number does not


def test_pdf_contents_page_numbers_and_job_numbers_count_nothing(tmp_path):
    from tests.pdfs import make_pdf

    contents = ["Contents", "I. Matters calling for action by the Council " + "." * 40 + " 3",
                "II. Seizures of synthetic drugs in 2024 " + "." * 46 + " 12",
                "Annex. Firearms seized by month " + "." * 52 + " 24", "", "25-00725 (E) 140225"]
    body = ["In 2024 customs seized 1,250 kg of cocaine in 14 operations."]
    document, _ = process_document(make_pdf(tmp_path / "report.pdf", [contents, body]))
    assert sorted(m.text for m in document.mentions if m.type == "QUANTITY") == ["1,250 kg", "14"]


def test_pdf_compounds_broken_at_their_hyphen_stay_whole(tmp_path):
    from tests.pdfs import make_pdf

    lines = ["Police in the capital, Port-au-", "Prince, recorded more gang-", "related killings in 2024 than",
             "in any year: the gang attacks related to the port grew, and metham-", "phetamine seizures grew too."]
    text = read_source(make_pdf(tmp_path / "compounds.pdf", [lines])).text
    assert "Port-au-Prince" in text and "gang-related" in text  # a capital, or two words the text uses alone
    assert "methamphetamine seizures" in text  # pieces that stand nowhere alone are one hyphenated word
    document, _ = process_document(make_pdf(tmp_path / "compounds.pdf", [lines]))
    assert "Port-au-Prince" in {m.text for m in document.mentions if m.type == "LOCATION"}


def test_pdf_real_annex_table_cells_are_dated_to_their_row_and_labelled_by_their_column(shared_dir):
    """The firearms annex of S/2025/85 (pp. 24-25: months in year blocks, a two-line header, blank and dash
    cells, a total row per year, the table going on over the page break)."""
    from extractors.pipeline import shared_nlp

    document, text = process_document(shared_dir / "corpus" / "pdf" / "un_S-2025-85_UNODC_Haiti_quarterly_report.pdf",
                                      nlp=shared_nlp())
    mentions = {m.id: m for m in document.mentions}
    cells = [c for c in document.claims if mentions[c.quantity].page in (24, 25) and "table" in c.extra]
    assert len(cells) >= 270
    columns = {"pistol", "revolver", "rifle", "shotgun", "home-made weapons", "firearms"}
    for claim in cells:
        quantity, date = mentions[claim.quantity], mentions[claim.date]
        row = [text[s["start"]:s["end"]] for s in claim.extra["table"]["row"]]
        assert quantity.attrs["counted"] in columns and quantity.bbox, quantity
        if "Total" in row:  # a year's total
            assert date.attrs["granularity"] == "year" and date.text in row, (row, date)
        else:  # a month of its year block
            assert (date.text, date.attrs["start_date"][:4]) == (row[-1], row[0]), (row, date)


def test_pdf_group_headers_spanning_columns_head_each_column_under_them(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "groups.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(72, 760, "Drug seizures by country (kg)")
    pdf.setFont("Helvetica", 9)
    rights = [230, 290, 370, 430]
    pdf.drawCentredString((rights[0] + rights[1]) / 2 - 10, 730, "Cocaine")  # one run over two year columns
    pdf.drawCentredString((rights[2] + rights[3]) / 2 - 10, 730, "Heroin")
    for y, (label, *cells) in zip((716, 702, 688), [("Country", "2022", "2023", "2022", "2023"),
                                                     ("Ghana", "120", "140", "35", "30"), ("Togo", "12", "15", "3", "4")]):
        pdf.drawString(72, y, label)
        for right, cell in zip(rights, cells):
            pdf.drawRightString(right, y, cell)
    pdf.save()
    document, text = process_document(path)
    assert "\tCocaine\t\tHeroin\t\nCountry\t2022\t2023\t2022\t2023\nGhana\t120\t140\t35\t30" in text
    mentions = {m.id: m for m in document.mentions}
    found = {mentions[c.quantity].text: (mentions[c.quantity].attrs["unit"], mentions[c.date].text,
                                         [mentions[s].attrs["canonical"] for s in c.substances], mentions[c.location].text)
             for c in document.claims}
    assert found["140"] == ("kg", "2023", ["cocaine"], "Ghana") and found["30"] == ("kg", "2023", ["heroin"], "Ghana")
