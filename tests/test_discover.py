"""Tests for etl.ingest.discover: which arguments become candidates, and in what order."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from etl.article import Rejection
from etl.ingest.discover import STDIN_SOURCE, Candidate, discover


def _touch(path: Path, text: str = "Some article text.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _sources(items: list[Candidate | Rejection]) -> list[str]:
    return [i.source for i in items if isinstance(i, Candidate)]


def _rejections(items: list[Candidate | Rejection]) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with tmp_path as the working directory, so relative arguments are realistic."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_single_files_get_kind_from_suffix(in_tmp: Path) -> None:
    for name in ["a.txt", "b.md", "c.text", "d.html", "e.htm", "f.jsonl", "g.json", "h.ndjson"]:
        _touch(in_tmp / name)
    names = ["a.txt", "b.md", "c.text", "d.html", "e.htm", "f.jsonl", "g.json", "h.ndjson"]
    items = list(discover(names))
    assert [c.kind for c in items if isinstance(c, Candidate)] == [
        "text",
        "text",
        "text",
        "html",
        "html",
        "json",
        "json",
        "json",
    ]
    assert _sources(items) == names
    assert all(isinstance(c, Candidate) and c.path == Path(c.source) for c in items)


def test_suffix_is_case_insensitive(in_tmp: Path) -> None:
    _touch(in_tmp / "LOUD.TXT")
    (item,) = discover(["LOUD.TXT"])
    assert isinstance(item, Candidate) and item.kind == "text"


def test_directory_walk_is_sorted_recursive_and_skips_hidden_and_unsupported(
    in_tmp: Path,
) -> None:
    corpus = in_tmp / "corpus"
    _touch(corpus / "b.txt")
    _touch(corpus / "a.html")
    _touch(corpus / "sub" / "c.jsonl", '{"text": "x"}\n')
    _touch(corpus / "aa" / "z.md")
    _touch(corpus / "notes.pdf")
    _touch(corpus / "image.png")
    _touch(corpus / ".hidden.txt")
    _touch(corpus / ".git" / "HEAD.txt")
    items = list(discover(["corpus"]))
    assert _rejections(items) == []
    assert _sources(items) == [
        os.path.join("corpus", "a.html"),
        os.path.join("corpus", "aa", "z.md"),
        os.path.join("corpus", "b.txt"),
        os.path.join("corpus", "sub", "c.jsonl"),
    ]


def test_directory_source_keeps_what_the_user_typed(in_tmp: Path) -> None:
    _touch(in_tmp / "corpus" / "x.txt")
    assert _sources(list(discover(["corpus/"]))) == ["corpus/x.txt"]
    assert _sources(list(discover(["./corpus"]))) == ["./corpus/x.txt"]


def test_missing_path_is_rejected(in_tmp: Path) -> None:
    (item,) = discover(["nope.txt"])
    assert item == Rejection("nope.txt", "no such file or directory")


def test_unsupported_suffix_named_explicitly_is_rejected(in_tmp: Path) -> None:
    _touch(in_tmp / "report.pdf")
    (item,) = discover(["report.pdf"])
    assert isinstance(item, Rejection)
    assert item.reason.startswith("unsupported file type '.pdf' (supported: .txt")


def test_file_without_suffix_is_rejected(in_tmp: Path) -> None:
    _touch(in_tmp / "README")
    (item,) = discover(["README"])
    assert isinstance(item, Rejection) and "unsupported file type" in item.reason


def test_glob_patterns(in_tmp: Path) -> None:
    _touch(in_tmp / "one.txt")
    _touch(in_tmp / "two.txt")
    _touch(in_tmp / "corpus" / "x" / "deep.html")
    _touch(in_tmp / "corpus" / "top.html")
    _touch(in_tmp / "corpus" / "skip.pdf")
    assert _sources(list(discover(["*.txt"]))) == ["one.txt", "two.txt"]
    assert _sources(list(discover(["corpus/**/*.html"]))) == [
        "corpus/top.html",
        "corpus/x/deep.html",
    ]
    # Unsupported matches are skipped quietly, as inside a directory.
    assert _sources(list(discover(["corpus/*"]))) == [
        "corpus/top.html",
        os.path.join("corpus/x", "deep.html"),
    ]


def test_glob_matching_nothing_is_rejected(in_tmp: Path) -> None:
    (item,) = discover(["*.html"])
    assert item == Rejection("*.html", "pattern matched no files")


def test_glob_matching_only_unsupported_files_is_rejected(in_tmp: Path) -> None:
    _touch(in_tmp / "a.pdf")
    (item,) = discover(["*.pdf"])
    assert isinstance(item, Rejection) and "no supported files" in item.reason


def test_literal_name_with_glob_characters_wins(in_tmp: Path) -> None:
    _touch(in_tmp / "report [draft].txt")
    assert _sources(list(discover(["report [draft].txt"]))) == ["report [draft].txt"]


def test_stdin(in_tmp: Path) -> None:
    assert list(discover(["-", "-"])) == [Candidate(STDIN_SOURCE, None, "text")]


def test_same_file_is_yielded_once(in_tmp: Path) -> None:
    _touch(in_tmp / "corpus" / "a.txt")
    items = list(discover(["corpus/a.txt", "corpus", "corpus/*.txt"]))
    assert _sources(items) == ["corpus/a.txt"]
    assert _rejections(items) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loop_does_not_hang(in_tmp: Path) -> None:
    corpus = in_tmp / "corpus"
    _touch(corpus / "sub" / "a.txt")
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "self").symlink_to(".", target_is_directory=True)
    (corpus / "broken.txt").symlink_to(corpus / "missing.txt")
    items = list(discover(["corpus"]))
    assert _sources(items) == [os.path.join("corpus", "sub", "a.txt")]
    assert _rejections(items) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_recursive_glob_survives_symlink_loops(in_tmp: Path) -> None:
    # glob.glob(recursive=True) would take practically forever here.
    corpus = in_tmp / "corpus"
    _touch(corpus / "sub" / "a.txt")
    _touch(corpus / "sub" / "deeper" / "b.txt")
    (corpus / "sub" / "up").symlink_to("..", target_is_directory=True)
    (corpus / "self").symlink_to(".", target_is_directory=True)
    items = list(discover(["corpus/**/*.txt"]))
    assert _sources(items) == ["corpus/sub/a.txt", "corpus/sub/deeper/b.txt"]
    assert _sources(list(discover(["corpus/**"]))) == _sources(items)
    assert _sources(list(discover(["corpus/**/deeper"]))) == ["corpus/sub/deeper/b.txt"]


def test_double_star_at_start_and_matching_nothing(in_tmp: Path) -> None:
    _touch(in_tmp / "x" / "y" / "z.md")
    assert _sources(list(discover(["**/*.md"]))) == ["x/y/z.md"]
    (item,) = discover(["x/**/*.html"])
    assert item == Rejection("x/**/*.html", "pattern matched no files")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_broken_symlink_named_explicitly(in_tmp: Path) -> None:
    (in_tmp / "dangling.txt").symlink_to(in_tmp / "missing.txt")
    (item,) = discover(["dangling.txt"])
    assert item == Rejection("dangling.txt", "broken symbolic link")


@pytest.mark.skipif(sys.platform == "win32", reason="file names")
def test_awkward_file_names(in_tmp: Path) -> None:
    names = ["with space.txt", 'quote\'s "double".txt', "new\nline.txt", "Zürich–Genève 北京.txt"]
    for name in names:
        _touch(in_tmp / "corpus" / name)
    items = list(discover(["corpus"]))
    assert sorted(_sources(items)) == sorted(os.path.join("corpus", n) for n in names)
    for name in names:
        (item,) = discover([os.path.join("corpus", name)])
        assert isinstance(item, Candidate) and item.path is not None and item.path.is_file()


def test_deterministic_order(in_tmp: Path) -> None:
    for name in ["c.txt", "a.txt", "b.txt", "B.txt"]:
        _touch(in_tmp / "d" / name)
    first = _sources(list(discover(["d"])))
    assert first == _sources(list(discover(["d"])))
    assert first == sorted(first)


def test_directory_without_supported_files_is_reported(in_tmp: Path) -> None:
    _touch(in_tmp / "pdfs" / "a.pdf")
    (in_tmp / "empty").mkdir()
    items = list(discover(["pdfs", "empty"]))
    assert [i.source for i in items] == ["pdfs", "empty"]
    assert all(isinstance(i, Rejection) and "no supported files" in i.reason for i in items)
    # Named twice: the second time is not "empty", just already listed.
    _touch(in_tmp / "corpus" / "a.txt")
    assert list(discover(["corpus", "corpus"])) == [
        Candidate("corpus/a.txt", Path("corpus/a.txt"), "text")
    ]


def test_hidden_file_named_explicitly_is_accepted(in_tmp: Path) -> None:
    _touch(in_tmp / ".draft.txt")
    assert _sources(list(discover([".draft.txt"]))) == [".draft.txt"]
