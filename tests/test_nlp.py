"""The leaner model configuration reads the same part-of-speech tags as the shipped one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from articles import ARTICLE
from sqlalchemy.engine import URL

from etl.errors import ConfigError
from etl.extract.nlp import POS_COMPONENT, SPACY_MODEL, check_model, load_nlp

TEXT = (
    "Chinese President Xi Jinping held talks with his Kazakh counterpart on Monday. "
    "The two leaders said they had agreed that trade would grow, and that there were no "
    "obstacles which could not be overcome. Nothing was signed, but officials did not rule "
    "out a deal if talks are held again. I think it's been a productive visit, he said, "
    "because everyone has seen what cooperation does."
)


def test_pos_tags_match_the_shipped_attribute_ruler() -> None:
    shipped = spacy.load(SPACY_MODEL)(TEXT)
    ours = load_nlp()(TEXT)
    assert "attribute_ruler" not in load_nlp().pipe_names
    assert POS_COMPONENT in load_nlp().pipe_names
    assert [t.text for t in ours] == [t.text for t in shipped]
    assert [t.tag_ for t in ours] == [t.tag_ for t in shipped]
    assert [t.pos_ for t in ours] == [t.pos_ for t in shipped]
    assert {t.pos_ for t in ours} >= {"AUX", "VERB", "PRON", "SCONJ", "PART", "PROPN"}


def test_a_line_break_ends_a_sentence() -> None:
    doc = load_nlp()("Issued by the press office:\n\nThe minister met his counterpart today.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Issued by the press office:", "The minister met his counterpart today."]


# ------------------------------------------------------------------ choosing the model


def _invoke(args: list[str], **env: str | None):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from etl.cli import app

    return CliRunner().invoke(app, args, env=env)


def _model_dir() -> Path:
    """The default model's data directory: a pipeline named by path, as DIPLO_SPACY_MODEL allows."""
    from spacy import util

    package = util.get_package_path(SPACY_MODEL)
    return next(p for p in package.iterdir() if (p / "config.cfg").is_file())


def test_the_default_model_fits_the_installed_spacy() -> None:
    info = check_model()
    assert info.name == SPACY_MODEL
    assert spacy.util.is_compatible_version(spacy.__version__, info.spacy_version)


def test_a_model_that_is_not_installed_is_a_one_line_config_error(
    db_url: URL, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    url = db_url.render_as_string(hide_password=False)
    result = _invoke(
        ["load", str(tmp_path)], DATABASE_URL=url, DIPLO_SPACY_MODEL="en_core_web_nonesuch"
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: spaCy model 'en_core_web_nonesuch'")
    assert "not installed" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_model_made_for_another_spacy_is_refused(db_url: URL, tmp_path: Path) -> None:
    model = tmp_path / "old_model"
    shutil.copytree(_model_dir(), model)
    meta = json.loads((model / "meta.json").read_text())
    meta["spacy_version"] = ">=3.4.0,<3.5.0"
    (model / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match=r"needs spaCy >=3\.4\.0,<3\.5\.0, but spaCy 3\."):
        check_model(str(model))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    url = db_url.render_as_string(hide_password=False)
    result = _invoke(["load", str(tmp_path / "in")], DATABASE_URL=url, DIPLO_SPACY_MODEL=str(model))
    assert result.exit_code == 2, result.output
    assert "needs spaCy >=3.4.0,<3.5.0" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_diplo_spacy_model_names_any_installed_pipeline(
    db_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPLO_SPACY_MODEL", str(_model_dir()))
    load_nlp.cache_clear()
    try:
        assert check_model().name == str(_model_dir())
        (tmp_path / "a.txt").write_text(ARTICLE)
        url = db_url.render_as_string(hide_password=False)
        result = _invoke(["load", "--workers", "1", str(tmp_path)], DATABASE_URL=url)
        assert result.exit_code == 0, result.output
        assert "1 loaded" in result.stdout
    finally:
        load_nlp.cache_clear()
