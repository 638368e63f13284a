"""bench/audit: seeded random sheets of what a load stored, with the evidence to judge it."""

from __future__ import annotations

import importlib.util
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from etl import pipeline

REPO = Path(__file__).resolve().parent.parent


def _audit():
    loader = SourceFileLoader("bench_audit", str(REPO / "bench" / "audit"))
    spec = importlib.util.spec_from_loader("bench_audit", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_audit"] = module
    loader.exec_module(module)
    return module


ARTICLES = {
    "wire-a.txt": "Foreign Minister Amara Tesfaye of Ethiopia met Chinese Foreign Minister Wang Yi "
    "in Beijing on March 3, 2024. The two ministers discussed trade and regional security.",
    "wire-b.txt": "President Lula da Silva held a phone call with Indian Prime Minister Narendra "
    "Modi on April 9, 2024, about the coming summit.",
    "other.txt": "Chinese President Xi Jinping visited Serbia on May 7, 2024, and met President "
    "Aleksandar Vucic in Belgrade.",
}


def _load(engine: Engine, folder: Path) -> None:
    for name, body in ARTICLES.items():
        (folder / name).write_text(body, encoding="utf-8")
    pipeline.load(engine, [str(folder)], max_bytes=1 << 20)


def test_sheets_show_the_stored_rows_with_their_evidence(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    audit = _audit()
    _load(engine, tmp_path)
    url = db_url.render_as_string(hide_password=False)
    out = tmp_path / "sheets"
    paths = audit.write_sheets(
        url, out, source="wire-", events=10, people=10, seed=1, kinds=["person"]
    )
    events = (out / "events.md").read_text()
    people = (out / "participants.md").read_text()
    assert paths == [out / "events.md", out / "participants.md"]
    # only what the wire- documents report, each with its sentence and a blank verdict
    assert "Serbia" not in events and "Vucic" not in people
    assert "Wang Yi" in events and "> Foreign Minister Amara Tesfaye of Ethiopia met" in events
    assert events.count("verdict: (right / partly / wrong)") == events.count("\n## E")
    assert "## P" in people and "Narendra Modi" in people
    # the same database and seed give the same sheets
    audit.write_sheets(url, out, source="wire-", events=10, people=10, seed=1, kinds=["person"])
    assert (out / "events.md").read_text() == events


def test_the_sample_is_seeded_and_never_larger_than_the_population() -> None:
    audit = _audit()
    ids = list(range(100))
    assert audit.sample(ids, 5, seed=3) == audit.sample(ids, 5, seed=3)
    assert audit.sample(ids, 5, seed=3) != audit.sample(ids, 5, seed=4)
    assert audit.sample([7, 8], 5, seed=1) == [7, 8]


def test_tally_counts_verdicts_and_classes() -> None:
    audit = _audit()
    sheet = (
        "## E1\nverdict: right\nclass:\n\n## E2\nverdict: wrong\nclass: wrong date; duplicate\n"
        "## E3\nverdict: (right / partly / wrong)\nclass:\n## E4\nverdict: Wrong\nclass: Duplicate\n"
    )
    verdicts, classes = audit.tally(sheet)
    assert verdicts == {"right": 1, "wrong": 2, "unjudged": 1}
    assert classes == {"duplicate": 2, "wrong date": 1}
