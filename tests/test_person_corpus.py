"""A surname resolves across documents to the one full name that fits, and two people with one
surname stay apart: loaded through the real pipeline into a real database.

The articles are written for these tests; the names are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from etl import pipeline


def _write(folder: Path, name: str, published: str, body: str) -> Path:
    path = folder / f"{name}.jsonl"
    record = {"title": f"Report {name}", "published": published, "text": body}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _people(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.name, count(dp.document_id) FROM participants p"
                " LEFT JOIN document_participants dp ON dp.participant_id = p.id"
                " WHERE p.kind = 'person' GROUP BY p.name"
            )
        ).all()
    return dict(rows)


def test_a_surname_resolves_across_documents(engine: Engine, tmp_path: Path) -> None:
    full = _write(
        tmp_path,
        "a",
        "2023-05-02",
        "Foreign Minister Matteo Di Castello of Italy arrived in Vienna on Monday.",
    )
    short = _write(
        tmp_path,
        "b",
        "2023-05-09",
        "Foreign Minister Di Castello met Foreign Minister Halvard Moen of Norway in Oslo on "
        "May 8 to discuss shipping.",
    )
    pipeline.load(engine, [str(short), str(full)])
    people = _people(engine)
    assert "Di Castello" not in people
    assert people["Matteo Di Castello"] == 2
    with engine.connect() as conn:
        in_events = conn.execute(
            text(
                "SELECT DISTINCT p.name FROM event_participants ep"
                " JOIN participants p ON p.id = ep.participant_id WHERE p.kind = 'person'"
            )
        ).scalars()
        assert "Matteo Di Castello" in set(in_events)


def test_two_people_with_one_surname_stay_apart(engine: Engine, tmp_path: Path) -> None:
    more = " They discussed trade, fisheries and the treaty which their governments prepare."
    paths = [
        _write(
            tmp_path,
            "a",
            "2023-05-02",
            "Foreign Minister Ana Verhoek of Belgium met Foreign Minister Halvard Moen of Norway"
            " in Oslo on May 1." + more,
        ),
        _write(
            tmp_path,
            "b",
            "2023-06-03",
            "Foreign Minister Pieter Verhoek of Belgium met Foreign Minister Halvard Moen of"
            " Norway in Oslo on June 2." + more,
        ),
        _write(
            tmp_path,
            "c",
            "2023-07-04",
            "Foreign Minister Verhoek of Belgium met Foreign Minister Halvard Moen of Norway in"
            " Oslo on July 3." + more,
        ),
    ]
    pipeline.load(engine, [str(p) for p in paths])
    people = _people(engine)
    assert {"Ana Verhoek", "Pieter Verhoek", "Verhoek"} <= set(people)
