"""A record of a JSON Lines file is known by its own identity (its id, else its URL, else its
content), never by its line: a record added at the top, records dropped or lines reordered
change nothing else; a record that left its file shows in `status --missing` and goes with
`prune`; every rerun settles after one run. Databases of older versions, which stored
records as ``path#L<line>``, upgrade without anything loaded twice or lost."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl import pipeline
from etl.article import RawInput
from etl.cli import app
from etl.ingest.discover import Candidate
from etl.ingest.read import read
from etl.load import schema

CITIES = [
    ("Lisbon", "Portugal", "Morocco"),
    ("Nairobi", "Kenya", "Tanzania"),
    ("Hanoi", "Vietnam", "Laos"),
    ("Santiago", "Chile", "Argentina"),
    ("Warsaw", "Poland", "Lithuania"),
    ("Accra", "Ghana", "Togo"),
    ("Manila", "Philippines", "Japan"),
    ("Ottawa", "Canada", "Mexico"),
    ("Tbilisi", "Georgia", "Armenia"),
    ("Dhaka", "Bangladesh", "Bhutan"),
    ("Lima", "Peru", "Ecuador"),
    ("Oslo", "Norway", "Iceland"),
    ("Amman", "Jordan", "Egypt"),
]


def _text(i: int) -> str:
    city, host, guest = CITIES[i % len(CITIES)]
    return (
        f"{city} talks on river ports, round {i}\n\n"
        f"{city.upper()}, May {i + 1}, 2024 -- The foreign ministers of {host} and {guest} met"
        f" in {city} on Thursday for a round of talks about river ports and customs posts."
        f" Both delegations said the round, the {i + 1}th this year, had narrowed the gaps on"
        " fees and inspection hours.\n\nThe ministers asked their staff to draft a protocol on"
        " shared inspections before the next meeting, officials from both sides said."
    )


def _record(i: int, **fields: object) -> dict[str, object]:
    return {"title": f"River ports round {i}", "text": _text(i), **fields}


def _write(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _documents(engine: Engine) -> dict[str, int]:
    """{title: id} of every stored document."""
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT title, id FROM documents")).all())


def _cli(url: URL, *args: str):  # type: ignore[no-untyped-def]
    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    return CliRunner().invoke(app, list(args), env=env)


def _counts(result: pipeline.LoadResult) -> tuple[int, int, int]:
    c = result.counts
    return (c.loaded, c.replaced, c.unchanged)


# ---------------------------------------------------------------- reading, no database


def _read(path: Path) -> list[RawInput]:
    items = list(read(Candidate(str(path), path, "json"), max_bytes=1 << 20))
    assert all(isinstance(i, RawInput) for i in items), items
    return items  # type: ignore[return-value]


def test_a_record_is_keyed_by_its_id_else_its_url_else_its_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    no_identity = json.dumps(_record(3))
    path.write_text(
        json.dumps(_record(1, id=17, url="https://news.example/one"))
        + "\n"
        + json.dumps(_record(2, url=" https://news.example/two "))
        + "\n\n"
        + no_identity
        + "\n"
        + json.dumps(_record(4, id="  ", url="https://news.example/four"))
        + "\n"
    )
    items = _read(path)
    assert [i.record for i in items] == [
        "id=17",
        "url=https://news.example/two",
        f"sha256={hashlib.sha256(no_identity.encode()).hexdigest()}",
        "url=https://news.example/four",  # a blank id states nothing
    ]
    # The line stays in the source, where messages point the user.
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["L1", "L2", "L4", "L5"]


def test_an_identity_shared_by_different_records_identifies_none_of_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feed.jsonl"
    home = "https://agency.example/"
    _write(
        path,
        [_record(1, url=home), _record(2, url=home), _record(3, url="https://agency.example/3")],
    )
    keys = [i.record for i in _read(path)]
    assert keys[0] != keys[1] and all(k.startswith("sha256=") for k in keys[:2])
    assert keys[2] == "url=https://agency.example/3"
    # The same record twice is one record: its identity is not shared with anyone else.
    _write(path, [_record(5, id=5), _record(5, id=5)])
    assert [i.record for i in _read(path)] == ["id=5", "id=5"]


def test_array_records_and_piped_lines_are_keyed_alike(tmp_path: Path) -> None:
    array = tmp_path / "batch.json"
    array.write_text(json.dumps([_record(1, id="a"), _record(2)]))
    keys = [i.record for i in _read(array)]
    assert keys[0] == "id=a" and keys[1].startswith("sha256=")
    lines = (json.dumps(_record(1, id="a")) + "\n" + json.dumps(_record(2, id="b"))).encode()
    piped = list(
        read(Candidate("<stdin>", None, "text"), max_bytes=1 << 20, stdin=io.BytesIO(lines))
    )
    assert [i.record for i in piped if isinstance(i, RawInput)] == ["id=a", "id=b"]


# ------------------------------------------------------------ loading, real PostgreSQL


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    return tmp_path / "feed.jsonl"


def test_prepending_dropping_and_restoring_lines_settles_and_loses_nothing(
    engine: Engine, db_url: URL, feed: Path
) -> None:
    """The issue's scenario, with records of our own: some with ids, some with URLs only,
    some with neither."""

    def identity(i: int) -> dict[str, object]:
        return {0: {"id": f"r{i}"}, 1: {"url": f"https://wire.example/{i}"}, 2: {}}[i % 3]

    original = [_record(i, **identity(i)) for i in range(12)]
    _write(feed, original)
    assert _counts(pipeline.load(engine, [str(feed)])) == (12, 0, 0)
    first = _documents(engine)

    # A new record at the top; records 4 to 6 dropped.
    edited = [_record(12, id="r12"), *original[:4], *original[7:]]
    _write(feed, edited)
    assert _counts(pipeline.load(engine, [str(feed)])) == (1, 0, 9)
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 10)
    now = _documents(engine)
    assert {t: now[t] for t in first} == first  # same documents, same ids: nothing lost

    dropped = {f"River ports round {i}" for i in (4, 5, 6)}
    listed = _cli(db_url, "status", "--missing")
    assert listed.exit_code == 0, listed.output
    missing_ids = {int(line.split()[0]) for line in listed.stdout.splitlines()}
    assert missing_ids == {first[t] for t in dropped}
    assert "3 documents whose source is missing" in listed.stderr
    assert all("feed.jsonl#" in line for line in listed.stdout.splitlines())

    # Restored: the dropped records are whole again, nothing else moves.
    _write(feed, original)
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 12)
    assert pipeline.missing_documents(engine) == [
        (now["River ports round 12"], _shown(feed, "id=r12"))
    ]
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 12)

    # Edited again and pruned: the dropped records go, the others stay.
    _write(feed, edited)
    pipeline.load(engine, [str(feed)])
    pruned = _cli(db_url, "prune")
    assert pruned.exit_code == 0 and "3 documents pruned" in pruned.stdout, pruned.output
    assert set(_documents(engine)) == set(first) - dropped | {"River ports round 12"}
    assert pipeline.missing_documents(engine) == []
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 10)


def _shown(path: Path, record: str) -> str:
    return f"{path}#{record}"


def test_reordered_lines_change_nothing(engine: Engine, feed: Path) -> None:
    records = [_record(i, id=i) if i % 2 else _record(i) for i in range(6)]
    _write(feed, records)
    pipeline.load(engine, [str(feed)])
    before = _documents(engine)
    _write(feed, records[::-1])
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 6)
    assert _documents(engine) == before
    assert pipeline.missing_documents(engine) == []


def test_an_edited_record_replaces_its_document_by_identity(engine: Engine, feed: Path) -> None:
    _write(feed, [_record(0), _record(1, id="k1"), _record(2)])
    pipeline.load(engine, [str(feed)])
    before = _documents(engine)

    # The record with an id changes its title, and moves to the end of the file.
    _write(feed, [_record(0), _record(2), {**_record(1, id="k1"), "title": "River ports, revised"}])
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 1, 2)
    after = _documents(engine)
    assert "River ports round 1" not in after and "River ports, revised" in after
    assert {t: after[t] for t in ("River ports round 0", "River ports round 2")} == {
        t: before[t] for t in ("River ports round 0", "River ports round 2")
    }
    assert pipeline.missing_documents(engine) == []

    # A record with no identity that changes is another record: the old one is missing.
    _write(feed, [{**_record(0), "title": "River ports zero"}, _record(2), _record(1, id="k1")])
    assert _counts(pipeline.load(engine, [str(feed)])) == (1, 1, 1)
    assert [i for i, _ in pipeline.missing_documents(engine)] == [before["River ports round 0"]]


def test_records_sharing_a_url_all_load_and_settle(engine: Engine, feed: Path) -> None:
    home = "https://ministry.example/"
    _write(feed, [_record(i, url=home) for i in range(4)])
    assert _counts(pipeline.load(engine, [str(feed)])) == (4, 0, 0)
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 4)
    # One of them left: the other three now share the URL still; nothing else changes.
    _write(feed, [_record(i, url=home) for i in (0, 2, 3)])
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 3)
    assert len(pipeline.missing_documents(engine)) == 1


def _as_older_diplo_stored(engine: Engine) -> None:
    """Put the rows back as an older diplo left them: the record's line as its key, which
    is what migration 0007 makes of ``path#L<line>``."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE documents d SET source_record = 'L' || n.line FROM ("
                " SELECT id, row_number() OVER (PARTITION BY source_path ORDER BY id) AS line"
                " FROM documents) n WHERE n.id = d.id AND d.source_record IS NOT NULL"
            )
        )


def _keys(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT source_record FROM documents ORDER BY id")))


def test_rows_of_an_older_diplo_are_re_keyed_by_the_next_load(engine: Engine, feed: Path) -> None:
    records = [_record(i, url=f"https://wire.example/{i}") for i in range(4)]
    records.append(_record(4, id="k4"))
    _write(feed, records)
    pipeline.load(engine, [str(feed)])
    ids = _documents(engine)
    _as_older_diplo_stored(engine)
    assert _keys(engine) == ["L1", "L2", "L3", "L4", "L5"]
    assert pipeline.missing_documents(engine) == []  # judged by content until re-keyed

    # Since the older load, a record was added at the top and record 2 was edited: its URL
    # says it is the same record. Record 4, known by an id an older diplo did not keep, was
    # edited too: its old version can only be told gone.
    edited = [_record(9, url="https://wire.example/9"), *records]
    edited[3] = {**records[2], "title": "River ports, corrected"}
    edited[5] = {**records[4], "title": "River ports, four"}
    _write(feed, edited)
    result = pipeline.load(engine, [str(feed)])
    assert _counts(result) == (2, 1, 3)
    assert result.counts.moved == 0  # re-keying within the same file is no move
    after = _documents(engine)
    assert set(after) == {
        *ids,
        "River ports round 9",
        "River ports, corrected",
        "River ports, four",
    } - {"River ports round 2"}
    assert all(after[t] == ids[t] for t in ids if t in after)
    assert sorted(_keys(engine)) == sorted(
        ["L5", "id=k4", *(f"url=https://wire.example/{i}" for i in (0, 1, 2, 3, 9))]
    )
    assert pipeline.missing_documents(engine) == [(ids["River ports round 4"], f"{feed}#L5")]
    assert _counts(pipeline.load(engine, [str(feed)])) == (0, 0, 6)


def test_a_record_moved_to_another_file_follows_it_and_a_copy_stays(
    engine: Engine, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _write(a, [_record(0, id=0), _record(1, id=1)])
    pipeline.load(engine, [str(a)])
    ids = _documents(engine)
    # Record 1 moves from a to b; record 0 is copied into b as well.
    _write(a, [_record(0, id=0)])
    _write(b, [_record(1, id=1), _record(0, id=0)])
    result = pipeline.load(engine, [str(tmp_path)])
    assert (result.counts.loaded, result.counts.moved) == (0, 1)
    assert _documents(engine) == ids
    with engine.connect() as conn:
        homes = dict(conn.execute(text("SELECT title, source_path FROM documents")).all())
    assert homes == {"River ports round 0": str(a), "River ports round 1": str(b)}
    assert pipeline.missing_documents(engine) == []


def test_migration_splits_the_line_off_stored_sources(empty_db_url: URL) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(empty_db_url, poolclass=NullPool)
    schema.upgrade(engine, "0007")
    rows = {1: "/data/feed.jsonl#L12", 2: "/data/batch.json#3", 3: "/data/a #1 draft.txt"}
    with engine.begin() as conn:
        for i, source in rows.items():
            conn.execute(
                text(
                    "INSERT INTO documents (id, source_path, content_sha256, language, body,"
                    " word_count, extractor_version, parser_version)"
                    " VALUES (:i, :s, :h, 'en', 'x', 1, 'v', 'p')"
                ),
                {"i": i, "s": source, "h": str(i) * 64},
            )
    schema.upgrade(engine)
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT id, source_path, source_record FROM documents ORDER BY id")
        ).all()
    assert [tuple(r) for r in stored] == [
        (1, "/data/feed.jsonl", "L12"),
        (2, "/data/batch.json", "3"),
        (3, "/data/a #1 draft.txt", None),
    ]
    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET source_record = 'id=7' WHERE id = 1"))
    schema.downgrade(engine, "0007")
    with engine.connect() as conn:
        back = list(conn.scalars(text("SELECT source_path FROM documents ORDER BY id")))
    # An identity cannot be a line for an older diplo: it gets one no load writes.
    assert back == ["/data/feed.jsonl#L0", "/data/batch.json#3", "/data/a #1 draft.txt"]
    engine.dispose()


def test_gold_names_a_record_by_its_line_now_or_by_its_identity(engine: Engine, feed: Path) -> None:
    from etl.outputs.evaluate import db_predictions

    _write(feed, [_record(0, id="a"), _record(1), _record(2, url="https://wire.example/2")])
    pipeline.load(engine, [str(feed)])

    def titles(*names: str) -> list[str | None]:
        found = db_predictions(engine, names)
        return [p["metadata"]["title"] if p else None for p in found.values()]

    assert titles("feed.jsonl#L2", "feed.jsonl#id=a", "feed.jsonl#L7") == [
        "River ports round 1",
        "River ports round 0",
        None,
    ]
    # A line names the record that is on it now.
    _write(
        feed, [_record(3), _record(0, id="a"), _record(1), _record(2, url="https://wire.example/2")]
    )
    pipeline.load(engine, [str(feed)])
    assert titles("feed.jsonl#L2", "feed.jsonl#L4") == [
        "River ports round 0",
        "River ports round 2",
    ]
    assert titles("feed.jsonl#url=https://wire.example/2") == ["River ports round 2"]
