"""Security properties: passwords never leak, the embedded server is private, SQL is never
built from input.

* A password in DATABASE_URL must not appear in any output a user or a log collector sees:
  ``-vv`` logs, error messages (also with ``--debug``), ``load --json``, ``status``, ``runs``,
  nor in the ``etl_runs``/``rejected_inputs`` rows. Checked for a reachable URL (a login role
  created with that password; the test server trusts local connections, which is fine here)
  and for unreachable and malformed ones.
* The embedded server keeps its data directory private (0700), listens on a Unix socket only,
  and on 127.0.0.1 alone when DIPLO_EMBEDDED_PORT asks for TCP.
* No SQL statement in etl/ or migrations/ is an f-string, %-format or .format() of a string:
  a static check over the syntax tree (values go through bind parameters, identifiers
  through psycopg.sql).
"""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import psutil
import psycopg
import pytest
from articles import ARTICLE
from conftest import REPO, drop_database
from psycopg import sql
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl.load import embedded

PASSWORD = "S3cr3t-xyz"
# Also the forms a password takes inside a URL, so a leak of either spelling is caught.
SPECIAL = "p@ss:w/rd%S3cr3t"
FORMS = (PASSWORD, SPECIAL, quote(SPECIAL, safe=""))


def _admin(url: URL) -> psycopg.Connection:
    admin = url.set(drivername="postgresql", database="postgres")
    return psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True)


@pytest.fixture
def secret_url(server_url: URL) -> Iterator[URL]:
    """A database owned by a login role whose password is PASSWORD."""
    role = f"diplo_secret_{os.getpid()}"
    database = f"diplo_secret_db_{os.getpid()}"
    with _admin(server_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(PASSWORD)
            )
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(database), sql.Identifier(role)
            )
        )
    yield server_url.set(username=role, password=PASSWORD, database=database)
    drop_database(server_url, database)
    with _admin(server_url) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _diplo(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _assert_no_password(where: str, output: str) -> None:
    for form in FORMS:
        assert form not in output, f"password leaked in {where}: {output[:2000]}"


def test_password_never_appears_in_output_logs_or_run_rows(secret_url: URL, tmp_path: Path) -> None:
    raw_url = secret_url.render_as_string(hide_password=False)
    assert PASSWORD in raw_url
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")

    load = _diplo(raw_url, "-vv", "load", "--workers", "1", "--json", str(tmp_path))
    assert load.returncode == 1, load.stderr  # empty.txt is rejected
    assert '"loaded": 1' in load.stdout
    status = _diplo(raw_url, "status")
    runs = _diplo(raw_url, "runs", "--rejected")
    assert status.returncode == 0 and "password not shown" in status.stdout, status.stdout
    assert runs.returncode == 0 and "empty.txt" in runs.stdout
    for name, result in (("load", load), ("status", status), ("runs", runs)):
        _assert_no_password(f"{name} stdout", result.stdout)
        _assert_no_password(f"{name} stderr", result.stderr)

    engine = create_engine(secret_url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT etl_runs::text FROM ops.etl_runs")).scalars().all()
            rows += (
                conn.execute(text("SELECT rejected_inputs::text FROM ops.rejected_inputs"))
                .scalars()
                .all()
            )
            # What another user of the server can see about this session.
            rows += (
                conn.execute(text("SELECT coalesce(application_name, '') FROM pg_stat_activity"))
                .scalars()
                .all()
            )
    finally:
        engine.dispose()
    assert len(rows) >= 2
    _assert_no_password("etl_runs / rejected_inputs", "\n".join(rows))


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://someone:{PASSWORD}@127.0.0.1:1/diplo",  # nothing listens on port 1
        f"postgresql://someone:{quote(SPECIAL, safe='')}@127.0.0.1:1/diplo",
        f"postgresql://someone:{PASSWORD}@no-such-host.invalid:5432/diplo",
        f"postgresql://someone:{PASSWORD}@127.0.0.1:notaport/diplo",
        f"mysql://someone:{PASSWORD}@127.0.0.1/diplo",
    ],
)
@pytest.mark.parametrize("debug", [False, True])
def test_unreachable_or_bad_url_errors_name_no_password(url: str, debug: bool) -> None:
    from typer.testing import CliRunner

    from etl.cli import app

    args = ["--debug"] if debug else []
    for command in (["status"], ["load", "-"], ["db", "current"]):
        result = CliRunner().invoke(app, [*args, *command], env={"DATABASE_URL": url})
        assert result.exit_code != 0
        shown = result.stdout + result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            shown += f"\n{result.exception!r}\n{result.exception}"
            cause = result.exception.__cause__
            shown += f"\n{cause!r}" if cause else ""
        _assert_no_password(f"{command} with {url}", shown)
        if not debug:
            assert result.exit_code == 2, (command, shown)
            assert shown.startswith("Error: ") and len(shown.strip().splitlines()) == 1, shown


# --------------------------------------------------------------------------- embedded


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(pid: int) -> set[str]:
    return {
        c.laddr.ip
        for c in psutil.net_connections(kind="inet")
        if c.pid == pid and c.status == psutil.CONN_LISTEN
    }


@pytest.fixture
def embedded_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "diplo-home"
    yield home
    embedded.stop(home)


def test_embedded_server_is_private(embedded_home: Path) -> None:
    url = embedded.start(embedded_home)
    pgdata = embedded_home / "pgdata"
    assert (pgdata.stat().st_mode & 0o777) == 0o700
    lines = (pgdata / "postmaster.pid").read_text().splitlines()
    pid = int(lines[0])
    assert lines[5].strip() == "", lines  # listen address: none, Unix socket only
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW listen_addresses")).scalar_one() == ""
    finally:
        engine.dispose()
    assert _listening(pid) == set()
    assert url.password is None

    port = _free_port()
    url = embedded.start(embedded_home, port=port)
    lines = (pgdata / "postmaster.pid").read_text().splitlines()
    pid = int(lines[0])
    assert (lines[3], lines[5].strip()) == (str(port), "127.0.0.1")
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW listen_addresses")).scalar_one() == "127.0.0.1"
    finally:
        engine.dispose()
    assert _listening(pid) == {"127.0.0.1"}
    assert (pgdata.stat().st_mode & 0o777) == 0o700

    # DIPLO_EMBEDDED_PORT unset again: the next start closes the port.
    embedded.start(embedded_home)
    lines = (pgdata / "postmaster.pid").read_text().splitlines()
    assert lines[5].strip() == "", lines
    assert _listening(int(lines[0])) == set()


def test_the_socket_url_survives_a_port_set_then_unset(embedded_home: Path) -> None:
    """DIPLO_EMBEDDED_PORT set, then unset: the socket URL printed then is the one a plain
    start gives, and it still connects after the server is stopped and started again."""

    def connects(url: URL) -> bool:
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                return conn.execute(text("SELECT 1")).scalar_one() == 1
        except Exception:
            return False
        finally:
            engine.dispose()

    plain = embedded.start(embedded_home)
    embedded.start(embedded_home, port=_free_port())
    unset = embedded.start(embedded_home)
    assert unset == plain, (unset, plain)
    embedded.stop(embedded_home)
    restarted = embedded.start(embedded_home)
    assert restarted == plain
    assert connects(unset)


def _tcp(port: int, user: str, password: str | None, database: str = "diplo") -> str:
    conninfo = f"host=127.0.0.1 port={port} dbname={database} user={user} connect_timeout=10"
    try:
        with psycopg.connect(conninfo, password=password) as conn:
            return conn.execute("SELECT current_user").fetchone()[0]
    except psycopg.OperationalError as exc:
        return f"refused: {exc}"


def test_embedded_tcp_asks_every_role_for_its_password(embedded_home: Path) -> None:
    from typer.testing import CliRunner

    from etl.cli import app

    port = _free_port()
    embedded.start(embedded_home, port=port)
    secret = embedded.password_file(embedded_home)
    assert (secret.stat().st_mode & 0o777) == 0o600
    password = embedded.superuser_password(embedded_home)
    assert len(password) >= 24

    assert "password" in _tcp(port, "postgres", None)  # refused: no password given
    assert "password authentication failed" in _tcp(port, "postgres", "wrong")
    assert _tcp(port, "postgres", password) == "postgres"
    assert "password authentication failed" in _tcp(port, "nobody_here", "wrong")

    env = {
        "DIPLO_HOME": str(embedded_home),
        "DIPLO_EMBEDDED_PORT": str(port),
        "DATABASE_URL": None,
        "DIPLO_READONLY_PASSWORD": None,
    }
    runner = CliRunner()
    refused = runner.invoke(app, ["db", "grant-readonly", "metabase"], env=env)
    assert refused.exit_code == 2, refused.output
    assert "password is required" in refused.stderr
    assert "refused" in _tcp(port, "metabase", "")  # and no role was created
    made = runner.invoke(
        app, ["db", "grant-readonly", "metabase"], env={**env, "DIPLO_READONLY_PASSWORD": "m3ta"}
    )
    assert made.exit_code == 0, made.output
    assert "password authentication failed" in _tcp(port, "metabase", "wrong")
    assert "refused" in _tcp(port, "metabase", None)
    assert _tcp(port, "metabase", "m3ta") == "metabase"
    # initdb's own databases are closed to it too (no temporary tables there).
    for database in ("postgres", "template1"):
        assert "permission denied for database" in _tcp(port, "metabase", "m3ta", database)
    assert "Note:" not in made.output  # nothing left that it could write

    # The superuser's password survives restarts (it is not regenerated).
    embedded.stop(embedded_home)
    embedded.start(embedded_home, port=port)
    assert embedded.superuser_password(embedded_home) == password
    assert _tcp(port, "postgres", password) == "postgres"


# ------------------------------------------------------------------------- static SQL

SQL_CALLS = {"execute", "exec_driver_sql", "text", "copy", "SQL", "executemany"}


def _sql_built_from_strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Calls like execute(f"..."), text("..." % x), sql.SQL("...".format(x))."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in SQL_CALLS:
            continue
        arg = node.args[0]
        if isinstance(arg, ast.JoinedStr) and any(
            isinstance(v, ast.FormattedValue) for v in arg.values
        ):
            yield node.lineno, f"{name}(f-string)"
        elif isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod | ast.Add):
            yield node.lineno, f"{name}(string {type(arg.op).__name__})"
        elif (
            isinstance(arg, ast.Call)
            and isinstance(arg.func, ast.Attribute)
            and arg.func.attr == "format"
            and isinstance(arg.func.value, ast.Constant)
        ):
            yield node.lineno, f"{name}(str.format)"


# Interpolations reviewed by hand: each puts in names that come from code, never input.
REVIEWED = {
    # CREATE VIEW analytics.{name} AS {sql} / COMMENT ON ...: view names, SQL and comments
    # are constants of the migration (comments quoted by its _quote()).
    ("migrations/versions/0004_analytics_views.py", "execute(f-string)"),
    ("migrations/versions/0004_analytics_views.py", "execute(string Add)"),
    # The same for 0006's views; DROP VIEW analytics.{name} takes names from its VIEWS.
    ("migrations/versions/0006_bi_time_precision_and_ops_schema.py", "execute(f-string)"),
    ("migrations/versions/0006_bi_time_precision_and_ops_schema.py", "execute(string Add)"),
    # 0007: DROP VIEW analytics.{name} from its VIEWS; the GRANT/REVOKE statements are built
    # from its constants (the database's name is found by the server, in a DO block).
    (
        "migrations/versions/0007_bi_grain_columns_first_pairs_private_database.py",
        "execute(f-string)",
    ),
    (
        "migrations/versions/0007_bi_grain_columns_first_pairs_private_database.py",
        "execute(string Add)",
    ),
    # 0009 replaces person_activity the same way.
    ("migrations/versions/0009_event_identity_over_blocks.py", "execute(f-string)"),
    # 0011 too; its GRANT is made by the server from the catalog, in a DO block.
    ("migrations/versions/0011_statement_views.py", "execute(f-string)"),
    # The report's event and document scopes: subqueries assembled from WHERE clauses that are
    # constants of report/data.py; every filter value is a bound parameter.
    ("etl/outputs/report/data.py", "text(f-string)"),
    # The same scopes in the statements' queries, and their month rule, a constant.
    ("etl/outputs/report/statement_data.py", "text(f-string)"),
}


def test_no_sql_is_formatted_from_values() -> None:
    found: list[tuple[str, int, str]] = []
    for path in sorted([*REPO.glob("etl/**/*.py"), *REPO.glob("migrations/**/*.py")]):
        rel = path.relative_to(REPO).as_posix()
        for line, what in _sql_built_from_strings(ast.parse(path.read_text(), rel)):
            if (rel, what) not in REVIEWED:
                found.append((rel, line, what))
    assert found == [], found


def test_the_static_check_catches_formatted_sql() -> None:
    code = (
        "conn.execute(f'SELECT {x}')\n"
        "conn.execute(text('DELETE FROM t WHERE a = %s' % v))\n"
        "sql.SQL('DROP {}'.format(name))\n"
        "conn.execute(text('SELECT 1 WHERE a = :a'), {'a': v})\n"
    )
    assert [w for _, w in sorted(_sql_built_from_strings(ast.parse(code)))] == [
        "execute(f-string)",
        "text(string Mod)",
        "SQL(str.format)",
    ]
