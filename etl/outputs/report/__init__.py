"""`diplo report`: one self-contained HTML page that shows what the database holds.

``build`` reads the database through :mod:`~etl.outputs.report.data` (every query of the report),
draws the figures in :mod:`~etl.outputs.report.charts`, writes one section per subject in
:mod:`~etl.outputs.report.sections`, and lays them out in :mod:`~etl.outputs.report.page`, which
inlines plotly.js and the page's own ``assets/`` so that it opens offline.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from etl.outputs.report import data as report_data
from etl.outputs.report import page
from etl.outputs.report.data import ReportFilters
from etl.outputs.report.sections import build_sections


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    size_bytes: int
    seconds: float
    documents: int
    events: int
    charts: int


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
        html = page.empty(
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
            html = page.empty(message, labels, source)
        else:
            sections = build_sections(data, network_people)
            charts = sum(len(s.charts) for s in sections)
            html = page.render(data, sections, labels, source)
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, out)
    return ReportResult(
        path=out,
        size_bytes=out.stat().st_size,
        seconds=time.perf_counter() - started,
        documents=documents,
        events=events,
        charts=charts,
    )
