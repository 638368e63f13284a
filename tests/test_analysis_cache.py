"""DIPLO_ANALYSIS_CACHE: a developer's reload reads the model's analyses back from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import nlp
from etl.extract.analyses import CACHE_ENV

TEXTS = [
    "The foreign minister of Atlantis met her counterpart in Geneva on Monday.",
    "Talks on the river treaty will resume next week, a spokesman said.",
]


def _shape(doc) -> list[tuple[str, str, str, int, str]]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_without_the_variable_nothing_is_written(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    list(nlp.analyze_many(TEXTS))
    assert list(tmp_path.iterdir()) == []


def test_a_cached_analysis_is_the_analysis(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    plain = [_shape(d) for d in nlp.analyze_many(TEXTS)]
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = [_shape(d) for d in nlp.analyze_many(TEXTS)]
    stored = sorted(tmp_path.rglob("*.spacy"))
    assert len(stored) == 2
    assert first == plain

    def no_model(*args, **kwargs):
        raise AssertionError("the model ran for a cached text")

    monkeypatch.setattr(nlp.load_nlp(), "pipe", no_model)
    again = [_shape(d) for d in nlp.analyze_many(TEXTS)]
    assert again == plain
    assert sorted(tmp_path.rglob("*.spacy")) == stored


def test_a_half_written_file_is_analysed_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    list(nlp.analyze_many(TEXTS[:1]))
    (path,) = tmp_path.rglob("*.spacy")
    path.write_bytes(path.read_bytes()[:20])
    (doc,) = nlp.analyze_many(TEXTS[:1])
    assert doc.text == TEXTS[0]
    assert len(doc) > 5 and any(t.dep_ == "ROOT" for t in doc)


@pytest.mark.parametrize("text", ["", " \n "])
def test_empty_texts_pass_through(tmp_path: Path, monkeypatch, text: str) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    (doc,) = nlp.analyze_many([text])
    assert doc.text == text
