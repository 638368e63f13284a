"""Metadata a user states for plain files: a ``<file>.meta.json`` sidecar beside any file,
or front matter at the top of a .txt/.md file (etl.ingest.sidecar)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Engine, text

from etl import pipeline
from etl.article import Rejection
from etl.ingest.discover import Candidate, discover
from etl.ingest.sidecar import split_front_matter

MAX = 10 * 1024 * 1024

# A speech of our own: no headline, byline or date line for the header reader to find.
SPEECH = """Mr. President, distinguished delegates,

It is an honour to address this Assembly on behalf of the people of our island nation. \
We come to speak about the rising seas, about trade that is fair, and about the promise \
of cooperation between large states and small ones.

Our government has joined the regional fisheries compact and will ratify the maritime \
boundaries agreement with our neighbours before the end of the year.

We ask every delegation here to honour the commitments made in this hall. Thank you.
"""


def _sources(args: list[str]) -> list[str]:
    return [c.source for c in discover(args) if isinstance(c, Candidate)]


def _docs(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT title, published_on, outlet, url, body FROM documents ORDER BY id")
        )
        return [dict(r._mapping) for r in rows]


def _sidecar(path: Path, **fields: str) -> None:
    Path(f"{path}.meta.json").write_text(json.dumps(fields), encoding="utf-8")


def test_discovery_never_takes_a_sidecar_for_an_article(tmp_path: Path) -> None:
    speech = tmp_path / "ABC_74_2019.txt"
    speech.write_text(SPEECH)
    _sidecar(speech, title="A speech")
    lone = tmp_path / "lone.meta.json"  # no file beside it: an ordinary JSON input
    lone.write_text("{}")
    assert _sources([str(tmp_path)]) == [str(speech), str(lone)]
    assert _sources([f"{tmp_path}/*"]) == [str(speech), str(lone)]
    assert _sources([f"{tmp_path}/**"]) == [str(speech), str(lone)]
    # As the shell expands `diplo load dir/*`: the sidecar named, silently read with its file.
    named = list(discover([str(speech), f"{speech}.meta.json"]))
    assert [c.source for c in named if isinstance(c, Candidate)] == [str(speech)]
    assert not [r for r in named if isinstance(r, Rejection)]


def test_a_sidecar_gives_a_plain_text_file_its_title_date_and_outlet(
    engine: Engine, tmp_path: Path
) -> None:
    speech = tmp_path / "ABC_74_2019.txt"
    speech.write_text(SPEECH)
    _sidecar(
        speech,
        title="Islandia, General Debate, 74th session",
        published="2019-09-24",
        outlet="United Nations General Assembly",
        url="https://example.org/speeches/ABC_74_2019",
    )
    result = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert (result.counts.loaded, result.counts.rejected) == (1, 0)
    [doc] = _docs(engine)
    assert doc["title"] == "Islandia, General Debate, 74th session"
    assert doc["published_on"] == dt.date(2019, 9, 24)
    assert doc["outlet"] == "United Nations General Assembly"
    assert doc["url"] == "https://example.org/speeches/ABC_74_2019"
    assert "title" not in str(doc["body"])


def test_editing_the_sidecar_reparses_the_document(engine: Engine, tmp_path: Path) -> None:
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH)
    first = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert first.counts.loaded == 1 and _docs(engine)[0]["published_on"] is None
    _sidecar(speech, published="2021-09-21")
    second = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert (second.counts.loaded, second.counts.replaced) == (0, 1)
    assert _docs(engine)[0]["published_on"] == dt.date(2021, 9, 21)
    _sidecar(speech, published="2022-09-20")
    third = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert third.counts.replaced == 1
    assert _docs(engine)[0]["published_on"] == dt.date(2022, 9, 20)
    again = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert (again.counts.replaced, again.counts.unchanged) == (0, 1)
    assert len(_docs(engine)) == 1


def test_front_matter_states_the_metadata_of_text_and_markdown(
    engine: Engine, tmp_path: Path
) -> None:
    front = "---\ntitle: Address to the Assembly\npublished: 2020-09-22\noutlet: Islandia Mission\n---\n\n"
    (tmp_path / "a.txt").write_text(front + SPEECH)
    (tmp_path / "b.md").write_text(front.replace("2020", "2023") + "# Heading\n\n" + SPEECH)
    result = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert (result.counts.loaded, result.counts.rejected) == (2, 0)
    docs = _docs(engine)
    assert [d["title"] for d in docs] == ["Address to the Assembly"] * 2
    assert [d["published_on"] for d in docs] == [dt.date(2020, 9, 22), dt.date(2023, 9, 22)]
    assert {d["outlet"] for d in docs} == {"Islandia Mission"}
    assert not any("published:" in str(d["body"]) or "---" in str(d["body"]) for d in docs)


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    ruled = "---\nThe minister said: we will return.\n---\nMore text."
    assert split_front_matter(ruled) == ({}, ruled)
    unknown = "---\ncolour: blue\n---\nText."
    assert split_front_matter(unknown) == ({}, unknown)
    assert split_front_matter("---\ntitle: 'Quoted'\n---\nText.") == ({"title": "Quoted"}, "Text.")


def test_a_stated_language_is_taken_as_said(engine: Engine, tmp_path: Path) -> None:
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH)
    _sidecar(speech, language="fr")
    result = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert result.counts.loaded == 0
    assert [r.reason for r in result.counts.rejections] == ["not English (stated: fr)"]
