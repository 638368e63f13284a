"""Database contents by content, not by id: two databases loaded from the same corpus in
different ways (clean, killed and resumed, incrementally) must dump equal.

Ids differ between such databases (sequences advance on rolled-back inserts), so every row
is written with its references resolved to natural keys: a document by its source path, a
participant by (kind, name), an initiative by name, an event by its event_key.

A document's event reports are its own (they equal a clean load's as soon as it commits);
which event each belongs to is decided over the corpus at the end of a run, so that is a
shared table (``event_placement``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Engine, text

Dump = dict[str, list[tuple[object, ...]]]

# Tables with one group of rows per document; the first column is the document's source path.
PER_DOCUMENT: dict[str, str] = {
    "documents": """
        SELECT source_path, content_sha256, url, title, published_on, published_precision,
               outlet, author, dateline, language, body, word_count, extractor_version
        FROM documents""",
    "document_sentences": """
        SELECT d.source_path, s.seq, s.paragraph, s.char_start, s.char_end
        FROM document_sentences s JOIN documents d ON d.id = s.document_id""",
    "document_captions": """
        SELECT d.source_path, c.seq, c.text
        FROM document_captions c JOIN documents d ON d.id = c.document_id""",
    "document_countries": """
        SELECT d.source_path, c.country_iso3, c.mentions
        FROM document_countries c JOIN documents d ON d.id = c.document_id""",
    "document_participants": """
        SELECT d.source_path, p.kind, p.name, x.mentions
        FROM document_participants x JOIN documents d ON d.id = x.document_id
        JOIN participants p ON p.id = x.participant_id""",
    "document_initiatives": """
        SELECT d.source_path, i.name, x.mentions
        FROM document_initiatives x JOIN documents d ON d.id = x.document_id
        JOIN initiatives i ON i.id = x.initiative_id""",
    "entity_mentions": """
        SELECT d.source_path, m.entity_kind, m.country_iso3, p.kind, p.name, i.name,
               m.caption_seq, m.char_start, m.char_end, m.sentence_seq, m.surface
        FROM entity_mentions m JOIN documents d ON d.id = m.document_id
        LEFT JOIN participants p ON p.id = m.participant_id
        LEFT JOIN initiatives i ON i.id = m.initiative_id""",
    "event_reports": """
        SELECT d.source_path, r.block, r.event_type, r.name, r.start_date, r.end_date,
               r.date_precision, r.location_name, r.location_country_iso3, r.summary,
               r.confidence, r.participants::text, r.initiatives::text
        FROM event_reports r JOIN documents d ON d.id = r.document_id""",
    "event_mentions": """
        SELECT d.source_path, r.event_type, r.name, m.caption_seq, m.char_start, m.char_end,
               m.sentence_seq, m.sentence, m.confidence
        FROM event_mentions m JOIN documents d ON d.id = m.document_id
        JOIN event_reports r ON r.id = m.report_id""",
}

# Shared rows, built from all documents together.
SHARED: dict[str, str] = {
    "participants": "SELECT kind, name, country_iso3, title, short_name FROM participants",
    "participant_aliases": """
        SELECT p.kind, p.name, a.alias
        FROM participant_aliases a JOIN participants p ON p.id = a.participant_id""",
    "initiatives": """
        SELECT name, short_code, sponsor_iso3, year_launched, kind FROM initiatives""",
    "initiative_aliases": """
        SELECT i.name, a.alias
        FROM initiative_aliases a JOIN initiatives i ON i.id = a.initiative_id""",
    "event_placement": """
        SELECT d.source_path, r.event_type, r.name, r.start_date, e.event_key
        FROM event_reports r JOIN documents d ON d.id = r.document_id
        LEFT JOIN events e ON e.id = r.event_id""",
    "events": """
        SELECT event_key, event_type, name, start_date, end_date, date_precision,
               location_name, location_country_iso3, summary
        FROM events""",
    "event_participants": """
        SELECT e.event_key, p.kind, p.name, x.country_iso3, x.role
        FROM event_participants x JOIN events e ON e.id = x.event_id
        LEFT JOIN participants p ON p.id = x.participant_id""",
    "event_initiatives": """
        SELECT e.event_key, i.name
        FROM event_initiatives x JOIN events e ON e.id = x.event_id
        JOIN initiatives i ON i.id = x.initiative_id""",
}


def _key(row: tuple[object, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else repr(v) for v in row)


def _rows(conn: Connection, query: str) -> list[tuple[object, ...]]:
    return sorted((tuple(r) for r in conn.execute(text(query))), key=_key)


def dump(engine: Engine, tables: Iterable[str] | None = None) -> Dump:
    """Every derived table (or those named) as sorted lists of natural-key rows."""
    queries = {**PER_DOCUMENT, **SHARED}
    with engine.connect() as conn:
        return {name: _rows(conn, queries[name]) for name in (tables or queries)}


def for_documents(full: Dump, sources: set[str]) -> Dump:
    """The per-document part of ``full`` restricted to documents from ``sources``."""
    return {
        name: [r for r in full[name] if r[0] in sources] for name in PER_DOCUMENT if name in full
    }


def integrity_problems(engine: Engine) -> dict[str, int]:
    """Counts of rows that break the invariants a kill must never break (all should be 0)."""
    checks = {
        "documents without sentences": """
            SELECT count(*) FROM documents d WHERE NOT EXISTS
              (SELECT 1 FROM document_sentences s WHERE s.document_id = d.id)""",
        "events without reports": """
            SELECT count(*) FROM events e WHERE NOT EXISTS
              (SELECT 1 FROM event_reports r WHERE r.event_id = e.id)""",
        "event mentions placed apart from their report": """
            SELECT count(*) FROM event_mentions m JOIN event_reports r ON r.id = m.report_id
            WHERE m.event_id IS DISTINCT FROM r.event_id OR m.document_id <> r.document_id""",
        "mentions outside the body": """
            SELECT count(*) FROM entity_mentions m JOIN documents d ON d.id = m.document_id
            WHERE m.caption_seq IS NULL AND (m.char_end > length(d.body)
              OR substr(d.body, m.char_start + 1, m.char_end - m.char_start) <> m.surface)""",
        "sentences outside the body": """
            SELECT count(*) FROM document_sentences s JOIN documents d ON d.id = s.document_id
            WHERE s.char_end > length(d.body)""",
    }
    with engine.connect() as conn:
        return {name: conn.execute(text(q)).scalar_one() for name, q in checks.items()}
