"""HTML: the main text of a page, without menus, share buttons and related-news lists.

Block elements become paragraphs (blank lines), ``<br>`` and list items line
breaks, table rows lines with tab-separated cells (so the table rules see
them). The charset comes from the BOM, the ``<meta>`` declaration, or UTF-8
with a Windows-1252 fallback. Walking is iterative, so deeply nested pages
cannot exhaust the stack.
"""
from __future__ import annotations

import re

from lxml import etree, html

from extractors.sources import SourceError, SourceText
from extractors.sources.text import decode

DROP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe", "svg", "template",
             "button", "select", "option", "menu", "figure", "object", "embed", "canvas", "head", "title", "meta",
             "link", "input", "label", "dialog"}
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|share|sharing|social|related|recommended|breadcrumbs?|cookie|banner|footer|"
    r"header|sidebar|comments?|subscribe|newsletter|advert|ads?|promo|popup|modal|masthead|toolbar|tags|"
    r"pagination|skip|signup|login|print|more-stories|read-more|most-read|trending)(?:$|[\s_-])",
    re.IGNORECASE,
)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "ul", "ol", "dl", "dd", "dt", "table", "address", "body", "center", "hr", "caption", "figcaption",
              "details", "summary"}
LINE_TAGS = {"li", "tr", "br"}
CELL_TAGS = {"td", "th"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, warning if characters were replaced): the declared charset when it decodes."""
    declared = META_CHARSET.search(data[:4096])
    if declared and not data.startswith(b"\xef\xbb\xbf"):
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(name), name, None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _is_boilerplate(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True
    if element.tag.lower() == "header" and any(a.tag in ("article", "main") for a in element.iterancestors()
                                               if isinstance(a.tag, str)):
        return False  # an article's own header: its headline, byline and date
    if element.tag.lower() in DROP_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if element.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    marker = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(BOILERPLATE.search(marker)) and element.tag.lower() not in ("body", "main", "article")


def _main_root(root: etree._Element) -> etree._Element:
    """<main> or the single <article> when there is one with real text, else <body>."""
    for xpath in ("//main", "//article", "//*[@role='main']"):
        found = root.xpath(xpath)
        if len(found) == 1 and len(" ".join(found[0].itertext()).split()) >= 30:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


class _Writer:
    """Collects text pieces, collapsing whitespace and keeping paragraph structure."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = ""  # separator owed before the next text: " ", "\t", "\n" or "\n\n"

    def text(self, value: str | None) -> None:
        if not value:
            return
        words = value.split()
        if not words:
            if value and self.parts and not self.pending:
                self.pending = " "
            return
        if self.parts:
            lead = self.pending or (" " if value[:1].isspace() else "")
            self.parts.append(lead)
        self.parts.append(" ".join(words))
        self.pending = " " if value[-1:].isspace() else ""

    def brk(self, separator: str) -> None:
        rank = {"": 0, " ": 1, "\t": 2, "\n": 3, "\n\n": 4}
        if rank[separator] > rank[self.pending]:
            self.pending = separator

    def result(self) -> str:
        return "".join(self.parts).strip() + "\n"


def html_text(root: etree._Element) -> str:
    writer = _Writer()
    skipped: etree._Element | None = None  # the boilerplate element being skipped, with its subtree
    for event, element in etree.iterwalk(_main_root(root), events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skipped is not None:
                continue
            if _is_boilerplate(element):
                skipped = element
                continue
            if tag in BLOCK_TAGS:
                writer.brk("\n\n")
            elif tag in LINE_TAGS:
                writer.brk("\n")
            elif tag in CELL_TAGS and element.getprevious() is not None:
                writer.brk("\t")
            writer.text(element.text)
            continue
        if skipped is not None:
            if element is skipped:
                skipped = None
                writer.text(element.tail)
            continue
        if tag in BLOCK_TAGS:
            writer.brk("\n\n")
        elif tag in ("li", "tr"):
            writer.brk("\n")
        writer.text(element.tail)
    return writer.result()


MAX_DEPTH = 1000
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")


def flatten_deep_nesting(markup: str) -> str:
    """Drop the tags nested deeper than MAX_DEPTH; their text stays.

    libxml2 gives up on documents nested more than a few thousand levels deep
    and silently loses everything below; real pages never need that depth.
    """
    depth = 0
    out, position = [], 0
    for match in TAG.finditer(markup):
        closing, self_closing = match.group(1) == "/", match.group(3) == "/"
        keep = depth < MAX_DEPTH
        if closing:
            depth = max(0, depth - 1)
            keep = depth < MAX_DEPTH
        elif not self_closing and match.group(2).lower() not in ("br", "img", "hr", "meta", "link", "input"):
            depth += 1
        out.append(markup[position:match.start()])
        out.append(match.group(0) if keep else " ")
        position = match.end()
    out.append(markup[position:])
    return "".join(out)


def read_html(data: bytes) -> SourceText:
    text, encoding, replaced = decode_html(data)
    text = flatten_deep_nesting(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    try:
        root = html.document_fromstring(text, parser=html.HTMLParser(huge_tree=True, recover=True))
    except (etree.ParserError, ValueError) as err:
        raise SourceError(f"malformed HTML: {err}") from err
    body = html_text(root)
    if not body.strip():
        raise SourceError("empty document: the page has no main text")
    return SourceText(text=body, media_type="text/html", encoding=encoding, warnings=(replaced,) if replaced else ())
