"""What the report's "Statements" section reads: who speaks, about which countries and
initiatives, when, and the latest words, for the statements of the documents in scope.

It reads ``analytics.statements``, so the speaker's name, kind and state are the ones BI users
see. A statement goes by the month it was said when the text gives it, otherwise by its
document's month of publication, as ``analytics.statements_monthly`` counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, text

from etl.outputs.report.dates import MonthCount, format_day


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    name: str
    kind: str
    country: str | None
    statements: int
    direct: int
    documents: int


@dataclass(frozen=True, slots=True)
class NamedRow:
    """A country or an initiative the statements' contents name."""

    name: str
    statements: int
    speakers: int


@dataclass(frozen=True, slots=True)
class SaidRow:
    when: str
    speaker: str
    mode: str
    content: str
    source: str


@dataclass(frozen=True, slots=True)
class StatementData:
    total: int
    direct: int
    speakers_total: int
    documents: int
    dated: int
    speakers: tuple[SpeakerRow, ...]
    countries: tuple[NamedRow, ...]
    initiatives: tuple[NamedRow, ...]
    by_month_state: tuple[MonthCount, ...]
    latest: tuple[SaidRow, ...]


EMPTY = StatementData(0, 0, 0, 0, 0, (), (), (), (), ())

# The month a statement is counted in (the rule of analytics.statements_monthly).
_MONTH = "CASE WHEN s.stated_on IS NOT NULL THEN s.stated_month ELSE s.published_month END"


def read_statements(
    conn: Connection, scope: str, params: dict[str, Any], *, limit: int = 20
) -> StatementData:
    """The statements of the documents that ``scope`` (SQL selecting document ids) selects."""
    where = f"s.document_id IN ({scope})"
    totals = conn.execute(
        text(
            f"""
            SELECT count(*), count(*) FILTER (WHERE s.mode = 'direct'),
                   count(DISTINCT (s.speaker_kind, s.speaker)),
                   count(DISTINCT s.document_id), count(s.stated_on)
              FROM analytics.statements s WHERE {where}
            """
        ),
        params,
    ).one()
    if totals[0] == 0:
        return EMPTY
    speakers = conn.execute(
        text(
            f"""
            SELECT s.speaker, s.speaker_kind, min(s.speaker_country), count(*),
                   count(*) FILTER (WHERE s.mode = 'direct'), count(DISTINCT s.document_id)
              FROM analytics.statements s WHERE {where}
             GROUP BY s.speaker, s.speaker_kind
             ORDER BY 4 DESC, 6 DESC, 1
             LIMIT :limit
            """
        ),
        {**params, "limit": limit},
    ).all()
    countries = _named_in_content(
        conn,
        "statement_countries x JOIN countries n ON n.iso3 = x.country_iso3",
        where,
        params,
        limit,
    )
    initiatives = _named_in_content(
        conn,
        "statement_initiatives x JOIN initiatives n ON n.id = x.initiative_id",
        where,
        params,
        limit,
    )
    months = conn.execute(
        text(
            f"""
            SELECT {_MONTH}, coalesce(s.speaker_country, ''), count(*)
              FROM analytics.statements s
             WHERE {where} AND {_MONTH} IS NOT NULL
             GROUP BY 1, 2 ORDER BY 1, 2
            """
        ),
        params,
    ).all()
    # An untitled document goes by its file's name: a whole path would fill the column.
    latest = conn.execute(
        text(
            f"""
            SELECT s.stated_on, s.stated_precision, d.published_on, d.published_precision,
                   s.speaker, s.speaker_country, s.mode, s.content,
                   coalesce(nullif(d.title, ''), regexp_replace(d.source_path, '^.*/', ''))
              FROM analytics.statements s JOIN documents d ON d.id = s.document_id
             WHERE {where}
             ORDER BY coalesce(s.stated_on, d.published_on) DESC NULLS LAST,
                      s.document_id DESC, s.statement_id
             LIMIT :limit
            """
        ),
        {**params, "limit": limit},
    ).all()
    return StatementData(
        total=totals[0],
        direct=totals[1],
        speakers_total=totals[2],
        documents=totals[3],
        dated=totals[4],
        speakers=tuple(SpeakerRow(*r) for r in speakers),
        countries=tuple(NamedRow(*r) for r in countries),
        initiatives=tuple(NamedRow(*r) for r in initiatives),
        by_month_state=tuple(MonthCount(m, k, n) for m, k, n in months),
        latest=tuple(_said(r) for r in latest),
    )


def _said(r: Any) -> SaidRow:
    when = (
        format_day(r[0], r[1])
        if r[0] is not None
        else f"published {format_day(r[2], r[3])}"
        if r[2] is not None
        else "undated"
    )
    speaker = f"{r[4]} ({r[5]})" if r[5] and r[5] != r[4] else r[4]
    return SaidRow(when, speaker, r[6], r[7], r[8])


def _named_in_content(
    conn: Connection, names: str, where: str, params: dict[str, Any], limit: int
) -> list[Row[Any]]:
    """What the statements in scope name (``names`` joins a link table ``x`` to the named rows
    ``n``): each name with its statements and its distinct speakers, most named first."""
    return list(
        conn.execute(
            text(
                f"""
                SELECT n.name, count(*), count(DISTINCT (s.speaker_kind, s.speaker))
                  FROM analytics.statements s
                  JOIN {names} ON x.statement_id = s.statement_id
                 WHERE {where}
                 GROUP BY n.name ORDER BY 2 DESC, 3 DESC, 1 LIMIT :limit
                """
            ),
            {**params, "limit": limit},
        ).all()
    )
