"""Events in the database: each document's reports are written with it; which reports are
one occurrence is decided later, over whole blocks (etl/load/identity.py), by ``place``.

A document's transaction writes its reports and mentions unplaced (``event_id`` null). The
end of the run (etl/load/corpus.py) places them: it reads every report of each block that
changed (new reports, and blocks marked in ``ops.event_blocks_dirty`` when a report was
deleted or moved), clusters them, and rewrites those blocks' events from their reports. A
block is recomputed in the transaction that clears its mark, so a killed run leaves whole
blocks behind and the marks of the others, which the next run finishes.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert

from etl.extract import reference
from etl.facts import Event
from etl.load.aggregate import Canonical, Report, aggregate
from etl.load.identity import block_of, clusters
from etl.load.rows import insert_ignore
from etl.load.statements import place_statements
from models import (
    Document,
    EventBlockDirty,
    EventInitiative,
    EventParticipant,
    EventReport,
    Initiative,
    Participant,
)
from models import Event as EventRow

log = logging.getLogger(__name__)

# Blocks recomputed per transaction: few enough to keep each short, enough to batch writes.
CHUNK = 500


def _participant_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {"role": p.role, "name": p.name, "kind": p.kind, "country_iso3": p.country_iso3}
        for p in event.participants
    ]


def _rows_of(participants: list[dict[str, Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (p["role"], p.get("name"), p.get("kind"), p.get("country_iso3")) for p in participants
    )


def write_reports(
    conn: Connection,
    document_id: int,
    events: Sequence[Event],
    body: str,
    captions: Sequence[str],
    sentence_spans: Sequence[tuple[int, int]],
) -> None:
    """Record the document's report of each event it tells of, with its mentions, for the
    end of the run to place."""
    if not events:
        return
    rows = [
        {
            "document_id": document_id,
            "block": block_of(
                e.event_type, e.name, _rows_of(_participant_rows(e)), e.location_country_iso3
            ),
            "event_type": e.event_type,
            "name": e.name,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "date_precision": e.date_precision,
            "location_name": e.location_name,
            "location_country_iso3": e.location_country_iso3,
            "summary": e.summary,
            "confidence": e.confidence,
            "participants": _participant_rows(e),
            "initiatives": list(e.initiatives),
        }
        for e in events
    ]
    ids = conn.execute(
        insert(EventReport).returning(EventReport.id, sort_by_parameter_order=True), rows
    ).scalars()
    starts = [s for s, _ in sentence_spans]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(
        "COPY event_mentions (report_id, document_id, caption_seq, char_start, char_end,"
        " sentence_seq, sentence, confidence) FROM STDIN"
    ) as copy:
        for report_id, e in zip(ids, events, strict=True):
            for m in e.mentions:
                seq = sentence = None
                if m.caption is None:
                    i = bisect.bisect_right(starts, m.start) - 1
                    if i >= 0 and m.end <= sentence_spans[i][1]:
                        seq, sentence = i, body[sentence_spans[i][0] : sentence_spans[i][1]]
                else:
                    sentence = captions[m.caption]
                copy.write_row(
                    (report_id, document_id, m.caption, m.start, m.end, seq, sentence, e.confidence)
                )


def events_reported_by(conn: Connection, document_ids: Any) -> set[int]:
    condition = (
        EventReport.document_id == document_ids
        if isinstance(document_ids, int)
        else EventReport.document_id.in_(document_ids)
    )
    return set(
        conn.scalars(
            select(EventReport.event_id).where(condition, EventReport.event_id.is_not(None))
        )
    )


_DROP_UNREPORTED_OF = text(
    "DELETE FROM events e WHERE e.id = ANY(:ids)"
    " AND NOT EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = e.id)"
)
_DROP_UNREPORTED = text(
    "DELETE FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = e.id)"
)


def drop_unreported(conn: Connection, event_ids: set[int] | None = None) -> None:
    """Delete events that no report tells of any more (of ``event_ids``, or all), so that
    between a document's deletion and the end of the run no event stands without evidence."""
    if event_ids is None:
        conn.execute(_DROP_UNREPORTED)
    elif event_ids:
        conn.execute(_DROP_UNREPORTED_OF, {"ids": sorted(event_ids)})


def rekey(conn: Connection) -> int:
    """Compute the block of reports that have none (written before blocks existed, or whose
    people a corpus step renamed); they are then placed afresh. Returns how many."""
    rows = conn.execute(
        select(
            EventReport.id,
            EventReport.event_type,
            EventReport.name,
            EventReport.participants,
            EventReport.location_country_iso3,
        ).where(EventReport.block.is_(None))
    ).all()
    if rows:
        conn.execute(
            update(EventReport.__table__)
            .where(EventReport.__table__.c.id == bindparam("report_id"))
            .values(block=bindparam("new_block"), event_id=None),
            [
                {
                    "report_id": r.id,
                    "new_block": block_of(
                        r.event_type, r.name, _rows_of(r.participants), r.location_country_iso3
                    ),
                }
                for r in rows
            ],
        )
        drop_unreported(conn)
    return len(rows)


@dataclasses.dataclass(frozen=True, slots=True)
class Placement:
    blocks: int = 0
    reports: int = 0
    events: int = 0


def dirty_blocks(conn: Connection) -> list[str]:
    """Blocks whose events must be recomputed: marked ones, and those of unplaced reports."""
    return sorted(
        conn.scalars(
            text(
                "SELECT block FROM ops.event_blocks_dirty UNION"
                " SELECT DISTINCT block FROM event_reports"
                " WHERE event_id IS NULL AND block IS NOT NULL"
            )
        )
    )


def place(engine: Engine) -> Placement:
    """Place every unplaced report and recompute the events of every changed block."""
    with engine.begin() as conn:
        rekeyed = rekey(conn)
        blocks = dirty_blocks(conn)
    if rekeyed:
        log.info("computed the blocks of %d event reports", rekeyed)
    total = Placement()
    for chunk in _chunks(blocks, CHUNK):
        with engine.begin() as conn:
            done = _place_blocks(conn, chunk)
        total = Placement(
            total.blocks + done.blocks, total.reports + done.reports, total.events + done.events
        )
    return total


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _place_blocks(conn: Connection, blocks: list[str]) -> Placement:
    rows = conn.execute(
        select(EventReport.__table__, Document.content_sha256)
        .join(Document, Document.id == EventReport.document_id)
        .where(EventReport.block.in_(blocks))
    ).all()
    by_block: dict[str, list[Report]] = {}
    placed_in: dict[int, int | None] = {}
    for r in rows:
        placed_in[r.id] = r.event_id
        by_block.setdefault(r.block, []).append(
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
                participants=_rows_of(r.participants),
                initiatives=tuple(r.initiatives),
                id=r.id,
            )
        )
    occurrences: dict[str, list[Report]] = {}
    for block in sorted(by_block):
        occurrences.update(clusters(block, by_block[block]))
    events = {key: aggregate(reports) for key, reports in occurrences.items()}
    ids = _event_ids(conn, events)
    moves = [
        {"report_id": r.id, "new_event": ids[key]}
        for key, reports in occurrences.items()
        for r in reports
        if placed_in[r.id] != ids[key]
    ]
    if moves:
        conn.execute(
            update(EventReport.__table__)
            .where(EventReport.__table__.c.id == bindparam("report_id"))
            .values(event_id=bindparam("new_event")),
            moves,
        )
        conn.execute(
            text(
                "UPDATE event_mentions m SET event_id = r.event_id FROM event_reports r"
                " WHERE m.report_id = r.id AND r.id = ANY(:ids)"
                " AND m.event_id IS DISTINCT FROM r.event_id"
            ),
            {"ids": [m["report_id"] for m in moves]},
        )
        place_statements(conn, [m["report_id"] for m in moves])
    _write_events(conn, {ids[k]: e for k, e in events.items()})
    drop_unreported(conn, {i for i in placed_in.values() if i is not None})
    conn.execute(delete(EventBlockDirty).where(EventBlockDirty.block.in_(blocks)))
    return Placement(len(blocks), len(rows), len(events))


def _event_ids(conn: Connection, events: dict[str, Canonical]) -> dict[str, int]:
    """The id of each occurrence's row by its key, inserting the new ones (in key order, so
    two databases loaded alike number their events alike)."""
    keys = sorted(events)
    ids: dict[str, int] = dict(
        conn.execute(
            select(EventRow.event_key, EventRow.id).where(EventRow.event_key.in_(keys))
        ).all()
    )
    new = [k for k in keys if k not in ids]
    if new:
        result = conn.execute(
            insert(EventRow).returning(
                EventRow.event_key, EventRow.id, sort_by_parameter_order=True
            ),
            [
                {"event_key": k, "event_type": events[k].event_type, "name": events[k].name}
                for k in new
            ],
        )
        ids.update({k: i for k, i in result})
    return ids


def _write_events(conn: Connection, events: dict[int, Canonical]) -> None:
    """Rewrite the given events' rows, participants and initiatives from their aggregates."""
    if not events:
        return
    known = reference.country_names()
    alive = sorted(events)
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
            for i, e in sorted(events.items())
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
    for i, e in sorted(events.items()):
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
        rows = [
            {"event_id": i, "initiative_id": initiative_ids[name]}
            for i, e in sorted(events.items())
            for name in e.initiatives
            if name in initiative_ids
        ]
        insert_ignore(conn, EventInitiative, rows)
