"""Scoring extraction against gold annotations (the format of ``seeds/sample_gold/``, whose
README cites the guidelines): one JSON file per article, matched to stored documents by file
name (``feed.jsonl#L2`` for the record on line 2 of a JSON Lines file as it is now, or
``feed.jsonl#id=42`` by the record's identity);
set precision / recall / F1 per field, micro-averaged over documents, like ``spacy evaluate``.

Pure functions over gold-format dicts; ``diplo evaluate`` builds the predictions from the
database, the tests and dev scripts can build them straight from the extractors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from etl.article import ParsedDocument
from etl.facts import TYPE_FAMILY, Entity, Event, Statement
from etl.ingest.dates import format_date
from etl.ingest.sources import SourceJudge, source_file
from etl.outputs.scoring import Score, max_matching, names_of, normalize_name
from etl.outputs.statement_scores import score_statements
from models import (
    Document,
    DocumentCountry,
    EntityMention,
    EventParticipant,
    EventReport,
    Initiative,
    Participant,
    StatementCountry,
    StatementInitiative,
)
from models import Event as EventRow
from models import Statement as StatementRow

METADATA_FIELDS = ("title", "published", "outlet", "author")
ENTITY_FIELDS = ("countries", "persons", "organizations", "initiatives")
ENTITY_KIND = {"persons": "person", "organizations": "organization", "initiatives": "initiative"}


def _names(item: Mapping[str, Any]) -> set[str]:
    return names_of(item)


def score_named(predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]) -> Score:
    """One-to-one matching: same canonical name first, then any shared surface form."""
    free_pred = list(range(len(predicted)))
    tp = 0
    unmatched_gold = []
    for g in gold:
        gname = normalize_name(g["name"])
        hit = next((i for i in free_pred if normalize_name(predicted[i]["name"]) == gname), None)
        if hit is None:
            unmatched_gold.append(g)
        else:
            free_pred.remove(hit)
            tp += 1
    for g in unmatched_gold:
        names = _names(g)
        hit = next((i for i in free_pred if _names(predicted[i]) & names), None)
        if hit is not None:
            free_pred.remove(hit)
            tp += 1
    return Score(tp=tp, fp=len(free_pred), fn=len(gold) - tp)


def score_set(predicted: Iterable[str], gold: Iterable[str]) -> Score:
    p, g = set(predicted), set(gold)
    return Score(tp=len(p & g), fp=len(p - g), fn=len(g - p))


def score_value(predicted: str | None, gold: str | None) -> Score:
    if gold is None:
        return Score(fp=int(predicted is not None))
    if predicted is None:
        return Score(fn=1)
    if normalize_name(predicted) == normalize_name(gold):
        return Score(tp=1)
    return Score(fp=1, fn=1)


_STOPWORDS = frozenset(
    "a an and at between by for from in into of on the to with during s".split()  # noqa: SIM905
)


def _content_words(name: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", normalize_name(name))
    return {w for w in words if w not in _STOPWORDS}


def dates_agree(a: str | None, b: str | None) -> bool:
    """Equal to the precision both give ("2024" agrees with "2024-09"), or both null."""
    if a is None or b is None:
        return a is None and b is None
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def events_match(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """GUIDELINES.md: dates agree, and either the names share most of their content words or
    the events share a participant or country and their types the same family."""
    if not dates_agree(pred.get("date"), gold.get("date")):
        return False
    pw, gw = _content_words(pred.get("name") or ""), _content_words(gold.get("name") or "")
    if pw and gw and len(pw & gw) * 2 >= max(len(pw), len(gw)):
        return True
    same_family = TYPE_FAMILY.get(pred.get("type", "")) == TYPE_FAMILY.get(gold.get("type", ""))
    people = {normalize_name(p) for p in pred.get("participants", [])} & {
        normalize_name(p) for p in gold.get("participants", [])
    }
    countries = set(pred.get("countries", [])) & set(gold.get("countries", []))
    return same_family and bool(people or countries)


def score_events(
    predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> Score:
    """Maximum one-to-one matching of predicted to gold events under ``events_match``."""
    candidates = [[j for j, p in enumerate(predicted) if events_match(p, g)] for g in gold]
    tp = len(max_matching(candidates))
    return Score(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def score_document(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for field in METADATA_FIELDS:
        scores[field] = score_value(pred["metadata"].get(field), gold["metadata"].get(field))
    scores["countries"] = score_set(pred.get("countries", []), gold.get("countries", []))
    for field in ("persons", "organizations", "initiatives"):
        scores[field] = score_named(pred.get(field, []), gold.get(field, []))
    scores["events"] = score_events(pred.get("events", []), gold.get("events", []))
    if "statements" in gold:  # gold made before statements were annotated scores none
        scores.update(score_statements(pred, gold))
    return scores


def score_corpus(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> dict[str, Score]:
    total: dict[str, Score] = {}
    for pred, gold in pairs:
        for field, s in score_document(pred, gold).items():
            total.setdefault(field, Score()).add(s)
    return total


def published_string(doc: ParsedDocument) -> str | None:
    if doc.published_on is None:
        return None
    return format_date(doc.published_on, doc.published_precision or "day")


def event_prediction(event: Event) -> dict[str, Any]:
    date = None
    if event.start_date is not None:
        date = format_date(event.start_date, event.date_precision or "day")
    return {
        "type": event.event_type,
        "name": event.name,
        "date": date,
        "location": {"city": event.location_name, "country": event.location_country_iso3},
        "participants": sorted(
            {p.name for p in event.participants if p.kind == "person" and p.name}
        ),
        "countries": sorted({p.country_iso3 for p in event.participants if p.country_iso3}),
        "evidence": event.summary,
    }


def statement_prediction(statement: Statement) -> dict[str, Any]:
    date = None
    if statement.stated_on is not None:
        date = format_date(statement.stated_on, statement.stated_precision or "day")
    return {
        "speaker": statement.speaker,
        "speaker_kind": statement.speaker_kind,
        "speaker_surface": statement.speaker_surface,
        "mode": statement.mode,
        "cue": statement.cue,
        "content": statement.content,
        "countries": list(statement.countries),
        "initiatives": list(statement.initiatives),
        "date": date,
    }


def prediction(
    doc: ParsedDocument,
    entities: Sequence[Entity],
    events: Sequence[Event] = (),
    statements: Sequence[Statement] = (),
) -> dict[str, Any]:
    """A gold-format dict of what was extracted from one document."""
    pred: dict[str, Any] = {
        "document": doc.source,
        "metadata": {
            "title": doc.title,
            "published": published_string(doc),
            "outlet": doc.outlet,
            "author": doc.author,
        },
        "countries": sorted({e.name for e in entities if e.kind == "country"}),
    }
    for field, kind in ENTITY_KIND.items():
        pred[field] = [
            {
                "name": e.name,
                "aliases": sorted({m.text for m in e.mentions}),
                **({"country": e.country_iso3} if kind == "person" else {}),
            }
            for e in entities
            if e.kind == kind
        ]
    pred["events"] = [event_prediction(e) for e in events]
    pred["statements"] = [statement_prediction(s) for s in statements]
    return pred


def read_gold(directory: Path) -> list[dict[str, Any]]:
    """Every ``*.json`` gold file in ``directory``."""
    files = sorted(directory.glob("*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def db_predictions(engine: Engine, documents: Sequence[str]) -> dict[str, dict[str, Any] | None]:
    """Gold-format predictions for the stored documents whose file name is in ``documents``
    (None where no stored document has that name)."""
    wanted = set(documents)
    found: dict[str, dict[str, Any] | None] = dict.fromkeys(documents)
    names = _GoldNames(wanted)
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Document.id,
                Document.source_path,
                Document.source_record,
                Document.content_sha256,
                Document.title,
                Document.published_on,
                Document.published_precision,
                Document.outlet,
                Document.author,
            ).order_by(Document.id.desc())
        ).all()
        by_id: dict[int, dict[str, Any]] = {}
        for r in rows:
            name = names.of(r.source_path, r.source_record, r.content_sha256)
            if name is None or found[name] is not None:
                continue
            published = (
                format_date(r.published_on, r.published_precision or "day")
                if r.published_on
                else None
            )
            pred: dict[str, Any] = {
                "document": name,
                "metadata": {
                    "title": r.title,
                    "published": published,
                    "outlet": r.outlet,
                    "author": r.author,
                },
                "countries": [],
                "persons": [],
                "organizations": [],
                "initiatives": [],
            }
            found[name] = by_id[r.id] = pred
        if not by_id:
            return found
        ids = list(by_id)
        for doc_id, iso3 in conn.execute(
            select(DocumentCountry.document_id, DocumentCountry.country_iso3).where(
                DocumentCountry.document_id.in_(ids)
            )
        ):
            by_id[doc_id]["countries"].append(iso3)
        surfaces = func.array_agg(func.distinct(EntityMention.surface))
        for doc_id, kind, name, country, aliases in conn.execute(
            select(
                EntityMention.document_id,
                Participant.kind,
                Participant.name,
                Participant.country_iso3,
                surfaces,
            )
            .join(Participant, Participant.id == EntityMention.participant_id)
            .where(EntityMention.document_id.in_(ids))
            .group_by(EntityMention.document_id, Participant.id)
        ):
            field = "persons" if kind == "person" else "organizations"
            item = {"name": name, "aliases": sorted(aliases)}
            if kind == "person":
                item["country"] = country
            by_id[doc_id][field].append(item)
        for doc_id, name, aliases in conn.execute(
            select(EntityMention.document_id, Initiative.name, surfaces)
            .join(Initiative, Initiative.id == EntityMention.initiative_id)
            .where(EntityMention.document_id.in_(ids))
            .group_by(EntityMention.document_id, Initiative.id)
        ):
            by_id[doc_id]["initiatives"].append({"name": name, "aliases": sorted(aliases)})
        for doc_id, event in _db_events(conn, ids):
            by_id[doc_id].setdefault("events", []).append(event)
        for doc_id, statement in _db_statements(conn, ids):
            by_id[doc_id].setdefault("statements", []).append(statement)
    return found


class _GoldNames:
    """The gold document name a stored document answers to: the file name with its record
    (``feed.jsonl#id=42``, or ``feed.jsonl#L2`` for the record on line 2 of the file as it
    is now), else the bare file name."""

    def __init__(self, wanted: set[str]) -> None:
        self.wanted = wanted
        # Files whose records gold names by position: only those are read.
        self.by_position = {n.partition("#")[0] for n in wanted if _POSITION.search(n)}
        self.judge = SourceJudge()

    def of(self, source_path: str, record: str | None, content_sha256: str) -> str | None:
        name = PurePath(source_path).name
        candidates = [f"{name}#{record}"] if record else []
        path = source_file(source_path)
        if record and name in self.by_position and path is not None:
            records = self.judge.records(path)
            at = records.positions.get(content_sha256) if records else None
            if at:
                candidates.append(f"{name}#{at}")
        candidates.append(name)
        return next((c for c in candidates if c in self.wanted), None)


_POSITION = re.compile(r"#L?\d+$")


def _db_events(conn: Connection, document_ids: list[int]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The events each document reports, as the database holds them (after deduplication)."""
    people = (
        select(func.array_agg(func.distinct(Participant.name)))
        .select_from(EventParticipant)
        .join(Participant, Participant.id == EventParticipant.participant_id)
        .where(EventParticipant.event_id == EventRow.id, Participant.kind == "person")
        .scalar_subquery()
    )
    countries = (
        select(func.array_agg(func.distinct(EventParticipant.country_iso3)))
        .where(EventParticipant.event_id == EventRow.id)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(
            EventReport.document_id, EventRow, people.label("people"), countries.label("countries")
        )
        .join(EventRow, EventRow.id == EventReport.event_id)
        .where(EventReport.document_id.in_(document_ids))
    ).all()
    seen: set[tuple[int, int]] = set()
    for r in rows:
        if (r.document_id, r.id) in seen:
            continue  # two reports of one document placed in one event
        seen.add((r.document_id, r.id))
        date = format_date(r.start_date, r.date_precision or "day") if r.start_date else None
        yield (
            r.document_id,
            {
                "type": r.event_type,
                "name": r.name,
                "date": date,
                "location": {"city": r.location_name, "country": r.location_country_iso3},
                "participants": sorted(p for p in (r.people or []) if p),
                "countries": sorted(c for c in (r.countries or []) if c),
                "evidence": r.summary,
            },
        )


def _db_statements(
    conn: Connection, document_ids: list[int]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The statements each document holds, in the form ``statement_prediction`` gives."""
    s = StatementRow
    countries = (
        select(func.array_agg(StatementCountry.country_iso3))
        .where(StatementCountry.statement_id == s.id)
        .scalar_subquery()
    )
    initiatives = (
        select(func.array_agg(Initiative.name))
        .join(StatementInitiative, StatementInitiative.initiative_id == Initiative.id)
        .where(StatementInitiative.statement_id == s.id)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(
            s.document_id,
            Participant.name,
            Participant.kind,
            s.speaker_country_iso3,
            s.speaker_surface,
            s.mode,
            s.cue,
            s.content,
            s.stated_on,
            s.stated_precision,
            countries.label("countries"),
            initiatives.label("initiatives"),
        )
        .outerjoin(Participant, Participant.id == s.speaker_participant_id)
        .where(s.document_id.in_(document_ids))
        .order_by(s.document_id, s.char_start)
    ).all()
    for r in rows:
        date = format_date(r.stated_on, r.stated_precision or "day") if r.stated_on else None
        yield (
            r.document_id,
            {
                "speaker": r.name or r.speaker_country_iso3,
                "speaker_kind": r.kind or "country",
                "speaker_surface": r.speaker_surface,
                "mode": r.mode,
                "cue": r.cue,
                "content": r.content,
                "countries": sorted(r.countries or []),
                "initiatives": sorted(r.initiatives or []),
                "date": date,
            },
        )


def evaluate(engine: Engine, gold_dir: Path) -> tuple[dict[str, Score], list[str]]:
    """Scores of the stored documents against the gold files; also the gold documents that are
    not loaded (scored as all misses)."""
    gold = read_gold(gold_dir)
    preds = db_predictions(engine, [g["document"] for g in gold])
    missing = [name for name, p in preds.items() if p is None]
    empty = {"metadata": {}, "countries": [], "persons": [], "organizations": [], "initiatives": []}
    pairs = [(preds[g["document"]] or empty, g) for g in gold]
    return score_corpus(pairs), missing
