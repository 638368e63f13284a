"""The synthetic article generator used by the benchmarks (bench/synth.py)."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from etl.article import DecodedArticle
from etl.ingest.parse import parse

REPO = Path(__file__).resolve().parent.parent


def _load_synth() -> ModuleType:
    """bench/ is not a package; load the script as a module by its path."""
    name = "bench_synth"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


synth = _load_synth()


@pytest.fixture(scope="module")
def articles() -> list[tuple[str, str]]:
    return list(synth.generate(300, seed=11))


@pytest.fixture(scope="module")
def seed_people() -> list[str]:
    with (REPO / "seeds" / "people.csv").open(encoding="utf-8", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def country_words() -> re.Pattern[str]:
    names: set[str] = set()
    with (REPO / "seeds" / "countries.csv").open(encoding="utf-8", newline="") as handle:
        names |= {row["name"] for row in csv.DictReader(handle)}
    with (REPO / "seeds" / "country_aliases.csv").open(encoding="utf-8", newline="") as handle:
        names |= {row["alias"] for row in csv.DictReader(handle) if row["kind"] == "adjective"}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b")


def test_same_seed_gives_identical_texts() -> None:
    assert list(synth.generate(40, seed=7)) == list(synth.generate(40, seed=7))


def test_different_seeds_differ() -> None:
    first = [text for _, text in synth.generate(20, seed=0)]
    second = [text for _, text in synth.generate(20, seed=1)]
    assert all(a != b for a, b in zip(first, second, strict=True))


def test_shorter_run_is_a_prefix_of_a_longer_one() -> None:
    assert list(synth.generate(5, seed=3)) == list(synth.generate(12, seed=3))[:5]


@pytest.mark.parametrize("count", [0, 1, 25])
def test_count_is_honoured_with_unique_names(count: int) -> None:
    names = [name for name, _ in synth.generate(count, seed=2)]
    assert len(names) == count
    assert len(set(names)) == count
    assert all(re.fullmatch(r"synth_\d{6}\.txt", name) for name in names)


def test_generate_is_lazy() -> None:
    iterator = synth.generate(10**9, seed=0)
    name, text = next(iterator)
    assert name == "synth_000000.txt" and text


def test_word_counts_in_range(articles: list[tuple[str, str]]) -> None:
    counts = [len(text.split()) for _, text in articles]
    assert all(synth.MIN_WORDS <= n <= synth.MAX_WORDS for n in counts)
    assert max(counts) - min(counts) > 150  # lengths vary


def test_texts_are_varied(articles: list[tuple[str, str]]) -> None:
    texts = [text for _, text in articles]
    assert len(set(texts)) == len(texts)
    sentences = [s for text in texts for s in re.split(r"(?<=\.)\s+", text) if len(s) > 40]
    assert len(set(sentences)) > 0.5 * len(sentences)


def test_header_furniture_appears_sometimes(articles: list[tuple[str, str]]) -> None:
    texts = [text for _, text in articles]

    def share(pattern: str) -> float:
        return sum(bool(re.search(pattern, t, re.MULTILINE)) for t in texts) / len(texts)

    assert 0.2 < share(r"^By [A-Z]") < 0.8  # byline
    assert 0.05 < share(r"^[A-Z][A-Z ]+, [A-Z][a-z]+ \d{1,2} \([^)]+\) -- ") < 0.5  # agency
    assert 0.02 < share(r"^Share|Min Read$") < 0.5  # widgets
    assert 0.05 < share(r"\[Photo/|\(Photo: |^FILE PHOTO|^Photo taken") < 0.5  # captions


def test_parser_accepts_a_sample(articles: list[tuple[str, str]]) -> None:
    for name, text in articles[:20]:
        doc = parse(DecodedArticle(name, "0" * 64, text))
        assert doc.body.strip()
        assert doc.language == "en"
        assert doc.title == text.splitlines()[0]
        assert synth.MIN_PARAGRAPHS <= len(doc.paragraphs) <= synth.MAX_PARAGRAPHS + 1
        assert synth.MIN_WORDS <= doc.word_count <= synth.MAX_WORDS


def test_parser_reads_the_header_fields() -> None:
    docs = [parse(DecodedArticle(n, "0" * 64, t)) for n, t in synth.generate(60, seed=5)]
    assert any(d.author for d in docs)
    assert any(d.published_on for d in docs)
    assert any(d.dateline for d in docs)
    assert any(d.captions for d in docs)
    for doc in docs:  # boilerplate and datelines never reach the body
        assert "Share this article" not in doc.body
        assert "Min Read" not in doc.body
        assert " -- " not in doc.body.split("\n")[0][:60]


def test_seed_names_appear(
    articles: list[tuple[str, str]], seed_people: list[str], country_words: re.Pattern[str]
) -> None:
    for _, text in articles[:60]:
        assert any(person in text for person in seed_people)
        assert country_words.search(text)


def test_articles_share_events(articles: list[tuple[str, str]]) -> None:
    pool = synth.event_pool(11, synth.vocabulary())
    reported = [
        sum(e.person_a.name in t and e.person_b.name in t for _, t in articles) for e in pool
    ]
    assert max(reported) >= 2


def test_write_corpus_writes_the_generated_texts(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "corpus"
    paths = synth.write_corpus(out, 6, seed=4)
    assert [p.name for p in paths] == [f"synth_{i:06d}.txt" for i in range(6)]
    expected = [text.encode("utf-8") for _, text in synth.generate(6, seed=4)]
    assert [p.read_bytes() for p in paths] == expected


def test_cli_writes_files(tmp_path: Path) -> None:
    assert synth.main([str(tmp_path), "--count", "3", "--seed", "9"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "synth_000000.txt",
        "synth_000001.txt",
        "synth_000002.txt",
    ]
