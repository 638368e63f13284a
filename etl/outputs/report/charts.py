"""The charts of `diplo report`: Plotly figures built from the report's data, and the pure
pieces behind them (timeline marks that keep each date's precision, the capped engagement
graph, where names fit). The page around them is :mod:`etl.outputs.report.page`."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from etl.outputs.report.data import CountryRow, EventMember, EventRow, MonthCount, format_day
from etl.outputs.report.layout import spring_layout

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


def base_layout(title: str, **extra: Any) -> dict[str, Any]:
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


def axis(title: str, **extra: Any) -> dict[str, Any]:
    return {"title": {"text": title}, "gridcolor": "#e5e5e5", "automargin": True, **extra}


def count_axis(title: str, largest: int) -> dict[str, Any]:
    """An axis of counts: whole numbers only, even when the counts are small."""
    return axis(
        title, rangemode="tozero", tickformat=",d", **({"dtick": 1} if largest <= 6 else {})
    )


def stacked_months(
    counts: Sequence[MonthCount],
    title: str,
    y_title: str,
    blank: str,
    *,
    others: str = "other outlets",
    unit: str = "documents",
    x_title: str = "Month of publication",
) -> go.Figure:
    totals: Counter[str] = Counter()
    for c in counts:
        totals[c.key or blank] += c.value
    keep = [k for k, _ in totals.most_common() if k != blank][:6]
    series: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for c in counts:
        key = c.key or blank
        series[key if key in keep or key == blank else others][c.month] += c.value
    months = sorted({c.month for c in counts})
    fig = go.Figure(layout=base_layout(title, barmode="stack", showlegend=True))
    for i, key in enumerate([*keep, others, blank]):
        if key not in series:
            continue
        colour = PALETTE[i] if key in keep else GREY if key == blank else PALETTE[6]
        fig.add_bar(
            x=[m.isoformat() for m in months],
            y=[series[key][m] for m in months],
            name=key,
            marker_color=colour,
            hovertemplate=f"{html.escape(key)}<br>%{{x|%B %Y}}: %{{y}} {unit}<extra></extra>",
        )
    largest = max(sum(series[k][m] for k in series) for m in months)
    fig.update_layout(xaxis=axis(x_title, type="date"), yaxis=count_axis(y_title, largest))
    return fig


def hbars(
    labels: Sequence[str],
    values: Sequence[int],
    title: str,
    x_title: str,
    hover: Sequence[str] | None = None,
) -> go.Figure:
    fig = go.Figure(
        layout=base_layout(title, height=max(260, 90 + 26 * len(labels)), showlegend=False)
    )
    fig.add_bar(
        x=list(values),
        y=[short(label, 40) for label in labels],
        orientation="h",
        marker_color=PALETTE[0],
        hovertext=list(hover) if hover else [html.escape(s) for s in labels],
        hovertemplate="%{hovertext}: %{x}<extra></extra>"
        if not hover
        else "%{hovertext}<extra></extra>",
    )
    fig.update_layout(
        xaxis=count_axis(x_title, max(values, default=0)),
        yaxis=axis("", autorange="reversed", type="category"),
    )
    return fig


def leaders(counts: Sequence[MonthCount], n: int) -> list[str]:
    totals: Counter[str] = Counter()
    for c in counts:
        totals[c.key] += c.value
    return [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def lines(
    counts: Sequence[MonthCount],
    keys: Sequence[str],
    title: str,
    y_title: str,
    corpus_months: Sequence[dt.date],
) -> go.Figure:
    """One line per key over every month from the first to the last publication month; a month
    without any document is a gap in the line, not a zero and not a straight bridge."""
    published = set(corpus_months) | {c.month for c in counts}
    months = month_range(min(published), max(published))
    table: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for c in counts:
        table[c.key][c.month] += c.value
    fig = go.Figure(layout=base_layout(title, showlegend=True, hovermode="x unified"))
    dashes = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
    symbols = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")
    for i, key in enumerate(keys):
        fig.add_scatter(
            x=[m.isoformat() for m in months],
            y=[table[key][m] if m in published else None for m in months],
            name=short(key, 40),
            mode="lines+markers",
            line={"color": PALETTE[i % len(PALETTE)], "dash": dashes[i % len(dashes)], "width": 2},
            marker={"symbol": symbols[i % len(symbols)], "size": 6},
            hovertemplate=f"{html.escape(short(key, 40))}: %{{y}}<extra></extra>",
        )
    fig.update_layout(
        xaxis=axis("Month of publication", type="date"),
        yaxis=count_axis(y_title, max((c.value for c in counts), default=0)),
    )
    return fig


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def countries_figure(rows: Sequence[CountryRow]) -> go.Figure:
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
        **base_layout(
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


def timeline_figure(
    marks: Sequence[TimeMark],
    events: Sequence[EventRow],
    first: dt.date | None,
    last: dt.date | None,
) -> tuple[go.Figure, int]:
    """Marks in rows by type; each point's customdata is its position in ``marks``, and the
    page's script writes its hover text from the timeline payload (written once, not twice)."""
    counts = Counter(events[i].event_type for m in marks for i in m.events)
    types = sorted(counts, key=lambda t: (-counts[t], t))
    lane = {t: i for i, t in enumerate(types)}
    # Within a type's row: exact days on the line, months just below, years lowest.
    offset = {"day": -0.12, "month": 0.14, "year": 0.34}
    fig = go.Figure(
        layout=base_layout(
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
    view, outside = _first_view(marks, first, last)
    fig.update_layout(
        xaxis=axis("Date of the event", type="date", range=view),
        yaxis=axis(
            "",
            tickmode="array",
            tickvals=list(range(len(types))),
            ticktext=[words(t) for t in types],
            autorange=False,
            range=[len(types) - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
        ),
    )
    return fig, outside


def _first_view(
    marks: Sequence[TimeMark], first: dt.date | None, last: dt.date | None
) -> tuple[list[str] | None, int]:
    """The date range shown first: the publication dates of the documents (``first`` to
    ``last``), where events cite old treaties and anniversaries that would squeeze everything
    else into a sliver."""
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


def network_figure(graph: Graph) -> go.Figure:
    positions = [
        (round(x, 4), round(y, 4))
        for x, y in spring_layout(len(graph.nodes), [(a, b, float(w)) for a, b, w in graph.edges])
    ]
    fig = go.Figure(
        layout=base_layout(
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
        classes = weight_classes([w for _, _, w in graph.edges])
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
            text=[short(graph.nodes[i].label, 24) if i in labelled else "" for i in chosen],
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


def weight_classes(weights: Sequence[int]) -> list[tuple[int, int, float]]:
    """Up to four bands of link weight (low, high, line width), cut where the links are: most
    links are weak, so fixed fractions of the heaviest would put nearly all in one band."""
    ordered = sorted(weights)
    heaviest = ordered[-1]
    if heaviest <= 4:
        return [(w, w, 0.8 + 1.2 * (w - 1)) for w in range(1, heaviest + 1)]
    at = [ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.5, 0.8, 0.95)]
    cuts = sorted({ordered[0], *(c + 1 for c in at if c < heaviest)})
    bands = []
    for i, low in enumerate(cuts):
        high = cuts[i + 1] - 1 if i + 1 < len(cuts) else heaviest
        bands.append((low, high, 0.8 + 1.4 * i))
    return bands


def words(event_type: str) -> str:
    return event_type.replace("_", " ")


def short(text_: str, limit: int) -> str:
    return text_ if len(text_) <= limit else text_[: limit - 1].rstrip() + "…"
