"""The picture of what the claims say: the views of `claims report` and of the review app's /dashboard.

``build_views`` turns the chosen claims into charts (Vega-Lite specifications, kept so tests can read
each mark's data) and tables; ``render`` draws the charts to SVG and lays the page out. The same views
serve the self-contained report file (links to a running review app) and the dashboard (links within it).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from review import charts
from review.claims import templates_dir
from review.figures import Group, Row, agreement_groups, amount, rows_of, slot_sources

LARGEST = 20


@dataclass
class Views:
    """Everything the page shows, before drawing."""

    specs: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> Vega-Lite specification
    largest: list[Row] = field(default_factory=list)
    least_sure: list[Row] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # views that could not be drawn, and why


def links(base: str) -> dict[str, str]:
    """URL templates of the review app's pages, under ``base`` ("" inside the app)."""
    return {"claim": f"{base}/claims/{{id}}", "country": f"{base}/?country={{country}}&status=",
            "document": f"{base}/?document={{document}}&status=", "confidence": f"{base}/?min_confidence={{confidence}}&status="}


def build_views(claims: list[dict[str, Any]], base: str = "") -> Views:
    url = links(base)
    rows = rows_of(claims)
    views = Views(groups=agreement_groups(claims), counts=dict(Counter(c["status"] for c in claims)))
    for unit_class in sorted({r.unit_class for r in rows}, key=lambda u: (not u.startswith("mass"), u)):
        if any(r.start and r.substance for r in rows if r.unit_class == unit_class):
            views.specs[f"timeline: {unit_class}"] = charts.timeline(rows, unit_class, url["claim"])
    if any(r.country for r in rows):
        views.specs["countries"] = charts.by_country(rows, url["country"])
        world = charts.world_map(rows, url["country"])
        if world is None:
            views.missing.append(f"world map: the world-atlas shapes are not installed ({charts.WORLD_ATLAS}; `make install`)")
        else:
            views.specs["map"] = world
    progress = Counter((c["document"], c["status"]) for c in claims)
    if progress:
        views.specs["progress"] = charts.review_progress(
            [{"document": d, "status": s, "claims": n} for (d, s), n in sorted(progress.items())],
            url["document"])
    if rows:
        views.specs["confidence"] = charts.confidence(rows, url["confidence"])
    if claims:
        views.specs["slot sources"] = charts.slot_sources(slot_sources(claims))
    agreement = charts.agreement(views.groups, url["claim"])
    if agreement:
        views.specs["agreement"] = agreement
    views.largest = sorted((r for r in rows if r.unit == "kg"), key=lambda r: -r.value)[:LARGEST]
    views.least_sure = sorted(rows, key=lambda r: r.confidence)[:10]
    return views


def page_context(views: Views, *, base: str, standalone: bool, status: str,
                 filters: dict[str, str] | None = None) -> dict[str, Any]:
    """What report_body.html needs: each chart drawn to inline SVG, the tables beside them."""
    return {"views": views, "svgs": {name: Markup(charts.to_svg(spec)) for name, spec in views.specs.items()},
            "base": base, "standalone": standalone, "status": status, "filters": filters or {}}


def render_report(views: Views, *, title: str, base: str, status: str) -> str:
    """The self-contained report file: inline SVG and CSS, no script, nothing loaded from anywhere."""
    environment = Environment(loader=FileSystemLoader(str(templates_dir())), autoescape=select_autoescape(["html"]))
    environment.filters["amount"] = amount
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return environment.get_template("report.html").render(
        title=title, made=made, **page_context(views, base=base, standalone=True, status=status))
