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


def make_image_only_pdf(path: Path, pages: int = 2) -> Path:
    """Pages with drawings but no text layer, as a scanned report has."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.rect(60, 400, 400, 300, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def make_two_column_pdf(path: Path, paragraphs: list[str], *, title: str = "Drug Markets Report",
                        header: str = "DRUG MARKETS REPORT 2024", table: list[list[str]] | None = None,
                        interleave: bool = False) -> Path:
    """A two-column report: a running header and a page number on every page, a full-width title,
    justified-style wrapped paragraphs with line-end hyphenation, and an optional full-width table.

    With ``interleave`` the content stream alternates left and right column lines, as some
    producers write them, so reading order cannot be taken from the stream.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width, height = A4
    margin, gutter, font, size, leading = 50, 24, "Helvetica", 9.5, 12
    column_width = (width - 2 * margin - gutter) / 2
    lines: list[str] = []
    for paragraph in paragraphs:
        words = paragraph.split()
        current = ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if stringWidth(candidate, font, size) <= column_width:
                current = candidate
                continue
            room = column_width - stringWidth(current + " ", font, size)
            cut = max((i for i in range(3, len(word) - 2) if stringWidth(word[:i] + "-", font, size) <= room
                       and word[:i].isalpha()), default=None) if len(word) > 7 else None
            if cut:
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
            else:
                lines.append(current)
                current = word
        lines.append(current)
        lines.append("")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    top = height - margin - 40
    per_column = int((top - margin - 20) // leading)
    page_number = 0
    first = True
    while lines or first:
        page_number += 1
        pdf.setFont(font, 8)
        pdf.drawString(margin, height - margin + 10, header)
        pdf.drawRightString(width - margin, margin - 25, str(page_number))
        y0 = top
        if first:
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(margin, top, title)
            y0 = top - 30
            first = False
        left, lines = lines[:per_column], lines[per_column:]
        right, lines = lines[:per_column], lines[per_column:]
        pdf.setFont(font, size)
        order = []
        for i in range(max(len(left), len(right))):
            if i < len(left):
                order.append((margin, y0 - i * leading, left[i]))
            if i < len(right):
                order.append((margin + column_width + gutter, y0 - i * leading, right[i]))
        if not interleave:
            order.sort(key=lambda item: (item[0], -item[1]))
        for x, y, text in order:
            if text:
                pdf.drawString(x, y, text)
        if table and not lines:
            y = min(y0 - max(len(left), len(right)) * leading - 30, 300)
            for row in table:
                for column, cell in enumerate(row):
                    pdf.drawString(margin + column * 130, y, cell)
                y -= leading
            table = None
        pdf.showPage()
    pdf.save()
    return path
