"""Grow ``extractors/data/locations.jsonl`` from pycountry (ISO 3166-1 and 3166-2) instead of by hand.

What ISO already knows is taken from it: each country's official and common names become aliases of the
country's entry, and first-level subdivisions (provinces, regions, states, departments, governorates...)
that the file does not list yet become ``province`` entries. Their names are written as ISO writes them
("Ghaznī", "Aqtöbe oblysy"); each also gets its plain-letter form ("Ghazni") and, where ISO keeps the
local word for "region" ("oblysy", "viloyati"), the name without it ("Aqtobe"). A one-word subdivision is
marked ambiguous: the location finder then wants a place cue ("in Delta", "Meta province") before taking
it, so "Delta" the airline or "Meta" the company is no place. Run it again after a pycountry upgrade:

    .venv/bin/python -m tools.import_pycountry

It is idempotent: entries it added before are rebuilt, hand-written ones are never changed except for
the country aliases it adds.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pycountry

LOCATIONS = Path(__file__).resolve().parents[1] / "extractors" / "data" / "locations.jsonl"
FIRST_LEVEL = {"Province", "Region", "State", "Department", "Governorate", "Prefecture", "Autonomous region",
               "Autonomous community", "Republic", "Regional state", "Land", "Voivodship", "Union territory",
               "Administrative region", "Autonomous republic", "Oblast", "Territory", "Autonomous province"}
LOCAL_REGION_WORDS = re.compile(r"\s+(?:oblysy|oblasty|oblast|oblasti|viloyati|viloyat|welaýaty|velayat|wilayah|"
                                r"vilayeti|province|region|state|department)$", re.IGNORECASE)
# Names made only of these are directions or landforms more often than places ("Central", "Lakes").
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
                 "center", "nord", "sud", "est", "ouest", "centro", "norte", "sur", "oriental", "occidental",
                 "littoral", "plateau", "lakes", "coast", "coastal", "capital", "islands", "island", "highlands",
                 "upper", "lower", "great", "new", "north-east", "north-west", "south-east", "south-west",
                 "northeast", "northwest", "southeast", "southwest", "river", "valley", "mountain", "mountains",
                 "interior", "delta", "federal", "district"}


def plain(name: str) -> str:
    """"Ghaznī" -> "Ghazni", "Aqtöbe" -> "Aqtobe": the letters without their marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def forms_of(row: dict) -> set[str]:
    return {f.lower() for key in ("aliases", "case_sensitive") for f in row.get(key, [])}


def subdivision_row(subdivision, taken: set[str]) -> dict | None:
    name = subdivision.name.strip()
    if subdivision.type not in FIRST_LEVEL or subdivision.parent_code or re.search(r"[,()/\d\[\]]", name):
        return None
    short = LOCAL_REGION_WORDS.sub("", name)
    forms = list(dict.fromkeys(f for f in (name, plain(name), short, plain(short)) if len(f) > 3))
    if not forms or any(f.lower() in taken for f in forms):
        return None  # listed already (by hand, or as a country or city): the hand-written entry stays
    if all(word.lower() in GENERIC_WORDS for word in re.split(r"[\s-]+", plain(short))):
        return None
    canonical = plain(short)
    return {"canonical": canonical, "country_code": subdivision.country_code, "kind": "province",
            "aliases": [], "case_sensitive": forms, "ambiguous": [f for f in forms if " " not in f],
            "demonyms": [], "source": "pycountry"}


def main(locations: Path = LOCATIONS) -> None:
    rows = [json.loads(line) for line in locations.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row.get("source") != "pycountry"]
    taken = set().union(*(forms_of(row) for row in rows))
    countries = {row["country_code"]: row for row in rows if row["kind"] in ("country", "territory")}
    added_names = 0
    for country in pycountry.countries:
        row = countries.get(country.alpha_2)
        if row is None:
            continue
        for name in (getattr(country, "official_name", None), getattr(country, "common_name", None), country.name):
            if name and not re.search(r"[,()]", name) and name.lower() not in taken:
                row["aliases"].append(name)
                taken.add(name.lower())
                added_names += 1
    added = []
    for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
        row = subdivision_row(subdivision, taken)
        if row:
            added.append(row)
            taken |= forms_of(row)
    locations.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows + added), encoding="utf-8")
    print(f"pycountry: {added_names} country names, "
          f"{len(added)} subdivisions added ({len(rows) + len(added)} entries)")


if __name__ == "__main__":
    main()
