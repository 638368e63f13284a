"""Read-only summaries of the database for `diplo status` and `diplo runs`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, extract, func, or_, select

from etl.errors import ConfigError
from etl.ingest import dates
from models import (
    Country,
    CountryAlias,
    Document,
    DocumentCaption,
    DocumentSentence,
    EtlRun,
    Event,
    EventBlockDirty,
    EventMention,
    EventParticipant,
    EventReport,
    Initiative,
    Participant,
    ParticipantAlias,
    RejectedInputRow,
    Statement,
)


def period(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a year or month
    given as a bound means the whole of it (``--until 2024`` includes December 2024)."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            year = int(parts[0])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(parts) == 2 and len(parts[0]) == 4:
            first = dt.date(int(parts[0]), int(parts[1]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if len(parts) == 3 and len(parts[0]) == 4:
            day = dt.date.fromisoformat(f"{parts[0]}-{int(parts[1]):02d}-{int(parts[2]):02d}")
            return day, day
    except ValueError:
        pass
    raise ConfigError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def counts(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        docs = conn.scalar(select(func.count()).select_from(Document)) or 0
        sentences = conn.scalar(select(func.count()).select_from(DocumentSentence)) or 0
        captions = conn.scalar(select(func.count()).select_from(DocumentCaption)) or 0
        countries = conn.scalar(select(func.count()).select_from(Country)) or 0
        first, last = conn.execute(
            select(func.min(Document.published_on), func.max(Document.published_on))
        ).one()
        people, orgs = (
            conn.scalar(select(func.count()).where(Participant.kind == kind)) or 0
            for kind in ("person", "organization")
        )
        initiatives = conn.scalar(select(func.count()).select_from(Initiative)) or 0
        events = conn.scalar(select(func.count()).select_from(Event)) or 0
        mentions = conn.scalar(select(func.count()).select_from(EventMention)) or 0
        pending = conn.scalar(
            select(func.count()).select_from(EventReport).where(EventReport.event_id.is_(None))
        )
        dirty = conn.scalar(select(func.count()).select_from(EventBlockDirty))
        statements = conn.scalar(select(func.count()).select_from(Statement)) or 0
        speakers = conn.scalar(
            select(
                func.count(func.distinct(Statement.speaker_participant_id))
                + func.count(func.distinct(Statement.speaker_country_iso3))
            )
        )
    span = f", published {first} .. {last}" if first else ""
    waiting = ""
    if pending or dirty:
        # A run stopped before its corpus pass: the next load, reextract or prune finishes it.
        waiting = f"; {pending} reports and {dirty} blocks wait for the next run to place them"
    return {
        "Documents": f"{docs} ({sentences} sentences, {captions} captions{span})",
        "Countries": str(countries),
        "Entities": f"{people} people, {orgs} organizations, {initiatives} initiatives",
        "Events": f"{events} ({mentions} mentions{waiting})",
        "Statements": f"{statements} ({speakers} speakers)",
    }


def runs_query(limit: int) -> Select[Any]:
    """The newest runs first: id, start (to the second), seconds, status, the counts, error,
    command (``load`` or ``reextract``: a reextract's documents are counted as replaced, and
    are shown as re-extracted)."""
    seconds = func.round(extract("epoch", EtlRun.finished_at - EtlRun.started_at), 1)
    return (
        select(
            EtlRun.id,
            func.to_char(EtlRun.started_at, "YYYY-MM-DD HH24:MI:SS"),
            seconds,
            EtlRun.status,
            EtlRun.files_seen,
            EtlRun.loaded,
            EtlRun.replaced,
            EtlRun.unchanged,
            EtlRun.rejected,
            EtlRun.error,
            EtlRun.command,
        )
        .order_by(EtlRun.id.desc())
        .limit(limit)
    )


def recent_runs(engine: Engine, limit: int) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(runs_query(limit)).all()
    return [tuple(r) for r in rows]


def last_run_line(engine: Engine) -> str | None:
    rows = recent_runs(engine, 1)
    if not rows:
        return None
    run_id, started, _, status, seen, loaded, replaced, unchanged, rejected, error, command = rows[
        0
    ]
    if command == "load":
        counts = (
            f"{seen} seen, {loaded} loaded, {replaced} replaced, {unchanged} unchanged, "
            f"{rejected} rejected"
        )
    else:
        counts = f"{replaced} documents re-extracted"
    line = f"#{run_id} {command} {status} at {started}: {counts}"
    return f"{line} ({error})" if error else line


def rejections(
    engine: Engine, run_ids: Sequence[int], extractor_version: str | None = None
) -> list[tuple[int, str, str]]:
    """Rejected inputs of the given runs and, with ``extractor_version``, those that earlier
    runs of that version rejected and later runs skip (the latest record of each)."""
    r = RejectedInputRow
    with engine.connect() as conn:
        rows = list(conn.execute(select(r.run_id, r.source, r.reason).where(r.run_id.in_(run_ids))))
        if extractor_version is not None:
            latest: dict[tuple[str | None, str, str], Any] = {}
            for row in conn.execute(
                select(r.run_id, r.source, r.reason, r.content_sha256)
                .join(EtlRun, EtlRun.id == r.run_id)
                .where(EtlRun.extractor_version == extractor_version)
                .order_by(r.run_id.desc())
            ):
                key = (row.content_sha256, "", "") if row.content_sha256 else (None, *row[1:3])
                latest.setdefault(key, row[:3])
            rows += latest.values()
    unique = {(run_id, source, reason) for run_id, source, reason in rows}
    return sorted(unique, key=lambda row: (-row[0], row[1], row[2]))


@dataclass(frozen=True, slots=True)
class TimelineRow:
    start_date: dt.date | None
    date_precision: str | None
    event_type: str
    name: str
    location: str | None
    people: tuple[str, ...]
    countries: tuple[str, ...]
    documents: int


def resolve_country(engine: Engine, text_: str) -> str | None:
    """An ISO3 code for a code, name or adjective ("KAZ", "Kazakhstan", "kazakh")."""
    with engine.connect() as conn:
        return conn.scalar(
            select(Country.iso3)
            .outerjoin(CountryAlias, CountryAlias.country_iso3 == Country.iso3)
            .where(
                or_(
                    func.upper(Country.iso3) == text_.upper(),
                    func.lower(Country.name) == text_.lower(),
                    func.lower(CountryAlias.alias) == text_.lower(),
                )
            )
            .limit(1)
        )


def event_timeline(
    engine: Engine,
    *,
    country: str | None = None,
    person: str | None = None,
    event_type: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 100,
) -> list[TimelineRow]:
    """Events in date order, filtered by a country (ISO3) taking part or hosting, a person
    (name or alias, case-insensitive), a type, and a date range."""
    people = (
        select(func.array_agg(func.distinct(Participant.name)))
        .select_from(EventParticipant)
        .join(Participant, Participant.id == EventParticipant.participant_id)
        .where(EventParticipant.event_id == Event.id, Participant.kind == "person")
        .scalar_subquery()
    )
    countries = (
        select(func.array_agg(func.distinct(EventParticipant.country_iso3)))
        .where(EventParticipant.event_id == Event.id)
        .scalar_subquery()
    )
    documents = (
        select(func.count(func.distinct(EventMention.document_id)))
        .where(EventMention.event_id == Event.id)
        .scalar_subquery()
    )
    query = select(
        Event.start_date,
        Event.date_precision,
        Event.event_type,
        Event.name,
        Event.location_name,
        Event.location_country_iso3,
        people.label("people"),
        countries.label("countries"),
        documents.label("documents"),
    )
    if country:
        took_part = select(EventParticipant.event_id).where(
            EventParticipant.country_iso3 == country
        )
        query = query.where(or_(Event.id.in_(took_part), Event.location_country_iso3 == country))
    if person:
        named = (
            select(EventParticipant.event_id)
            .join(Participant, Participant.id == EventParticipant.participant_id)
            .outerjoin(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(
                or_(
                    Participant.name.ilike(f"%{person}%"),
                    func.lower(ParticipantAlias.alias) == person.lower(),
                )
            )
        )
        query = query.where(Event.id.in_(named))
    if event_type:
        query = query.where(Event.event_type == event_type)
    if since:
        query = query.where(Event.start_date >= since)
    if until:
        query = query.where(Event.start_date <= until)
    query = query.order_by(Event.start_date.asc().nulls_last(), Event.name).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        TimelineRow(
            start_date=r.start_date,
            date_precision=r.date_precision,
            event_type=r.event_type,
            name=r.name,
            location=", ".join(x for x in (r.location_name, r.location_country_iso3) if x) or None,
            people=tuple(sorted(p for p in r.people or [] if p)),
            countries=tuple(sorted(c for c in r.countries or [] if c)),
            documents=r.documents,
        )
        for r in rows
    ]


def format_date(day: dt.date | None, precision: str | None) -> str:
    return "undated" if day is None else dates.format_date(day, precision or "day")  # type: ignore[arg-type]
