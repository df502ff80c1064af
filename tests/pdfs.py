"""PDFs the tests make themselves with reportlab: plain, encrypted, or scanned-like."""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas


def make_pdf(path: Path, pages: list[list[str]], *, password: str | None = None) -> Path:
    """One line of text per list item, one list per page."""
    encrypt = StandardEncryption(password, ownerPassword=password + "-owner") if password else None
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in pages:
        y = 800
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


def make_superscript_pdf(path: Path, lines: list[list[tuple[str, bool]]]) -> Path:
    """One page of 10-point lines, each a list of (text, superscript) pieces: a superscript piece is set
    at 6.5 points, 3.5 points above the baseline, as reports set footnote markers and exponents."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 72
    for pieces in lines:
        x = 72.0
        for text, superscript in pieces:
            size = 6.5 if superscript else 10
            if text.startswith(" "):  # a word space after a superscript, as typesetters leave it: a gap
                x += pdf.stringWidth(" ", "Helvetica", 10)
                text = text[1:]
            pdf.setFont("Helvetica", size)
            pdf.drawString(x, y + (3.5 if superscript else 0), text)
            x += pdf.stringWidth(text, "Helvetica", size)
        y -= 16
    pdf.save()
    return path


def make_image_only_pdf(path: Path, pages: int = 2) -> Path:
    """Pages with drawings but no text layer, as a scanned report has."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.rect(60, 400, 400, 300, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def wrap(paragraphs: list[str], width: float, font: str, size: float) -> list[str]:
    """Greedy line wrapping with line-end hyphenation of long words; "" between paragraphs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in paragraphs:
        if "\t" in paragraph:  # a table: its rows stay lines
            lines += paragraph.splitlines() + [""]
            continue
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}".strip()
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            room = width - stringWidth(current + " ", font, size)
            cut = max((i for i in range(3, len(word) - 2) if stringWidth(word[:i] + "-", font, size) <= room
                       and word[:i].isalpha() and word[i:].isalpha()), default=None) if len(word) > 7 else None
            if cut:
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
            else:
                lines.append(current)
                current = word
        lines.append(current)
        lines.append("")
    return lines


def make_report_pdf(path: Path, paragraphs: list[str], *, columns: int = 2, title: str = "Drug Markets Report",
                    header: str = "DRUG MARKETS REPORT 2024", table: list[list[str]] | None = None,
                    interleave: bool = False, dated: bool = True) -> Path:
    """A multi-column report: a running header and a page number on every page, a full-width title,
    wrapped paragraphs with line-end hyphenation, and an optional full-width table at the end.

    With ``interleave`` the content stream visits the columns line by line, as some producers
    write them, so reading order cannot be taken from the stream.
    """
    width, height = A4
    margin, gutter, font, size, leading = 50, 20, "Helvetica", 9.5 if columns < 3 else 8.5, 12
    column_width = (width - 2 * margin - gutter * (columns - 1)) / columns
    lines = wrap(paragraphs, column_width, font, size)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    top = height - margin - 40
    per_column = int((top - margin - 20) // leading)
    page_number = 0
    while True:
        page_number += 1
        pdf.setFont(font, 8)
        pdf.drawString(margin, height - margin + 10, header)
        pdf.drawRightString(width - margin, margin - 25, str(page_number))
        y0 = top
        if page_number == 1:
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(margin, top, title)
            y0 = top - 30
        pdf.setFont(font, size)
        placed = []
        for column in range(columns):
            chunk, lines = lines[:per_column], lines[per_column:]
            placed += [(i, margin + column * (column_width + gutter), y0 - i * leading, text) for i, text in enumerate(chunk)]
        if interleave:
            placed.sort(key=lambda item: (item[0], item[1]))
        for _, x, y, text in placed:
            if "\t" in text:
                cells = text.split("\t")
                pdf.setFont(font, 7)
                for index, cell in enumerate(cells):
                    pdf.drawString(x + index * column_width / len(cells), y, cell)
                pdf.setFont(font, size)
            elif text:
                pdf.drawString(x, y, text)
        pdf.showPage()
        if not lines:
            break
    if table:
        pdf.setFont(font, 8)
        pdf.drawString(margin, height - margin + 10, header)
        pdf.drawRightString(width - margin, margin - 25, str(page_number + 1))
        pdf.setFont(font, size)
        y = top
        for row in table:
            for column, cell in enumerate(row):
                pdf.drawString(margin + column * 130, y, cell)
            y -= leading
        pdf.showPage()
    pdf.save()
    if not dated:  # no creation or modification date: the text alone must date the report
        data = path.read_bytes()
        for key in (b"/CreationDate", b"/ModDate"):
            start = data.find(key)
            if start >= 0:
                end = data.find(b")", start) + 1
                data = data[:start] + b" " * (end - start) + data[end:]
        path.write_bytes(data)
    return path


def word_order_score(source: str, extracted: str) -> float:
    """Share of the source's consecutive word pairs that appear consecutively in the extracted text."""
    from collections import Counter

    def pairs(text: str) -> Counter:
        words = text.split()
        return Counter(zip(words, words[1:]))

    expected, found = pairs(source), pairs(extracted)
    return sum((expected & found).values()) / max(1, sum(expected.values()))


def make_annex_table_pdf(path: Path, caption: str, header: list[str], rows: list[list[str]], *,
                         header_above: dict[int, str] | None = None, ruled: bool = False) -> Path:
    """One page with a statistical annex table set as UN annexes set them: a caption, an italic header
    (``header_above`` puts a first header line over some columns, "Home-made" over "weapons"), a label
    column or two and right-aligned figures; an empty string is a blank cell, "–" a dash cell drawn in a
    smaller size (its ink a sliver at mid-height). ``ruled`` draws the grid lines of a ruled table."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lefts = [72, 120]  # label columns, left-aligned
    rights = [260 + 60 * i for i in range(len(header) - 2)]  # figure columns, right-aligned
    y = 760
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, y, caption)
    y -= 30
    pdf.setFont("Helvetica-Oblique", 8)
    for column, text in (header_above or {}).items():
        pdf.drawRightString(rights[column - 2], y, text)
    y -= 10 if header_above else 0
    for column, text in enumerate(header):
        if text:
            (pdf.drawString(lefts[column], y, text) if column < 2 else pdf.drawRightString(rights[column - 2], y, text))
    y -= 18
    for row in rows:
        pdf.setFont("Helvetica", 9)
        for column, text in enumerate(row):
            if not text:
                continue
            if column < 2:
                pdf.drawString(lefts[column], y, text)
            elif text == "\u2013":
                pdf.setFont("Helvetica", 5)
                pdf.drawRightString(rights[column - 2], y + 1.5, text)
                pdf.setFont("Helvetica", 9)
            else:
                pdf.drawRightString(rights[column - 2], y, text)
        if ruled:
            pdf.line(66, y - 4, rights[-1] + 6, y - 4)
        y -= 14
    if ruled:
        for x in [66, 114, *[r - 50 for r in rights], rights[-1] + 6]:
            pdf.line(x, y + 10, x, y + 14 * (len(rows) + 1) + 6)
    pdf.save()
    return path


def make_justified_pdf(path: Path, lines: list[str], stretch: float) -> Path:
    """Lines set word by word, each word with its space and then ``stretch`` points more, as justified
    text is often set; a comma is drawn in another font, so pdfium boxes it on its own ("11,820")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 760
    for line in lines:
        x = 72.0
        for word in line.split(" "):
            for index, piece in enumerate(word.split(",")):
                if index:
                    pdf.setFont("Helvetica", 10)
                    pdf.drawString(x, y, ",")
                    x += stringWidth(",", "Helvetica", 10)
                pdf.setFont("Times-Roman", 10)
                pdf.drawString(x, y, piece)
                x += stringWidth(piece, "Times-Roman", 10)
            pdf.drawString(x, y, " ")
            x += stringWidth(" ", "Times-Roman", 10) + stretch
        y -= 14
    pdf.save()
    return path
