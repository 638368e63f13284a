"""The pipeline as its stages: ingest (discover -> read -> decode -> parse) -> extract
(entities, events) -> load (one transaction per document), with the run recorded in
``etl_runs``.

Each input is processed on its own: a bad one becomes a Rejection and the batch goes on;
a document is written in one transaction, so a crash never leaves half of one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, select

from etl.article import ParsedDocument, RawInput, Rejection
from etl.errors import ConfigError, ExtractorUnavailable, RejectedInput
from etl.extract.extractor import (
    EXTRACTOR_VERSION,
    Extraction,
    analysis_text,
    extract,
)
from etl.extract.nlp import analyze_many, check_model
from etl.ingest.decode import decode
from etl.ingest.discover import Candidate, discover, is_pattern, printable
from etl.ingest.parse import PARSER_VERSION, parse
from etl.ingest.read import read
from etl.ingest.sources import (
    SourceJudge,
    display,
    source_file,
    stored_file,
    stored_source,
)
from etl.load import corpus
from etl.load.events import drop_unreported
from etl.load.executors import BATCH_SIZE as BATCH_SIZE
from etl.load.executors import chunks, make_executor
from etl.load.loader import (
    Outcome,
    Source,
    clear_facts,
    delete_orphans,
    find_document,
    has_positions,
    move_document,
    positional_documents,
    write_document,
)
from etl.load.locks import load_lock
from etl.load.reextract import reextract as reextract  # callers know it as pipeline.reextract
from etl.load.runs import (
    LoadResult as LoadResult,
)
from etl.load.runs import (
    RememberedRejections,
    RunCounts,
    fail_run,
    finish_run,
    record_progress,
    record_rejection,
    remembered_rejections,
    start_run,
)
from etl.load.runs import (
    prepare_database as prepare_database,
)
from etl.settings import DEFAULT_MAX_BYTES
from models import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

OnItem = Callable[[str, str], None]
"""Called after every input with its source and outcome (loaded/replaced/unchanged/rejected)."""


def process(raw: RawInput) -> Extraction:
    """Decode, parse and extract one input. Raises RejectedInput when it cannot be a document."""
    return extract(parse(decode(raw)))


def _rejection(raw: RawInput, exc: Exception, strict: bool) -> Rejection:
    """A failed input as a value. A bug in one extractor must not cost the user the rest of
    the batch, unless ``strict`` (--debug) asks for the traceback."""
    if isinstance(exc, RejectedInput):
        return Rejection(raw.source, exc.reason, raw.content_sha256)
    if strict or isinstance(exc, ExtractorUnavailable):
        # --debug wants the traceback; a broken installation is no input's fault and must
        # stop the run rather than reject (or worse, degrade) every HTML page after it.
        raise exc
    log.error("extractor error on %s", raw.source, exc_info=exc)
    return Rejection(
        raw.source, f"extractor error: {type(exc).__name__}: {exc}", raw.content_sha256
    )


def process_batch(batch: Sequence[tuple[RawInput, bool]]) -> list[Extraction | Rejection]:
    """``process`` for a batch of inputs, as executors run it: the model analyses the batch
    with ``nlp.pipe``; failures come back as Rejection values, in input order."""
    results: list[Extraction | Rejection | None] = [None] * len(batch)
    parsed: list[tuple[int, ParsedDocument]] = []
    for i, (raw, strict) in enumerate(batch):
        try:
            parsed.append((i, parse(decode(raw))))
        except Exception as exc:
            results[i] = _rejection(raw, exc, strict)
    texts = [analysis_text(doc) for _, doc in parsed]
    try:
        analyses: list[Doc | None] = list(analyze_many(texts))
    except Exception:
        # One text the model cannot take must not sink the batch: analyse them one by one.
        analyses = [None] * len(texts)
    for (i, doc), nlp_doc in zip(parsed, analyses, strict=True):
        try:
            results[i] = extract(doc, nlp_doc)
        except Exception as exc:
            results[i] = _rejection(batch[i][0], exc, batch[i][1])
    return [r for r in results if r is not None]


@dataclass(frozen=True, slots=True)
class LoadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    since: dt.datetime | None = None  # only files modified at or after this time
    workers: int | None = 1  # extraction processes; None: one per core
    scheduler: str | None = None  # a Dask scheduler address instead of local processes
    wait: bool = False  # queue behind a running load instead of failing
    strict: bool = False  # re-raise extractor bugs (--debug)
    force: bool = False  # re-read and re-parse files even when their content is stored
    retry_rejected: bool = False  # try again inputs an earlier run rejected


def load(
    engine: Engine,
    paths: Sequence[str],
    options: LoadOptions | None = None,
    *,
    on_start: Callable[[int], None] | None = None,
    on_item: OnItem | None = None,
    **overrides: object,
) -> LoadResult:
    """Load every article under ``paths``: one load at a time per database, each document in
    its own transaction, unchanged content skipped before it is parsed."""
    opts = dataclasses.replace(options or LoadOptions(), **overrides)  # type: ignore[arg-type]
    _check_paths_exist(paths)
    check_model()  # a missing or mismatched model is a setup error, not a rejection per file
    with load_lock(engine, wait=opts.wait) as lock:
        prepare_database(engine)
        run_id = start_run(engine, "load", EXTRACTOR_VERSION)
        counts = RunCounts()
        remembered = (
            RememberedRejections()
            if opts.retry_rejected
            else remembered_rejections(engine, EXTRACTOR_VERSION)
        )
        candidates = [c for c in discover(paths) if _modified_since(c, opts.since)]
        if on_start:
            on_start(len(candidates))
        # Stored sources of content that is being re-parsed, and content written by this run.
        reparsing: dict[str, Source] = {}
        written: set[str] = set()
        judge = SourceJudge()
        positional_files: dict[str, bool] = {}  # files with rows an older diplo keyed by line

        def reject(rejection: Rejection) -> None:
            source = stored_source(rejection.source)
            if remembered.covers(rejection, source):
                known_reject(rejection.source)
                return
            counts.rejections.append(rejection)
            record_rejection(engine, run_id, rejection, source)
            log.info("rejected %s: %s", rejection.source, rejection.reason)
            if on_item:
                on_item(rejection.source, "rejected")

        def known_reject(source: str) -> None:
            counts.known_rejects += 1
            log.info("skipped %s: rejected by an earlier run", source)
            if on_item:
                on_item(source, "skipped")

        def done(source: str, outcome: Outcome) -> None:
            if outcome == "moved":
                counts.moved += 1
                outcome = "unchanged"
            setattr(counts, outcome, getattr(counts, outcome) + 1)
            log.info("%s %s", outcome, source)
            if on_item:
                on_item(source, outcome)

        def home(stored: Source, new: Source, content_sha256: str) -> Source:
            """Where a document whose content was stored at ``stored`` and is now read at
            ``new`` lives from now on."""
            if stored[0] == new[0]:
                # The same file: the same record, known by the key this diplo gives it.
                return new
            if source_file(new[0]) is None or judge.state(*stored, content_sha256) == "present":
                return stored  # a copy (or standard input): the original keeps it
            return new  # moved (or stored relative by an older diplo): it follows its file

        def settle(item: RawInput) -> bool:
            """Settle an input whose content needs no parsing (unchanged, moved, rejected
            before); False when it must be processed."""
            if item.content_sha256 in written:
                done(item.source, "unchanged")  # the same content twice in one run
                return True
            stored = find_document(engine, item.content_sha256)
            if stored is None:
                if remembered.covers_content(item.content_sha256):
                    known_reject(item.source)
                    return True
                return False
            if opts.force or stored.parser_version != PARSER_VERSION:
                reparsing[item.content_sha256] = stored.source
                return False
            new = home(
                stored.source, (stored_file(item.source), item.record), stored.content_sha256
            )
            if new == stored.source:
                done(item.source, "unchanged")
                return True
            move_document(engine, stored.id, item.content_sha256, new)
            done(item.source, "moved" if new[0] != stored.source_path else "unchanged")
            return True

        def to_process() -> Iterator[tuple[RawInput, bool]]:
            """Inputs that need extraction; everything else is settled on the way."""
            for candidate in candidates:
                items = (
                    [candidate]
                    if isinstance(candidate, Rejection)
                    else read(candidate, max_bytes=opts.max_bytes)
                )
                for item in items:
                    counts.files_seen += 1
                    if isinstance(item, Rejection):
                        reject(item)
                    elif not settle(item):
                        yield item, opts.strict

        def replaced_record(source: Source, doc: ParsedDocument) -> Source | None:
            """The document an older diplo stored by line for this record, if it has left the
            file since: one with the URL that identifies this record (its edited version)."""
            path, record = source
            if record is None or not record.startswith("url=") or doc.url is None:
                return None
            if path not in positional_files:
                positional_files[path] = has_positions(engine, path)
            if not positional_files[path]:
                return None
            for old in positional_documents(engine, path, doc.url):
                if judge.state(*old.source, old.content_sha256) == "missing":
                    return old.source
            return None

        def write(extraction: Extraction) -> None:
            doc = extraction.document
            if doc.content_sha256 in written:
                done(doc.source, "unchanged")
                return
            source: Source = (stored_file(doc.source), doc.record)
            old = reparsing.get(doc.content_sha256)
            if old is not None:
                source = home(old, source, doc.content_sha256)
            outcome = write_document(
                engine,
                extraction,
                EXTRACTOR_VERSION,
                parser_version=PARSER_VERSION,
                source=source,
                replaces=replaced_record(source, doc) if old is None else None,
                reparse=old is not None,
            )
            written.add(doc.content_sha256)
            done(doc.source, outcome)

        executor = make_executor(opts.workers, opts.scheduler)
        try:
            batches = chunks(to_process(), BATCH_SIZE)
            for results in executor.imap(process_batch, batches):
                lock.check()
                for result in results:
                    if isinstance(result, Rejection):
                        reject(result)
                    else:
                        write(result)
                record_progress(engine, run_id, counts)
            corpus.finish(engine)
        except BaseException as exc:
            fail_run(engine, run_id, counts, "load", exc)
        finally:
            executor.close()
        status = "partial" if counts.rejections else "succeeded"
        finish_run(engine, run_id, counts, status)
    return LoadResult(run_id=run_id, counts=counts, status=status)


def _check_paths_exist(paths: Sequence[str]) -> None:
    """A named path that does not exist is a mistake in the command, not a bad input: it is
    a usage error before anything is loaded (a cron line with a typo must not look like a
    file that fails to parse). Glob patterns are not paths; what they match is judged later."""
    for arg in paths:
        if arg == "-" or is_pattern(arg):
            continue
        try:
            os.stat(arg)
        except (FileNotFoundError, NotADirectoryError):
            what = "broken symbolic link" if os.path.islink(arg) else "no such file or directory"
            raise ConfigError(f"{what}: {printable(arg)}") from None
        except OSError:
            pass  # exists but cannot be used (a link loop, permissions): discover says why


def _modified_since(candidate: Candidate | Rejection, since: dt.datetime | None) -> bool:
    if since is None or isinstance(candidate, Rejection) or candidate.path is None:
        return True
    try:
        return candidate.path.stat().st_mtime >= since.timestamp()
    except OSError:
        return True  # let the reader report what is wrong with it


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """Stored documents whose source is gone (the file, or the record from its file), and
    how many could not be judged from here (relative paths from older versions, unreadable
    directories, standard input)."""

    missing: list[tuple[int, str]]
    unknown: int


def check_sources(engine: Engine, *, short: bool = True) -> SourceCheck:
    """``missing`` as ``(document id, source as users see it)``; absolute paths unless
    ``short``."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Document.id, Document.source_path, Document.source_record, Document.content_sha256
            ).order_by(Document.source_path, Document.source_record, Document.id)
        ).all()
    judge = SourceJudge()
    missing: list[tuple[int, str]] = []
    unknown = 0
    for document_id, path, record, sha in rows:
        state = judge.state(path, record, sha)
        if state == "missing":
            missing.append((document_id, display(path, record, short=short)))
        elif state == "unknown" and not path.startswith("<"):
            unknown += 1
    return SourceCheck(missing, unknown)


def missing_documents(engine: Engine) -> list[tuple[int, str]]:
    """Documents whose source certainly no longer exists (see ``SourceJudge``), with their
    source as stored (absolute)."""
    return check_sources(engine, short=False).missing


def documents_from(engine: Engine, paths: Sequence[str]) -> list[tuple[int, str]]:
    """Documents loaded from ``paths`` (files, or directories and everything below them),
    whether or not the files are still there, with their sources as stored (absolute).
    Paths are taken literally and made absolute as a load stores them."""
    roots = []
    for arg in paths:
        if arg == "-":
            raise ConfigError("`-` (standard input) names no path to prune")
        roots.append(stored_file(arg))
    with engine.connect() as conn:
        rows = conn.execute(
            select(Document.id, Document.source_path, Document.source_record).order_by(
                Document.source_path, Document.source_record, Document.id
            )
        ).all()
    return [
        (document_id, display(path, record, short=False))
        for document_id, path, record in rows
        if any(_within(path, root) for root in roots)
    ]


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root if root.endswith(os.sep) else root + os.sep)


def prune(
    engine: Engine, *, wait: bool = False, paths: Sequence[str] = ()
) -> list[tuple[int, str]]:
    """Delete the documents whose source disappeared (or, given ``paths``, every document
    loaded from them), with everything derived from them; events they alone reported go
    too, and so do people, organizations and initiatives that no document or event refers
    to any more. Runs under the load lock."""
    with load_lock(engine, wait=wait):
        gone = documents_from(engine, paths) if paths else missing_documents(engine)
        delete_documents(engine, [document_id for document_id, _ in gone])
        # Also finishes what a killed run left, even when nothing is gone now.
        corpus.finish(engine)
        if gone:
            # After the corpus pass: only then do events no longer name whom they lost.
            with engine.begin() as conn:
                delete_orphans(conn)
    return gone


def delete_documents(engine: Engine, document_ids: Sequence[int]) -> None:
    """Delete documents with everything derived from them, each in its own transaction; the
    corpus pass then recomputes the events they reported, and ``delete_orphans`` removes
    whom nothing names any more."""
    for document_id in document_ids:
        with engine.begin() as conn:
            events = clear_facts(conn, document_id)
            conn.execute(delete(Document).where(Document.id == document_id))
            drop_unreported(conn, events)
