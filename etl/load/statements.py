"""Statements in the database: each document's are written with its other facts, in its
transaction, after its entities (the speakers) and its event reports (the occasions).

A statement's ``event_id`` follows the report of its occasion: null when written, set when
the end of the run places that report in an event (``place_statements``, called by
etl/load/events.py), and set to null when that event goes.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.dialects.postgresql import insert

from etl.extract import reference
from etl.facts import Statement
from etl.load.rows import insert_ignore, upsert_returning
from models import EventMention, Participant, StatementCountry, StatementInitiative
from models import Statement as StatementRow

ParticipantIds = Mapping[tuple[str, ...], int]


def write_statements(
    conn: Connection,
    document_id: int,
    statements: Sequence[Statement],
    sentence_spans: Sequence[tuple[int, int]],
    participant_ids: ParticipantIds,
    initiative_ids: ParticipantIds,
) -> None:
    """Write the document's statements with the countries and initiatives they name.

    ``participant_ids`` and ``initiative_ids`` are the document's entities as just written
    (by ``(kind, name)`` and ``(name,)``); a speaker the document does not list among them
    gets its participant row here, so that no statement is lost for want of one.
    """
    known = reference.country_names()
    kept = [s for s in statements if s.end > s.start and _has_speaker(s, known)]
    if not kept:
        return
    speakers = _speaker_ids(conn, kept, participant_ids)
    occasions = _occasion_reports(conn, document_id, kept)
    starts = [s for s, _ in sentence_spans]

    def sentence_of(start: int) -> int | None:
        i = bisect.bisect_right(starts, start) - 1
        return i if i >= 0 and start < sentence_spans[i][1] else None

    rows: list[dict[str, Any]] = []
    for s in kept:
        person_or_org = s.speaker_kind != "country"
        occasion = occasions.get((s.occasion.start, s.occasion.end)) if s.occasion else None
        rows.append(
            {
                "document_id": document_id,
                "sentence_seq": sentence_of(s.start),
                "char_start": s.start,
                "char_end": s.end,
                "content": s.content,
                "speaker_participant_id": speakers[(s.speaker_kind, s.speaker)]
                if person_or_org
                else None,
                "speaker_country_iso3": None if person_or_org else s.speaker,
                "speaker_surface": s.speaker_surface,
                "mode": s.mode,
                "cue": s.cue,
                "stated_on": s.stated_on,
                "stated_precision": (s.stated_precision or "day") if s.stated_on else None,
                "event_report_id": occasion,
            }
        )
    ids = conn.execute(
        insert(StatementRow).returning(StatementRow.id, sort_by_parameter_order=True), rows
    ).scalars()
    countries: list[dict[str, Any]] = []
    initiatives: list[dict[str, Any]] = []
    for statement_id, s in zip(ids, kept, strict=True):
        countries += [
            {"statement_id": statement_id, "country_iso3": c}
            for c in sorted(set(s.countries))
            if c in known
        ]
        initiatives += [
            {"statement_id": statement_id, "initiative_id": initiative_ids[(name,)]}
            for name in sorted(set(s.initiatives))
            if (name,) in initiative_ids
        ]
    insert_ignore(conn, StatementCountry, countries)
    insert_ignore(conn, StatementInitiative, initiatives)


def _has_speaker(s: Statement, known: Mapping[str, str]) -> bool:
    return bool(s.speaker) and (s.speaker_kind != "country" or s.speaker in known)


def _speaker_ids(
    conn: Connection, statements: Sequence[Statement], participant_ids: ParticipantIds
) -> dict[tuple[str, ...], int]:
    ids: dict[tuple[str, ...], int] = dict(participant_ids)
    wanted = sorted(
        {(s.speaker_kind, s.speaker) for s in statements if s.speaker_kind != "country"} - set(ids)
    )
    if wanted:
        ids.update(
            upsert_returning(
                conn,
                Participant,
                [{"kind": kind, "name": name} for kind, name in wanted],
                key=("kind", "name"),
                # Nothing to fill: the entity stage knows more of them than a speaker does.
                fill=("kind",),
            )
        )
    return ids


def _occasion_reports(
    conn: Connection, document_id: int, statements: Sequence[Statement]
) -> dict[tuple[int, int], int]:
    """The document's event report of each body mention span, for the statements' occasions."""
    if not any(s.occasion is not None for s in statements):
        return {}
    rows = conn.execute(
        select(EventMention.char_start, EventMention.char_end, EventMention.report_id).where(
            EventMention.document_id == document_id, EventMention.caption_seq.is_(None)
        )
    ).all()
    return {(start, end): report for start, end, report in rows}


_PLACE = text(
    "UPDATE statements s SET event_id = r.event_id FROM event_reports r"
    " WHERE s.event_report_id = r.id AND r.id = ANY(:ids)"
    " AND s.event_id IS DISTINCT FROM r.event_id"
)


def place_statements(conn: Connection, report_ids: Sequence[int]) -> None:
    """Point the statements whose occasion is one of these reports at the report's event."""
    if report_ids:
        conn.execute(_PLACE, {"ids": list(report_ids)})
