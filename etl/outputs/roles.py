"""A read-only database role for BI tools: it reads the public and analytics schemas and can
neither write nor create anything."""

from __future__ import annotations

import psycopg
from psycopg import sql
from sqlalchemy import Engine

from etl.errors import ConfigError

READ_SCHEMAS = ("public", "analytics")


def grant_readonly(
    engine: Engine, role: str, password: str | None = None, *, require_password: bool = True
) -> bool:
    """Create or update ``role``; returns True if it was created. Idempotent.

    ``require_password``: the server is reachable over TCP, where a login role without a
    password is either an open door (trust rules) or a role nobody can use; refuse both.
    """
    if not role or len(role) > 63:
        raise ConfigError("role name must be 1 to 63 characters")
    if require_password and not password:
        raise ConfigError(
            f"a password is required for role {role!r}, which can log in over TCP: "
            "set DIPLO_READONLY_PASSWORD (or --password)"
        )
    ident = sql.Identifier(role)
    schemas = sql.SQL(", ").join(sql.Identifier(s) for s in READ_SCHEMAS)
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
            sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)),
            sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(ident),
        ]
        for statement in statements:
            cur.execute(statement)
    return not exists
