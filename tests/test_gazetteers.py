"""Every gazetteer line is valid, uses known categories, and no alias names two entries."""
from collections import defaultdict

import pytest

from extractors.lexicon import data_files, load_jsonl

SUBSTANCE_CATEGORIES = {"opioid", "stimulant", "cannabis", "synthetic cannabinoid", "synthetic cathinone",
                        "hallucinogen", "sedative", "precursor", "nps-other", "class"}
ORG_KINDS = {"international", "national", "subnational", "ngo", "research", "media", "criminal", "company", "generic"}
LOCATION_KINDS = {"country", "territory", "city", "province", "region", "water", "port"}
GENERIC_WORDS = {"drug", "drugs", "substance", "substances", "narcotics", "medicines"}


def test_gazetteers_every_data_file_loads():
    names = data_files()
    assert {"substances.jsonl", "organisations.jsonl", "locations.jsonl", "units.jsonl"} <= set(names)
    for name in names:
        assert load_jsonl(name), name


def _forms(entry: dict, insensitive: str, sensitive: str):
    return [(f.lower(), False) for f in entry.get(insensitive, [])] + [(f, True) for f in entry.get(sensitive, [])]


@pytest.mark.parametrize("name, insensitive, sensitive, check", [
    ("substances.jsonl", "aliases", "case_sensitive", lambda e: e["category"] in SUBSTANCE_CATEGORIES and e["canonical"] == e["canonical"].lower()),
    ("organisations.jsonl", "aliases", "acronyms", lambda e: e["kind"] in ORG_KINDS and (e["country"] is None or len(e["country"]) == 2)),
    ("locations.jsonl", "aliases", "case_sensitive", lambda e: e["kind"] in LOCATION_KINDS and (e["country_code"] is None or len(e["country_code"]) == 2)),
])
def test_gazetteers_lint(name, insensitive, sensitive, check):
    owners: dict[tuple[str, bool], set[str]] = defaultdict(set)
    homes: dict[tuple[str, bool], set[str | None]] = defaultdict(set)
    for entry in load_jsonl(name):
        assert entry["canonical"].strip() == entry["canonical"], entry
        assert check(entry), entry
        forms = _forms(entry, insensitive, sensitive)
        assert forms, f"{entry['canonical']} has no aliases"
        for form, _ in forms:
            assert form.strip() == form and form, (entry["canonical"], form)
            assert form.lower() not in GENERIC_WORDS, (entry["canonical"], form)
        ambiguous = {f.lower() for f in entry.get("ambiguous", [])}
        assert ambiguous <= {f.lower() for f, _ in forms}, entry["canonical"]
        for key in forms:
            owners[key].add(entry["canonical"])
            homes[key].add(entry.get("country") if entry.get("kind") == "national" else None)
    # one form, one entry; except national bodies of different countries sharing an acronym ("KNB"),
    # which the organisation finder tells apart by the country of their context
    clashes = {form: names for form, names in owners.items()
               if len(names) > 1 and not (None not in homes[form] and len(homes[form]) == len(names))}
    assert not clashes, list(clashes.items())[:10]


def test_gazetteers_region_members_are_known_countries_of_known_regions():
    places = load_jsonl("locations.jsonl")
    regions = {e["canonical"] for e in places if e["kind"] == "region"}
    countries = {e["country_code"] for e in places if e["kind"] == "country"}
    rows = load_jsonl("region_members.jsonl")
    assert {row["region"] for row in rows} == regions
    for row in rows:
        assert set(row["members"]) <= countries, row["region"]
    members = {row["region"]: set(row["members"]) for row in rows}
    assert {"ES", "FI", "BE", "RU"} <= members["Europe"] and "NG" in members["West Africa"] and "ES" not in members["Asia"]


@pytest.mark.parametrize("text, canonical, category", [
    ("4-SMS", "4-cmc", "synthetic cathinone"),
    ("ecstasy", "mdma", "stimulant"),
    ("marijuana", "cannabis herb", "cannabis"),
    ("hashish", "cannabis resin", "cannabis"),
    ("spice", "synthetic cannabinoids", "synthetic cannabinoid"),
    ("Alpha-PvP", "alpha-pvp", "synthetic cathinone"),
    ("opium poppy", "opium poppy", "opioid"),
    ("acetic anhydride", "acetic anhydride", "precursor"),
    ("methylamphetamine", "methamphetamine", "stimulant"),
])
def test_gazetteers_substance_aliases(nlp, text, canonical, category):
    from extractors.pipeline import extract

    result = extract(f"Police seized {text} worth millions in the drug raid.", nlp=nlp)
    found = [(m.text, m.attrs["canonical"], m.attrs["category"]) for m in result.mentions if m.type == "SUBSTANCE"]
    assert found == [(text, canonical, category)]


def test_gazetteers_the_iso_subdivisions_in_locations_are_what_pycountry_gives(tmp_path):
    """locations.jsonl holds what tools/import_pycountry.py makes of ISO 3166: running it again changes nothing,
    and what it added is marked, plain-lettered and cautious with one-word names."""
    import shutil

    from extractors.lexicon import load_jsonl
    from tools.import_pycountry import LOCATIONS, main

    copy = tmp_path / "locations.jsonl"
    shutil.copy(LOCATIONS, copy)
    main(copy)
    assert copy.read_text(encoding="utf-8") == LOCATIONS.read_text(encoding="utf-8")
    imported = {row["canonical"]: row for row in load_jsonl("locations.jsonl") if row.get("source") == "pycountry"}
    assert len(imported) > 1000
    assert imported["Paktiya"]["country_code"] == "AF" and imported["Paktiya"]["ambiguous"] == ["Paktiyā", "Paktiya"]
    assert "Al Basrah" in imported["Al Basrah"]["case_sensitive"]  # "Al Başrah" as plain letters too
    assert "Central" not in imported and "Delta" not in imported  # directions and landforms are left out
