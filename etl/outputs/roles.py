"""A read-only database role for BI tools: it reads the public and analytics schemas (and the
ops schema only when asked) and can neither write nor create anything.

Read-only transactions are the first guard, but any role may switch them off (``SET``, or
``ALTER ROLE CURRENT_USER SET`` for its later sessions): privileges are what hold. So the
role gets nothing it could write with, and what PostgreSQL grants every role (PUBLIC) by
default is taken back where it writes: TEMPORARY and CONNECT on this database (migration
0007 does the same in every diplo database, so the role cannot create temporary tables in
another one either), and EXECUTE on the large-object functions. Two things no grant governs:
a role may always change its own password and its own session defaults; rerunning
grant-readonly sets both back.
"""

from __future__ import annotations

import psycopg
from psycopg import sql
from sqlalchemy import Engine

from etl.errors import ConfigError

READ_SCHEMAS = ("public", "analytics")
OPS_SCHEMA = "ops"
# Alembic's bookkeeping stays in public (see migration 0006) but is no business of a BI user.
HIDDEN_TABLES = (("public", "alembic_version"),)
# PostgreSQL's functions that create or write large objects, executable by PUBLIC by default.
LARGE_OBJECT_WRITERS = (
    "pg_catalog.lo_creat(integer)",
    "pg_catalog.lo_create(oid)",
    "pg_catalog.lo_from_bytea(oid, bytea)",
    "pg_catalog.lowrite(integer, bytea)",
    "pg_catalog.lo_put(oid, bigint, bytea)",
    "pg_catalog.lo_truncate(integer, integer)",
    "pg_catalog.lo_truncate64(integer, bigint)",
    "pg_catalog.lo_unlink(oid)",
)


def grant_readonly(
    engine: Engine,
    role: str,
    password: str | None = None,
    *,
    require_password: bool = True,
    with_ops: bool = False,
) -> bool:
    """Create or update ``role``; returns True if it was created. Idempotent.

    ``require_password``: the server is reachable over TCP, where a login role without a
    password is either an open door (trust rules) or a role nobody can use; refuse both.
    ``with_ops`` also lets it read the run log (schema ops); without it, a grant of ops
    made earlier is taken back, so the command always leaves the role as asked.
    """
    if not role or len(role) > 63:
        raise ConfigError("role name must be 1 to 63 characters")
    if require_password and not password:
        raise ConfigError(
            f"a password is required for role {role!r}, which can log in over TCP: "
            "set DIPLO_READONLY_PASSWORD (or --password)"
        )
    ident = sql.Identifier(role)
    readable = READ_SCHEMAS + ((OPS_SCHEMA,) if with_ops else ())
    schemas = sql.SQL(", ").join(sql.Identifier(s) for s in readable)
    ops = sql.Identifier(OPS_SCHEMA)
    with engine.begin() as conn:
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        database = cur.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
        exists = cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        try:
            login = sql.SQL("LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT")
            if password:
                login = sql.SQL("{} PASSWORD {}").format(login, sql.Literal(password))
            verb = sql.SQL("ALTER ROLE" if exists else "CREATE ROLE")
            cur.execute(sql.SQL("{} {} {}").format(verb, ident, login))
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ConfigError(f"not allowed to create or alter roles: {exc}") from exc
        statements = [
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schemas, ident),
            sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(schemas, ident),
            # Tables and views that later migrations create are readable too.
            sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}").format(
                schemas, ident
            ),
            # PostgreSQL < 15 lets every role create in public, and any role make temp tables.
            sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
            sql.SQL("REVOKE TEMPORARY, CONNECT ON DATABASE {} FROM PUBLIC").format(
                sql.Identifier(database)
            ),
            # A warning and a no-op unless a superuser runs it (remaining_writes() tells).
            sql.SQL("REVOKE EXECUTE ON FUNCTION {} FROM PUBLIC").format(
                sql.SQL(", ").join(sql.SQL(f) for f in LARGE_OBJECT_WRITERS)
            ),
            sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(ident),
            # The per-database setting wins over one the role gives itself with
            # ALTER ROLE CURRENT_USER SET, and this rerun overwrites either.
            sql.SQL("ALTER ROLE {} IN DATABASE {} SET default_transaction_read_only = on").format(
                ident, sql.Identifier(database)
            ),
        ]
        statements += [
            sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(*t), ident)
            for t in HIDDEN_TABLES
        ]
        if not with_ops:
            statements += [
                sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(ops, ident),
                sql.SQL("REVOKE USAGE ON SCHEMA {} FROM {}").format(ops, ident),
                sql.SQL(
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA {} REVOKE SELECT ON TABLES FROM {}"
                ).format(ops, ident),
            ]
        for statement in statements:
            cur.execute(statement)
    return not exists


def remaining_writes(engine: Engine, role: str) -> list[str]:
    """What ``role`` could still write or create on this server, in a sentence each (empty
    when nothing): the grants PostgreSQL gives PUBLIC that only a superuser or another
    database's owner can take back."""
    notes: list[str] = []
    with engine.connect() as conn:
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        functions = [
            f
            for f in LARGE_OBJECT_WRITERS
            if cur.execute(
                "SELECT has_function_privilege(%s, %s, 'EXECUTE')", (role, f)
            ).fetchone()[0]  # type: ignore[index]
        ]
        if functions:
            names = ", ".join(f.split("(")[0].removeprefix("pg_catalog.") for f in functions)
            notes.append(
                f"it can create large objects ({names}) once it switches read-only "
                "transactions off: revoking EXECUTE on them FROM PUBLIC needs a superuser"
            )
        if cur.execute(
            "SELECT has_database_privilege(%s, current_database(), 'TEMPORARY')", (role,)
        ).fetchone()[0]:  # type: ignore[index]
            notes.append("it can create temporary tables in this database")
        others = [
            name
            for (name,) in cur.execute(
                """SELECT datname FROM pg_database
                    WHERE datallowconn AND datname <> current_database()
                      AND has_database_privilege(%s, oid, 'CONNECT')
                    ORDER BY datname""",
                (role,),
            )
        ]
        if others:
            shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if others[5:] else "")
            notes.append(
                f"it can connect to {len(others)} other database(s) on this server ({shown}),"
                " and create temporary tables where PUBLIC may: their owners can"
                " REVOKE CONNECT, TEMPORARY ON DATABASE ... FROM PUBLIC (diplo's migrations do"
                " so in every diplo database)"
            )
    return notes
