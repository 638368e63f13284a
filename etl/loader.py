"""The load stage: one ParsedDocument becomes rows, in one transaction, or nothing at all."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Connection, Engine, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert

from etl.article import ParsedDocument
from models import Document

Outcome = Literal["loaded", "replaced", "unchanged"]


def is_loaded(engine: Engine, content_sha256: str) -> bool:
    """True when a document with this content is stored: the input needs no parsing at all."""
    with engine.connect() as conn:
        found = conn.execute(
            select(Document.id).where(Document.content_sha256 == content_sha256)
        ).first()
    return found is not None


def write_document(engine: Engine, doc: ParsedDocument, extractor_version: str) -> Outcome:
    """Insert ``doc``; an older document from the same source path is replaced with it.

    The whole document, its sentences and captions, and the removal of the version it
    replaces commit together, so a crash at any point leaves either the old or the new one.
    """
    with engine.begin() as conn:
        # Two loads of the same path must not both replace it; serialize them on the path.
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:s, 0))"), {"s": doc.source}
        )
        stale = conn.execute(
            delete(Document)
            .where(
                Document.source_path == doc.source, Document.content_sha256 != doc.content_sha256
            )
            .returning(Document.id)
        ).all()
        document_id = conn.execute(
            insert(Document)
            .values(
                source_path=doc.source,
                content_sha256=doc.content_sha256,
                url=doc.url,
                title=doc.title,
                published_on=doc.published_on,
                published_precision=doc.published_precision,
                outlet=doc.outlet,
                author=doc.author,
                dateline=doc.dateline,
                language=doc.language,
                body=doc.body,
                word_count=doc.word_count,
                extractor_version=extractor_version,
                updated_at=func.now(),
            )
            .on_conflict_do_nothing(index_elements=["content_sha256"])
            .returning(Document.id)
        ).scalar_one_or_none()
        if document_id is None:
            # Another process stored the same content first; nothing else to write.
            return "unchanged"
        _copy_segments(conn, document_id, doc)
    return "replaced" if stale else "loaded"


def _copy_segments(conn: Connection, document_id: int, doc: ParsedDocument) -> None:
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
