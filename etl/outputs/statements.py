"""Statements as `diplo statements` lists them: filtered by speaker, the speaker's state, what
the content names, full text (ranked by ``ts_rank`` over the indexed ``tsvector``), mode and
date."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, func, literal_column, or_, select

from models import (
    Country,
    CountryAlias,
    Document,
    Initiative,
    InitiativeAlias,
    Participant,
    ParticipantAlias,
    Statement,
    StatementCountry,
    StatementInitiative,
)
from models.statement import CONTENT_TSVECTOR


@dataclass(frozen=True, slots=True)
class StatementRow:
    stated_on: dt.date | None
    stated_precision: str | None
    speaker: str
    speaker_kind: str
    speaker_state: str | None
    mode: str
    cue: str
    content: str
    title: str | None
    url: str | None
    source: str
    document_id: int
    rank: float | None

    def as_json(self) -> dict[str, Any]:
        row = asdict(self)
        row["stated_on"] = self.stated_on.isoformat() if self.stated_on else None
        return row


def list_statements(
    engine: Engine,
    *,
    speaker: str | None = None,
    country: str | None = None,
    about: str | None = None,
    search: str | None = None,
    mode: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
) -> list[StatementRow]:
    """Statements newest first (best match first with ``search``). ``country`` is an ISO3 code
    (the speaking state, or a speaker's own); ``about`` a country code or an initiative's name
    or alias that the content names."""
    s = Statement
    state = func.coalesce(s.speaker_country_iso3, Participant.country_iso3)
    vector = literal_column(CONTENT_TSVECTOR.replace("content", "statements.content"))
    query = func.websearch_to_tsquery("english", search) if search else None
    rank = func.ts_rank(vector, query) if query is not None else literal_column("NULL")
    stmt = (
        select(
            s.stated_on,
            s.stated_precision,
            func.coalesce(Participant.name, s.speaker_country_iso3).label("speaker"),
            func.coalesce(Participant.kind, "country").label("speaker_kind"),
            state.label("speaker_state"),
            s.mode,
            s.cue,
            s.content,
            Document.title,
            Document.url,
            func.concat(Document.source_path, func.coalesce("#" + Document.source_record, "")),
            s.document_id,
            rank.label("rank"),
        )
        .join(Document, Document.id == s.document_id)
        .outerjoin(Participant, Participant.id == s.speaker_participant_id)
    )
    if speaker:
        named = (
            select(Participant.id)
            .outerjoin(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(
                or_(
                    Participant.name.ilike(f"%{speaker}%"),
                    func.lower(ParticipantAlias.alias) == speaker.lower(),
                )
            )
        )
        by_state = select(Country.iso3).where(
            or_(func.upper(Country.iso3) == speaker.upper(), Country.name.ilike(speaker))
        )
        stmt = stmt.where(
            or_(s.speaker_participant_id.in_(named), s.speaker_country_iso3.in_(by_state))
        )
    if country:
        stmt = stmt.where(state == country)
    if about:
        countries = select(StatementCountry.statement_id).where(
            StatementCountry.country_iso3.in_(_countries_named(about))
        )
        initiatives = (
            select(StatementInitiative.statement_id)
            .join(Initiative, Initiative.id == StatementInitiative.initiative_id)
            .outerjoin(InitiativeAlias, InitiativeAlias.initiative_id == Initiative.id)
            .where(
                or_(
                    Initiative.name.ilike(f"%{about}%"),
                    func.lower(InitiativeAlias.alias) == about.lower(),
                )
            )
        )
        stmt = stmt.where(or_(s.id.in_(countries), s.id.in_(initiatives)))
    if query is not None:
        stmt = stmt.where(vector.op("@@")(query))
    if mode:
        stmt = stmt.where(s.mode == mode)
    # A statement without a date of its own is dated by its document's publication.
    day = func.coalesce(s.stated_on, Document.published_on)
    if since:
        stmt = stmt.where(day >= since)
    if until:
        stmt = stmt.where(day <= until)
    order = [day.desc().nulls_last(), s.document_id, s.char_start]
    if query is not None:
        order.insert(0, rank.desc())
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(*order).limit(limit)).all()
    return [StatementRow(*r) for r in rows]


def _countries_named(text: str) -> Any:
    """The ISO3 codes a code, name or adjective stands for ("CHN", "China", "Chinese")."""
    return (
        select(Country.iso3)
        .outerjoin(CountryAlias, CountryAlias.country_iso3 == Country.iso3)
        .where(
            or_(
                func.upper(Country.iso3) == text.upper(),
                func.lower(Country.name) == text.lower(),
                func.lower(CountryAlias.alias) == text.lower(),
            )
        )
    )
