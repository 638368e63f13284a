"""`diplo report`: one self-contained HTML page that shows what the database holds.

The page is built from :mod:`etl.outputs.report_data` with Plotly: plotly.js is inlined once,
every figure is a JSON object drawn by one small script, and a Content-Security-Policy forbids
the page any network request, so it opens the same offline, attached to a mail or on a phone.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs
from sqlalchemy import Engine

from etl.outputs import report_data
from etl.outputs.report_charts import (
    NETWORK_LABELS,
    countries_figure,
    engagement_graph,
    hbars,
    leaders,
    lines,
    network_figure,
    short,
    stacked_months,
    time_marks,
    timeline_figure,
    words,
)
from etl.outputs.report_data import ReportData, ReportFilters, format_day

TOP_LINES = 6


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    size_bytes: int
    seconds: float
    documents: int
    events: int
    charts: int


@dataclass(slots=True)
class Chart:
    chart_id: str
    figure: go.Figure
    description: str


@dataclass(slots=True)
class Section:
    section_id: str
    title: str
    sentences: list[str]
    charts: list[Chart] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    after: str = ""


# --- entry point ----------------------------------------------------------------------------


def build(
    engine: Engine,
    out: Path,
    filters: ReportFilters,
    *,
    filter_labels: dict[str, str] | None = None,
    network_people: bool = False,
    source: str = "",
) -> ReportResult:
    """Read the database, write the report to ``out`` (atomically) and say what it holds."""
    started = time.perf_counter()
    labels = filter_labels or {}
    documents = events = charts = 0
    if not report_data.has_schema(engine):
        page = _empty_page(
            "This database has no diplo tables yet, so there is nothing to report. "
            "Load articles with `diplo load PATH`, then run `diplo report` again.",
            labels,
            source,
        )
    else:
        data = report_data.read(engine, filters, network_people=network_people)
        documents, events = data.corpus.documents, len(data.events)
        if documents == 0 and events == 0:
            message = (
                "No document or event matches these filters."
                if filters.any
                else "This database holds no documents yet. Load articles with "
                "`diplo load PATH`, then run `diplo report` again."
            )
            page = _empty_page(message, labels, source)
        else:
            sections = _sections(data, network_people)
            charts = sum(len(s.charts) for s in sections)
            page = _page(data, sections, labels, source)
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out)
    return ReportResult(
        path=out,
        size_bytes=out.stat().st_size,
        seconds=time.perf_counter() - started,
        documents=documents,
        events=events,
        charts=charts,
    )


# --- sections -------------------------------------------------------------------------------


def _sections(data: ReportData, network_people: bool) -> list[Section]:
    return [
        _corpus_section(data),
        _timeline_section(data),
        _network_section(data, network_people),
        _countries_section(data),
        _initiatives_section(data),
        _people_section(data),
    ]


def _corpus_section(data: ReportData) -> Section:
    c = data.corpus
    span = f" published from {format_day(c.first, 'day')} to {format_day(c.last, 'day')}"
    section = Section(
        "corpus",
        "Corpus",
        [
            f"{c.documents:,} documents{span if c.first else ''}: {c.dated_to_month:,} dated to "
            f"the day or month, {c.year_only:,} known only to the year, {c.undated:,} undated. "
            "The chart counts documents per month of publication, by outlet; documents without "
            "a month are left out of it rather than piled on 1 January."
        ],
    )
    if c.by_month_outlet:
        section.charts.append(
            Chart(
                "corpus-months",
                stacked_months(
                    c.by_month_outlet,
                    "Documents published per month, by outlet",
                    "Documents",
                    blank="outlet unknown",
                ),
                "Stacked bars of documents published per month, one colour per outlet.",
            )
        )
    if c.rejected_by_reason:
        total = sum(n for _, n in c.rejected_by_reason)
        section.sentences.append(
            f"{total:,} inputs were rejected (each counted once per reason, over all runs)."
        )
        section.charts.append(
            Chart(
                "corpus-rejected",
                hbars(
                    [r for r, _ in c.rejected_by_reason],
                    [n for _, n in c.rejected_by_reason],
                    "Rejected inputs by reason",
                    "Inputs rejected",
                ),
                "Horizontal bars of rejected inputs per reason.",
            )
        )
        section.tables.append(
            _table(
                "Rejected inputs by reason",
                ["reason", "inputs"],
                [[r, n] for r, n in c.rejected_by_reason],
            )
        )
    else:
        section.sentences.append("No input was rejected.")
    if c.runs:
        section.tables.append(
            _table(
                "Last load runs, newest first",
                [
                    "run",
                    "started (UTC)",
                    "seconds",
                    "status",
                    "inputs seen",
                    "loaded",
                    "replaced",
                    "unchanged",
                    "rejected",
                ],
                [
                    [
                        r.run_id,
                        r.started,
                        "" if r.seconds is None else f"{r.seconds:,.1f}",
                        r.status,
                        r.seen,
                        r.loaded,
                        r.replaced,
                        r.unchanged,
                        r.rejected,
                    ]
                    for r in c.runs
                ],
            )
        )
    return section


def _timeline_section(data: ReportData) -> Section:
    events = data.events
    dated = [e for e in events if e.start is not None]
    undated = len(events) - len(dated)
    section = Section(
        "timeline",
        "Events timeline",
        [
            f"{len(events):,} events, by type and date. A dot is an event known to the day "
            "(bigger when several share a day), a short bar one known only to the month, a "
            "pale band one known only to the year: it spans the whole year, as that is all "
            f"the sources say. {undated:,} undated events are counted in the table only. "
            "Hover for names, places and participants; click for the source documents."
        ],
    )
    if not events:
        section.sentences = ["No event matches these filters."]
        return section
    marks = time_marks(events)
    if marks:
        figure, outside = timeline_figure(marks, events, data.corpus.first, data.corpus.last)
        if outside:
            section.sentences.append(
                f"{outside:,} events lie outside the publication dates of the documents and "
                "outside the first view: double-click the chart to see every date."
            )
        section.charts.append(
            Chart(
                "timeline",
                figure,
                "Timeline of events: one row per type of event, dots for exact days, bars for "
                "months, bands for years.",
            )
        )
        section.after = (
            '<div id="event-details" class="details" aria-live="polite">'
            "<p>Click a dot, bar or band to list its events and their sources here.</p></div>"
        )
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    for e in events:
        per_type[e.event_type][e.precision if e.start else "undated"] += 1
    order = sorted(per_type, key=lambda t: (-sum(per_type[t].values()), t))
    section.tables.append(
        _table(
            "Events by type and how precisely they are dated",
            ["type", "to the day", "to the month", "only to the year", "undated", "total"],
            [
                [
                    words(t),
                    per_type[t]["day"],
                    per_type[t]["month"],
                    per_type[t]["year"],
                    per_type[t]["undated"],
                    sum(per_type[t].values()),
                ]
                for t in order
            ],
        )
    )
    return section


def _network_section(data: ReportData, network_people: bool) -> Section:
    who = "countries and people" if network_people else "countries"
    section = Section(
        "network",
        "Engagement network",
        [
            f"Each circle is one of the {who} that took part in events; a line joins two that "
            "took part in the same events, thicker the more events they share. Circle size "
            "counts events."
        ],
    )
    graph = engagement_graph(data.members)
    if not graph.nodes:
        section.sentences = ["No two countries took part in the same event in scope."]
        return section
    shown = f"{len(graph.nodes):,} of {graph.total_nodes:,}"
    section.sentences.append(
        f"Showing the {shown} most engaged, {len(graph.edges):,} of their "
        f"{graph.total_edges:,} links (each one's strongest, then the heaviest), and names "
        f"for the top {NETWORK_LABELS}; hover over a circle or line for its numbers."
        + (
            f" {graph.unlinked:,} more took part only in events without another of them."
            if graph.unlinked
            else ""
        )
    )
    section.charts.append(
        Chart(
            "network",
            network_figure(graph),
            "Network diagram of countries linked by shared events.",
        )
    )
    strongest = sorted(graph.edges, key=lambda e: (-e[2], e[0], e[1]))[:15]
    section.tables.append(
        _table(
            "Pairs that share the most events",
            ["first", "second", "shared events"],
            [[graph.nodes[a].label, graph.nodes[b].label, w] for a, b, w in strongest],
        )
    )
    return section


def _countries_section(data: ReportData) -> Section:
    rows = data.countries
    section = Section(
        "countries",
        "Countries",
        [
            "The most engaged countries: events they took part in (as participant, host or "
            "guest), and documents that mention them, with the number of mentions. No world "
            "map: drawing one would need map shapes from the network."
        ],
    )
    if not rows:
        section.sentences = ["No country is mentioned in the documents in scope."]
        return section
    top = list(rows[:15])
    section.charts.append(
        Chart(
            "countries-top",
            countries_figure(top),
            "Two bar charts side by side: events taken part in, and documents mentioning.",
        )
    )
    if data.country_months:
        top = leaders(data.country_months, TOP_LINES)
        section.sentences.append(
            f"Over time: documents per month that mention each of the {len(top)} most "
            "mentioned countries."
        )
        section.charts.append(
            Chart(
                "countries-months",
                lines(
                    data.country_months,
                    top,
                    "Documents mentioning each country, per month",
                    "Documents",
                    [c.month for c in data.corpus.by_month_outlet],
                ),
                "Line chart of documents per month mentioning the most mentioned countries.",
            )
        )
    section.tables.append(
        _table(
            "Most engaged countries",
            ["country", "events", "documents mentioning", "mentions"],
            [[r.name, r.events, r.documents, r.mentions] for r in rows[:20]],
        )
    )
    return section


def _initiatives_section(data: ReportData) -> Section:
    section = Section(
        "initiatives",
        "Initiatives over time",
        [
            "Mentions per month of each named initiative, programme or declaration found in "
            "the documents: the seven most mentioned are drawn, the top 25 are in the table."
        ],
    )
    if not data.initiatives:
        section.sentences = ["No initiative is named in the documents in scope."]
        return section
    if data.initiative_months:
        top = leaders(data.initiative_months, 7)
        section.charts.append(
            Chart(
                "initiatives-months",
                lines(
                    data.initiative_months,
                    top,
                    "Mentions of each initiative, per month",
                    "Mentions",
                    [c.month for c in data.corpus.by_month_outlet],
                ),
                "Line chart of mentions per month of the most mentioned initiatives.",
            )
        )
    section.tables.append(
        _table(
            "Initiatives",
            ["initiative", "short name", "documents", "mentions", "first month", "last month"],
            [
                [
                    i.name,
                    i.short_code or "",
                    i.documents,
                    i.mentions,
                    format_day(i.first_month, "month") if i.first_month else "",
                    format_day(i.last_month, "month") if i.last_month else "",
                ]
                for i in data.initiatives[:25]
            ],
        )
    )
    return section


def _people_section(data: ReportData) -> Section:
    section = Section(
        "people",
        "People",
        [
            "The people who took part in the most events, with their office and country as "
            "the documents give them, and how many documents name them."
        ],
    )
    if not data.people:
        section.sentences = ["No person took part in the events in scope."]
        return section
    top = list(data.people[:20])
    section.charts.append(
        Chart(
            "people-top",
            hbars(
                [p.name for p in top],
                [p.events for p in top],
                "People in the most events",
                "Events taken part in",
                hover=[
                    f"{html.escape(p.name)}<br>{html.escape(p.title or 'office unknown')}, "
                    f"{html.escape(p.country or 'country unknown')}<br>{p.events} events, "
                    f"named in {p.documents} documents"
                    for p in top
                ],
            ),
            "Horizontal bars of the number of events of the most active people.",
        )
    )
    section.tables.append(
        _table(
            "Most active people",
            ["person", "title", "country", "events", "documents naming them", "mentions"],
            [
                [p.name, p.title or "", p.country or "", p.events, p.documents, p.mentions]
                for p in data.people
            ],
        )
    )
    return section


# --- page -----------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("etl.outputs").joinpath("report_assets", name).read_text("utf-8")


def _head(title: str) -> str:
    # No network at all: scripts and styles only inline, images only from data: URLs.
    csp = (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; "
        "base-uri 'none'"
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_asset('report.css')}\n</style>\n</head>\n"
    )


def _filters_line(labels: dict[str, str]) -> str:
    if not labels:
        return "<p class='filters'>No filters: everything in the database.</p>"
    parts = ", ".join(
        f"{html.escape(k)} <strong>{html.escape(v)}</strong>" for k, v in labels.items()
    )
    return (
        f"<p class='filters'>Filtered by {parts}. Events match all filters, as in "
        "<code>diplo events</code>; documents match the country, person and dates (publication "
        "date); runs and rejected inputs are not filtered.</p>"
    )


def _header(labels: dict[str, str], source: str, summary: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = f" from {html.escape(source)}" if source else ""
    return (
        "<header>\n<h1>What the diplo database holds</h1>\n"
        f"<p class='meta'>Built {stamp}{where}.</p>\n{summary}{_filters_line(labels)}\n</header>\n"
    )


def _empty_page(message: str, labels: dict[str, str], source: str) -> str:
    return (
        _head("diplo report")
        + "<body>\n<main>\n"
        + _header(labels, source, "")
        + f"<section id='empty'><p class='empty'>{_code(message)}</p></section>\n"
        + "</main>\n</body>\n</html>\n"
    )


def _page(data: ReportData, sections: Sequence[Section], labels: dict[str, str], src: str) -> str:
    figures = {
        c.chart_id: json.loads(pio.to_json(c.figure, validate=False))
        for s in sections
        for c in s.charts
    }
    # Chart titles become headings of the page, where they wrap and never hide a legend.
    titles = {k: f["layout"].pop("title", {}).get("text", "") for k, f in figures.items()}
    summary = (
        f"<p class='summary'>{data.corpus.documents:,} documents and {len(data.events):,} "
        "events in scope.</p>\n"
    )
    nav = " ".join(f"<a href='#{s.section_id}'>{html.escape(s.title)}</a>" for s in sections)
    body = [_header(labels, src, summary), f"<nav aria-label='Sections'>{nav}</nav>\n"]
    for s in sections:
        body.append(f"<section id='{s.section_id}'>\n<h2>{html.escape(s.title)}</h2>\n")
        body += [f"<p>{html.escape(sentence)}</p>\n" for sentence in s.sentences]
        for c in s.charts:
            body.append(
                f"<h3 class='chart-title'>{html.escape(titles[c.chart_id])}</h3>\n"
                f"<div class='chart' id='chart-{c.chart_id}' role='img' "
                f"aria-label='{html.escape(c.description)}'></div>\n"
            )
        body.append(s.after)
        body += s.tables
        body.append("</section>\n")
    payload = {"figures": figures, "timeline": _timeline_payload(data)}
    return (
        _head("diplo report")
        + "<body>\n<main>\n"
        + "".join(body)
        + "</main>\n"
        + f"<script>{get_plotlyjs()}</script>\n"
        + f"<script id='report-data' type='application/json'>{_script_json(payload)}</script>\n"
        + f"<script>\n{_asset('report.js')}\n</script>\n</body>\n</html>\n"
    )


def _timeline_payload(data: ReportData) -> dict[str, Any]:
    """What hovering or clicking on the timeline shows: each mark's events, their participants
    and source documents. Names and documents are listed once and referred to by position,
    which keeps a 10,000-document page small."""
    marks = time_marks(data.events)
    names: dict[str, int] = {}

    def ref(name: str) -> int:
        return names.setdefault(name, len(names))

    position = {d: i for i, d in enumerate(sorted(data.documents))}
    # An event's date is its mark's label, so it is not repeated here; places are names too.
    events = [
        [
            short(e.name, 110),
            ref(e.place) if e.place else -1,
            [ref(n) for n in (*e.people, *e.organizations, *e.countries)],
            [position[d] for d in e.documents if d in position],
        ]
        for e in data.events
    ]
    # Links share long prefixes (a site, a directory): each prefix is written once.
    prefixes: dict[str, int] = {}
    documents = []
    for d in sorted(data.documents):
        doc = data.documents[d]
        head, rest = _split_link(doc.link or "")
        documents.append(
            [short(doc.title, 110), doc.published, prefixes.setdefault(head, len(prefixes)), rest]
        )
    return {
        "marks": [[words(m.event_type), m.precision, m.label, list(m.events)] for m in marks],
        "events": events,
        "names": list(names),
        "documents": documents,
        "prefixes": list(prefixes),
    }


def _split_link(link: str) -> tuple[str, str]:
    """``link`` as (prefix, rest), cut after the last "/" that is not its final character."""
    cut = link.rstrip("/").rfind("/") + 1
    return link[:cut], link[cut:]


def _script_json(value: object) -> str:
    # Inside <script>, "</" could close the element early: text from articles must not.
    text_ = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text_.replace("</", "<\\/").replace("<!--", "<\\!--")


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(value: object) -> str:
        if isinstance(value, int):
            return f"<td class='n'>{value:,}</td>"
        return f"<td>{html.escape(str(value))}</td>"

    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return (
        f"<div class='table'><table>\n<caption>{html.escape(caption)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n"
    )


def _code(message: str) -> str:
    """Escape a message, showing `backticked` commands as code."""
    parts = html.escape(message).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
