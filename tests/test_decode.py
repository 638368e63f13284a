"""Tests for etl.ingest.decode: encodings, binary detection, mojibake, HTML and JSON records."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.article import RawInput, Rejection
from etl.errors import RejectedInput
from etl.ingest.decode import decode
from etl.ingest.discover import STDIN_SOURCE
from etl.ingest.read import read


def _raw(data: bytes, kind: str = "text", source: str = "test.txt") -> RawInput:
    return RawInput(source, data, hashlib.sha256(data).hexdigest(), kind)  # type: ignore[arg-type]


def _text(data: bytes, kind: str = "text", source: str = "test.txt") -> str:
    return decode(_raw(data, kind, source)).text


def _reason(data: bytes, kind: str = "text") -> str:
    with pytest.raises(RejectedInput) as info:
        decode(_raw(data, kind))
    return info.value.reason


# ---------------------------------------------------------------- empty and binary


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\u3000 \n".encode(), b"\xef\xbb\xbf  "])
def test_empty_or_whitespace_is_rejected(data: bytes) -> None:
    assert _reason(data) == "empty input"


def test_whitespace_only_utf16_is_rejected() -> None:
    assert _reason(" \n \n  ".encode("utf-16")) == "empty input"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (gzip.compress(b"Hello, this is compressed text."), "gzip archive"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ],
)
def test_binary_formats_are_named(data: bytes, what: str) -> None:
    assert _reason(data) == f"binary content ({what}), not text"


def test_nul_bytes_mean_binary() -> None:
    assert _reason(b"hello\x00world, this has a NUL") == (
        "binary content (contains NUL bytes), not text"
    )


def test_mostly_control_characters_mean_binary() -> None:
    assert "binary content" in _reason(bytes(range(1, 32)) * 20)


# ---------------------------------------------------------------------- encodings


def test_utf8_passes_through() -> None:
    text = "Le ministre a rencontré son homologue à Genève — “une étape”."
    assert _text(text.encode()) == text


def test_latin1_with_accents_is_decoded() -> None:
    text = "The délégation arrived in Genève for the café summit on Monday."
    assert _text(text.encode("latin-1")) == text


def test_cp1252_smart_quotes_stay_curly() -> None:
    text = "The minister said \u201cwe are ready\u201d \u2013 and talks resume on Tuesday\u2019s agenda."
    assert _text(text.encode("cp1252")) == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_and_without_bom(encoding: str) -> None:
    text = "Foreign ministers met in Zürich; the Ελλάδα delegation and 北京 observers attended."
    data = text.encode(encoding)
    if encoding in ("utf-16", "utf-32"):
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Python writes a BOM for these
    assert _text(data) == text


def test_mojibake_is_repaired() -> None:
    assert _text("Chinaâ€™s foreign minister said â€œyesâ€\x9d.".encode()) == (
        "China’s foreign minister said “yes”."
    )


def test_line_endings_and_control_characters() -> None:
    data = b"Line one\r\nLine two\rLine three\x07\x1b\tTabbed\x0cNext page"
    assert _text(data) == "Line one\nLine two\nLine three\tTabbed\nNext page"


def test_html_entities_in_plain_text_are_kept() -> None:
    assert _text(b"AT&amp;T and R&D") == "AT&amp;T and R&D"


def test_markdown_markup_is_removed_from_md_files_only() -> None:
    md = b"# Envoys meet\n\n*By A. Writer \xe2\x80\x94 1 May 2025*\n\n**OSLO** \xe2\x80\x94 Talks on [UN](https://un.org) reform_plan.\n"
    assert _text(md, source="a.md") == (
        "Envoys meet\n\nBy A. Writer — 1 May 2025\n\nOSLO — Talks on UN reform_plan."
    )
    assert _text(md, source="a.txt").startswith("# Envoys meet")


def test_single_five_megabyte_line() -> None:
    data = b"diplomacy " * 500_000
    text = _text(data)
    assert len(text) == len(data) - 1  # only the trailing space is trimmed


# --------------------------------------------------------------------------- HTML

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ministers agree on Mekong water pact - Diplo Wire</title>
  <meta property="og:title" content="Ministers agree on Mekong water pact">
  <meta property="og:site_name" content="Diplo Wire">
  <meta property="article:published_time" content="2024-05-14T08:30:00+07:00">
  <meta name="author" content="Lena Okafor">
  <link rel="canonical" href="https://diplowire.example/2024/05/mekong-pact">
  <script>var tracking = "do not extract me";</script>
  <style>body { color: black; }</style>
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/asia">Asia</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
  <div class="share">Share on Facebook | Share on X | Email this article</div>
  <article>
    <h1>Ministers agree on Mekong water pact</h1>
    <p>VIENTIANE, May 14 — Foreign ministers from Laos, Cambodia, Thailand and Vietnam agreed
    on Tuesday to share real-time data on water levels along the Mekong river, officials said
    after a two-day meeting in the Lao capital.</p>
    <p>The agreement, reached on the sidelines of an ASEAN ministerial gathering, commits the
    four governments to notify each other before releasing water from upstream dams, a
    long-standing demand of downstream communities.</p>
    <p>China, which operates several large dams upstream, sent an observer delegation and
    said it supported closer cooperation under the Lancang-Mekong framework.</p>
  </article>
  <aside><h3>Most read</h3><ul><li>Celebrity chef opens restaurant</li></ul></aside>
  <footer><p>© 2024 Diplo Wire. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body>
</html>
"""


def test_html_article_main_text_and_meta() -> None:
    article = decode(_raw(ARTICLE_PAGE.encode(), "html", "page.html"))
    assert article.text.startswith("VIENTIANE, May 14 — Foreign ministers")
    assert "Lancang-Mekong framework." in article.text
    for boilerplate in ("Subscribe", "Share on Facebook", "All rights reserved", "tracking"):
        assert boilerplate not in article.text
    assert "Celebrity chef" not in article.text
    assert article.text.count("\n\n") == 2  # three paragraphs
    meta = article.meta
    assert meta.title == "Ministers agree on Mekong water pact"
    assert meta.published == "2024-05-14T08:30:00+07:00"
    assert meta.author == "Lena Okafor"
    assert meta.outlet == "Diplo Wire"
    assert meta.url == "https://diplowire.example/2024/05/mekong-pact"


def test_html_title_suffix_is_cut_without_og_title() -> None:
    page = ARTICLE_PAGE.replace(
        '<meta property="og:title" content="Ministers agree on Mekong water pact">', ""
    )
    assert decode(_raw(page.encode(), "html")).meta.title == "Ministers agree on Mekong water pact"


def test_small_hand_written_html_falls_back_to_body_text() -> None:
    page = b"<html><head><title>Note</title><body><p>Envoys met.</p><p>Talks go on.</p>"
    article = decode(_raw(page, "html"))
    assert "Envoys met." in article.text and "Talks go on." in article.text
    assert article.meta.title == "Note"


def test_html_declared_legacy_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Genève “talks”</p>'
    assert _text(page.encode("cp1252"), "html") == "Genève “talks”"


def test_deeply_nested_html_does_not_crash() -> None:
    page = ("<div>" * 100_000 + "Deep text about a summit in Nairobi.").encode()
    assert "Deep text about a summit in Nairobi." in _text(page, "html")


@pytest.mark.parametrize(
    "page",
    [
        b"<html><body><p>Unclosed <b>bold <i>italic <div>Talks resumed in Doha",
        b"</p></div></body><p>Stray closers, then text about Oslo.",
        b"<<<>>><p <p>>Broken tags, with text on the Hague court</p>",
        b"<html><head><title>Only a head</title></head><body></body></html>",
        b"<script>alert(1)</script>",
        b"<nav>Talks resumed in Lima, unclosed nav",
    ],
)
def test_malformed_html_loads_or_is_rejected_cleanly(page: bytes) -> None:
    try:
        article = decode(_raw(page, "html"))
    except RejectedInput as exc:
        assert exc.reason == "no article text found"
    else:
        assert article.text.strip()
        assert "alert" not in article.text


# --------------------------------------------------------------------------- JSON


def test_json_record_with_meta_and_synonyms() -> None:
    record = {
        "text": "Chinaâ€™s envoy arrived in Brasília.",
        "headline": "Envoy arrives",
        "link": "https://example.org/a",
        "publish_date": "2024-02-03",
        "source": {"id": "dw", "name": "Diplo Wire"},
        "authors": ["A. Author", "B. Writer"],
    }
    article = decode(_raw(json.dumps(record).encode(), "json", "batch.jsonl#L1"))
    assert article.text == "China’s envoy arrived in Brasília."
    assert article.meta.title == "Envoy arrives"
    assert article.meta.url == "https://example.org/a"
    assert article.meta.published == "2024-02-03"
    assert article.meta.outlet == "Diplo Wire"
    assert article.meta.author == "A. Author, B. Writer"
    assert article.source == "batch.jsonl#L1"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no body"}, "JSON record has no 'text' field"),
        ({"text": "   "}, "JSON record has no 'text' field"),
        ({"text": 42}, "JSON record has no 'text' field"),
        ([1, 2], "JSON record is not an object (got an array)"),
        ("just a string", "JSON record is not an object (got a string)"),
    ],
)
def test_json_record_rejections(record: object, reason: str) -> None:
    assert _reason(json.dumps(record).encode(), "json") == reason


def test_invalid_json_record() -> None:
    assert _reason(b'{"text": ', "json").startswith("invalid JSON")


def test_json_numeric_date_is_ignored() -> None:
    article = decode(_raw(b'{"text": "Body.", "published": 1700000000}', "json"))
    assert article.meta.published is None


# -------------------------------------------------------------------------- stdin


def test_stdin_sniffs_html_json_and_text() -> None:
    html = decode(_raw(b"<!DOCTYPE html><html><body><p>From a pipe.</p>", source=STDIN_SOURCE))
    assert html.text == "From a pipe."
    js = decode(_raw(b'{"text": "From JSON.", "title": "T"}', source=STDIN_SOURCE))
    assert (js.text, js.meta.title) == ("From JSON.", "T")
    txt = decode(_raw(b"<3 plain text, not markup", source=STDIN_SOURCE))
    assert txt.text == "<3 plain text, not markup"


def test_text_file_with_markup_is_not_sniffed() -> None:
    assert _text(b"<p>literal</p>") == "<p>literal</p>"


# -------------------------------------------------------------- read -> decode


def test_read_then_decode_files(tmp_path: Path) -> None:
    from etl.ingest.discover import discover

    (tmp_path / "latin.txt").write_bytes("Réunion à Genève".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Summit in Accra".encode("utf-16-le"))
    (tmp_path / "batch.jsonl").write_text(
        '{"text": "First record."}\nnot json\n{"text": "Third record."}\n', encoding="utf-8"
    )
    texts, rejected = [], []
    for cand in discover([str(tmp_path)]):
        for raw in read(cand, max_bytes=1 << 20):  # type: ignore[arg-type]
            if isinstance(raw, RawInput):
                texts.append(decode(raw).text)
            else:
                rejected.append(raw.source)
    assert texts == ["First record.", "Third record.", "Réunion à Genève", "Summit in Accra"]
    assert rejected == [f"{tmp_path / 'batch.jsonl'}#L2"]


def test_sample_articles_all_load() -> None:
    from etl.ingest.discover import discover

    root = Path(__file__).resolve().parent.parent / "seeds" / "sample_articles"
    articles = []
    for cand in discover([str(root)]):
        assert not isinstance(cand, Rejection), cand
        for raw in read(cand, max_bytes=1 << 20):
            assert isinstance(raw, RawInput), raw
            articles.append(decode(raw))
    assert len(articles) == 6  # five files, the JSON Lines one holding two records
    for article in articles:
        assert 150 <= len(article.text.split()) <= 400, article.source
    html = next(a for a in articles if a.source.endswith(".html"))
    assert html.meta.title == "Thailand and Laos sign deal for second Mekong rail bridge"
    assert html.meta.published == "2025-02-20T09:15:00+07:00"
    assert "Subscribe" not in html.text and "All rights reserved" not in html.text


# --------------------------------------------------------------------- property


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), kind=st.sampled_from(["text", "html", "json"]))
def test_decode_only_raises_rejected_input(data: bytes, kind: str) -> None:
    try:
        article = decode(_raw(data, kind))
    except RejectedInput as exc:
        assert exc.reason and "\n" not in exc.reason
    else:
        assert article.text.strip()
        assert "\x00" not in article.text and "\r" not in article.text


@settings(max_examples=50, deadline=None)
@given(text=st.text(min_size=1, max_size=500))
def test_decode_utf8_text_never_crashes(text: str) -> None:
    try:
        article = decode(_raw(text.encode("utf-8", "surrogatepass")))
    except RejectedInput:
        return
    assert article.text == article.text.strip()
