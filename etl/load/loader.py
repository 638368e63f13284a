"""The load stage: one document and everything extracted from it become rows in one
transaction, or nothing at all."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert

from etl.extract import reference
from etl.extract.extractor import Extraction, Facts
from etl.facts import Entity
from etl.ingest.parse import PARSER_VERSION
from etl.ingest.records import POSITION_PATTERN
from etl.load.events import drop_unreported, events_reported_by, write_reports
from etl.load.rows import insert_ignore, upsert_returning
from etl.load.statements import write_statements
from models import (
    Document,
    DocumentCaption,
    DocumentCountry,
    DocumentInitiative,
    DocumentParticipant,
    DocumentSentence,
    EntityMention,
    EventInitiative,
    EventMention,
    EventParticipant,
    EventReport,
    Initiative,
    InitiativeAlias,
    Participant,
    ParticipantAlias,
    Statement,
    StatementInitiative,
)

Outcome = Literal["loaded", "replaced", "unchanged", "moved"]
# Statements first: their occasion's report would otherwise be nulled in them before they go.
DERIVED_TABLES = (
    Statement,
    EntityMention,
    DocumentCountry,
    DocumentParticipant,
    DocumentInitiative,
    EventMention,
    EventReport,
)


Source = tuple[str, str | None]
"""Where a document lives: ``(source_path, source_record)``; the record is None for a file
that is one document."""


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    source_path: str
    source_record: str | None
    parser_version: str
    content_sha256: str

    @property
    def source(self) -> Source:
        return (self.source_path, self.source_record)


_STORED = (
    Document.id,
    Document.source_path,
    Document.source_record,
    Document.parser_version,
    Document.content_sha256,
)


def find_document(engine: Engine, content_sha256: str) -> StoredDocument | None:
    """The stored document with this content, if any: an input found here may need no
    parsing at all."""
    with engine.connect() as conn:
        row = conn.execute(
            select(*_STORED).where(Document.content_sha256 == content_sha256)
        ).first()
    return StoredDocument(*row) if row is not None else None


def positional_documents(engine: Engine, path: str, url: str) -> list[StoredDocument]:
    """Documents an older diplo stored in the file ``path`` by line (see
    ``etl.ingest.records``) that have this URL."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_STORED)
            .where(
                Document.source_path == path,
                Document.source_record.regexp_match(POSITION_PATTERN),
                Document.url == url,
            )
            .order_by(Document.id)
        ).all()
    return [StoredDocument(*r) for r in rows]


def has_positions(engine: Engine, path: str) -> bool:
    """Whether an older diplo stored records of the file ``path`` by line."""
    with engine.connect() as conn:
        return conn.execute(
            select(
                select(Document.id)
                .where(
                    Document.source_path == path,
                    Document.source_record.regexp_match(POSITION_PATTERN),
                )
                .exists()
            )
        ).scalar_one()


def _at(source: Source) -> tuple[Any, ...]:
    path, record = source
    return (Document.source_path == path, Document.source_record.is_not_distinct_from(record))


def _lock_source(conn: Connection, source: Source) -> None:
    # Two loads of the same source must not both replace it; serialize them on the source.
    key = source[0] if source[1] is None else f"{source[0]}#{source[1]}"
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:s, 0))"), {"s": key})


def write_document(
    engine: Engine,
    extraction: Extraction,
    extractor_version: str,
    *,
    parser_version: str = PARSER_VERSION,
    source: Source | None = None,
    replaces: Source | None = None,
    reparse: bool = False,
) -> Outcome:
    """Insert a document with its segments and entities; an older document from the same
    source (a file, or a record of one) is replaced, and so is the one at ``replaces``. All
    of it commits together, so a crash at any point leaves either the old document or the
    new one, never a mix.

    ``source`` is what to store (default: the document's source as given). When the same
    content is already stored, it is left alone, unless ``reparse``: then that row is
    rewritten in place (same id) from this parse, source included.
    """
    doc = extraction.document
    source = source or (doc.source, doc.record)
    with engine.begin() as conn:
        _lock_source(conn, source)
        stale_events, stale = _drop_stale(conn, source, doc.content_sha256)
        if replaces is not None:
            more_events, more = _drop_stale(conn, replaces, doc.content_sha256)
            stale_events, stale = stale_events | more_events, stale or more
        values = {
            "source_path": source[0],
            "source_record": source[1],
            "url": doc.url,
            "title": doc.title,
            "published_on": doc.published_on,
            "published_precision": doc.published_precision,
            "outlet": doc.outlet,
            "author": doc.author,
            "dateline": doc.dateline,
            "language": doc.language,
            "body": doc.body,
            "word_count": doc.word_count,
            "extractor_version": extractor_version,
            "parser_version": parser_version,
            "updated_at": func.now(),
        }
        document_id = conn.execute(
            insert(Document)
            .values(content_sha256=doc.content_sha256, **values)
            .on_conflict_do_nothing(index_elements=["content_sha256"])
            .returning(Document.id)
        ).scalar_one_or_none()
        if document_id is None:
            if not reparse:
                # Another process stored the same content first; nothing else to write.
                return "unchanged"
            document_id = conn.execute(
                update(Document)
                .where(Document.content_sha256 == doc.content_sha256)
                .values(**values)
                .returning(Document.id)
            ).scalar_one()
            stale_events |= clear_facts(conn, document_id)
            conn.execute(
                delete(DocumentSentence).where(DocumentSentence.document_id == document_id)
            )
            conn.execute(delete(DocumentCaption).where(DocumentCaption.document_id == document_id))
            stale = True
        _copy_segments(conn, document_id, extraction)
        spans = [(s.start, s.end) for s in doc.sentences]
        write_facts(conn, document_id, extraction.facts, doc.body, doc.captions, spans)
        drop_unreported(conn, stale_events)
    return "replaced" if stale else "loaded"


def move_document(engine: Engine, document_id: int, content_sha256: str, source: Source) -> None:
    """Record that a stored document now lives at ``source`` (its file was moved, or its
    record is known by another key): the document keeps its id and everything derived from
    it. A different document stored for that source before is replaced, as when a file
    changes."""
    with engine.begin() as conn:
        _lock_source(conn, source)
        stale_events, _ = _drop_stale(conn, source, content_sha256)
        conn.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(source_path=source[0], source_record=source[1], updated_at=func.now())
        )
        drop_unreported(conn, stale_events)


def _drop_stale(conn: Connection, source: Source, content_sha256: str) -> tuple[set[int], bool]:
    """Delete documents stored for ``source`` with other content (the file or record
    changed); returns the events they reported, to recompute, and whether there were any."""
    where = (*_at(source), Document.content_sha256 != content_sha256)
    events = events_reported_by(conn, select(Document.id).where(*where).scalar_subquery())
    stale = conn.execute(delete(Document).where(*where).returning(Document.id)).all()
    return events, bool(stale)


def _copy_segments(conn: Connection, document_id: int, extraction: Extraction) -> None:
    doc = extraction.document
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(
        "COPY document_sentences (document_id, seq, paragraph, char_start, char_end) FROM STDIN"
    ) as copy:
        for seq, s in enumerate(doc.sentences):
            copy.write_row((document_id, seq, s.paragraph, s.start, s.end))
    if doc.captions:
        with cursor.copy("COPY document_captions (document_id, seq, text) FROM STDIN") as copy:
            for seq, caption in enumerate(doc.captions):
                copy.write_row((document_id, seq, caption))


def write_facts(
    conn: Connection,
    document_id: int,
    facts: Facts,
    body: str,
    captions: Sequence[str],
    sentence_spans: Sequence[tuple[int, int]],
) -> None:
    """Write what was extracted from a stored document: entities, event reports, statements
    (in that order: statements point at the speakers and occasions written before them)."""
    participant_ids, initiative_ids = write_entities(
        conn, document_id, facts.entities, sentence_spans
    )
    write_reports(conn, document_id, facts.events, body, captions, sentence_spans)
    write_statements(
        conn, document_id, facts.statements, sentence_spans, participant_ids, initiative_ids
    )


def clear_facts(conn: Connection, document_id: int) -> set[int]:
    """Delete what was extracted from a document; returns the events it reported (their
    blocks are marked for the end of the run; ``drop_unreported`` removes the emptied)."""
    events = events_reported_by(conn, document_id)
    for model in DERIVED_TABLES:
        conn.execute(delete(model).where(model.document_id == document_id))
    return events


def delete_orphans(conn: Connection) -> None:
    """Remove participants and initiatives (with their aliases) that no document or event
    refers to any more, as after pruning documents."""
    conn.execute(
        delete(Participant).where(
            ~select(DocumentParticipant.participant_id)
            .where(DocumentParticipant.participant_id == Participant.id)
            .exists(),
            ~select(EventParticipant.participant_id)
            .where(EventParticipant.participant_id == Participant.id)
            .exists(),
            ~select(Statement.id)
            .where(Statement.speaker_participant_id == Participant.id)
            .exists(),
        )
    )
    conn.execute(
        delete(Initiative).where(
            ~select(DocumentInitiative.initiative_id)
            .where(DocumentInitiative.initiative_id == Initiative.id)
            .exists(),
            ~select(EventInitiative.initiative_id)
            .where(EventInitiative.initiative_id == Initiative.id)
            .exists(),
            ~select(StatementInitiative.initiative_id)
            .where(StatementInitiative.initiative_id == Initiative.id)
            .exists(),
        )
    )


def write_entities(
    conn: Connection,
    document_id: int,
    entities: Sequence[Entity],
    sentence_spans: Sequence[tuple[int, int]],
) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    """Link ``entities`` to the document, creating shared participant/initiative rows as needed,
    and record every mention as evidence with its sentence. Returns the participants' ids by
    ``(kind, name)`` and the initiatives' by ``(name,)``."""
    known = reference.country_names()

    def country(code: str | None) -> str | None:
        return code if code in known else None

    countries = _merge([e for e in entities if e.kind == "country" and e.name in known])
    participants = _merge([e for e in entities if e.kind in ("person", "organization")])
    initiatives = _merge([e for e in entities if e.kind == "initiative"])

    participant_ids = upsert_returning(
        conn,
        Participant,
        [
            {
                "kind": e.kind,
                "name": e.name,
                "country_iso3": country(e.country_iso3),
                "title": e.title,
                "short_name": e.short_name,
            }
            for e in participants
        ],
        key=("kind", "name"),
        fill=("country_iso3", "title", "short_name"),
    )
    initiative_ids = upsert_returning(
        conn,
        Initiative,
        [
            {
                "name": e.name,
                "short_code": e.short_name,
                "sponsor_iso3": country(e.country_iso3),
                "year_launched": e.year,
                "kind": _initiative_kinds().get(e.name),
            }
            for e in initiatives
        ],
        key=("name",),
        fill=("short_code", "sponsor_iso3", "year_launched", "kind"),
    )
    insert_ignore(
        conn,
        ParticipantAlias,
        [
            {"participant_id": participant_ids[(e.kind, e.name)], "alias": alias}
            for e in participants
            for alias in _aliases(e)
        ],
    )
    insert_ignore(
        conn,
        InitiativeAlias,
        [
            {"initiative_id": initiative_ids[(e.name,)], "alias": alias}
            for e in initiatives
            for alias in _aliases(e)
        ],
    )
    insert_ignore(
        conn,
        DocumentCountry,
        [
            {"document_id": document_id, "country_iso3": e.name, "mentions": len(e.mentions)}
            for e in countries
        ],
    )
    insert_ignore(
        conn,
        DocumentParticipant,
        [
            {
                "document_id": document_id,
                "participant_id": participant_ids[(e.kind, e.name)],
                "mentions": len(e.mentions),
            }
            for e in participants
        ],
    )
    insert_ignore(
        conn,
        DocumentInitiative,
        [
            {
                "document_id": document_id,
                "initiative_id": initiative_ids[(e.name,)],
                "mentions": len(e.mentions),
            }
            for e in initiatives
        ],
    )
    starts = [s for s, _ in sentence_spans]

    def sentence_of(start: int, end: int) -> int | None:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and end <= sentence_spans[i][1]:
            return i
        return None

    rows: list[tuple[Any, ...]] = []
    for e in countries:
        rows += [(e.kind, e.name, None, None, m) for m in e.mentions]
    for e in participants:
        rows += [(e.kind, None, participant_ids[(e.kind, e.name)], None, m) for m in e.mentions]
    for e in initiatives:
        rows += [(e.kind, None, None, initiative_ids[(e.name,)], m) for m in e.mentions]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(
        "COPY entity_mentions (document_id, entity_kind, country_iso3, participant_id,"
        " initiative_id, caption_seq, char_start, char_end, sentence_seq, surface) FROM STDIN"
    ) as copy:
        for kind, iso3, pid, iid, m in sorted(rows, key=lambda r: (r[4].caption or -1, r[4].start)):
            sentence = sentence_of(m.start, m.end) if m.caption is None else None
            copy.write_row(
                (document_id, kind, iso3, pid, iid, m.caption, m.start, m.end, sentence, m.text)
            )
    return participant_ids, initiative_ids


@functools.cache
def _initiative_kinds() -> dict[str, str]:
    return {i.name: i.kind for i in reference.initiatives()}


def _merge(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per canonical key, in a stable order (which also avoids upsert deadlocks)."""
    merged: dict[tuple[str, str], Entity] = {}
    for e in entities:
        key = (e.kind, e.name)
        if key in merged:
            first = merged[key]
            merged[key] = Entity(
                kind=first.kind,
                name=first.name,
                mentions=first.mentions + e.mentions,
                country_iso3=first.country_iso3 or e.country_iso3,
                title=first.title or e.title,
                short_name=first.short_name or e.short_name,
                year=first.year or e.year,
                aliases=first.aliases + e.aliases,
            )
        else:
            merged[key] = e
    return [merged[k] for k in sorted(merged)]


def _aliases(e: Entity) -> list[str]:
    return sorted(
        {a.strip() for a in (e.name, *e.aliases, *(m.text for m in e.mentions)) if a.strip()}
    )


def set_extractor_version(conn: Connection, document_id: int, version: str) -> None:
    conn.execute(
        update(Document)
        .where(Document.id == document_id)
        .values(extractor_version=version, updated_at=func.now())
    )
