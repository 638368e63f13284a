"""A readout's title says which contact its "spoke with" was, loaded through the real pipeline.

Release text reads an unqualified "spoke with" as a call; a title "... Meeting with ..." says
the two met, and an explicit "by phone" in the text still makes a call. The releases are
written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from etl import pipeline

BODY = (
    "The Foreign Secretary of Norway, Kari Lundqvist, spoke today with Chilean Foreign "
    "Minister Tomas Aravena about fisheries cooperation and the coming ocean conference."
)
PHONE_BODY = (
    "The Foreign Secretary of Norway, Kari Lundqvist, spoke by phone today with Chilean "
    "Foreign Minister Tomas Aravena about fisheries cooperation."
)


def _load(engine: Engine, folder: Path, title: str, body: str) -> list[tuple[str, str]]:
    path = folder / "release.jsonl"
    record = {"title": title, "published": "2023-05-04T12:00:00Z", "text": body}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    pipeline.load(engine, [str(path)])
    with engine.connect() as conn:
        return [
            (etype, str(day))
            for etype, day in conn.execute(text("SELECT event_type, start_date FROM events"))
        ]


def test_a_meeting_title_makes_spoke_with_a_meeting(engine: Engine, tmp_path: Path) -> None:
    events = _load(engine, tmp_path, "Foreign Secretary Lundqvist's Meeting with Aravena", BODY)
    assert events == [("meeting", "2023-05-04")]


def test_without_such_a_title_spoke_with_is_a_call(engine: Engine, tmp_path: Path) -> None:
    events = _load(engine, tmp_path, "Norway and Chile on Fisheries", BODY)
    assert events == [("call", "2023-05-04")]


def test_by_phone_stays_a_call_under_a_meeting_title(engine: Engine, tmp_path: Path) -> None:
    title = "Foreign Secretary Lundqvist's Meeting with Aravena"
    assert _load(engine, tmp_path, title, PHONE_BODY) == [("call", "2023-05-04")]
