"""`diplo report`: one self-contained HTML page that shows what the database holds.

The page is built from :mod:`etl.outputs.report_data` with Plotly: plotly.js is inlined once,
every figure is a JSON object drawn by one small script, and a Content-Security-Policy forbids
the page any network request, so it opens the same offline, attached to a mail or on a phone.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots
from sqlalchemy import Engine

from etl.outputs import report_data
from etl.outputs.layout import spring_layout
from etl.outputs.report_data import (
    CountryRow,
    EventMember,
    EventRow,
    MonthCount,
    ReportData,
    ReportFilters,
    format_day,
)

# Okabe & Ito's palette, distinguishable with every common colour-vision deficiency; ordered
# so that the first colours contrast best on white (the yellow comes last).
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#555555",
    "#F0E442",
)
GREY = "#999999"
PRECISION_COLOURS = {"day": "#0072B2", "month": "#E69F00", "year": "#CC79A7"}

NETWORK_NODES = 200
NETWORK_EDGES = 300
NETWORK_LABELS = 20
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


@dataclass(frozen=True, slots=True)
class TimeMark:
    """Events of one type whose date is known to the same day, month or year: one mark on the
    timeline. ``end`` is exclusive, so a year-only mark spans the whole year."""

    event_type: str
    precision: str
    start: dt.date
    end: dt.date
    events: tuple[int, ...]

    @property
    def label(self) -> str:
        return format_day(self.start, self.precision)


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
                _stacked_months(
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
                _hbars(
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
        figure, outside = _timeline_figure(marks, events, data)
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
                    _words(t),
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
            _network_figure(graph),
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
            _countries_figure(top),
            "Two bar charts side by side: events taken part in, and documents mentioning.",
        )
    )
    if data.country_months:
        leaders = _leaders(data.country_months, TOP_LINES)
        section.sentences.append(
            f"Over time: documents per month that mention each of the {len(leaders)} most "
            "mentioned countries."
        )
        section.charts.append(
            Chart(
                "countries-months",
                _lines(
                    data.country_months,
                    leaders,
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
        leaders = _leaders(data.initiative_months, 7)
        section.charts.append(
            Chart(
                "initiatives-months",
                _lines(
                    data.initiative_months,
                    leaders,
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
            _hbars(
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


# --- figures --------------------------------------------------------------------------------


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "template": "none",
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
        "colorway": list(PALETTE),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 60, "r": 20, "t": 20, "b": 50},
        "hoverlabel": {"align": "left"},
        # Above the plot, under the title (which the page prints as a heading): a legend
        # below would collide with the x-axis title on narrow screens.
        "legend": {"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"},
        "xaxis": {"gridcolor": "#e5e5e5", "linecolor": "#888", "automargin": True},
        "yaxis": {"gridcolor": "#e5e5e5", "linecolor": "#888", "automargin": True},
    }
    base.update(extra)
    return base


def _axis(title: str, **extra: Any) -> dict[str, Any]:
    return {"title": {"text": title}, "gridcolor": "#e5e5e5", "automargin": True, **extra}


def _count_axis(title: str, largest: int) -> dict[str, Any]:
    """An axis of counts: whole numbers only, even when the counts are small."""
    return _axis(
        title, rangemode="tozero", tickformat=",d", **({"dtick": 1} if largest <= 6 else {})
    )


def _stacked_months(
    counts: Sequence[MonthCount], title: str, y_title: str, blank: str
) -> go.Figure:
    totals: Counter[str] = Counter()
    for c in counts:
        totals[c.key or blank] += c.value
    keep = [k for k, _ in totals.most_common() if k != blank][:6]
    others = "other outlets"
    series: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for c in counts:
        key = c.key or blank
        series[key if key in keep or key == blank else others][c.month] += c.value
    months = sorted({c.month for c in counts})
    fig = go.Figure(layout=_layout(title, barmode="stack", showlegend=True))
    for i, key in enumerate([*keep, others, blank]):
        if key not in series:
            continue
        colour = PALETTE[i] if key in keep else GREY if key == blank else PALETTE[6]
        fig.add_bar(
            x=[m.isoformat() for m in months],
            y=[series[key][m] for m in months],
            name=key,
            marker_color=colour,
            hovertemplate=f"{html.escape(key)}<br>%{{x|%B %Y}}: %{{y}} documents<extra></extra>",
        )
    largest = max(sum(series[k][m] for k in series) for m in months)
    fig.update_layout(
        xaxis=_axis("Month of publication", type="date"), yaxis=_count_axis(y_title, largest)
    )
    return fig


def _hbars(
    labels: Sequence[str],
    values: Sequence[int],
    title: str,
    x_title: str,
    hover: Sequence[str] | None = None,
) -> go.Figure:
    fig = go.Figure(layout=_layout(title, height=max(260, 90 + 26 * len(labels)), showlegend=False))
    fig.add_bar(
        x=list(values),
        y=[_short(label, 40) for label in labels],
        orientation="h",
        marker_color=PALETTE[0],
        hovertext=list(hover) if hover else [html.escape(s) for s in labels],
        hovertemplate="%{hovertext}: %{x}<extra></extra>"
        if not hover
        else "%{hovertext}<extra></extra>",
    )
    fig.update_layout(
        xaxis=_count_axis(x_title, max(values, default=0)),
        yaxis=_axis("", autorange="reversed", type="category"),
    )
    return fig


def _leaders(counts: Sequence[MonthCount], n: int) -> list[str]:
    totals: Counter[str] = Counter()
    for c in counts:
        totals[c.key] += c.value
    return [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _lines(
    counts: Sequence[MonthCount],
    keys: Sequence[str],
    title: str,
    y_title: str,
    corpus_months: Sequence[dt.date],
) -> go.Figure:
    """One line per key over every month from the first to the last publication month; a month
    without any document is a gap in the line, not a zero and not a straight bridge."""
    published = set(corpus_months) | {c.month for c in counts}
    months = _month_range(min(published), max(published))
    table: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for c in counts:
        table[c.key][c.month] += c.value
    fig = go.Figure(layout=_layout(title, showlegend=True, hovermode="x unified"))
    dashes = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
    symbols = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")
    for i, key in enumerate(keys):
        fig.add_scatter(
            x=[m.isoformat() for m in months],
            y=[table[key][m] if m in published else None for m in months],
            name=_short(key, 40),
            mode="lines+markers",
            line={"color": PALETTE[i % len(PALETTE)], "dash": dashes[i % len(dashes)], "width": 2},
            marker={"symbol": symbols[i % len(symbols)], "size": 6},
            hovertemplate=f"{html.escape(_short(key, 40))}: %{{y}}<extra></extra>",
        )
    fig.update_layout(
        xaxis=_axis("Month of publication", type="date"),
        yaxis=_count_axis(y_title, max((c.value for c in counts), default=0)),
    )
    return fig


def _month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _countries_figure(rows: Sequence[CountryRow]) -> go.Figure:
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.04,
        subplot_titles=("Events taken part in", "Documents mentioning the country"),
    )
    names = [r.name for r in rows]
    fig.add_bar(
        x=[r.events for r in rows],
        y=names,
        orientation="h",
        marker_color=PALETTE[0],
        name="events",
        hovertemplate="%{y}: %{x} events<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_bar(
        x=[r.documents for r in rows],
        y=names,
        orientation="h",
        marker_color=PALETTE[1],
        name="documents",
        customdata=[r.mentions for r in rows],
        hovertemplate="%{y}: %{x} documents, %{customdata} mentions<extra></extra>",
        row=1,
        col=2,
    )
    fig.update_layout(
        **_layout(
            "Most engaged countries",
            height=max(300, 130 + 26 * len(rows)),
            showlegend=False,
            margin={"l": 60, "r": 20, "t": 50, "b": 50},
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", automargin=True)
    fig.update_xaxes(rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(title_text="Events", row=1, col=1)
    fig.update_xaxes(title_text="Documents", row=1, col=2)
    return fig


def time_marks(events: Sequence[EventRow]) -> list[TimeMark]:
    """Dated events grouped by type and by the day, month or year they are known to.

    A year-only event gets a mark spanning its year, never a point on 1 January.
    """
    groups: dict[tuple[str, str, dt.date], list[int]] = defaultdict(list)
    for index, e in enumerate(events):
        if e.start is None:
            continue
        precision = e.precision if e.precision in ("month", "year") else "day"
        if precision == "year":
            start = dt.date(e.start.year, 1, 1)
        elif precision == "month":
            start = dt.date(e.start.year, e.start.month, 1)
        else:
            start = e.start
        groups[(e.event_type, precision, start)].append(index)
    marks = []
    for (event_type, precision, start), members in sorted(groups.items()):
        if precision == "year":
            end = dt.date(start.year + 1, 1, 1)
        elif precision == "month":
            end = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        else:
            end = start + dt.timedelta(days=1)
        marks.append(TimeMark(event_type, precision, start, end, tuple(members)))
    return marks


def _timeline_figure(
    marks: Sequence[TimeMark], events: Sequence[EventRow], data: ReportData
) -> tuple[go.Figure, int]:
    """Marks in rows by type; each point's customdata is its position in ``marks``, and the
    page's script writes its hover text from the timeline payload (written once, not twice)."""
    counts = Counter(events[i].event_type for m in marks for i in m.events)
    types = sorted(counts, key=lambda t: (-counts[t], t))
    lane = {t: i for i, t in enumerate(types)}
    # Within a type's row: exact days on the line, months just below, years lowest.
    offset = {"day": -0.12, "month": 0.14, "year": 0.34}
    fig = go.Figure(
        layout=_layout(
            "Events by type over time",
            height=150 + 58 * len(types),
            showlegend=True,
            barmode="overlay",
            hovermode="closest",
            margin={"l": 60, "r": 20, "t": 30, "b": 50},
        )
    )
    names = {"day": "known to the day", "month": "known to the month", "year": "known to the year"}
    for precision in ("year", "month", "day"):
        chosen = [(n, m) for n, m in enumerate(marks) if m.precision == precision]
        if not chosen:
            continue
        y = [lane[m.event_type] + offset[precision] for _, m in chosen]
        custom = [n for n, _ in chosen]
        colour = PRECISION_COLOURS[precision]
        if precision == "day":
            fig.add_scatter(
                x=[m.start.isoformat() for _, m in chosen],
                y=y,
                mode="markers",
                name=names[precision],
                marker={
                    "color": colour,
                    "size": [7 + 3 * math.sqrt(len(m.events) - 1) for _, m in chosen],
                    "line": {"color": "white", "width": 0.5},
                    "opacity": 0.85,
                },
                customdata=custom,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        else:
            fig.add_bar(
                base=[m.start.isoformat() for _, m in chosen],
                # A few days short of the period's end, so that neighbouring months or years
                # read as separate bars rather than one long one.
                x=[_milliseconds(m.end - m.start - _GAP[precision]) for _, m in chosen],
                y=y,
                orientation="h",
                width=0.16 if precision == "month" else 0.2,
                name=names[precision],
                marker={
                    "color": colour,
                    "opacity": 0.9 if precision == "month" else 0.45,
                    "line": {"color": colour, "width": 1},
                },
                customdata=custom,
                hovertemplate="%{hovertext}<extra></extra>",
            )
    view, outside = _first_view(marks, data)
    fig.update_layout(
        xaxis=_axis("Date of the event", type="date", range=view),
        yaxis=_axis(
            "",
            tickmode="array",
            tickvals=list(range(len(types))),
            ticktext=[_words(t) for t in types],
            autorange=False,
            range=[len(types) - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
        ),
    )
    return fig, outside


def _first_view(marks: Sequence[TimeMark], data: ReportData) -> tuple[list[str] | None, int]:
    """The date range shown first: the publication dates of the documents, where events cite
    old treaties and anniversaries that would squeeze everything else into a sliver."""
    first, last = data.corpus.first, data.corpus.last
    if first is None or last is None:
        return None, 0
    low, high = first - dt.timedelta(days=20), last + dt.timedelta(days=20)
    outside = sum(len(m.events) for m in marks if m.end <= low or m.start > high)
    if outside == 0:
        return None, 0
    return [low.isoformat(), high.isoformat()], outside


_GAP = {"month": dt.timedelta(days=2), "year": dt.timedelta(days=9)}


def _milliseconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() * 1000)


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    label: str
    kind: str
    events: int


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: list[Node]
    edges: list[tuple[int, int, int]]
    total_nodes: int
    total_edges: int
    unlinked: int


def engagement_graph(
    members: Iterable[EventMember], max_nodes: int = NETWORK_NODES, max_edges: int = NETWORK_EDGES
) -> Graph:
    """Countries (and people) linked by the events they took part in together.

    Keeps the ``max_nodes`` linked nodes in most events and at most ``max_edges`` links among
    them: each node's strongest link first, so that none floats free, then the heaviest
    others. The drawing stays legible however large the corpus is.
    """
    by_event: dict[int, set[str]] = defaultdict(set)
    label: dict[str, tuple[str, str]] = {}
    for m in members:
        by_event[m.event_id].add(m.key)
        label[m.key] = (m.label, m.kind)
    events = Counter(k for keys in by_event.values() for k in keys)
    pairs: Counter[tuple[str, str]] = Counter()
    for keys in by_event.values():
        pairs.update(combinations(sorted(keys), 2))
    linked = {k for pair in pairs for k in pair}
    ranked = sorted(linked, key=lambda k: (-events[k], label[k][0]))
    index = {k: i for i, k in enumerate(ranked[:max_nodes])}
    weights = {
        (min(index[a], index[b]), max(index[a], index[b])): w
        for (a, b), w in pairs.items()
        if a in index and b in index
    }
    heaviest_first = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen: dict[tuple[int, int], int] = {}
    strongest: set[int] = set()
    for (a, b), w in heaviest_first:
        if a not in strongest or b not in strongest:
            chosen[(a, b)] = w
            strongest.update((a, b))
    for pair, w in heaviest_first:
        if len(chosen) >= max_edges:
            break
        chosen.setdefault(pair, w)
    return Graph(
        nodes=[Node(k, label[k][0], label[k][1], events[k]) for k in index],
        edges=[(a, b, w) for (a, b), w in sorted(chosen.items(), key=lambda kv: (-kv[1], kv[0]))],
        total_nodes=len(ranked),
        total_edges=len(pairs),
        unlinked=len(events) - len(linked),
    )


def _network_figure(graph: Graph) -> go.Figure:
    positions = [
        (round(x, 4), round(y, 4))
        for x, y in spring_layout(len(graph.nodes), [(a, b, float(w)) for a, b, w in graph.edges])
    ]
    fig = go.Figure(
        layout=_layout(
            "Who takes part in events together",
            height=680,
            showlegend=True,
            hovermode="closest",
            xaxis={"visible": False},
            yaxis={"visible": False},
            margin={"l": 10, "r": 10, "t": 30, "b": 10},
        )
    )
    if graph.edges:
        heaviest = max(w for _, _, w in graph.edges)
        classes = _weight_classes(heaviest)
        for low, high, width in classes:
            xs: list[float | None] = []
            ys: list[float | None] = []
            for a, b, w in graph.edges:
                if low <= w <= high:
                    xs += [positions[a][0], positions[b][0], None]
                    ys += [positions[a][1], positions[b][1], None]
            if xs:
                name = f"{low} shared events" if low == high else f"{low}–{high} shared events"
                fig.add_scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": "rgba(85,85,85,0.45)", "width": width},
                    hoverinfo="skip",
                    name=name.replace("1 shared events", "1 shared event"),
                    legendgroup="links",
                )
        fig.add_scatter(
            x=[(positions[a][0] + positions[b][0]) / 2 for a, b, _ in graph.edges],
            y=[(positions[a][1] + positions[b][1]) / 2 for a, b, _ in graph.edges],
            mode="markers",
            marker={"size": 8, "opacity": 0},
            hovertext=[
                f"{html.escape(graph.nodes[a].label)} and {html.escape(graph.nodes[b].label)}: "
                f"{w} shared event{'s' if w != 1 else ''}"
                for a, b, w in graph.edges
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    most = max(n.events for n in graph.nodes)
    labelled = label_spots(positions, NETWORK_LABELS)
    for kind, colour, name in (
        ("country", PALETTE[0], "country"),
        ("person", PALETTE[1], "person"),
    ):
        chosen = [i for i, n in enumerate(graph.nodes) if n.kind == kind]
        if not chosen:
            continue
        fig.add_scatter(
            x=[positions[i][0] for i in chosen],
            y=[positions[i][1] for i in chosen],
            mode="markers+text",
            name=name,
            text=[_short(graph.nodes[i].label, 24) if i in labelled else "" for i in chosen],
            textposition="top center",
            textfont={"size": 12, "color": "#222"},
            marker={
                "size": [8 + 26 * math.sqrt(graph.nodes[i].events / most) for i in chosen],
                "color": colour,
                "line": {"color": "white", "width": 1},
                "symbol": "circle" if kind == "country" else "diamond",
            },
            hovertext=[
                f"{html.escape(graph.nodes[i].label)}: {graph.nodes[i].events} events"
                for i in chosen
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    return fig


def label_spots(
    positions: Sequence[tuple[float, float]], limit: int, width: float = 0.2, height: float = 0.07
) -> set[int]:
    """Which nodes get a name: the most important first (positions come in that order),
    skipping any whose name would overlap one already placed (a name is about ``width`` by
    ``height`` in layout units on a wide screen)."""
    chosen: list[int] = []
    # Only among the most important: a minor node must not take a major one's name slot.
    for i, (x, y) in enumerate(positions[: 2 * limit]):
        if len(chosen) == limit:
            break
        clear = all(
            abs(x - positions[j][0]) >= width or abs(y - positions[j][1]) >= height for j in chosen
        )
        if clear:
            chosen.append(i)
    return set(chosen)


def _weight_classes(heaviest: int) -> list[tuple[int, int, float]]:
    """Up to four bands of link weight, each drawn with its own line width."""
    if heaviest <= 4:
        return [(w, w, 0.8 + 1.2 * (w - 1)) for w in range(1, heaviest + 1)]
    cuts = sorted({1, 2, max(3, heaviest // 4), max(4, heaviest // 2)})
    bands = []
    for i, low in enumerate(cuts):
        high = cuts[i + 1] - 1 if i + 1 < len(cuts) else heaviest
        bands.append((low, high, 0.8 + 1.4 * i))
    return bands


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
    events = [
        [
            _short(e.name, 110),
            format_day(e.start, e.precision),
            e.place or "",
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
            [_short(doc.title, 110), doc.published, prefixes.setdefault(head, len(prefixes)), rest]
        )
    return {
        "marks": [[_words(m.event_type), m.precision, m.label, list(m.events)] for m in marks],
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


def _words(event_type: str) -> str:
    return event_type.replace("_", " ")


def _short(text_: str, limit: int) -> str:
    return text_ if len(text_) <= limit else text_[: limit - 1].rstrip() + "…"


def _esc(text_: str, limit: int) -> str:
    return html.escape(_short(text_, limit))
