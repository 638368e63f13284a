"""The report's "Statements" section: who speaks most, what they name, over time and the
latest words, for the statements of the documents in scope, drawn in a real browser. The
articles are our own (those of test_statement_views)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from sqlalchemy import Engine
from test_report import _open, browser  # noqa: F401  (a fixture)
from test_statement_views import APRIL, MARCH, spoken  # noqa: F401  (a fixture)

from etl.outputs import report
from etl.outputs.report import data as report_data
from etl.outputs.report.data import ReportFilters
from etl.outputs.report.statement_data import EMPTY
from etl.outputs.report.statement_section import statements_section

CHARTS = (
    "statements-speakers",
    "statements-countries",
    "statements-initiatives",
    "statements-months",
)


def test_who_speaks_about_what_when_and_the_latest_words(spoken: Engine) -> None:  # noqa: F811
    said = report_data.read(spoken, ReportFilters()).statements
    assert (said.total, said.direct, said.speakers_total, said.documents, said.dated) == (
        6,
        1,
        3,
        3,
        2,
    )
    assert [(s.name, s.kind, s.country, s.statements, s.direct, s.documents) for s in said.speakers] == [
        ("Daniel Tan", "person", "Malaysia", 3, 1, 2),
        ("Amina Rahman", "person", "Indonesia", 2, 0, 2),
        ("China", "country", "China", 1, 0, 1),
    ]  # fmt: skip
    assert [(c.name, c.statements, c.speakers) for c in said.countries] == [
        ("Indonesia", 3, 2),
        ("Malaysia", 3, 2),
        ("Philippines", 1, 1),
        ("Vietnam", 1, 1),
    ]
    assert [(i.name, i.statements) for i in said.initiatives] == [("Belt and Road Initiative", 1)]
    # Said on March 5 by the text; Beijing's and April's by their documents' months; the
    # statement of the undated document is in no month.
    assert [(c.month, c.key, c.value) for c in said.by_month_state] == [
        (MARCH, "China", 1),
        (MARCH, "Indonesia", 1),
        (MARCH, "Malaysia", 1),
        (APRIL, "Malaysia", 2),
    ]
    assert [(s.when, s.speaker, s.mode) for s in said.latest] == [
        ("published 2 April 2024", "Daniel Tan (Malaysia)", "reported"),
        ("published 2 April 2024", "Daniel Tan (Malaysia)", "reported"),
        ("published 6 March 2024", "China", "reported"),
        ("5 March 2024", "Amina Rahman (Indonesia)", "reported"),
        ("5 March 2024", "Daniel Tan (Malaysia)", "direct"),
        ("undated", "Amina Rahman (Indonesia)", "reported"),
    ]
    assert said.latest[4].content == "Our fishermen deserve safe seas"
    assert said.latest[0].source == "Joint patrols planned"


def test_the_statements_are_those_of_the_documents_in_scope(spoken: Engine) -> None:  # noqa: F811
    # Only the patrols article mentions the Philippines.
    by_country = report_data.read(spoken, ReportFilters(country="PHL")).statements
    assert (by_country.total, by_country.documents) == (2, 1)
    dated = report_data.read(
        spoken, ReportFilters(since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31))
    ).statements
    assert [s.name for s in dated.speakers] == ["Amina Rahman", "China", "Daniel Tan"]
    assert report_data.read(spoken, ReportFilters(person="Nobody Known")).statements == EMPTY


def test_no_statement_says_so_and_draws_nothing() -> None:
    section = statements_section(EMPTY)
    assert section.sentences == ["No statement was found in the documents in scope."]
    assert section.charts == [] and section.tables == []


def test_the_section_is_drawn_in_a_real_browser(
    spoken: Engine,  # noqa: F811
    browser: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = tmp_path / "report.html"
    report.build(spoken, page, ReportFilters())
    text = page.read_text(encoding="utf-8")
    assert "<a href='#statements'>Statements</a>" in text
    section = text[text.index("<section id='statements'>") :]
    section = section[: section.index("</section>")]
    assert "6 statements by 3 speakers in 3 documents: 1 direct, 5 reported." in section
    assert "<caption>Latest statements</caption>" in section
    assert "Our fishermen deserve safe seas" in section
    figures = json.loads(
        re.search(r"<script id='report-data' type='application/json'>(.*?)</script>", text, re.S)
        .group(1)  # type: ignore[union-attr]
        .replace("<\\/", "</")
    )["figures"]
    assert set(CHARTS) <= set(figures)
    assert _open(browser, page) == len(figures)
    drawn = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('#statements div.chart')).map(e => "
        "[e.id, !!e.querySelector('svg.main-svg'), (e._fullData || []).length])"
    )
    assert sorted(d[0] for d in drawn) == sorted(f"chart-{c}" for c in CHARTS)
    assert all(svg and traces > 0 for _, svg, traces in drawn), drawn
    hover = browser.execute_script(  # type: ignore[attr-defined]
        "return document.getElementById('chart-statements-speakers')._fullData[0].hovertext"
    )
    assert "Daniel Tan<br>person, Malaysia<br>3 statements (1 direct) in 2 documents" in hover
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == []
