"""The command line as a user meets it: exit codes, one-line errors, help with examples."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from articles import ARTICLE
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl.cli import app
from etl.load import schema

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _url(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def invoke(args: list[str], url: URL | None = None, **env: str):  # type: ignore[no-untyped-def]
    environ = {"DATABASE_URL": _url(url)} if url is not None else {}
    environ.update(env)
    return runner.invoke(app, args, env=environ)


def test_load_then_reload_reports_counts_and_exit_codes(db_url: URL, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    first = invoke(["load", str(tmp_path)], db_url)
    assert first.exit_code == 0, first.output
    assert re.search(r"1 seen, 1 loaded, 0 replaced, 0 unchanged, 0 rejected", first.stdout)
    second = invoke(["load", "--json", str(tmp_path)], db_url)
    assert second.exit_code == 0
    summary = json.loads(second.stdout)
    assert (summary["loaded"], summary["unchanged"], summary["status"]) == (0, 1, "succeeded")


def test_rejected_inputs_give_exit_code_1_and_reasons_on_stderr(
    db_url: URL, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("   \n")
    result = invoke(["load", str(tmp_path)], db_url)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert "Traceback" not in result.output
    runs = invoke(["runs", "--rejected"], db_url)
    assert runs.exit_code == 0
    assert "partial" in runs.stdout and "empty.txt" in runs.stdout


def test_unreachable_database_names_the_url_without_password() -> None:
    result = invoke(["status"], DATABASE_URL="postgresql://alice:s3cret@127.0.0.1:1/nowhere")
    assert result.exit_code == 2
    assert "127.0.0.1:1" in result.stderr and "s3cret" not in result.output
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_database_url_is_a_config_error() -> None:
    result = invoke(["status"], DATABASE_URL="mysql://root@localhost/db")
    assert result.exit_code == 2
    assert "PostgreSQL" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert invoke(["load"]).exit_code == 2
    assert invoke(["load", "--max-bytes", "0", "x"]).exit_code == 2
    assert invoke(["no-such-command"]).exit_code == 2


def test_db_commands(empty_db_url: URL) -> None:
    assert "base (empty)" in invoke(["db", "current"], empty_db_url).stdout
    up = invoke(["db", "upgrade"], empty_db_url)
    assert up.exit_code == 0, up.output
    assert f"Schema at {schema.head_revision()}" in up.stdout
    seed = invoke(["db", "seed"], empty_db_url)
    assert seed.exit_code == 0 and "countries: 0 rows written (249 in" in seed.stdout
    assert "country_aliases: 0 rows written" in seed.stdout
    # Every seed file is accounted for, also those the extractor reads rather than a table.
    for csv_file in (REPO / "seeds").glob("*.csv"):
        assert csv_file.name in seed.stdout, (csv_file.name, seed.stdout)
    status = invoke(["status"], empty_db_url)
    assert "(head)" in status.stdout and "Countries  249" in status.stdout
    bad = invoke(["db", "upgrade", "nosuchrev"], empty_db_url)
    assert bad.exit_code == 2 and "nosuchrev" in bad.stderr
    # A downgrade drops data: it asks, and no answer (a script's closed stdin) is a no.
    unasked = invoke(["db", "downgrade", "base"], empty_db_url)
    assert unasked.exit_code == 2 and "--yes" in unasked.stderr, unasked.output
    declined = runner.invoke(
        app, ["db", "downgrade", "base"], input="n\n", env={"DATABASE_URL": _url(empty_db_url)}
    )
    assert declined.exit_code == 2 and "drop every table" in declined.stderr
    assert schema.current_revision(_engine(empty_db_url)) == schema.head_revision()
    down = runner.invoke(
        app, ["db", "downgrade", "base"], input="y\n", env={"DATABASE_URL": _url(empty_db_url)}
    )
    assert down.exit_code == 0 and "base (empty)" in down.stdout, down.output
    assert invoke(["db", "upgrade"], empty_db_url).exit_code == 0
    scripted = invoke(["db", "downgrade", "--yes", "base"], empty_db_url)
    assert scripted.exit_code == 0 and "base (empty)" in scripted.stdout
    assert schema.current_revision(_engine(empty_db_url)) is None


def _engine(url: URL):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(url, poolclass=NullPool)


def test_db_stop_refuses_under_a_running_load_unless_forced(tmp_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from etl.load import embedded
    from etl.load.locks import load_lock

    home = tmp_path / "home"
    env = {"DIPLO_HOME": str(home), "DATABASE_URL": None, "DIPLO_EMBEDDED_PORT": None}
    url = embedded.start(home)
    engine = create_engine(url, poolclass=NullPool)
    try:
        with load_lock(engine):  # what a load holds while it runs
            refused = runner.invoke(app, ["db", "stop"], env=env)
            assert refused.exit_code == 75, refused.output
            assert "load is running" in refused.stderr and "--force" in refused.stderr
            with engine.connect() as conn:  # still serving the load
                assert conn.exec_driver_sql("SELECT 1").scalar() == 1
            forced = runner.invoke(app, ["db", "stop", "--force"], env=env)
            assert forced.exit_code == 0 and "stopped" in forced.stdout, forced.output
        embedded.start(home)
        idle = runner.invoke(app, ["db", "stop"], env=env)
        assert idle.exit_code == 0 and "Embedded server stopped." in idle.stdout
    finally:
        engine.dispose()
        embedded.stop(home)


def _commands() -> list[list[str]]:
    found = [
        [c]
        for c in (
            "load",
            "status",
            "runs",
            "reextract",
            "evaluate",
            "events",
            "statements",
            "report",
            "prune",
            "schedule",
            "export",
        )
    ]
    found += [
        ["db", c] for c in ("upgrade", "downgrade", "current", "seed", "grant-readonly", "stop")
    ]
    return found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command: list[str]) -> None:
    result = invoke([*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    readme = (REPO / "README.md").read_text()
    assert f"diplo {' '.join(command)}" in readme
    # Flags take no value, so help shows none: `--wait`, not `--wait <bool>`.
    assert "<bool>" not in result.stdout, result.stdout


def test_flags_and_counters_show_no_value_in_help() -> None:
    result = invoke(["--help"])
    lines = {line.split()[1]: line for line in result.stdout.splitlines() if "--" in line}
    assert "<" not in lines["--debug"] and "<" not in lines["--verbose"], result.stdout
    assert "<str>" in lines["--database-url"]  # options that take a value still say what
    assert "<int" in invoke(["load", "--help"]).stdout


def test_every_registered_command_is_covered_above() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = {(n,) for n in group.commands if n != "db"}  # type: ignore[attr-defined]
    names |= {("db", n) for n in group.commands["db"].commands}  # type: ignore[attr-defined]
    assert names == {tuple(c) for c in _commands()}


def test_events_timeline_filters(db_url: URL, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Leaders meet in Astana\n\nMarch 5, 2024\n\nChinese President Xi Jinping held talks with "
        "Kazakh President Kassym-Jomart Tokayev in Astana on Monday. The two presidents signed "
        "a cooperation agreement on trade and energy after the talks.\n"
    )
    assert invoke(["load", str(tmp_path)], db_url).exit_code == 0
    by_person = invoke(["events", "--person", "Tokayev"], db_url)
    assert by_person.exit_code == 0 and "Tokayev" in by_person.stdout
    by_country = invoke(["events", "--country", "Kazakhstan", "--since", "2024-01-01"], db_url)
    assert "2024-03" in by_country.stdout
    assert invoke(["events", "--country", "KAZ", "--until", "2023"], db_url).stdout == ""
    # A year or a month given as a bound means the whole period.
    for bounds in (["--until", "2024"], ["--since", "2024-03", "--until", "2024-03"]):
        assert "2024-03" in invoke(["events", "--country", "KAZ", *bounds], db_url).stdout, bounds
    assert invoke(["events", "--country", "KAZ", "--since", "2024-04"], db_url).stdout == ""
    assert invoke(["events", "--country", "KAZ", "--until", "2024-02"], db_url).stdout == ""
    bad_date = invoke(["events", "--until", "2024-13"], db_url)
    assert bad_date.exit_code == 2 and "YYYY-MM" in bad_date.stderr
    bad = invoke(["events", "--type", "party"], db_url)
    assert bad.exit_code == 2 and "unknown event type" in bad.stderr
    assert invoke(["events", "--country", "Atlantis"], db_url).exit_code == 2


def test_python_dash_m_etl_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "load" in result.stdout


def test_embedded_default_needs_no_setup(tmp_path: Path) -> None:
    """No DATABASE_URL: the CLI starts its own PostgreSQL under DIPLO_HOME and loads the samples."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DIPLO_HOME"] = str(tmp_path / "home")
    diplo = [sys.executable, "-m", "etl"]
    try:
        loaded = subprocess.run(
            [*diplo, "load", str(REPO / "seeds" / "sample_articles")],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=300,
        )
        assert loaded.returncode == 0, loaded.stderr
        assert "0 rejected" in loaded.stdout
        status = subprocess.run(
            [*diplo, "status"], capture_output=True, text=True, env=env, check=False, timeout=120
        )
        assert status.returncode == 0, status.stderr
        assert "embedded" in status.stdout
        assert _psql_accepts(_status_url(status.stdout)) == "1"
        pgdata = tmp_path / "home" / "pgdata"
        assert oct(pgdata.stat().st_mode & 0o777) == "0o700"
    finally:
        subprocess.run([*diplo, "db", "stop"], env=env, check=False, timeout=60)


def _status_url(stdout: str) -> str:
    match = re.search(r"^Database\s+(\S+)", stdout, re.MULTILINE)
    assert match, stdout
    return match.group(1)


def _psql_accepts(url: str) -> str:
    import pgserver

    psql = Path(pgserver.__file__).parent / "pginstall" / "bin" / "psql"
    result = subprocess.run(
        [str(psql), url, "-Atc", "SELECT 1"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_status_prints_a_url_psql_accepts_without_the_password(db_url: URL) -> None:
    with_password = db_url.set(password="not-the-real-one")  # the test server trusts TCP
    result = invoke(["status"], with_password)
    assert result.exit_code == 0, result.output
    url = _status_url(result.stdout)
    assert url.startswith("postgresql://") and "not-the-real-one" not in result.stdout
    assert "password not shown" in result.stdout
    assert _psql_accepts(url) == "1"


def test_runs_table_fits_80_columns_with_whole_headers() -> None:
    from rich.console import Console

    from etl.cli.inspect import runs_table

    header = ("run", "started", "seconds", "status", "seen", "loaded", "replaced", "unchanged")
    header += ("rejected",)
    rows = [
        ["127", "2026-12-04 15:37", "1234.5", "succeeded", "2000", "1990", "0", "0", "10"],
        ["128", "2026-12-04 15:38", "0.3", "partial", "6", "5", "0", "0", "1"],
    ]
    console = Console(width=80, record=True, force_terminal=True, color_system=None)
    console.print(runs_table(header, rows))
    lines = console.export_text().splitlines()
    assert lines[0].split() == list(header), lines
    assert "…" not in "\n".join(lines)
    assert len(lines) == 3 and all(len(line.rstrip()) <= 80 for line in lines), lines


def test_every_exit_code_is_in_the_readme_table() -> None:
    from etl import cli, errors

    readme = (REPO / "README.md").read_text()
    start = readme.index("Exit codes:")
    table = readme[start : readme.index("\n\n", start)]
    codes = {v for k, v in vars(cli).items() if k.startswith("EXIT_")}
    codes |= {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DiploError)
    }
    assert 130 in codes and 75 in codes
    for code in codes:
        assert f"`{code}`" in table, (code, table)


def test_debug_shows_the_traceback_but_keeps_the_documented_exit_code(empty_db_url: URL) -> None:
    result = invoke(["--debug", "runs"], empty_db_url)
    assert result.exit_code == 2, result.output
    assert "Traceback" in result.stderr and "Error: the database has no schema" in result.stderr


def test_grant_readonly_with_ops_is_said_and_undone(db_url: URL) -> None:
    import uuid

    import psycopg

    role = f"diplo_cli_ro_{uuid.uuid4().hex[:8]}"
    admin = _url(db_url.set(drivername="postgresql"))
    try:
        password = {"DIPLO_READONLY_PASSWORD": "ro-pass"}
        granted = invoke(["db", "grant-readonly", role, "--with-ops"], db_url, **password)
        assert granted.exit_code == 0, granted.output
        assert "read-only on public, analytics, ops" in granted.stdout
        can = "SELECT has_schema_privilege(%s, 'ops', 'USAGE')"
        with psycopg.connect(admin, autocommit=True) as conn:
            assert conn.execute(can, (role,)).fetchone() == (True,)
        again = invoke(["db", "grant-readonly", role], db_url, **password)
        assert "read-only on public, analytics" in again.stdout
        assert "ops" not in again.stdout
        with psycopg.connect(admin, autocommit=True) as conn:
            assert conn.execute(can, (role,)).fetchone() == (False,)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


SPEECH = (
    "Harbour talks by phone\n\n"
    "JAKARTA, March 6, 2024 -- Indonesian Foreign Minister Amina Rahman held phone talks with"
    " Malaysian Foreign Minister Daniel Tan on March 5, 2024. During the talks, Rahman said"
    " Indonesia is ready to deepen maritime cooperation with Malaysia.\n\n"
    "Beijing said it firmly opposes any unilateral move in the South China Sea.\n"
)


def test_statements_filter_search_and_json(db_url: URL, tmp_path: Path) -> None:
    (tmp_path / "speech.txt").write_text(SPEECH)
    assert invoke(["load", str(tmp_path)], db_url).exit_code == 0
    assert "Statements 2 (2 speakers)" in invoke(["status"], db_url).stdout
    found = invoke(["statements", "--search", "maritime cooperation"], db_url)
    assert found.exit_code == 0, found.output
    assert "Amina Rahman (IDN)" in found.stdout and "2024-03-05" in found.stdout
    assert "speech.txt" in found.stdout and "Beijing" not in found.stdout
    state = invoke(["statements", "--country", "China", "--json"], db_url)
    rows = [json.loads(line) for line in state.stdout.splitlines()]
    assert [(r["speaker"], r["speaker_kind"], r["mode"]) for r in rows] == [
        ("CHN", "country", "reported")
    ]
    about = invoke(["statements", "--about", "Malaysia", "--json"], db_url)
    assert [json.loads(line)["speaker"] for line in about.stdout.splitlines()] == ["Amina Rahman"]
    assert invoke(["statements", "--speaker", "Rahman", "--until", "2023"], db_url).stdout == ""
    assert invoke(["statements", "--mode", "sideways"], db_url).exit_code == 2


PHRASES = (
    "Ports forum\n\n"
    "JAKARTA, March 6, 2024 -- Indonesian Foreign Minister Amina Rahman said the region needs"
    " peace and development, since peace makes development of its ports possible and"
    " development keeps the peace.\n\n"
    "Malaysian Foreign Minister Daniel Tan said Malaysia will keep to the path of peaceful"
    " development.\n"
)


def test_statements_search_puts_the_phrase_first(db_url: URL, tmp_path: Path) -> None:
    (tmp_path / "forum.txt").write_text(PHRASES)
    assert invoke(["load", str(tmp_path)], db_url).exit_code == 0
    found = invoke(["statements", "--search", "peaceful development", "--json"], db_url)
    speakers = [json.loads(line)["speaker"] for line in found.stdout.splitlines()]
    assert speakers == ["Daniel Tan", "Amina Rahman"], speakers


def test_every_environment_variable_diplo_reads_is_in_the_readme() -> None:
    """A setting a user cannot find is a limit they hit blind (DIPLO_MAX_CHARS was one)."""
    read = set()
    for path in [*(REPO / "etl").rglob("*.py"), *(REPO / "models").rglob("*.py")]:
        read |= set(re.findall(r"[\"'](DIPLO_[A-Z0-9_]+)[\"']", path.read_text()))
    assert "DIPLO_MAX_CHARS" in read and "DIPLO_HOME" in read
    readme = (REPO / "README.md").read_text()
    assert sorted(v for v in read if f"`{v}" not in readme) == []


def test_runs_show_a_reextract_as_reextracted_not_replaced(
    db_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl.cli import shared

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Jakarta", "Surabaya"))
    assert invoke(["load", "--workers", "1", str(tmp_path)], db_url).exit_code == 0
    assert invoke(["reextract", "--all"], db_url).exit_code == 0

    piped = invoke(["runs"], db_url)
    assert piped.exit_code == 0, piped.output
    lines = [line.split("\t") for line in piped.stdout.splitlines()]
    rows = [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    reextract, load = rows
    assert (reextract["command"], reextract["reextracted"], reextract["replaced"]) == (
        "reextract",
        "2",
        "",
    )
    assert (load["command"], load["loaded"], load["reextracted"]) == ("load", "2", "")

    status = invoke(["status"], db_url)
    last = next(line for line in status.stdout.splitlines() if line.startswith("Last run"))
    assert "reextract" in last and "2 documents re-extracted" in last and "replaced" not in last

    # On a terminal: the table fits 80 columns, and the reextract is said under it.
    monkeypatch.setattr(shared.out, "_force_terminal", True)
    monkeypatch.setattr(shared.out, "_width", 80)
    screen = invoke(["runs"], db_url)
    assert "run 2 reextract: 2 documents re-extracted" in screen.stdout, screen.stdout
    table = screen.stdout.split("\nrun 2 reextract")[0].splitlines()
    assert table[0].split()[:2] == ["run", "started"]
    reextract_row = table[1].split()
    assert reextract_row[0] == "2" and reextract_row[-1] == "2"  # seen, and no other count


def _exit_codes() -> set[int]:
    from etl import cli, errors

    codes = {v for k, v in vars(cli).items() if k.startswith("EXIT_")}
    codes |= {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DiploError)
    }
    return codes


def test_load_help_lists_every_exit_code_the_cli_uses() -> None:
    helped = invoke(["load", "--help"])
    assert helped.exit_code == 0
    text = " ".join(helped.stdout.replace("│", " ").split())
    codes = _exit_codes()
    assert {0, 1, 2, 3, 70, 75, 130} <= codes
    missing = sorted(c for c in codes if not re.search(rf"(?<![\d.]){c}(?![\d.]) [a-z]", text))
    assert missing == [], text


def test_version_names_the_package_extractor_and_schema() -> None:
    from importlib.metadata import version

    from etl.extract.extractor import EXTRACTOR_VERSION

    result = invoke(["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"diplo {version('diplo')} (extractor {EXTRACTOR_VERSION}, schema {schema.head_revision()})"
    )
    assert "`diplo --version`" in (REPO / "README.md").read_text()
