"""A whole batch of hostile inputs through ``pipeline.load`` and the CLI, against a real database.

The unit tests of discover/read/decode check each defence on its own; these check that the
defences hold together in one run: every bad input is named with a reason (in
``rejected_inputs`` and on stderr), every good input becomes a ``documents`` row, nothing
crashes the batch, and the exit code says that some inputs were rejected.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import resource
import tracemalloc
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from articles import ARTICLE
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl import pipeline
from etl.article import Rejection
from etl.cli import app
from etl.cli.shared import one_line
from etl.ingest.discover import Candidate

MB = 1024 * 1024


def _article(tag: str, extra: str = "") -> str:
    """A distinct English article (distinct content, so no two inputs dedupe to one)."""
    return ARTICLE.replace("Tuesday", f"Tuesday, in session {tag},") + extra


def _build_corpus(root: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    """Write the hostile corpus under ``root/corpus``; returns it with the expectations:
    {relative source: word in body} for good inputs, {relative source: word in reason} for bad."""
    corpus = root / "corpus"
    corpus.mkdir()
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    def put(name: str, data: bytes) -> Path:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    # Empty, whitespace, binary formats and NULs under a supported suffix.
    put("empty.txt", b"")
    bad["empty.txt"] = "empty"
    put("whitespace.txt", b" \t\r\n\n   \n\t")
    bad["whitespace.txt"] = "empty"
    put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    bad["image.txt"] = "PNG"
    put("archive.txt", gzip.compress(_article("gzip").encode()))
    bad["archive.txt"] = "gzip"
    put("nul.txt", b"Ministers met\x00 in Jakarta \x00\x00 on Tuesday." * 40)
    bad["nul.txt"] = "NUL"

    # Encodings that must be decoded, not rejected.
    put(
        "invalid_utf8.txt", _article("bad-bytes").encode().replace(b"maritime", b"mari\xfftime\x80")
    )
    good["invalid_utf8.txt"] = "bad-bytes"
    put("utf16_bom.txt", _article("utf16-bom").encode("utf-16"))
    good["utf16_bom.txt"] = "utf16-bom"
    put("utf16le_no_bom.txt", _article("utf16-nobom").encode("utf-16-le"))
    good["utf16le_no_bom.txt"] = "utf16-nobom"
    put("utf16be_no_bom.txt", _article("utf16be-nobom").encode("utf-16-be"))
    good["utf16be_no_bom.txt"] = "utf16be-nobom"
    put("latin1.txt", _article("Zürich café", " Délégués à São Paulo.\n").encode("latin-1"))
    good["latin1.txt"] = "Zürich café"
    mojibake = _article("Genève naïve", " Délégués à São Paulo.\n").encode().decode("latin-1")
    put("mojibake.txt", mojibake.encode("utf-8"))
    good["mojibake.txt"] = "Genève naïve"
    # A UTF-8 BOM followed by bytes that are not UTF-8: a contradiction, rejected.
    put("lying_bom.txt", codecs.BOM_UTF8 + b"Ministers \xff\xfe met.")
    bad["lying_bom.txt"] = "byte-order mark"

    # Size: a 200 MB sparse file (no disk used; must not be read) and a 5 MB single line.
    with open(corpus / "huge.txt", "wb") as fh:
        fh.truncate(200 * MB)
    bad["huge.txt"] = "too large"
    sentence = b"Foreign ministers from Indonesia and Malaysia met to discuss trade corridors. "
    put("one_line.txt", b"Ministers meet\n\n" + sentence * (5 * MB // len(sentence)))
    bad["one_line.txt"] = "too long"

    # HTML: 50,000 nested <div>s around an article, and broken markup.
    nested = (
        "<html><head><title>Nested</title></head><body>"
        + "<div>" * 50_000
        + "<p>"
        + _article("deep-html").replace("\n\n", "</p><p>")
        + "</p>"
        + "</div>" * 10
        + "</body></html>"
    )
    put("nested.html", nested.encode())
    good["nested.html"] = "deep-html"
    broken = (
        "<html><head><title>Broken <b>page</title><meta charset='utf-8'"
        "<body><p class=x>"
        + _article("broken-html").replace("\n\n", "<p><div></span></td>")
        + "<script>document.write('</p>')</script><!-- unterminated comment"
    )
    put("broken.html", broken.encode())
    good["broken.html"] = "broken-html"
    put("no_text.html", b"<html><head><script>var a = 1;</script></head><body></body></html>")
    bad["no_text.html"] = "no article text"

    # JSON Lines: good records load (known by their id, else their content), each bad line
    # is reported with its number.
    lines = [
        json.dumps({"id": 1, "text": _article("jsonl-one"), "outlet": "Feed Agency"}),
        "{not json at all",
        "",
        json.dumps([1, 2, 3]),
        json.dumps({"title": "no text field"}),
        json.dumps({"text": _article("jsonl-six")}),
        '{"text": "truncated record',
        "[" * 100_000 + "]" * 100_000,
    ]
    put("feed.jsonl", "\n".join(lines).encode() + b"\n")
    good["feed.jsonl#id=1"] = "jsonl-one"
    good[f"feed.jsonl#sha256={hashlib.sha256(lines[5].encode()).hexdigest()}"] = "jsonl-six"
    bad["feed.jsonl#L2"] = "line 2"
    bad["feed.jsonl#L4"] = "not an object"
    bad["feed.jsonl#L5"] = "text"
    bad["feed.jsonl#L7"] = "line 7"
    bad["feed.jsonl#L8"] = "line 8"

    # A file that is listed, then deleted before it is read (see _vanishing_discover).
    put("vanishing.txt", _article("vanishing").encode())
    bad["vanishing.txt"] = "disappeared"

    # Symlink loops: a directory that contains itself, and a file link that points at itself.
    loops = corpus / "loops"
    loops.mkdir()
    (loops / "inside.txt").write_text(_article("inside-loop"))
    good["loops/inside.txt"] = "inside-loop"
    os.symlink("..", loops / "up")
    os.symlink("self.txt", loops / "self.txt")

    # Awkward names: spaces, quotes, a newline, non-ASCII, and shell metacharacters.
    for i, name in enumerate(
        [
            "with space.txt",
            'it\'s "quoted".txt',
            "new\nline.txt",
            "résumé 北京 Ελλάδα.txt",
            "$(touch pwned);`id`|&.txt",
            "-rf.txt",
        ]
    ):
        put(name, _article(f"awkward-{i}").encode())
        good[name] = f"awkward-{i}"
    put("new\nline empty.txt", b"")
    bad["new\nline empty.txt"] = "empty"
    return corpus, good, bad


def _vanishing_discover(real: object, victim: Path) -> object:
    """Wrap ``discover`` so that ``victim`` is deleted after the listing, before reading."""

    def discover(args: Sequence[str]) -> Iterator[Candidate | Rejection]:
        yield from real(args)  # type: ignore[operator]
        victim.unlink()

    return discover


def _rel(corpus: Path, source: str) -> str:
    return os.path.relpath(source, corpus) if source.startswith(str(corpus)) else source


def _rel_with_record(corpus: Path, source: str) -> str:
    path, sep, record = source.partition("#")
    return _rel(corpus, path) + sep + record


def test_hostile_batch_loads_the_good_and_names_every_bad_input(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, good, bad = _build_corpus(tmp_path)
    monkeypatch.setattr(
        pipeline, "discover", _vanishing_discover(pipeline.discover, corpus / "vanishing.txt")
    )
    result = pipeline.load(engine, [str(corpus), str(corpus / "loops" / "self.txt")])

    assert result.status == "partial"
    reasons = {_rel_with_record(corpus, r.source): r.reason for r in result.counts.rejections}
    # The explicitly named self-referencing link is rejected with the OS's reason.
    assert "Too many levels of symbolic links" in reasons.pop("loops/self.txt")
    assert set(reasons) == set(bad), reasons
    for source, word in bad.items():
        assert word.lower() in reasons[source].lower(), (source, reasons[source])
    # The 200 MB file was judged by its size alone (the stat path names both sizes).
    assert reasons["huge.txt"] == "file too large: 200.0 MB > limit 10.0 MB"

    with engine.connect() as conn:
        docs = {
            _rel_with_record(corpus, s): b
            for s, b in conn.execute(
                text(
                    "SELECT source_path || coalesce('#' || source_record, ''), body FROM documents"
                )
            )
        }
        stored = conn.execute(
            text("SELECT source, reason FROM ops.rejected_inputs WHERE run_id = :r ORDER BY id"),
            {"r": result.run_id},
        ).all()
        run = conn.execute(
            text("SELECT status, loaded, rejected, error FROM ops.etl_runs WHERE id = :r"),
            {"r": result.run_id},
        ).one()
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM document_sentences s WHERE s.document_id = d.id)"
            )
        ).scalar_one()
    assert set(docs) == set(good), set(docs) ^ set(good)
    for source, word in good.items():
        assert word in docs[source], source
    # Nothing that was rejected can have left text behind: no NUL, no replacement characters.
    assert all("\x00" not in body and "\ufffd" not in body for body in docs.values())
    # Every rejection is in the run's log, with the same reason.
    assert sorted((s, r) for s, r in stored) == sorted(
        (r.source, r.reason) for r in result.counts.rejections
    )
    assert tuple(run) == ("partial", len(good), len(bad) + 1, None)
    assert orphans == 0


def test_oversized_sparse_file_is_rejected_without_being_read(
    engine: Engine, tmp_path: Path
) -> None:
    """200 MB of (sparse) file under a 10 MB limit: rejected by its size, memory stays flat."""
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(200 * MB)
    (tmp_path / "empty").mkdir()
    pipeline.load(engine, [str(tmp_path / "empty")])  # warm up: schema, run log
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        result = pipeline.load(engine, [str(huge)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert [r.reason for r in result.counts.rejections] == [
        "file too large: 200.0 MB > limit 10.0 MB"
    ]
    # Reading even up to the limit would have allocated 10 MB.
    assert peak < 8 * MB, f"peak Python allocations {peak / MB:.1f} MB"
    assert rss_growth_kb < 20 * 1024, f"peak RSS grew by {rss_growth_kb / 1024:.1f} MB"


def _env(url: URL) -> dict[str, str]:
    return {"DATABASE_URL": url.render_as_string(hide_password=False)}


def test_cli_reports_each_rejection_on_stderr_and_exits_1(db_url: URL, tmp_path: Path) -> None:
    corpus, good, bad = _build_corpus(tmp_path)
    (corpus / "vanishing.txt").unlink()  # the CLI run lists it no more: nothing to simulate
    del bad["vanishing.txt"], good["loops/inside.txt"]
    loops = corpus / "loops"
    for link in ("up", "self.txt"):
        (loops / link).unlink()
    (loops / "inside.txt").unlink()
    loops.rmdir()

    result = CliRunner().invoke(app, ["load", "--workers", "1", str(corpus)], env=_env(db_url))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr
    for source, word in bad.items():
        path, sep, record = source.partition("#")
        full = str(corpus / path) + sep + record
        line = f"rejected {one_line(full)}: "
        assert line in result.stderr, (source, result.stderr)
        reason = result.stderr.split(line, 1)[1].splitlines()[0]
        assert word.lower() in reason.lower(), (source, reason)
    assert f"{len(good)} loaded" in result.stdout
    assert f"{len(bad)} rejected" in result.stdout


def test_a_newline_in_a_file_name_cannot_forge_stderr_lines(db_url: URL, tmp_path: Path) -> None:
    forged = "x.txt: empty input\nrejected passwd.txt: forged line\nend.txt"
    (tmp_path / forged).write_bytes(b"")
    result = CliRunner().invoke(app, ["load", str(tmp_path)], env=_env(db_url))
    assert result.exit_code == 1
    rejected_lines = [ln for ln in result.stderr.splitlines() if ln.startswith("rejected ")]
    assert len(rejected_lines) == 1, result.stderr


def test_file_name_that_is_not_utf8_costs_only_itself(engine: Engine, tmp_path: Path) -> None:
    """Linux file names are bytes; one that is not UTF-8 reaches Python as lone surrogates,
    which PostgreSQL text cannot hold. It used to abort the whole run with a
    UnicodeEncodeError; now it is rejected with its name escaped and the batch goes on."""
    bad_dir = tmp_path / os.fsdecode(b"dir \xff")
    bad_dir.mkdir()
    (bad_dir / "inside.txt").write_text(_article("inside-bad-dir"))
    (tmp_path / os.fsdecode(b"caf\xe9 latin1 name.txt")).write_text(_article("non-utf8-name"))
    (tmp_path / "fine.txt").write_text(_article("fine-name"))
    result = pipeline.load(engine, [str(tmp_path)])
    with engine.connect() as conn:
        bodies = conn.execute(text("SELECT body FROM documents")).scalars().all()
        stored = conn.execute(
            text(
                "SELECT source, reason FROM ops.rejected_inputs WHERE run_id = :r ORDER BY source"
            ),
            {"r": result.run_id},
        ).all()
    assert len(bodies) == 1 and "fine-name" in bodies[0]
    assert result.status == "partial"
    assert [(s, r) for s, r in stored] == [
        (f"{tmp_path}/caf\\xe9 latin1 name.txt", "file name is not valid UTF-8 (rename it)"),
        (f"{tmp_path}/dir \\xff/inside.txt", "file name is not valid UTF-8 (rename it)"),
    ]
