"""The report's "Statements" section: who speaks most, about which countries and initiatives,
over time, and the latest words in a table. Its data is read by
:mod:`~etl.outputs.report.statement_data`."""

from __future__ import annotations

import html
from collections.abc import Sequence

from etl.outputs.report.charts import hbars, short, stacked_months
from etl.outputs.report.page import Chart, Section, table
from etl.outputs.report.statement_data import NamedRow, StatementData

TOP = 15
KINDS = {"person": "person", "organization": "organization", "country": "state"}


def statements_section(said: StatementData) -> Section:
    section = Section(
        "statements",
        "Statements",
        [
            "What named speakers said, as the documents report it: words in quotation marks, "
            'transcript turns and texts given in full (direct), and reported speech ("the '
            'minister said that ..."). The statements are those of the documents in scope.'
        ],
    )
    if said.total == 0:
        section.sentences = ["No statement was found in the documents in scope."]
        return section
    reported = said.total - said.direct
    section.sentences.append(
        f"{said.total:,} statements by {said.speakers_total:,} speakers in "
        f"{said.documents:,} documents: {said.direct:,} direct, {reported:,} reported. "
        f"{said.dated:,} of them are dated by the text (directly or through their occasion); "
        "over time, the others go by the month their document was published."
    )
    top = list(said.speakers[:TOP])
    section.charts.append(
        Chart(
            "statements-speakers",
            hbars(
                [s.name for s in top],
                [s.statements for s in top],
                "Who speaks most",
                "Statements",
                hover=[
                    f"{html.escape(s.name)}<br>{KINDS.get(s.kind, s.kind)}"
                    f"{', ' + html.escape(s.country) if s.country and s.country != s.name else ''}"
                    f"<br>{s.statements} statements ({s.direct} direct) in {s.documents} documents"
                    for s in top
                ],
            ),
            "Horizontal bars of the number of statements of the speakers who speak most.",
        )
    )
    for chart_id, rows, what in (
        ("statements-countries", said.countries, "Countries"),
        ("statements-initiatives", said.initiatives, "Initiatives"),
    ):
        if rows:
            section.charts.append(_named_chart(chart_id, rows[:TOP], what))
    if said.by_month_state:
        section.charts.append(
            Chart(
                "statements-months",
                stacked_months(
                    said.by_month_state,
                    "Statements per month, by the speaker's state",
                    "Statements",
                    blank="state unknown",
                    others="other states",
                    unit="statements",
                    x_title="Month said (or published, when the text gives no date)",
                ),
                "Stacked bars of statements per month, one colour per speaker's state.",
            )
        )
    section.tables.append(
        table(
            "Who speaks most",
            ["speaker", "kind", "state", "statements", "direct", "documents"],
            [
                [
                    s.name,
                    KINDS.get(s.kind, s.kind),
                    s.country or "",
                    s.statements,
                    s.direct,
                    s.documents,
                ]
                for s in said.speakers
            ],
        )
    )
    section.tables.append(
        table(
            "Latest statements",
            ["when", "speaker", "mode", "what they said", "source"],
            [[s.when, s.speaker, s.mode, short(s.content, 320), s.source] for s in said.latest],
        )
    )
    return section


def _named_chart(chart_id: str, rows: Sequence[NamedRow], what: str) -> Chart:
    return Chart(
        chart_id,
        hbars(
            [r.name for r in rows],
            [r.statements for r in rows],
            f"{what} the statements name",
            "Statements naming it",
            hover=[
                f"{html.escape(r.name)}<br>named in {r.statements} statements by "
                f"{r.speakers} speakers"
                for r in rows
            ],
        ),
        f"Horizontal bars of the number of statements naming each of the {what.lower()} "
        "named most.",
    )
