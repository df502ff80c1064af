"""The report's charts as Vega-Lite specifications built with Altair, rendered to SVG by vl-convert.

Every chart carries its own data (no URL is fetched, in the report or in the browser), every mark links to
the claims behind it, and a chart never puts unlike units on one axis: one timeline per unit class.
"""
from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt

from review.figures import Row

WORLD_ATLAS = Path(sys.prefix) / "share" / "world-atlas" / "countries-110m.json"  # `make install` unpacks it
WIDTH = 640
MAX_SUBSTANCES = 6  # timeline rows per unit class: the substances with the most claims
WHOLE = alt.Axis(format="d", tickMinStep=1)  # counts of claims have no fractions


def _next_day(iso: str) -> str:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def timeline(rows: list[Row], unit_class: str, claim_url: str) -> dict[str, Any]:
    """Figures over time for one unit class: each claim a line over its period (a day, a month, a half, a
    year drawn as such) at its value, on a log scale where figures span orders of magnitude, one row per
    substance, coloured by country."""
    dated = [r for r in rows if r.unit_class == unit_class and r.start and r.end and r.substance]
    counts: dict[str, int] = {}
    for row in dated:
        counts[row.substance] = counts.get(row.substance, 0) + 1
    substances = sorted(counts, key=lambda s: (-counts[s], s))[:MAX_SUBSTANCES]
    values = [{"claim": r.claim_id, "start": r.start, "end": _next_day(r.end), "value": r.value, "substance": r.substance,
               "country": r.country or "unknown", "statement": r.statement, "document": r.document,
               "url": claim_url.format(id=r.claim_id)} for r in dated if r.substance in substances]
    base = alt.Chart(alt.Data(values=values))
    positive = all(v["value"] > 0 for v in values)
    scale = alt.Scale(type="log") if positive and unit_class != "percent" else alt.Scale(zero=False)
    periods = base.mark_rule(strokeWidth=5, strokeCap="round", opacity=0.75).encode(
        x=alt.X("start:T", title="period"), x2="end:T",
        y=alt.Y("value:Q", title=unit_class, scale=scale, axis=alt.Axis(tickCount=4, labelOverlap="greedy")),
        color=alt.Color("country:N", title="country"), href="url:N",
        tooltip=["statement:N", "document:N", "value:Q", "country:N"])
    starts = base.mark_point(filled=True, size=28).encode(
        x="start:T", y=alt.Y("value:Q", scale=scale), color="country:N", href="url:N", tooltip=["statement:N", "document:N"])
    layered = alt.layer(periods, starts).properties(width=WIDTH, height=110)
    return layered.facet(row=alt.Row("substance:N", title=None)).properties(
        title=f"Figures over time: {unit_class}").to_dict()


def by_country(rows: list[Row], queue_url: str) -> dict[str, Any]:
    """How many claims each country has, by unit class (counts of claims, never sums of their figures)."""
    tally: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.country:
            tally[(row.country, row.unit_class)] = tally.get((row.country, row.unit_class), 0) + 1
    values = [{"country": c, "unit_class": u, "claims": n, "url": queue_url.format(country=c)} for (c, u), n in tally.items()]
    return alt.Chart(alt.Data(values=values)).mark_bar().encode(
        y=alt.Y("country:N", sort="-x", title="country"), x=alt.X("sum(claims):Q", title="claims", axis=WHOLE),
        color=alt.Color("unit_class:N", title="figures in"), href="url:N",
        tooltip=["country:N", "unit_class:N", "claims:Q"]).properties(
        width=WIDTH - 120, title="Claims by country").to_dict()


@lru_cache(maxsize=1)
def _world() -> dict[str, Any] | None:
    return json.loads(WORLD_ATLAS.read_text(encoding="utf-8")) if WORLD_ATLAS.exists() else None


def world_map(rows: list[Row], queue_url: str) -> dict[str, Any] | None:
    """A world map shaded by claims per country (shapes from the world-atlas package); None without it."""
    import pycountry

    world = _world()
    if world is None:
        return None
    tally: dict[str, int] = {}
    for row in rows:
        if row.country:
            tally[row.country] = tally.get(row.country, 0) + 1
    found = {code: pycountry.countries.get(alpha_2=code) for code in tally}
    counts = [{"id": found[c].numeric, "country": c, "claims": n, "url": queue_url.format(country=c)}
              for c, n in tally.items() if found[c]]
    shapes = alt.Data(values=world, format=alt.DataFormat(type="topojson", feature="countries"))
    land = alt.Chart(shapes).mark_geoshape(fill="#eceff3", stroke="#ffffff", strokeWidth=0.5)
    shaded = alt.Chart(shapes).mark_geoshape(stroke="#ffffff", strokeWidth=0.5).transform_lookup(
        lookup="id", from_=alt.LookupData(alt.Data(values=counts), "id", ["claims", "country", "url"])
    ).transform_filter("datum.claims > 0").encode(
        color=alt.Color("claims:Q", title="claims", scale=alt.Scale(scheme="blues")), href="url:N",
        tooltip=["country:N", "claims:Q"])
    return alt.layer(land, shaded).project("equalEarth").properties(
        width=WIDTH, height=330, title="Claims by country: the map").to_dict()


def review_progress(rows: list[dict[str, Any]], queue_url: str) -> dict[str, Any]:
    """Claims per document by review status."""
    return alt.Chart(alt.Data(values=[{**r, "url": queue_url.format(document=r["document"])} for r in rows])).mark_bar().encode(
        y=alt.Y("document:N", title=None, axis=alt.Axis(labelLimit=320)), x=alt.X("claims:Q", title="claims", stack="zero", axis=WHOLE),
        color=alt.Color("status:N", scale=alt.Scale(domain=["pending", "accepted", "corrected", "rejected"],
                                                      range=["#adb5bd", "#2f9e44", "#364fc7", "#c92a2a"])),
        href="url:N", tooltip=["document:N", "status:N", "claims:Q"]).properties(
        width=WIDTH - 160, title="Review progress").to_dict()


def confidence(rows: list[Row], queue_url: str) -> dict[str, Any]:
    """Where the pipeline is least sure: claims by confidence, each bar opening the queue above it."""
    bins: dict[float, int] = {}
    for row in rows:
        low = min(int(row.confidence * 10), 9) / 10
        bins[low] = bins.get(low, 0) + 1
    values = [{"from": low, "to": round(low + 0.1, 1), "claims": n, "url": queue_url.format(confidence=low)}
              for low, n in sorted(bins.items())]
    return alt.Chart(alt.Data(values=values)).mark_bar().encode(
        x=alt.X("from:Q", bin="binned", title="confidence", scale=alt.Scale(domain=[0, 1])), x2="to:Q",
        y=alt.Y("claims:Q", title="claims", axis=WHOLE), href="url:N", tooltip=["from:Q", "to:Q", "claims:Q"]).properties(
        width=WIDTH - 160, height=140, title="Confidence").to_dict()


def slot_sources(values: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the slots came from: each slot's claims by the kind of text that filled it."""
    order = ["own sentence", "table headers", "earlier in the story", "the story's lead", "implied by the document",
             "other", "none"]
    return alt.Chart(alt.Data(values=values)).mark_bar().encode(
        y=alt.Y("slot:N", title=None), x=alt.X("claims:Q", title="claims", stack="normalize", axis=alt.Axis(format="%")),
        color=alt.Color("source:N", title="filled from", sort=order, scale=alt.Scale(domain=order, scheme="tableau10"),
                        legend=alt.Legend(labelLimit=240)),
        order=alt.Order("order:Q"), tooltip=["slot:N", "source:N", "claims:Q"]).transform_calculate(
        order=f"indexof({order!r}, datum.source)").properties(width=WIDTH - 200, title="Where each slot came from").to_dict()


def agreement(groups: list, claim_url: str) -> dict[str, Any] | None:
    """Each group of sources reporting one figure: a dot per source at its value, red where they conflict."""
    values = [{"group": g.label, "value": row.value, "document": row.document, "verdict": "agree" if g.agree else "conflict",
               "url": claim_url.format(id=row.claim_id), "statement": row.statement}
              for g in groups for row in g.rows]
    if not values:
        return None
    dots = alt.Chart(alt.Data(values=values)).mark_point(filled=True, size=90).encode(
        x=alt.X("value:Q", title="value as each source gives it", scale=alt.Scale(zero=False)),
        y=alt.Y("document:N", title=None),
        color=alt.Color("verdict:N", scale=alt.Scale(domain=["agree", "conflict"], range=["#2f9e44", "#c92a2a"])),
        href="url:N", tooltip=["statement:N", "document:N", "value:Q"]).properties(width=WIDTH - 200)
    return dots.facet(row=alt.Row("group:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left"))).resolve_scale(
        x="independent", y="independent").properties(title="Where sources agree and conflict").to_dict()


def to_svg(spec: dict[str, Any]) -> str:
    """The chart as SVG, drawn here: the page needs no script and loads nothing."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)
