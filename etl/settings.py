"""Settings read once from the environment: where the database is, where diplo keeps its files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from etl.errors import ConfigError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """``database_url`` is None when diplo should run its embedded PostgreSQL under ``home``."""

    database_url: URL | None
    home: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    embedded_port: int | None = None  # also listen on 127.0.0.1:PORT (for BI tools)

    @classmethod
    def from_env(cls, database_url: str | None = None) -> Settings:
        raw = database_url if database_url is not None else os.environ.get("DATABASE_URL")
        home = os.environ.get("DIPLO_HOME") or platformdirs.user_data_dir("diplo")
        max_bytes = os.environ.get("DIPLO_MAX_BYTES")
        try:
            limit = int(max_bytes) if max_bytes else DEFAULT_MAX_BYTES
        except ValueError as exc:
            raise ConfigError(
                f"DIPLO_MAX_BYTES must be a number of bytes, got {max_bytes!r}"
            ) from exc
        port = os.environ.get("DIPLO_EMBEDDED_PORT")
        if port and not (port.isdigit() and 0 < int(port) < 65536):
            raise ConfigError(f"DIPLO_EMBEDDED_PORT must be a port number, got {port!r}")
        return cls(
            database_url=normalize_url(raw) if raw else None,
            home=Path(home).expanduser(),
            max_bytes=limit,
            embedded_port=int(port) if port else None,
        )


def normalize_url(raw: str) -> URL:
    """Accept postgres://, postgresql:// and postgresql+psycopg:// and always use psycopg 3."""
    try:
        url = make_url(raw.strip())
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        raise ConfigError(f"DATABASE_URL is not a database URL: {redact(raw)}") from exc
    if url.get_backend_name() not in ("postgres", "postgresql"):
        raise ConfigError(f"DATABASE_URL must be a PostgreSQL URL, got {redact(raw)}")
    return url.set(drivername="postgresql+psycopg")


def display_url(url: URL) -> str:
    """The URL as psql and BI tools take it (``postgresql://``), without its password.

    Built by hand because libpq decodes only %-escapes: SQLAlchemy writes a space in a query
    value (a socket directory) as ``+``, which psql would take literally."""
    user = quote(url.username, safe="") + "@" if url.username else ""
    host = url.host or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    port = f":{url.port}" if url.port else ""
    database = quote(url.database or "", safe="")
    params = [
        f"{quote(key, safe='')}={quote(value, safe='')}"
        for key, values in url.query.items()
        for value in ((values,) if isinstance(values, str) else values)
    ]
    query = "?" + "&".join(params) if params else ""
    return f"postgresql://{user}{host}{port}/{database}{query}"


def redact(url: URL | str) -> str:
    """The URL as it may be shown to a user or written to a log: never with its password."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"
