"""Events in the database: each document's reports attached to shared event rows (by dedup
key), and each event row rebuilt from all its reports."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, delete, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert

from etl.extract import reference
from etl.facts import Event
from etl.load.dedupe import Report, aggregate, event_key, merge_within_document
from etl.load.rows import insert_ignore
from models import (
    Document,
    EventInitiative,
    EventParticipant,
    EventReport,
    Initiative,
    Participant,
)
from models import Event as EventRow


def write_events(
    conn: Connection,
    document_id: int,
    document_sha256: str,
    events: Sequence[Event],
    body: str,
    captions: Sequence[str],
    sentence_spans: Sequence[tuple[int, int]],
) -> set[int]:
    """Attach the document's events to shared event rows (by dedup key) and record its report
    and mentions of each; returns the event ids, to be recomputed."""
    keyed = sorted((event_key(e), e) for e in merge_within_document(events))
    if not keyed:
        return set()
    ids: dict[str, int] = {}
    for key, e in keyed:
        # The upsert also locks the row: concurrent loads reporting one event take turns.
        stmt = insert(EventRow).values(event_key=key, event_type=e.event_type, name=e.name)
        stmt = stmt.on_conflict_do_update(
            index_elements=["event_key"], set_={"event_key": stmt.excluded.event_key}
        )
        ids[key] = conn.execute(stmt.returning(EventRow.id)).scalar_one()
    conn.execute(
        insert(EventReport),
        [
            {
                "event_id": ids[key],
                "document_id": document_id,
                "event_type": e.event_type,
                "name": e.name,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "date_precision": e.date_precision,
                "location_name": e.location_name,
                "location_country_iso3": e.location_country_iso3,
                "summary": e.summary,
                "confidence": e.confidence,
                "participants": [
                    {"role": p.role, "name": p.name, "kind": p.kind, "country_iso3": p.country_iso3}
                    for p in e.participants
                ],
                "initiatives": list(e.initiatives),
            }
            for key, e in keyed
        ],
    )
    starts = [s for s, _ in sentence_spans]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(
        "COPY event_mentions (event_id, document_id, caption_seq, char_start, char_end,"
        " sentence_seq, sentence, confidence) FROM STDIN"
    ) as copy:
        for key, e in keyed:
            for m in e.mentions:
                seq = sentence = None
                if m.caption is None:
                    i = bisect.bisect_right(starts, m.start) - 1
                    if i >= 0 and m.end <= sentence_spans[i][1]:
                        seq, sentence = i, body[sentence_spans[i][0] : sentence_spans[i][1]]
                else:
                    sentence = captions[m.caption]
                copy.write_row(
                    (ids[key], document_id, m.caption, m.start, m.end, seq, sentence, e.confidence)
                )
    return set(ids.values())


def recompute_events(conn: Connection, event_ids: set[int]) -> None:
    """Rebuild each event from all its reports; an event nobody reports any more goes.

    Set-based: a handful of statements however many events a document touched.
    """
    if not event_ids:
        return
    ids = sorted(event_ids)
    known = reference.country_names()
    rows = conn.execute(
        select(EventReport.__table__, Document.content_sha256)
        .join(Document, Document.id == EventReport.document_id)
        .where(EventReport.event_id.in_(ids))
    ).all()
    reports: dict[int, list[Report]] = {}
    for r in rows:
        reports.setdefault(r.event_id, []).append(
            Report(
                document_sha256=r.content_sha256,
                event_type=r.event_type,
                name=r.name,
                start_date=r.start_date,
                end_date=r.end_date,
                date_precision=r.date_precision,
                location_name=r.location_name,
                location_country_iso3=r.location_country_iso3,
                summary=r.summary,
                confidence=r.confidence,
                participants=tuple(
                    (p["role"], p.get("name"), p.get("kind"), p.get("country_iso3"))
                    for p in r.participants
                ),
                initiatives=tuple(r.initiatives),
            )
        )
    gone = [i for i in ids if i not in reports]
    if gone:
        conn.execute(delete(EventRow).where(EventRow.id.in_(gone)))
    alive = [i for i in ids if i in reports]
    if not alive:
        return
    events = {i: aggregate(reports[i]) for i in alive}
    conn.execute(
        update(EventRow.__table__).where(EventRow.__table__.c.id == bindparam("event_id")),
        [
            {
                "event_id": i,
                "event_type": e.event_type,
                "name": e.name,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "date_precision": e.date_precision,
                "location_name": e.location_name,
                "location_country_iso3": e.location_country_iso3
                if e.location_country_iso3 in known
                else None,
                "summary": e.summary,
            }
            for i, e in events.items()
        ],
    )
    conn.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(alive)))
    conn.execute(delete(EventInitiative).where(EventInitiative.event_id.in_(alive)))
    names = {
        (kind, name)
        for e in events.values()
        for _, name, kind, _ in e.participants
        if name and kind
    }
    participant_ids: dict[tuple[str, str], int] = {}
    if names:
        for pid, kind, name in conn.execute(
            select(Participant.id, Participant.kind, Participant.name).where(
                tuple_(Participant.kind, Participant.name).in_(sorted(names))
            )
        ):
            participant_ids[(kind, name)] = pid
    links = []
    for i, e in events.items():
        for role, name, kind, iso3 in e.participants:
            pid = participant_ids.get((kind, name)) if name and kind else None
            country = iso3 if iso3 in known else None
            if pid is not None or country is not None:
                links.append(
                    {"event_id": i, "participant_id": pid, "country_iso3": country, "role": role}
                )
    insert_ignore(conn, EventParticipant, links)
    wanted = {name for e in events.values() for name in e.initiatives}
    if wanted:
        initiative_ids = dict(
            conn.execute(
                select(Initiative.name, Initiative.id).where(Initiative.name.in_(sorted(wanted)))
            ).all()
        )
        insert_ignore(
            conn,
            EventInitiative,
            [
                {"event_id": i, "initiative_id": initiative_ids[name]}
                for i, e in events.items()
                for name in e.initiatives
                if name in initiative_ids
            ],
        )
