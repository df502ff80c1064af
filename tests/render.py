"""Render a plain-text report as the layouts analysts receive: a two-column PDF with a running
header and page numbers, and a web page wrapped in navigation, share buttons and related news."""
from __future__ import annotations

import html
from pathlib import Path

from tests.pdfs import make_report_pdf


def blocks(text: str) -> list[str]:
    """Paragraphs of a text file; a table stays one block of tab-separated lines."""
    return [b.strip("\n") for b in text.split("\n\n") if b.strip()]


def render_pdf(text: str, path: Path) -> Path:
    paragraphs = [b if "\t" in b else " ".join(b.split()) for b in blocks(text)]
    return make_report_pdf(path, paragraphs, columns=2, title="Report", header="MONITORING SERIES", dated=False)


def render_html(text: str, path: Path) -> Path:
    body = []
    for block in blocks(text):
        if "\t" in block:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")) + "</tr>"
                           for line in block.splitlines())
            body.append(f"<table>{rows}</table>")
        else:
            body.append(f"<p>{html.escape(' '.join(block.split()))}</p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report</title>
<script>var tracking = {{"page": "report"}};</script><style>p {{ margin: 1em; }}</style></head>
<body><header class="site-header"><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></header>
<nav class="menu"><ul><li>World</li><li>Politics</li><li>Drugs and crime</li></ul></nav>
<main><article>{''.join(body)}
<div class="share-bar">Share on Facebook Share on X Email</div></article>
<aside class="related-news"><h3>Related news</h3><ul><li>Police seize 12 tonnes of cocaine in 2019</li>
<li>Minister resigns over 3 million dollar scandal</li></ul></aside></main>
<footer>Contact us | Privacy | © 2024 News Network</footer></body></html>"""
    path.write_text(page, encoding="utf-8")
    return path
