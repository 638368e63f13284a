"""Press-conference transcripts of a real ministry site are dated by their titles.

Reads pages from ``../shared/bulk/fmprc-press-2018-2020`` (skipped when absent). The pages have
no date element; each <title> reads "... Regular Press Conference on <Month D, YYYY>", read
here with a regex of its own, independently of the pipeline. ``bench/silver_press.py`` runs the
same check over the whole folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from pathlib import Path

import pytest

from etl.article import RawInput
from etl.ingest.decode import decode
from etl.ingest.parse import parse

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "bulk" / "fmprc-press-2018-2020"
_TITLE_DATE = re.compile(
    r"<title>[^<]*Press Conference on (?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*</title>"
)
SAMPLE_EVERY = 25  # a spread of pages across the three years; the bench script reads them all


def _sample() -> list[tuple[Path, dt.date]]:
    if not FOLDER.is_dir():
        return []
    pages: list[tuple[Path, dt.date]] = []
    for path in sorted(FOLDER.glob("t*.html")):
        match = _TITLE_DATE.search(
            html.unescape(path.read_text(encoding="utf-8", errors="replace"))
        )
        if match:
            pages.append((path, dt.datetime.strptime(match["date"], "%B %d, %Y").date()))
    return pages[::SAMPLE_EVERY]


CASES = _sample()
pytestmark = pytest.mark.skipif(not CASES, reason=f"press-conference pages not found at {FOLDER}")


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[p.stem for p, _ in CASES])
def test_press_conference_published_on_is_the_title_date(path: Path, expected: dt.date) -> None:
    data = path.read_bytes()
    doc = parse(decode(RawInput(path.name, data, hashlib.sha256(data).hexdigest(), "html")))
    assert (doc.published_on, doc.published_precision) == (expected, "day")
