"""The read-only role cannot write, even when it switches read-only transactions off for good:
no large objects, no temporary tables, no other diplo database; what PostgreSQL lets every
role do to itself (its own password and session defaults), a rerun of grant-readonly sets
back."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from conftest import create_database, drop_database
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl.load import schema
from etl.outputs import roles

PASSWORD = "ro-pass"
# Writes that need no table privilege, only what PostgreSQL grants PUBLIC by default.
LARGE_OBJECT_WRITES = (
    "SELECT lo_from_bytea(0, 'written by a read-only role')",
    "SELECT lo_creat(-1)",
    "SELECT lo_create(0)",
)
TABLE_WRITES = (
    "INSERT INTO countries (iso3, iso2, name) VALUES ('XXX', 'XX', 'Nowhere')",
    "UPDATE documents SET title = 'changed'",
    "CREATE TEMP TABLE scratch (x int)",
    "CREATE TABLE public.scratch (x int)",
)


def _dsn(url: URL, role: str | None = None, password: str | None = PASSWORD) -> str:
    if role:
        url = url.set(username=role, password=password)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def role(engine: Engine, db_url: URL) -> Iterator[str]:
    name = f"diplo_ro_{uuid.uuid4().hex[:8]}"
    roles.grant_readonly(engine, name, PASSWORD)
    yield name
    with psycopg.connect(_dsn(db_url), autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{name}"')
        conn.execute(f'DROP ROLE "{name}"')


def _read_only_default(db_url: URL, role: str) -> str:
    with psycopg.connect(_dsn(db_url, role), autocommit=True) as conn:
        return conn.execute("SHOW default_transaction_read_only").fetchone()[0]  # type: ignore[index]


def test_no_large_objects_even_with_read_only_transactions_off(db_url: URL, role: str) -> None:
    with psycopg.connect(_dsn(db_url, role), autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")
        for statement in LARGE_OBJECT_WRITES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(_dsn(db_url)) as conn:
        assert conn.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone() == (0,)


def test_the_roles_own_alter_role_does_not_make_it_writable(
    engine: Engine, db_url: URL, role: str
) -> None:
    with psycopg.connect(_dsn(db_url, role), autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")
        # PostgreSQL lets any role set its own defaults; the per-database one diplo set wins.
        conn.execute("ALTER ROLE CURRENT_USER SET default_transaction_read_only = off")
    assert _read_only_default(db_url, role) == "on"

    with psycopg.connect(_dsn(db_url, role), autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")
        conn.execute(
            f'ALTER ROLE CURRENT_USER IN DATABASE "{db_url.database}"'
            " SET default_transaction_read_only = off"
        )
    assert _read_only_default(db_url, role) == "off"
    # Read-write sessions for good, and still nothing it can write.
    with psycopg.connect(_dsn(db_url, role), autocommit=True) as conn:
        for statement in TABLE_WRITES + LARGE_OBJECT_WRITES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)

    roles.grant_readonly(engine, role, PASSWORD)  # a rerun sets it back
    assert _read_only_default(db_url, role) == "on"


def _scram_matches(verifier: str, password: str) -> bool:
    """Whether a SCRAM-SHA-256 verifier of pg_authid was made from ``password``."""
    method, rest = verifier.split("$", 1)
    assert method == "SCRAM-SHA-256"
    params, keys = rest.split("$")
    iterations, salt = params.split(":")
    server_key = keys.split(":")[1]
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    expected = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return hmac.compare_digest(expected, base64.b64decode(server_key))


def test_a_password_the_role_gave_itself_is_set_back_by_a_rerun(
    engine: Engine, db_url: URL, role: str
) -> None:
    def verifier() -> str:
        with psycopg.connect(_dsn(db_url)) as conn:
            row = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (role,))
            return row.fetchone()[0]  # type: ignore[index]

    assert _scram_matches(verifier(), PASSWORD)
    with psycopg.connect(_dsn(db_url, role), autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")
        # No privilege governs a role's own password in PostgreSQL: this succeeds.
        conn.execute("ALTER ROLE CURRENT_USER PASSWORD 'mine-now'")
    assert _scram_matches(verifier(), "mine-now")
    roles.grant_readonly(engine, role, PASSWORD)
    assert _scram_matches(verifier(), PASSWORD)


@pytest.fixture
def other_diplo_database(server_url: URL) -> Iterator[URL]:
    """A second diplo database on the same server, made the way diplo makes one."""
    name = f"diplo_test_other_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = create_database(server_url, name)
    other = create_engine(url, poolclass=NullPool)
    schema.upgrade(other)
    other.dispose()
    yield url
    drop_database(server_url, name)


def test_the_role_cannot_enter_another_diplo_database(
    engine: Engine, db_url: URL, role: str, other_diplo_database: URL
) -> None:
    with psycopg.connect(_dsn(db_url, role)) as conn:  # its own database: fine
        assert conn.execute("SELECT count(*) > 0 FROM countries").fetchone() == (True,)
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(_dsn(other_diplo_database, role)).close()
    notes = roles.remaining_writes(engine, role)
    assert not any("large objects" in n or "temporary tables in this" in n for n in notes)
    assert not any(other_diplo_database.database in n for n in notes)  # type: ignore[operator]


def test_remaining_writes_says_what_only_a_superuser_can_close(engine: Engine, role: str) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("GRANT EXECUTE ON FUNCTION pg_catalog.lo_creat(integer) TO PUBLIC")
        conn.exec_driver_sql("GRANT TEMPORARY ON DATABASE " + f'"{engine.url.database}" TO PUBLIC')
    notes = roles.remaining_writes(engine, role)
    assert any("large objects (lo_creat)" in n and "superuser" in n for n in notes), notes
    assert any("temporary tables in this database" in n for n in notes), notes
    roles.grant_readonly(engine, role, PASSWORD)  # as a superuser: both taken back
    after = roles.remaining_writes(engine, role)
    assert not [n for n in after if "large objects" in n or "this database" in n], after
