"""`diplo reextract`: the entity, event and statement rows of stored documents rebuilt from
their bodies with the current extractor, without the files.

The model's analysis is the slow part, so it runs where a load's does: batches of stored
documents go to an executor (this process, local worker processes, or a Dask cluster) and
come back as facts in order; each document is then rewritten in its own transaction here,
under the load lock, so a crash never leaves half of one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from etl.article import DatePrecision
from etl.extract.entities import CombinedText
from etl.extract.extractor import EXTRACTOR_VERSION, extract_facts
from etl.extract.nlp import analyze_many, check_model
from etl.load import corpus
from etl.load.events import drop_unreported
from etl.load.executors import BATCH_SIZE, chunks, make_executor
from etl.load.loader import clear_facts, set_extractor_version, write_facts
from etl.load.locks import load_lock
from etl.load.runs import (
    LoadResult,
    RunCounts,
    fail_run,
    finish_run,
    prepare_database,
    record_progress,
    start_run,
)
from models import Document, DocumentCaption, DocumentSentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from etl.extract.extractor import Facts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What the extractor reads of a stored document (sent to workers, so plain values)."""

    document_id: int
    content_sha256: str
    body: str
    captions: tuple[str, ...]
    published_on: dt.date | None
    published_precision: DatePrecision | None
    title: str | None


def reextract_batch(batch: Sequence[StoredDocument]) -> list[tuple[StoredDocument, Facts]]:
    """The facts of a batch of stored documents; the model analyses the batch at once
    (``nlp.pipe``), as a load's batches are."""
    texts = [CombinedText.of(d.body, d.captions).text for d in batch]
    try:
        analyses: list[Doc | None] = list(analyze_many(texts))
    except Exception:
        # One text the model cannot take must not sink the batch: analyse them one by one.
        analyses = [None] * len(texts)
    return [
        (
            d,
            # The title names a transcript's speaker (a press conference's spokesperson).
            extract_facts(
                d.body,
                d.captions,
                published_on=d.published_on,
                published_precision=d.published_precision,
                nlp_doc=nlp_doc,
                title=d.title,
            ),
        )
        for d, nlp_doc in zip(batch, analyses, strict=True)
    ]


def reextract(
    engine: Engine,
    *,
    everything: bool = False,
    wait: bool = False,
    workers: int | None = 1,
    on_start: Callable[[int], None] | None = None,
    on_item: Callable[[str, str], None] | None = None,
) -> LoadResult:
    """Rebuild the derived rows of documents extracted by another extractor version (or,
    with ``everything``, of every document); ``workers`` extraction processes (None: one
    per core). Each document is rewritten in its own transaction."""
    check_model()
    with load_lock(engine, wait=wait) as lock:
        prepare_database(engine)
        run_id = start_run(engine, "reextract", EXTRACTOR_VERSION)
        counts = RunCounts()
        with engine.connect() as conn:
            query = select(Document.id).order_by(Document.id)
            if not everything:
                query = query.where(Document.extractor_version != EXTRACTOR_VERSION)
            ids = list(conn.scalars(query))
        if on_start:
            on_start(len(ids))
        executor = make_executor(workers)
        try:
            for results in executor.imap(reextract_batch, _stored_batches(engine, ids)):
                lock.check()
                for stored, facts in results:
                    counts.files_seen += 1
                    if _rewrite(engine, stored, facts):
                        counts.replaced += 1
                    if on_item:
                        on_item(str(stored.document_id), "replaced")
                record_progress(engine, run_id, counts)
            corpus.finish(engine)
        except BaseException as exc:
            fail_run(engine, run_id, counts, "reextract", exc)
        finally:
            executor.close()
        finish_run(engine, run_id, counts, "succeeded")
    return LoadResult(run_id=run_id, counts=counts, status="succeeded")


def _stored_batches(engine: Engine, ids: Sequence[int]) -> Iterator[list[StoredDocument]]:
    """The documents to re-extract, a batch at a time: read as the executor asks for them,
    so memory stays flat however many there are."""
    for chunk in chunks(iter(ids), BATCH_SIZE):
        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    Document.id,
                    Document.content_sha256,
                    Document.body,
                    Document.published_on,
                    Document.published_precision,
                    Document.title,
                )
                .where(Document.id.in_(chunk))
                .order_by(Document.id)
            ).all()
            captions: dict[int, list[str]] = {}
            for document_id, caption in conn.execute(
                select(DocumentCaption.document_id, DocumentCaption.text)
                .where(DocumentCaption.document_id.in_(chunk))
                .order_by(DocumentCaption.document_id, DocumentCaption.seq)
            ):
                captions.setdefault(document_id, []).append(caption)
        yield [
            StoredDocument(
                document_id=document_id,
                content_sha256=sha,
                body=body,
                captions=tuple(captions.get(document_id, ())),
                published_on=published_on,
                published_precision=precision,  # type: ignore[arg-type]
                title=title,
            )
            for document_id, sha, body, published_on, precision, title in rows
        ]


def _rewrite(engine: Engine, stored: StoredDocument, facts: Facts) -> bool:
    """Replace one document's derived rows with ``facts``; False when the document was
    deleted or its content replaced since it was read (its facts are then not its own)."""
    with engine.begin() as conn:
        # Lock the document so nothing can replace it halfway through.
        current = conn.execute(
            select(Document.content_sha256)
            .where(Document.id == stored.document_id)
            .with_for_update()
        ).scalar()
        if current != stored.content_sha256:
            return False
        spans = conn.execute(
            select(DocumentSentence.char_start, DocumentSentence.char_end)
            .where(DocumentSentence.document_id == stored.document_id)
            .order_by(DocumentSentence.seq)
        ).all()
        stale_events = clear_facts(conn, stored.document_id)
        write_facts(
            conn,
            stored.document_id,
            facts,
            stored.body,
            list(stored.captions),
            [(s, e) for s, e in spans],
        )
        drop_unreported(conn, stale_events)
        set_extractor_version(conn, stored.document_id, EXTRACTOR_VERSION)
    return True
