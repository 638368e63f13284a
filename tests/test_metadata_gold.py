"""Header metadata and body cleanliness against the shared gold annotations.

The shared corpus lives next to the repository (``../shared``); these tests are skipped when
it is not there, e.g. in a standalone checkout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.article import DecodedArticle, ParsedDocument
from etl.ingest.dates import format_date
from etl.ingest.outlets import canonical_outlet
from etl.ingest.parse import parse
from etl.outputs.evaluate import normalize_name

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = (
    (SHARED / "corpus", SHARED / "eval" / "gold"),
    (SHARED / "eval" / "more" / "corpus", SHARED / "eval" / "more" / "gold"),
)
# Pages as scraped from the web (menus, mastheads, metadata lines): metadata only, since their
# bodies keep what the scrape kept.
WEB_SETS = (
    (SHARED / "eval" / "web" / "corpus", SHARED / "eval" / "web" / "gold"),
    (SHARED / "eval" / "wire" / "corpus", SHARED / "eval" / "wire" / "gold"),
)
CASES = [
    pytest.param(text, corpus_dir, gold_dir, id=text.stem)
    for corpus_dir, gold_dir in SETS
    if corpus_dir.is_dir()
    for text in sorted(corpus_dir.glob("*.txt"))
]
WEB_CASES = [
    pytest.param(text, corpus_dir, gold_dir, id=f"{corpus_dir.parent.name}-{text.stem}")
    for corpus_dir, gold_dir in WEB_SETS
    if corpus_dir.is_dir()
    for text in sorted(corpus_dir.glob("*.txt"))
]

# Header furniture seen in real pages; none of it may survive into the body.
BOILERPLATE = (
    "7 Min Read",
    "Updated 2024/01/21",
    "Home Business",
    "Home >",
    "Photo Credit",
    "[Xinhua/",
    "[Photo/",
    "(AP Photo)",
    "By Guo Jiping",
    "by YCPress",
    "By AP",
    "By Yang Sheng",
    "PTI Washington",
    "Editor’s note",
    "Share this Article",
    "Leave a Reply",
    "Suggest To A Friend",
    "BEIJING | Xinhua |",
    "XI'AN --",
    "JAKARTA –",
    " date 20",
)

pytestmark = pytest.mark.skipif(not CASES, reason=f"shared gold corpus not found at {SHARED}")


def parsed(path: Path) -> ParsedDocument:
    return parse(DecodedArticle(path.name, "0" * 64, path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("path", "corpus_dir", "gold_dir"), CASES + WEB_CASES)
def test_metadata_matches_gold(path: Path, corpus_dir: Path, gold_dir: Path) -> None:
    gold_path = gold_dir / f"{path.stem}.json"
    if not gold_path.exists():
        pytest.skip(f"no gold annotation for {path.name}")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["metadata"]
    doc = parsed(path)
    published = (
        format_date(doc.published_on, doc.published_precision)
        if doc.published_on and doc.published_precision
        else None
    )
    got = {"title": doc.title, "published": published, "outlet": doc.outlet, "author": doc.author}
    # Scored as diplo evaluate scores it: case, apostrophes and spacing do not matter.
    assert _normalised(got) == _normalised({key: gold[key] for key in got})


def _normalised(fields: dict[str, str | None]) -> dict[str, str | None]:
    # An outlet under any of its names or its domain is one outlet, as diplo evaluate scores it.
    out = {key: normalize_name(value) if value else value for key, value in fields.items()}
    if fields.get("outlet"):
        out["outlet"] = normalize_name(canonical_outlet(fields["outlet"]))
    return out


@pytest.mark.parametrize(("path", "corpus_dir", "gold_dir"), CASES)
def test_body_is_free_of_boilerplate(path: Path, corpus_dir: Path, gold_dir: Path) -> None:
    doc = parsed(path)
    for marker in BOILERPLATE:
        assert marker not in doc.body, marker
    if doc.title:
        assert not doc.body.startswith(doc.title)
    first = doc.body[doc.sentences[0].start : doc.sentences[0].end]
    assert first[0].isupper() or first[0].isdigit(), first
    assert first.endswith((".", "!", "?", "”", '"')), first
