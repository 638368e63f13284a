"""Tests for etl.ingest.read: bytes per document, JSON splitting, size limits, vanished files."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from etl.article import RawInput, Rejection
from etl.ingest.discover import STDIN_SOURCE, Candidate, discover
from etl.ingest.read import human_size, read

MB = 1024 * 1024
LIMIT = 10 * MB


def _cand(path: Path, kind: str = "text") -> Candidate:
    return Candidate(str(path), path, kind)  # type: ignore[arg-type]


def _read(path: Path, kind: str = "text", max_bytes: int = LIMIT) -> list[RawInput | Rejection]:
    return list(read(_cand(path, kind), max_bytes=max_bytes))


def test_text_file_is_one_input_with_its_hash(tmp_path: Path) -> None:
    data = b"Talks resumed in Geneva on Monday.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    (item,) = _read(path)
    assert item == RawInput(str(path), data, hashlib.sha256(data).hexdigest(), "text")


def test_html_file_keeps_kind(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(b"<p>Hello</p>")
    (item,) = _read(path, "html")
    assert isinstance(item, RawInput) and item.kind == "html"


def test_too_large_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(200 * MB)  # sparse: no disk used, but stat says 200 MB
    tracemalloc.start()
    try:
        (item,) = _read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert item == Rejection(str(path), "file too large: 200.0 MB > limit 10.0 MB")
    assert peak < 5 * MB


def test_sizes_in_reasons_are_human_readable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 300)
    (item,) = _read(path, max_bytes=100)
    assert item == Rejection(str(path), "file too large: 300 bytes > limit 100 bytes")
    path.write_bytes(b"x" * 3000)
    (item,) = _read(path, max_bytes=2048)
    assert item == Rejection(str(path), "file too large: 2.9 KB > limit 2.0 KB")
    assert [human_size(n) for n in (1, 1023, 1024, 10 * MB, 3 * 1024 * MB)] == [
        "1 byte",
        "1023 bytes",
        "1.0 KB",
        "10.0 MB",
        "3.0 GB",
    ]


def test_file_that_grows_past_the_limit_is_caught_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    (item,) = _read(path, max_bytes=1000)
    assert isinstance(item, Rejection) and item.reason.startswith("file too large")


def test_single_five_megabyte_line(tmp_path: Path) -> None:
    data = b"word " * (MB)
    path = tmp_path / "long.txt"
    path.write_bytes(data)
    (item,) = _read(path)
    assert isinstance(item, RawInput) and item.data == data


def test_jsonl_broken_line_is_reported_and_others_load(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "first"}),
        "",
        json.dumps({"text": "second"}),
        "   ",
        json.dumps({"text": "third"}),
        "",
        '{"text": "broken',
        json.dumps({"text": "eighth", "title": "Zürich"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path, "json")
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, Rejection)]
    assert [g.source for g in good] == [f"{path}#L1", f"{path}#L3", f"{path}#L5", f"{path}#L8"]
    assert all(g.kind == "json" for g in good)
    assert good[0].data == b'{"text": "first"}'
    assert good[0].content_sha256 == hashlib.sha256(good[0].data).hexdigest()
    assert json.loads(good[3].data)["title"] == "Zürich"
    assert len(bad) == 1
    assert bad[0].source == f"{path}#L7"
    assert bad[0].reason.startswith("invalid JSON on line 7: ")


def test_jsonl_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"text": "a"}\r\n{"text": "b"}\r\n')
    items = _read(path, "json")
    assert [i.data for i in items if isinstance(i, RawInput)] == [
        b'{"text": "a"}',
        b'{"text": "b"}',
    ]


def test_jsonl_oversized_record_is_skipped_with_line_number(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"text": "x" * 5000})
    path.write_text(f'{{"text": "ok"}}\n{big}\n{{"text": "after"}}\n', encoding="utf-8")
    items = _read(path, "json", max_bytes=1000)
    assert [i.source for i in items if isinstance(i, RawInput)] == [f"{path}#L1", f"{path}#L3"]
    (bad,) = [i for i in items if isinstance(i, Rejection)]
    assert bad.source == f"{path}#L2" and "too large" in bad.reason


def test_jsonl_file_larger_than_limit_streams(tmp_path: Path) -> None:
    # The per-file limit does not apply to JSON Lines: it is a corpus, read line by line.
    path = tmp_path / "corpus.jsonl"
    record = json.dumps({"text": "y" * 900}) + "\n"
    path.write_text(record * 200, encoding="utf-8")
    items = list(read(_cand(path, "json"), max_bytes=1000))
    assert len(items) == 200 and all(isinstance(i, RawInput) for i in items)
    # Lazy: the first record is available before the rest is read.
    gen = read(_cand(path, "json"), max_bytes=1000)
    assert isinstance(next(gen), RawInput)


def test_json_array_gives_one_input_per_element(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"title": "T", "text": "one"}, {"text": "two"}]), encoding="utf-8")
    items = _read(path, "json")
    assert [i.source for i in items] == [f"{path}#0", f"{path}#1"]
    first = items[0]
    assert isinstance(first, RawInput)
    assert first.data == json.dumps({"title": "T", "text": "one"}, sort_keys=True).encode()
    assert first.content_sha256 == hashlib.sha256(first.data).hexdigest()


def test_json_single_object_is_one_input(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    data = b'{"text": "hello", "title": "t"}'
    path.write_bytes(data)
    (item,) = _read(path, "json")
    assert item == RawInput(str(path), data, hashlib.sha256(data).hexdigest(), "json")


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    assert [i.source for i in _read(path, "json")] == [f"{path}#L1", f"{path}#L2"]


def test_invalid_json_file_and_empty_array(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": ', encoding="utf-8")
    (item,) = _read(bad, "json")
    assert isinstance(item, Rejection) and item.reason.startswith("invalid JSON")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    (item,) = _read(empty, "json")
    assert isinstance(item, Rejection) and "no records" in item.reason


def test_file_removed_between_discover_and_read(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("soon gone", encoding="utf-8")
    (candidate,) = discover([str(path)])
    assert isinstance(candidate, Candidate)
    path.unlink()
    (item,) = read(candidate, max_bytes=LIMIT)
    assert isinstance(item, Rejection) and item.source == str(path)
    assert "disappeared" in item.reason


def test_directory_in_place_of_file(tmp_path: Path) -> None:
    path = tmp_path / "dir.txt"
    path.mkdir()
    (item,) = _read(path)
    assert item == Rejection(str(path), "is a directory")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    (item,) = _read(path)
    assert item == Rejection(str(path), "permission denied")


def test_permission_error_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Also runs as root (where chmod 0 does not stop reading).
    import etl.ingest.read

    path = tmp_path / "locked.txt"
    path.write_text("x", encoding="utf-8")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(etl.ingest.read, "open", deny, raising=False)
    (item,) = _read(path)
    assert item == Rejection(str(path), "permission denied")


def test_stdin_text_and_limit() -> None:
    cand = Candidate(STDIN_SOURCE, None, "text")
    (item,) = read(cand, max_bytes=100, stdin=io.BytesIO(b"<p>Hello</p>"))
    assert isinstance(item, RawInput)
    assert (item.source, item.kind, item.data) == (STDIN_SOURCE, "text", b"<p>Hello</p>")
    (item,) = read(cand, max_bytes=100, stdin=io.BytesIO(b"x" * 101))
    assert isinstance(item, Rejection) and "too large" in item.reason


def test_stdin_json_lines_are_split() -> None:
    cand = Candidate(STDIN_SOURCE, None, "text")
    stream = io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')
    items = list(read(cand, max_bytes=1000, stdin=stream))
    assert [(i.source, i.kind) for i in items if isinstance(i, RawInput)] == [
        ("<stdin>#L1", "json"),
        ("<stdin>#L2", "json"),
    ]


def test_awkward_names_round_trip(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ["a b.txt", "it's.txt", "new\nline.txt", "Genève 北京.txt"]:
        (corpus / name).write_text(f"Article {name}", encoding="utf-8")
    loaded = [
        item
        for cand in discover([str(corpus)])
        if isinstance(cand, Candidate)
        for item in read(cand, max_bytes=LIMIT)
    ]
    assert len(loaded) == 4 and all(isinstance(i, RawInput) for i in loaded)
