"""The sections of `diplo report`, one function each: what the data says in sentences, which
charts show it, and the tables behind them. :mod:`etl.outputs.report.page` lays them out."""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from etl.outputs.report.charts import (
    NETWORK_LABELS,
    countries_figure,
    engagement_graph,
    hbars,
    leaders,
    lines,
    network_figure,
    stacked_months,
    time_marks,
    timeline_figure,
    words,
)
from etl.outputs.report.data import ReportData, format_day
from etl.outputs.report.page import Chart, Section, table
from etl.outputs.report.statement_section import statements_section

TOP_LINES = 6


def build_sections(data: ReportData, network_people: bool) -> list[Section]:
    return [
        _corpus_section(data),
        _timeline_section(data),
        _network_section(data, network_people),
        _countries_section(data),
        _initiatives_section(data),
        _people_section(data),
        statements_section(data.statements),
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
            table(
                "Rejected inputs by reason",
                ["reason", "inputs"],
                [[r, n] for r, n in c.rejected_by_reason],
            )
        )
    else:
        section.sentences.append("No input was rejected.")
    if c.runs:
        section.tables.append(
            table(
                "Last runs, newest first",
                [
                    "run",
                    "command",
                    "started (UTC)",
                    "seconds",
                    "status",
                    "inputs seen",
                    "loaded",
                    "replaced",
                    "unchanged",
                    "rejected",
                    "re-extracted",
                ],
                [
                    [
                        r.run_id,
                        r.command,
                        r.started,
                        "" if r.seconds is None else f"{r.seconds:,.1f}",
                        r.status,
                        r.seen,
                        # A reextract loads nothing: its documents are re-extracted.
                        *(
                            (r.loaded, r.replaced, r.unchanged, r.rejected, "")
                            if r.command == "load"
                            else ("", "", "", "", r.replaced)
                        ),
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
        table(
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
        table(
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
        table(
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
        table(
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
        table(
            "Most active people",
            ["person", "title", "country", "events", "documents naming them", "mentions"],
            [
                [p.name, p.title or "", p.country or "", p.events, p.documents, p.mentions]
                for p in data.people
            ],
        )
    )
    return section
