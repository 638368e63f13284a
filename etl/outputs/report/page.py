"""The report's page: its head, header and assembly, and the HTML pieces every section uses.

Sections (:mod:`etl.outputs.report.sections`) hand it sentences, figures and tables; it turns
them into one page. plotly.js is inlined once, every figure is a JSON object drawn by one small
script (``assets/report.js``), and a Content-Security-Policy forbids the page any network
request, so it opens the same offline, attached to a mail or on a phone.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from etl.outputs.report.charts import short, time_marks, words
from etl.outputs.report.data import ReportData


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


def _asset(name: str) -> str:
    return resources.files("etl.outputs.report").joinpath("assets", name).read_text("utf-8")


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
        "date), and the statements are those of these documents; runs and rejected inputs are "
        "not filtered.</p>"
    )


def _header(labels: dict[str, str], source: str, summary: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = f" from {html.escape(source)}" if source else ""
    return (
        "<header>\n<h1>What the diplo database holds</h1>\n"
        f"<p class='meta'>Built {stamp}{where}.</p>\n{summary}{_filters_line(labels)}\n</header>\n"
    )


def empty(message: str, labels: dict[str, str], source: str) -> str:
    return (
        _head("diplo report")
        + "<body>\n<main>\n"
        + _header(labels, source, "")
        + f"<section id='empty'><p class='empty'>{_code(message)}</p></section>\n"
        + "</main>\n</body>\n</html>\n"
    )


def render(data: ReportData, sections: Sequence[Section], labels: dict[str, str], src: str) -> str:
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


def table(caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
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
