"""The pipeline as its stages: discover -> read -> decode -> parse -> load.

Each input is processed on its own: a bad one becomes a Rejection and the batch goes on;
a document is written in one transaction, so a crash never leaves half of one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from etl import schema, seeds
from etl.article import ParsedDocument, RawInput, Rejection
from etl.decode import decode
from etl.discover import discover
from etl.errors import RejectedInput, RunFailed
from etl.loader import Outcome, is_loaded, write_document
from etl.parse import EXTRACTOR_VERSION, parse
from etl.read import read
from etl.runs import RunCounts, finish_run, record_rejection, start_run

log = logging.getLogger(__name__)

OnItem = Callable[[str, str], None]
"""Called after every input with its source and outcome (loaded/replaced/unchanged/rejected)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    run_id: int
    counts: RunCounts
    status: str


def prepare_database(engine: Engine) -> None:
    """Bring the schema to head and the reference data up to date; cheap when already done."""
    if not schema.is_current(engine):
        schema.upgrade(engine)
    with engine.begin() as conn:
        seeds.seed(conn)


def extract(raw: RawInput) -> ParsedDocument:
    """Decode and parse one input. Raises RejectedInput when it cannot be a document."""
    return parse(decode(raw))


def load(
    engine: Engine,
    paths: Sequence[str],
    *,
    max_bytes: int,
    on_start: Callable[[int], None] | None = None,
    on_item: OnItem | None = None,
    strict: bool = False,
) -> LoadResult:
    """Load every article under ``paths``. ``strict`` re-raises extractor bugs (for --debug)."""
    prepare_database(engine)
    run_id = start_run(engine, "load", EXTRACTOR_VERSION)
    counts = RunCounts()
    candidates = list(discover(paths))
    if on_start:
        on_start(len(candidates))

    def reject(rejection: Rejection) -> None:
        counts.rejections.append(rejection)
        record_rejection(engine, run_id, rejection)
        log.info("rejected %s: %s", rejection.source, rejection.reason)
        if on_item:
            on_item(rejection.source, "rejected")

    try:
        for candidate in candidates:
            if isinstance(candidate, Rejection):
                counts.files_seen += 1
                reject(candidate)
                continue
            for item in read(candidate, max_bytes=max_bytes):
                counts.files_seen += 1
                if isinstance(item, Rejection):
                    reject(item)
                    continue
                outcome = _load_one(engine, item, strict=strict)
                if isinstance(outcome, Rejection):
                    reject(outcome)
                    continue
                setattr(counts, outcome, getattr(counts, outcome) + 1)
                log.info("%s %s", outcome, item.source)
                if on_item:
                    on_item(item.source, outcome)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        _finish_quietly(engine, run_id, counts, "failed", f"database error: {reason}")
        raise RunFailed(f"load stopped, database error: {reason}") from exc
    except KeyboardInterrupt:
        _finish_quietly(engine, run_id, counts, "failed", "interrupted")
        raise
    except BaseException as exc:
        _finish_quietly(engine, run_id, counts, "failed", f"{type(exc).__name__}: {exc}")
        raise
    status = "partial" if counts.rejections else "succeeded"
    finish_run(engine, run_id, counts, status)
    return LoadResult(run_id=run_id, counts=counts, status=status)


def _load_one(engine: Engine, raw: RawInput, *, strict: bool) -> Outcome | Rejection:
    if is_loaded(engine, raw.content_sha256):
        return "unchanged"
    try:
        doc = extract(raw)
    except RejectedInput as exc:
        return Rejection(raw.source, exc.reason, raw.content_sha256)
    except Exception as exc:
        # A bug in one extractor must not cost the user the rest of the batch.
        if strict:
            raise
        log.exception("extractor error on %s", raw.source)
        return Rejection(
            raw.source, f"extractor error: {type(exc).__name__}: {exc}", raw.content_sha256
        )
    return write_document(engine, doc, EXTRACTOR_VERSION)


def _finish_quietly(
    engine: Engine, run_id: int, counts: RunCounts, status: str, error: str
) -> None:
    """Record the failure if the database still answers; the original error matters more."""
    try:
        finish_run(engine, run_id, counts, status, error)
    except Exception:
        log.debug("could not record the failed run", exc_info=True)
