"""The embedded PostgreSQL server: a real server from the ``pgserver`` wheel, no setup needed.

It lives in ``$DIPLO_HOME/pgdata`` (readable by its owner alone) and keeps running after the
CLI exits, so the next command reuses it. By default it listens on a Unix socket only; with
``DIPLO_EMBEDDED_PORT`` it also listens on that port of 127.0.0.1 (loopback, never another
interface) so that BI tools such as Metabase can connect, and when the variable is unset
again the next start closes the port.

Who may connect: on TCP, every role needs its password (scram-sha-256); the superuser's is
generated on first start and kept in ``$DIPLO_HOME/superuser-password`` (mode 0600). On the
Unix socket, peer authentication lets in only the operating-system user who runs diplo (and
the server's own account): the socket normally sits in the 0700 data directory already, but
pgserver may move it to a shared runtime directory when the path is too long, and peer keeps
other local users out even then.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import time
import warnings
from pathlib import Path

from sqlalchemy.engine import URL

from etl.errors import DatabaseUnavailable

DATABASE_NAME = "diplo"
SUPERUSER = "postgres"
LOOPBACK = "127.0.0.1"
PASSWORD_FILE = "superuser-password"
IDENT_MAP = "diplo_owner"
MAINTENANCE_DATABASES = ("postgres", "template1")
# The port number a socket-only server uses (its socket is .s.PGSQL.5432): PostgreSQL's
# default, which pgserver starts the server with.
SOCKET_PORT = "5432"


def start(home: Path, database: str = DATABASE_NAME, port: int | None = None) -> URL:
    """Start (or reuse) the embedded server under ``home`` and return a URL to ``database``.

    The URL goes through the Unix socket and carries no password (peer authentication)."""
    pgdata = home / "pgdata"
    try:
        home.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # platformdirs warns about a missing XDG_RUNTIME_DIR under cron; the fallback is fine.
            warnings.simplefilter("ignore")
            import pgserver

            logging.getLogger("pgserver").setLevel(logging.CRITICAL)
            if not (pgdata / "postmaster.pid").exists():
                # pgserver caches a handle per directory and would hand back a stopped server.
                pgserver.PostgresServer._instances.pop(pgdata.resolve(), None)
            server = pgserver.get_server(pgdata, cleanup_mode=None)
        _secure(home, pgdata, server.system_user)
        _listen(pgdata, port, server.system_user)
        url = _url(pgdata, database)
        _ensure_database(url)
    except DatabaseUnavailable:
        raise
    except Exception as exc:  # pgserver raises bare Exceptions and subprocess errors alike
        raise DatabaseUnavailable(
            f"could not start the embedded PostgreSQL in {pgdata}: {exc}"
        ) from exc
    return url


def password_file(home: Path) -> Path:
    """Where the superuser's TCP password is kept (owner-only)."""
    return home / PASSWORD_FILE


def superuser_password(home: Path) -> str:
    return password_file(home).read_text().strip()


def tcp_url(home: Path, port: int, database: str = DATABASE_NAME) -> URL:
    """The superuser's URL over loopback TCP, with its password (never print it unredacted)."""
    return URL.create(
        "postgresql+psycopg",
        username=SUPERUSER,
        password=superuser_password(home),
        host=LOOPBACK,
        port=port,
        database=database,
    )


def hba_rules(system_users: list[str]) -> tuple[str, str]:
    """pg_hba.conf and pg_ident.conf: peer on the socket for the owner, passwords on TCP."""
    hba = (
        "# Written by diplo on every start; edits are overwritten.\n"
        "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
        f"local   all       all                 peer map={IDENT_MAP}\n"
        "host    all       all   127.0.0.1/32  scram-sha-256\n"
        "host    all       all   ::1/128       scram-sha-256\n"
    )
    ident = "# Written by diplo: the OS users allowed on the socket, as any role.\n" + "".join(
        f"{IDENT_MAP}  {user}  all\n" for user in dict.fromkeys(system_users)
    )
    return hba, ident


def _secure(home: Path, pgdata: Path, system_user: str | None) -> None:
    """Give the superuser a password (first start) and install the authentication rules."""
    import psycopg
    from psycopg import sql

    secret = password_file(home)
    hba, ident = hba_rules([_os_user(), *([system_user] if system_user else [])])
    hba_path, ident_path = pgdata / "pg_hba.conf", pgdata / "pg_ident.conf"
    # A new or older data directory still has initdb's rules (trust everywhere): that is also
    # when the superuser may lack a password, so both are settled together.
    if hba_path.read_text() == hba and ident_path.read_text() == ident and secret.exists():
        return
    admin = _url(pgdata, "postgres").set(drivername="postgresql").render_as_string()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not secret.exists():
            # Created 0600 before anything is written to it: never readable by others.
            fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(24) + "\n")
        conn.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(SUPERUSER), sql.Literal(superuser_password(home))
            )
        )
        # Written in place: the files belong to the server's account, which must read them.
        ident_path.write_text(ident)
        hba_path.write_text(hba)
        conn.execute("SELECT pg_reload_conf()")


def _os_user() -> str:
    """The account running diplo, from the kernel (not from $USER, which anyone can set)."""
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _postmaster(pgdata: Path) -> list[str]:
    """postmaster.pid: pid, data dir, start time, port, socket dir, listen address, ..."""
    return (pgdata / "postmaster.pid").read_text().splitlines()


def _url(pgdata: Path, database: str) -> URL:
    lines = _postmaster(pgdata)
    # Peer auth on the socket: no password, so none appears in the URL.
    return URL.create(
        "postgresql+psycopg",
        username=SUPERUSER,
        database=database,
        query={"host": lines[4], "port": lines[3]},
    )


def _listen(pgdata: Path, port: int | None, user: str | None) -> None:
    """Listen on 127.0.0.1:port when asked, and on no TCP port otherwise (restart if needed)."""
    lines = _postmaster(pgdata)
    address = lines[5].strip()
    if port is None and not address and lines[3] == SOCKET_PORT:
        return
    if port is not None and lines[3] == str(port) and address == LOOPBACK:
        return
    from pgserver._commands import pg_ctl

    socket_dir = lines[4]
    if port is None:
        # Back on the socket's own number, not the TCP port's: pgserver starts the server
        # on it after `diplo db stop`, so the socket URL users were shown keeps working.
        options = ["-o", '-h ""', "-o", f"-p {SOCKET_PORT}"]
    else:
        options = ["-o", f"-h {LOOPBACK}", "-o", f"-p {port}"]
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    try:
        pg_ctl(
            ["-w", *options, "-o", f"-k {socket_dir}", "-l", str(pgdata / "log"), "start"],
            pgdata=pgdata,
            user=user,
            timeout=60,
        )
    except Exception as exc:
        where = f"{LOOPBACK}:{port} (port in use?)" if port is not None else "its socket"
        raise DatabaseUnavailable(
            f"the embedded PostgreSQL could not listen on {where}; see {pgdata / 'log'}"
        ) from exc


def _ensure_database(url: URL) -> None:
    import psycopg
    from psycopg import sql

    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url.database)))
        # New databases are open to every role (CONNECT and TEMPORARY for PUBLIC), initdb's
        # own too: a read-only BI role could make temporary tables in them. Migrations
        # close a database they upgrade; these are closed whether or not one ever is.
        for name in (*MAINTENANCE_DATABASES, url.database):
            if conn.execute(
                "SELECT has_database_privilege('public', %s, 'CONNECT')", (name,)
            ).fetchone()[0]:  # type: ignore[index]
                conn.execute(
                    sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(
                        sql.Identifier(name)
                    )
                )


def running_loads(home: Path, lock_key: int) -> list[str]:
    """The databases of the embedded server under ``home`` where a session holds the
    advisory lock ``lock_key`` now (a diplo load, reextract or prune holds the load lock);
    empty when the server is not running."""
    import psycopg

    pgdata = home / "pgdata"
    try:
        admin = _url(pgdata, "postgres").set(drivername="postgresql").render_as_string()
    except (FileNotFoundError, IndexError):
        return []
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            rows = conn.execute(
                "SELECT DISTINCT d.datname FROM pg_locks l JOIN pg_database d"
                " ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted"
                " AND ((l.classid::bigint << 32) | l.objid::bigint) = %s ORDER BY 1",
                (lock_key,),
            ).fetchall()
    except psycopg.OperationalError:
        return []  # not answering: nothing runs on it
    return [name for (name,) in rows]


def stop(home: Path, timeout: float = 30.0) -> bool:
    """Stop the embedded server under ``home`` (fast shutdown). False if it was not running."""
    try:
        pid = int(_postmaster(home / "pgdata")[0])
        os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown: roll back, then exit cleanly
    except (FileNotFoundError, IndexError, ValueError, ProcessLookupError):
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    raise DatabaseUnavailable(
        f"the embedded server (pid {pid}) did not stop within {timeout:.0f} s"
    )
