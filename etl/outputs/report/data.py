"""What the HTML report reads from the database: every query of `diplo report`, in one place.

The report has two scopes. Events match the filters of `diplo events` (a country taking part
or hosting, a person, a type, start dates). Documents match the same country, person and
publication dates (a type says nothing about a document). Runs and rejected inputs describe
the loads and are never filtered.

Load operations (runs, rejections) are read through the ORM models, so the queries follow
those tables wherever the models put them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, distinct, func, inspect, select, text

from etl.outputs.report.dates import MonthCount, format_day
from etl.outputs.report.statement_data import EMPTY, StatementData, read_statements
from etl.outputs.reports import runs_query
from models import RejectedInputRow


@dataclass(frozen=True, slots=True)
class ReportFilters:
    """The filters of `diplo events`; ``country`` is an ISO3 code already resolved."""

    country: str | None = None
    person: str | None = None
    event_type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def any(self) -> bool:
        fields = (self.country, self.person, self.event_type, self.since, self.until)
        return any(v is not None for v in fields)


@dataclass(frozen=True, slots=True)
class RunRow:
    run_id: int
    started: str
    seconds: float | None
    status: str
    seen: int
    loaded: int
    replaced: int
    unchanged: int
    rejected: int
    command: str = "load"  # a reextract counts its documents as replaced: re-extracted


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: int
    dated_to_month: int
    year_only: int
    undated: int
    first: dt.date | None
    last: dt.date | None
    by_month_outlet: tuple[MonthCount, ...]
    rejected_by_reason: tuple[tuple[str, int], ...]
    runs: tuple[RunRow, ...]


@dataclass(frozen=True, slots=True)
class EventRow:
    event_id: int
    event_type: str
    name: str
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    place: str | None
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    countries: tuple[str, ...]
    documents: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DocumentRef:
    document_id: int
    title: str
    published: str
    link: str | None


@dataclass(frozen=True, slots=True)
class EventMember:
    """A country or person taking part in an event, as a node of the engagement network."""

    event_id: int
    key: str
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso3: str
    name: str
    events: int
    documents: int
    mentions: int


@dataclass(frozen=True, slots=True)
class InitiativeRow:
    name: str
    short_code: str | None
    documents: int
    mentions: int
    first_month: dt.date | None
    last_month: dt.date | None


@dataclass(frozen=True, slots=True)
class PersonRow:
    name: str
    title: str | None
    country: str | None
    events: int
    documents: int
    mentions: int


@dataclass(frozen=True, slots=True)
class ReportData:
    corpus: Corpus
    events: tuple[EventRow, ...]
    documents: dict[int, DocumentRef]
    members: tuple[EventMember, ...]
    countries: tuple[CountryRow, ...]
    country_months: tuple[MonthCount, ...]
    initiatives: tuple[InitiativeRow, ...]
    initiative_months: tuple[MonthCount, ...]
    people: tuple[PersonRow, ...]
    statements: StatementData = EMPTY


# --- scopes ---------------------------------------------------------------------------------


def _event_scope(filters: ReportFilters) -> tuple[str, dict[str, Any]]:
    """SQL selecting the ids of the events in scope, with its parameters."""
    where, params = ["TRUE"], {}
    if filters.event_type:
        where.append("e.event_type = :f_type")
        params["f_type"] = filters.event_type
    if filters.since:
        where.append("e.start_date >= :f_since")
        params["f_since"] = filters.since
    if filters.until:
        where.append("e.start_date <= :f_until")
        params["f_until"] = filters.until
    if filters.country:
        where.append(
            "(e.location_country_iso3 = :f_country OR EXISTS (SELECT 1 FROM event_participants ep"
            " WHERE ep.event_id = e.id AND ep.country_iso3 = :f_country))"
        )
        params["f_country"] = filters.country
    if filters.person:
        where.append(
            "EXISTS (SELECT 1 FROM event_participants ep JOIN participants p"
            " ON p.id = ep.participant_id WHERE ep.event_id = e.id AND "
            f"{_person_matches('p')})"
        )
        params.update(_person_params(filters.person))
    return f"SELECT e.id FROM events e WHERE {' AND '.join(where)}", params


def _document_scope(filters: ReportFilters) -> tuple[str, dict[str, Any]]:
    """SQL selecting the ids of the documents in scope, with its parameters."""
    where, params = ["TRUE"], {}
    if filters.since:
        where.append("d.published_on >= :f_since")
        params["f_since"] = filters.since
    if filters.until:
        where.append("d.published_on <= :f_until")
        params["f_until"] = filters.until
    if filters.country:
        where.append(
            "EXISTS (SELECT 1 FROM document_countries dc WHERE dc.document_id = d.id"
            " AND dc.country_iso3 = :f_country)"
        )
        params["f_country"] = filters.country
    if filters.person:
        where.append(
            "EXISTS (SELECT 1 FROM document_participants dp JOIN participants p"
            f" ON p.id = dp.participant_id WHERE dp.document_id = d.id AND {_person_matches('p')})"
        )
        params.update(_person_params(filters.person))
    return f"SELECT d.id FROM documents d WHERE {' AND '.join(where)}", params


def _person_matches(alias: str) -> str:
    # The same rule as `diplo events --person`: part of the name, or an alias exactly.
    return (
        f"({alias}.name ILIKE :f_person_like OR EXISTS (SELECT 1 FROM participant_aliases pa"
        f" WHERE pa.participant_id = {alias}.id AND lower(pa.alias) = lower(:f_person)))"
    )


def _person_params(person: str) -> dict[str, Any]:
    return {"f_person": person, "f_person_like": f"%{person}%"}


def _rows(conn: Connection, sql: str, params: dict[str, Any]) -> Sequence[Any]:
    return conn.execute(text(sql), params).all()


def _as_list(value: object) -> tuple[str, ...]:
    """A list column as a tuple, whether the view gives an array or "; "-separated text."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v)
    return tuple(part.strip() for part in str(value).split(";") if part.strip())


# --- sections -------------------------------------------------------------------------------


def _corpus(conn: Connection, filters: ReportFilters, run_limit: int) -> Corpus:
    scope, params = _document_scope(filters)
    totals = conn.execute(
        text(
            f"""
            SELECT count(*),
                   count(*) FILTER (WHERE d.published_precision IN ('day', 'month')),
                   count(*) FILTER (WHERE d.published_precision = 'year'
                                      OR (d.published_on IS NOT NULL
                                          AND d.published_precision IS NULL)),
                   count(*) FILTER (WHERE d.published_on IS NULL),
                   min(d.published_on), max(d.published_on)
              FROM documents d WHERE d.id IN ({scope})
            """
        ),
        params,
    ).one()
    # A document dated only to the year has no month: counting it in January would invent
    # a spike, so it is counted apart.
    months = _rows(
        conn,
        f"""
        SELECT date_trunc('month', d.published_on)::date, coalesce(d.outlet, ''), count(*)
          FROM documents d
         WHERE d.id IN ({scope}) AND d.published_precision IN ('day', 'month')
         GROUP BY 1, 2 ORDER BY 1, 2
        """,
        params,
    )
    reason = func.regexp_replace(RejectedInputRow.reason, r"\s*[(:].*$", "")
    rejected = conn.execute(
        select(reason, func.count(distinct(RejectedInputRow.source)))
        .group_by(reason)
        .order_by(func.count(distinct(RejectedInputRow.source)).desc(), reason)
    ).all()
    runs = conn.execute(runs_query(run_limit)).all()
    return Corpus(
        documents=totals[0],
        dated_to_month=totals[1],
        year_only=totals[2],
        undated=totals[3],
        first=totals[4],
        last=totals[5],
        by_month_outlet=tuple(MonthCount(m, o, n) for m, o, n in months),
        rejected_by_reason=tuple((r or "unknown", n) for r, n in rejected),
        runs=tuple(
            # The page shows starts to the minute; the error column is the terminal's.
            RunRow(r[0], r[1][:16], float(r[2]) if r[2] is not None else None, *r[3:9], r[10])
            for r in runs
        ),
    )


def _events(
    conn: Connection, filters: ReportFilters
) -> tuple[tuple[EventRow, ...], dict[int, DocumentRef]]:
    scope, params = _event_scope(filters)
    rows = _rows(
        conn,
        f"""
        SELECT t.event_id, t.event_type, t.event_name, t.start_date, t.end_date,
               t.date_precision, t.location_name, t.location_country,
               t.people, t.organizations, t.countries
          FROM analytics.event_timeline t
         WHERE t.event_id IN ({scope})
         ORDER BY t.start_date NULLS LAST, t.event_id
        """,
        params,
    )
    links = _rows(
        conn,
        f"""
        SELECT DISTINCT m.event_id, m.document_id FROM event_mentions m
         WHERE m.event_id IN ({scope}) ORDER BY 1, 2
        """,
        params,
    )
    by_event: dict[int, list[int]] = {}
    for event_id, document_id in links:
        by_event.setdefault(event_id, []).append(document_id)
    events = tuple(
        EventRow(
            event_id=r[0],
            event_type=r[1],
            name=r[2],
            start=r[3],
            end=r[4],
            precision=r[5],
            place=", ".join(dict.fromkeys(x for x in (r[6], r[7]) if x)) or None,
            people=_as_list(r[8]),
            organizations=_as_list(r[9]),
            countries=_as_list(r[10]),
            documents=tuple(by_event.get(r[0], ())),
        )
        for r in rows
    )
    wanted = sorted({d for e in events for d in e.documents})
    documents = {d.document_id: d for d in _document_refs(conn, wanted)}
    return events, documents


def _document_refs(conn: Connection, ids: Sequence[int]) -> Iterable[DocumentRef]:
    if not ids:
        return []
    rows = _rows(
        conn,
        """
        SELECT d.id, coalesce(nullif(d.title, ''), d.source_path), d.published_on,
               d.published_precision, d.url, d.source_path
          FROM documents d WHERE d.id = ANY(:ids)
        """,
        {"ids": list(ids)},
    )
    return [
        DocumentRef(
            document_id=r[0],
            title=r[1],
            published=format_day(r[2], r[3]),
            link=r[4] if r[4] and r[4].startswith(("http://", "https://")) else r[5],
        )
        for r in rows
    ]


def _members(
    conn: Connection, filters: ReportFilters, with_people: bool
) -> tuple[EventMember, ...]:
    scope, params = _event_scope(filters)
    rows = _rows(
        conn,
        f"""
        SELECT DISTINCT ep.event_id, 'c:' || ep.country_iso3, c.name, 'country'
          FROM event_participants ep JOIN countries c ON c.iso3 = ep.country_iso3
         WHERE ep.event_id IN ({scope})
        """
        + (
            f"""
        UNION
        SELECT DISTINCT ep.event_id, 'p:' || p.id, p.name, 'person'
          FROM event_participants ep JOIN participants p ON p.id = ep.participant_id
         WHERE ep.event_id IN ({scope}) AND p.kind = 'person'
        """
            if with_people
            else ""
        ),
        params,
    )
    return tuple(EventMember(*r) for r in sorted(rows))


def _countries(
    conn: Connection, filters: ReportFilters, limit: int
) -> tuple[tuple[CountryRow, ...], tuple[MonthCount, ...]]:
    events_scope, event_params = _event_scope(filters)
    docs_scope, doc_params = _document_scope(filters)
    rows = _rows(
        conn,
        f"""
        WITH ev AS (
            SELECT ep.country_iso3 AS iso3, count(DISTINCT ep.event_id) AS events
              FROM event_participants ep
             WHERE ep.country_iso3 IS NOT NULL AND ep.event_id IN ({events_scope})
             GROUP BY 1
        ), doc AS (
            SELECT dc.country_iso3 AS iso3, count(*) AS documents, sum(dc.mentions) AS mentions
              FROM document_countries dc
             WHERE dc.document_id IN ({docs_scope})
             GROUP BY 1
        )
        SELECT c.iso3, c.name, coalesce(ev.events, 0), coalesce(doc.documents, 0),
               coalesce(doc.mentions, 0)
          FROM countries c LEFT JOIN ev ON ev.iso3 = c.iso3 LEFT JOIN doc ON doc.iso3 = c.iso3
         WHERE ev.iso3 IS NOT NULL OR doc.iso3 IS NOT NULL
         ORDER BY 3 DESC, 4 DESC, 2
         LIMIT :limit
        """,
        {**event_params, **doc_params, "limit": limit},
    )
    months = _rows(
        conn,
        f"""
        SELECT date_trunc('month', d.published_on)::date, c.name, count(*)
          FROM document_countries dc
          JOIN documents d ON d.id = dc.document_id
          JOIN countries c ON c.iso3 = dc.country_iso3
         WHERE d.id IN ({docs_scope}) AND d.published_precision IN ('day', 'month')
         GROUP BY 1, 2 ORDER BY 1, 2
        """,
        doc_params,
    )
    return (
        tuple(CountryRow(*r) for r in rows),
        tuple(MonthCount(m, k, n) for m, k, n in months),
    )


def _initiatives(
    conn: Connection, filters: ReportFilters, limit: int
) -> tuple[tuple[InitiativeRow, ...], tuple[MonthCount, ...]]:
    scope, params = _document_scope(filters)
    month = "CASE WHEN d.published_precision IN ('day', 'month') THEN date_trunc('month', d.published_on)::date END"
    rows = _rows(
        conn,
        f"""
        SELECT i.name, i.short_code, count(*), sum(di.mentions), min({month}), max({month})
          FROM document_initiatives di
          JOIN initiatives i ON i.id = di.initiative_id
          JOIN documents d ON d.id = di.document_id
         WHERE d.id IN ({scope})
         GROUP BY i.id, i.name, i.short_code
         ORDER BY 4 DESC, 3 DESC, 1
         LIMIT :limit
        """,
        {**params, "limit": limit},
    )
    months = _rows(
        conn,
        f"""
        SELECT {month}, i.name, sum(di.mentions)
          FROM document_initiatives di
          JOIN initiatives i ON i.id = di.initiative_id
          JOIN documents d ON d.id = di.document_id
         WHERE d.id IN ({scope}) AND d.published_precision IN ('day', 'month')
         GROUP BY 1, 2 ORDER BY 1, 2
        """,
        params,
    )
    return (
        tuple(InitiativeRow(*r) for r in rows),
        tuple(MonthCount(m, k, n) for m, k, n in months),
    )


def _people(conn: Connection, filters: ReportFilters, limit: int) -> tuple[PersonRow, ...]:
    events_scope, event_params = _event_scope(filters)
    docs_scope, doc_params = _document_scope(filters)
    rows = _rows(
        conn,
        f"""
        WITH ev AS (
            SELECT ep.participant_id AS id, count(DISTINCT ep.event_id) AS events
              FROM event_participants ep
             WHERE ep.participant_id IS NOT NULL AND ep.event_id IN ({events_scope})
             GROUP BY 1
        ), doc AS (
            SELECT dp.participant_id AS id, count(*) AS documents, sum(dp.mentions) AS mentions
              FROM document_participants dp
             WHERE dp.document_id IN ({docs_scope})
             GROUP BY 1
        )
        SELECT p.name, p.title, c.name, coalesce(ev.events, 0), coalesce(doc.documents, 0),
               coalesce(doc.mentions, 0)
          FROM participants p
          JOIN ev ON ev.id = p.id
          LEFT JOIN doc ON doc.id = p.id
          LEFT JOIN countries c ON c.iso3 = p.country_iso3
         WHERE p.kind = 'person'
         ORDER BY 4 DESC, 5 DESC, 1
         LIMIT :limit
        """,
        {**event_params, **doc_params, "limit": limit},
    )
    return tuple(PersonRow(*r) for r in rows)


def has_schema(engine: Engine) -> bool:
    """Whether the database holds diplo's tables and views at all."""
    names = inspect(engine)
    return names.has_table("documents") and "event_timeline" in names.get_view_names("analytics")


def read(engine: Engine, filters: ReportFilters, *, network_people: bool = False) -> ReportData:
    """Everything the report draws, in one read-only transaction (one consistent snapshot)."""
    with engine.connect() as conn:
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        corpus = _corpus(conn, filters, run_limit=10)
        events, documents = _events(conn, filters)
        members = _members(conn, filters, network_people)
        countries, country_months = _countries(conn, filters, limit=200)
        initiatives, initiative_months = _initiatives(conn, filters, limit=200)
        people = _people(conn, filters, limit=30)
        statements = read_statements(conn, *_document_scope(filters))
    return ReportData(
        corpus=corpus,
        events=events,
        documents=documents,
        members=members,
        countries=countries,
        country_months=country_months,
        initiatives=initiatives,
        initiative_months=initiative_months,
        people=people,
        statements=statements,
    )
