"""Organisation names that no gazetteer lists: "Ministry of X", capitalised names
ending in Office/Agency/Police/Cartel... or in an outlet's word (News, Times, Tribune:
``organisation_shapes.jsonl``, which also lists the menu words that make "Latest News"
no outlet), and acronyms the text defines
("Office of Foreign Assets Control (OFAC)") then reuses.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.intervals import preferred_disjoint
from extractors.lexicon import load_jsonl

CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][A-Za-zÀ-ÿ’'\-&]*(?<![’'-]))"
LINK = r"(?:of|for|against|on|and|the|in|de|del|la|&)"
HEADS = (r"Ministry|Ministries|Office|Agency|Committee|Council|Department|Service|Services|Police|Guard|Cartel|"
         r"Court|Directorate|Bureau|Authority|Commission|Force|Forces|Administration|Institute|Centre|Center|"
         r"Organisation|Organization|Command|Navy|Army|Gendarmerie|Prosecutor’s Office|Prosecutor's Office|"
         r"Association|Foundation|Initiative|Network|Programme|Program|Unit|Squad|Task Force|Parliament|Assembly|"
         r"Senate|Tribunal|Inspectorate|Secretariat|Observatory|Forum|Group|Structure|Coalition|Alliance|Board|"
         r"Corps|Brigade")
HEADS = HEADS + "|" + HEADS.upper()  # "SOUTH ASIA DRUG POLICY FORUM" on a cover page
SHAPES = load_jsonl("organisation_shapes.jsonl")
OUTLET_HEADS = "|".join(re.escape(row["word"]) for row in SHAPES if row["kind"] == "outlet_head")
FURNITURE = frozenset(row["word"] for row in SHAPES if row["kind"] == "furniture")  # "Latest News" is a menu
FUNDED_PREFIX = re.compile(r"^[\w.&]+-(?:" + "|".join(row["word"] for row in SHAPES if row["kind"] == "funded_prefix")
                           + r")[ \u00a0]+")  # "EU-funded BOMCA Programme": the funder is no part of the name
FOREIGN_HEADS = "|".join(re.escape(row["word"]) for row in SHAPES if row["kind"] == "foreign_head")
FOREIGN_LINKS = [row["word"] for row in SHAPES if row["kind"] == "foreign_link"]
# "Fundación Ideas para la Paz", "Ministère de l'Intérieur": a Spanish, Portuguese, French or German body
HEAD_FOREIGN = re.compile(
    rf"\b(?:{FOREIGN_HEADS})(?:[ \u00a0]+(?:{CAP}|(?:{'|'.join(re.escape(w) for w in FOREIGN_LINKS if not w.endswith(chr(39)))})\b|l'(?={CAP}))){{1,12}}"
)
HEAD_FIRST = re.compile(
    rf"\b(?:{HEADS})(?:[ \u00a0]+(?:of|for|against|on)(?:[ \u00a0]+the)?)(?:[ \u00a0]+(?:{CAP}|and(?![ \u00a0]+the\b)|of|for|the|&)){{0,12}}"
    rf"[ \u00a0]+{CAP}"
)
HEAD_LAST = re.compile(
    rf"\b{CAP}(?:[ \u00a0]+(?:{CAP}|of|for|the)){{0,12}}[ \u00a0]+(?:{HEADS}|{OUTLET_HEADS})\b"  # bounded: names are shorter,
    rf"(?:[ \u00a0]+(?:of|for|against|on)(?:[ \u00a0]+the)?(?:[ \u00a0]+(?:{CAP}|and|of|the|&)){{0,12}}[ \u00a0]+{CAP})?"
)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{0,3}(?:[-.]?[A-Z][A-Za-z]?){1,6})\)")
SMALL_WORDS = {"of", "for", "and", "the", "on", "against", "in", "&", "to", *FOREIGN_LINKS}
TITLE_PREFIX = re.compile(
    r"^(?:(?:Vice-[A-Z][a-z]+|Under-Secretary-General|Counsellor|First|Second|Third|Deputy|Vice|Acting|Executive|Chief|Head|Director|Director-General|Chair|Chairman|Chairperson|Chairs|"
    r"President|Presidency|Minister|Ministers|Secretary|Secretary-General|Member|Members|Representative|"
    r"Representatives|Ambassador|Commissioner|Officer|Spokesperson|Spokesman|Spokeswoman|General|Special|Permanent|"
    r"Assistant|Senior|Heads|Delegation|Delegations)[ \u00a0]+)+(?:of[ \u00a0]+(?:the[ \u00a0]+)?)?"
)
ROMAN_NUMERAL = re.compile(r"^(?=[IVXLC]+\b)[IVXLC]+[ \u00a0]+")
LEADING_NOISE = re.compile(r"^(?:The|A|An|According|In|On|At|By|From|With|For|Both|While|When|As|And|But|Under|"
                           r"Its|Their|This|That|These|Those|Meanwhile|However|Also|Police|Officials)[ \u00a0]+")
COUNTRY_TAIL = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:Republic|Kingdom|State|Federation)[ \u00a0]+of[ \u00a0]+)?"
                          r"([A-Z][\w’'-]+(?:[ \u00a0]+[A-Z][\w’'-]+){0,2})")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every alias of a country (lower case) -> its canonical name."""
    table: dict[str, str] = {}
    for entry in load_jsonl("locations.jsonl"):
        if entry.get("kind") in ("country", "territory"):
            for alias in entry.get("aliases", []) + entry.get("case_sensitive", []):
                table.setdefault(alias.lower(), entry["canonical"])
    return table


def country_after(text: str, end: int) -> tuple[str, int] | None:
    """"... of Belarus", "... of the Republic of Kazakhstan" right after a name: (country, new end)."""
    match = COUNTRY_TAIL.match(text, end)
    if not match:
        return None
    words = match.group(1).split()
    for count in range(len(words), 0, -1):
        name = " ".join(words[:count])
        country = country_names().get(name.lower())
        if country:
            return country, match.start(1) + len(" ".join(match.group(1).split()[:count])) if "\n" not in match.group(1) else match.end()
    return None


def _clean(name: str) -> str:
    return " ".join(name.replace("’", "'").split())


def _with_country(name: str, start: int, end: int, text: str, doc_country: str | None) -> tuple[int, int, str]:
    """Split "Ministry of Health of the Republic of Kazakhstan" into a name and its country.

    A name that runs on past "of <country>" ("... of Belarus Vasily Losich") is
    cut after the country.
    """
    for match in COUNTRY_TAIL.finditer(name):
        words = match.group(1).split()
        for count in range(len(words), 0, -1):
            country = country_names().get(" ".join(words[:count]).lower())
            if country:
                country_end = match.start(1) + len(match.group(1)) - len(match.group(1).split(None, count)[-1]) \
                    if count < len(words) else match.end(1)
                country_end = len(name[:country_end].rstrip())
                return start, start + country_end, f"{_clean(name[:match.start()])} ({country})"
    tail = country_after(text, end)
    if tail:
        return start, tail[1], f"{_clean(name)} ({tail[0]})"
    if name.split()[0].startswith("Ministr") and doc_country:
        return start, end, f"{_clean(name)} ({doc_country})"
    return start, end, _clean(name)


def find_named_bodies(text: str, doc_country: str | None) -> list[tuple[int, int, str]]:
    """Capitalised organisation names found by their shape, with canonical names."""
    found: list[tuple[int, int, str]] = []
    for pattern in (HEAD_FIRST, HEAD_LAST, HEAD_FOREIGN):
        for match in pattern.finditer(text):
            start, name = match.start(), match.group(0)
            while True:
                noise = (LEADING_NOISE.match(name) or TITLE_PREFIX.match(name) or ROMAN_NUMERAL.match(name)
                         or FUNDED_PREFIX.match(name) or re.match(r"^[a-z]+[ \u00a0]+", name))
                if not noise or noise.end() == 0:
                    break
                start += noise.end()
                name = name[noise.end():]
            name = name.rstrip(".,;: ")
            words = [w for w in name.split() if w.lower() not in SMALL_WORDS]
            if len(words) < 2 or name.split()[-1].lower() in SMALL_WORDS:
                continue
            if all(w.lower() in FURNITURE or re.fullmatch(OUTLET_HEADS, w) for w in words):
                continue  # a site's menu or section title ("Latest News", "Press Release"), not an outlet
            found.append(_with_country(name, start, start + len(name), text, doc_country))
    return _non_overlapping(found)


def _non_overlapping(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return sorted(preferred_disjoint(sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])), bounds=lambda s: (s[0], s[1])))


def _initials_match(words: list[str], acronym: str) -> bool:
    letters = [c for c in acronym if c.isupper()]
    initials = [w[0].upper() for w in words if w.lower() not in SMALL_WORDS]
    position = 0
    for initial in initials:
        if position < len(letters) and initial == letters[position]:
            position += 1
    return position == len(letters) and len(letters) >= 2


def defined_acronyms(text: str, known: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Occurrences of acronyms defined as "Long Name (ACR)", mapped to the long name's canonical."""
    definitions: dict[str, str] = {}
    known_by_end = {}
    for _, end, canonical in known:
        known_by_end.setdefault(end, canonical)
    for match in ACRONYM.finditer(text):
        acronym = match.group(1)
        before = text[max(0, match.start() - 240):match.start()].rstrip()  # bounded: a name is never that long
        named = known_by_end.get(match.start() - (min(240, match.start()) - len(before)))
        if named is None:
            words = re.findall(r"[\w’'-]+", before[-120:])[-8:]
            while words and not _initials_match(words, acronym):
                words = words[1:]
            if not words or not all(w[0].isupper() for w in words if w.lower() not in SMALL_WORDS):
                continue  # an organisation's name is written in title case
            named = _clean(" ".join(words))
        definitions.setdefault(acronym, named)
    if not definitions:
        return []
    uses = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(definitions, key=len, reverse=True)))})(?![\w-])")
    return [(match.start(), match.end(), definitions[match.group(0)]) for match in uses.finditer(text)]
