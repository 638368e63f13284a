"""The HTML extractor in the installed environment: trafilatura must import (its lxml
dependency is declared so that any pip installs it), reduce real pages to their article, and a
trafilatura that cannot load must stop a load loudly instead of storing page dumps."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from conftest import SHARED
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from etl.article import RawInput
from etl.cli import app
from etl.errors import ExtractorUnavailable
from etl.ingest import decode as decoding
from models import Document

HTML_NEWS = SHARED / "bulk" / "html-news"

PAGE = """<html><head><title>Ministers meet | Example Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet</h1>
<p>The foreign ministers of two neighbouring countries met on Tuesday to talk about trade,
water and the border crossings that were closed last winter.</p>
<p>They agreed to meet again in the spring and to open two of the crossings to trucks.</p>
</article></body></html>"""


def _raw(path: Path) -> RawInput:
    data = path.read_bytes()
    return RawInput(str(path), data, hashlib.sha256(data).hexdigest(), "html")


def test_trafilatura_imports_in_the_installed_environment() -> None:
    # Fails when lxml_html_clean is missing: lxml >= 5.2 no longer ships lxml.html.clean.
    trafilatura = decoding.html_extractor()
    assert callable(trafilatura.bare_extraction)


def test_real_pages_are_reduced_to_their_article() -> None:
    pages = sorted(HTML_NEWS.glob("*.html"))
    if not pages:
        pytest.skip(f"no shared HTML pages at {HTML_NEWS}")
    for page in pages:
        article = decoding.decode(_raw(page))
        dump = decoding._scan_html(page.read_text("utf-8", "replace")).fallback_text()
        words, dump_words = len(article.text.split()), len(dump.split())
        # The page dump keeps menus, edition lists and footers; the article is much shorter.
        assert 0 < words < 0.85 * dump_words, (page.name, words, dump_words)
        assert article.meta.published, page.name


@pytest.fixture
def broken_trafilatura(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # None in sys.modules makes `import trafilatura` raise ImportError, as a broken install does.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    decoding.html_extractor.cache_clear()
    yield
    decoding.html_extractor.cache_clear()


@pytest.mark.usefixtures("broken_trafilatura")
def test_a_trafilatura_that_cannot_load_is_an_error_not_a_fallback() -> None:
    data = PAGE.encode()
    raw = RawInput("page.html", data, hashlib.sha256(data).hexdigest(), "html")
    with pytest.raises(ExtractorUnavailable, match="trafilatura"):
        decoding.decode(raw)


@pytest.mark.usefixtures("broken_trafilatura")
def test_a_load_stops_with_one_line_and_stores_no_page_dump(
    engine: Engine, db_url: object, tmp_path: Path
) -> None:
    (tmp_path / "page.html").write_text(PAGE)
    url = db_url.render_as_string(hide_password=False)  # type: ignore[attr-defined]
    result = CliRunner().invoke(
        app, ["load", "--workers", "1", str(tmp_path)], env={"DATABASE_URL": url}
    )
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "HTML extractor" in lines[0], result.stderr
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Document)) == 0
