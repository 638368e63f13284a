"""`diplo db`: the schema's revisions, the reference data, read-only roles and the embedded
server."""

from __future__ import annotations

from typing import Annotated

import click
import typer

from etl.cli.shared import err, handles_errors, out, state
from etl.errors import ConfigError, LoadLocked
from etl.load import embedded, schema, seeds
from etl.load.locks import LOAD_LOCK_KEY
from etl.outputs import roles
from etl.settings import display_url

app = typer.Typer(help="Manage the database schema and reference data.", no_args_is_help=True)


@app.command("upgrade", epilog="Example: diplo db upgrade   |   diplo db upgrade 0001")
@handles_errors
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Upgrade the schema to a revision (default: the latest) and load the reference data."""
    engine = state.engine()
    schema.upgrade(engine, revision)
    if schema.is_current(engine):
        with engine.begin() as conn:
            seeds.seed(conn)
    out.print(f"Schema at {schema.current_revision(engine)}")


@app.command(
    "downgrade",
    epilog="Example: diplo db downgrade base   (drops every table; asks first, --yes for scripts)",
)
@handles_errors
def db_downgrade(
    revision: Annotated[
        str, typer.Argument(help="Target revision, or 'base' for an empty database.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (for scripts).")
    ] = False,
) -> None:
    """Downgrade the schema to a revision. Data in dropped tables is lost, so it asks first
    (--yes for scripts)."""
    engine = state.engine()
    current = schema.current_revision(engine)
    if current is not None and not yes:
        what = "drop every table and all data" if revision == "base" else "drop data"
        question = (
            f"Downgrade {display_url(engine.url)} from {current} to {revision}? This can {what}."
        )
        try:
            confirmed = typer.confirm(question, default=False, err=True)
        except (typer.Abort, click.exceptions.Abort):
            err.print("")  # no answer (not a terminal, end of input): not a yes
            confirmed = False
        if not confirmed:
            raise ConfigError("downgrade not confirmed: nothing changed (pass --yes in scripts)")
    schema.downgrade(engine, revision)
    out.print(f"Schema at {schema.current_revision(engine) or 'base (empty)'}")


@app.command("current", epilog="Example: diplo db current")
@handles_errors
def db_current() -> None:
    """Print the schema revision of the database and the latest one diplo knows."""
    engine = state.engine()
    current, head = schema.current_revision(engine), schema.head_revision()
    out.print(f"current {current or 'base (empty)'}; head {head}")


@app.command("seed", epilog="Example: diplo db seed   (after editing seeds/countries.csv)")
@handles_errors
def db_seed() -> None:
    """Upsert the reference tables from seeds/ (countries, aliases) and check every other seed
    file the extractor reads; reruns write nothing."""
    engine = state.engine()
    if not schema.is_current(engine):
        schema.upgrade(engine)
    with engine.begin() as conn:
        changed = seeds.seed(conn)
    files = seeds.report(changed)
    for f in files:
        if f.table:
            out.print(f"{f.table}: {f.written} rows written ({f.rows} in seeds/{f.name})")
    read = ", ".join(f"{f.name} ({f.rows})" for f in files if not f.table)
    out.print(
        f"read by the extractor: {read}; after editing them run `diplo reextract --all`",
        markup=False,
    )


@app.command(
    "grant-readonly", epilog="Example: DIPLO_READONLY_PASSWORD=... diplo db grant-readonly metabase"
)
@handles_errors
def db_grant_readonly(
    role: Annotated[str, typer.Argument(help="Name of the role to create or update.")],
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="DIPLO_READONLY_PASSWORD",
            show_envvar=True,
            show_default=False,
            help="Login password for the role (better given through the environment).",
        ),
    ] = None,
    with_ops: Annotated[
        bool,
        typer.Option(
            "--with-ops", help="Also read the run log (schema ops); without it, ops is revoked."
        ),
    ] = False,
) -> None:
    """Create or update a login role that can read the public and analytics schemas and
    nothing else: for Metabase, Superset, Tableau or psql users."""
    settings = state.settings()
    # Only the embedded server without a TCP port is out of reach of the network.
    tcp = settings.database_url is not None or settings.embedded_port is not None
    engine = state.engine()
    if not schema.is_current(engine):
        schema.upgrade(engine)
    created = roles.grant_readonly(engine, role, password, require_password=tcp, with_ops=with_ops)
    schemas = ", ".join(roles.READ_SCHEMAS + ((roles.OPS_SCHEMA,) if with_ops else ()))
    out.print(f"Role {role} {'created' if created else 'updated'}: read-only on {schemas}")
    for note in roles.remaining_writes(engine, role):
        out.print(f"Note: {note}.", markup=False)


@app.command("stop", epilog="Example: diplo db stop   |   diplo db stop --force")
@handles_errors
def db_stop(
    force: Annotated[
        bool, typer.Option("--force", help="Stop it even while a load is running on it.")
    ] = False,
) -> None:
    """Stop the embedded PostgreSQL server (it keeps running between commands otherwise).

    Refuses while a load, reextract or prune runs on it (exit 75), unless --force: the run
    would be cut off (what it committed stays whole; the next load completes it)."""
    settings = state.settings()
    if settings.database_url is not None:
        raise ConfigError("DATABASE_URL is set: diplo only stops its own embedded server")
    busy = embedded.running_loads(settings.home, LOAD_LOCK_KEY)
    if busy and not force:
        raise LoadLocked(
            f"a diplo load is running on the embedded server (database {', '.join(busy)});"
            " stopping now would cut it off: wait for it, or pass --force"
        )
    stopped = embedded.stop(settings.home)
    out.print("Embedded server stopped." if stopped else "Embedded server was not running.")
