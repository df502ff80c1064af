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
