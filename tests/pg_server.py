"""Provides the PostgreSQL server of the tests: the one ANKEN_TEST_PG_URL names, or a throwaway one started here.

ANKEN_TEST_PG_URL is a URL of a role that may create databases, e.g.
postgresql://anken:secret@127.0.0.1:54329/postgres; `.ci/run` starts such a
server and sets it. Without it, `start_throwaway_server` runs initdb into a
temporary folder (as the `postgres` user when the tests run as root, because
initdb refuses root), listens on 127.0.0.1 on a free port, and is stopped at
the end of the session. Each test gets its own database, made from a template
that already has the schema.
"""

import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

TEST_URL_ENV = "ANKEN_TEST_PG_URL"
ROLE = "anken"
DEBIAN_BIN_PATTERN = "/usr/lib/postgresql/*/bin"

# Every test database uses this ICU locale, as a Japanese office server would: it sorts
# kanji by reading and folds case and width, unlike SQLite, so tests see the difference.
ICU_LOCALE = "ja-JP"
START_TIMEOUT_SECONDS = 60

# Folders of throwaway servers are named with this prefix and hold the pid of the test process.
FOLDER_PREFIX = "anken-pg-"
OWNER_FILE = "owner.pid"


class ServerUnavailable(Exception):
    """No PostgreSQL server could be used; the message gives the reason."""


@dataclass
class TestServer:
    """A PostgreSQL server on which the tests create and drop their databases."""

    admin_url: str
    """URL of the maintenance database (postgres) as a role allowed to create databases."""
    data_dir: Path | None = None
    """The cluster folder when this process started the server, else None."""
    run_as: list[str] = field(default_factory=list)
    template: str = ""
    """The database with the newest schema that test databases are copied from, once made."""
    icu: bool | None = None
    """Whether the server was built with ICU, once asked; without it, databases use the C.UTF-8 locale."""
    _names: itertools.count = field(default_factory=itertools.count)

    def url_for(self, dbname: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + quote(dbname), parts.query, ""))

    def new_name(self, prefix: str = "anken_test") -> str:
        return f"{prefix}_{os.getpid()}_{next(self._names)}"

    def create_database(self, dbname: str, template: str = "template0") -> str:
        """Create the database `dbname` from `template` and return its URL."""
        options = sql.SQL("TEMPLATE {} ENCODING 'UTF8'").format(sql.Identifier(template))
        if template == "template0" and self._has_icu():
            options += sql.SQL(" LOCALE_PROVIDER icu ICU_LOCALE {} LOCALE 'C.UTF-8'").format(sql.Literal(ICU_LOCALE))
        self.execute(sql.SQL("CREATE DATABASE {} ").format(sql.Identifier(dbname)) + options)
        return self.url_for(dbname)

    def _has_icu(self) -> bool:
        if self.icu is None:
            connection = psycopg2.connect(self.admin_url)
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM pg_collation WHERE collprovider = 'i'")
                    self.icu = cursor.fetchone()[0] > 0
            finally:
                connection.close()
        return self.icu

    def drop_database(self, dbname: str) -> None:
        # FORCE ends the sessions a test left open, such as those of a killed child process.
        self.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))

    def execute(self, statement) -> None:
        connection = psycopg2.connect(self.admin_url)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(statement)
        finally:
            connection.close()

    def stop(self) -> None:
        """Stop the server if this process started it, and delete its folder."""
        if self.data_dir is None:
            return
        pg_ctl = _program("pg_ctl")
        subprocess.run(
            [*self.run_as, pg_ctl, "stop", "-D", str(self.data_dir), "-m", "immediate", "-w"],
            capture_output=True, check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def server_from_environment() -> TestServer | None:
    """Return the server that ANKEN_TEST_PG_URL names, after connecting to it once; None when unset."""
    url = os.environ.get(TEST_URL_ENV, "").strip()
    if not url:
        return None
    try:
        psycopg2.connect(url, connect_timeout=10).close()
    except psycopg2.OperationalError as error:
        raise ServerUnavailable(f"{TEST_URL_ENV} is set, but connecting to it failed: {error}") from error
    return TestServer(admin_url=url)


def start_throwaway_server() -> TestServer:
    """Run initdb in a temporary folder and start a server on 127.0.0.1 on a free port.

    Raises:
        ServerUnavailable: the PostgreSQL programs are missing, or initdb or the start failed.
    """
    initdb, pg_ctl = _program("initdb"), _program("pg_ctl")
    run_as = _run_as()
    _stop_abandoned_servers(pg_ctl, run_as)
    base = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    (base / OWNER_FILE).write_text(str(os.getpid()), encoding="utf-8")
    data_dir, socket_dir = base / "data", base / "socket"
    socket_dir.mkdir()
    password = secrets.token_hex(16)
    password_file = base / "password"
    password_file.write_text(password + "\n", encoding="utf-8")
    password_file.chmod(0o600)
    if run_as:
        shutil.chown(base, "postgres")
        shutil.chown(socket_dir, "postgres")
        shutil.chown(password_file, "postgres")

    _run([
        *run_as, initdb, "-D", str(data_dir), f"--username={ROLE}", f"--pwfile={password_file}",
        "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
        "--locale-provider=icu", f"--icu-locale={ICU_LOCALE}",
    ])
    port = _free_port()
    # fsync=off only risks the server's files on a power cut; the crash tests kill the client, not the server.
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {socket_dir} -c fsync=off -c full_page_writes=off"
    _run([*run_as, pg_ctl, "start", "-D", str(data_dir), "-l", str(base / "server.log"), "-w",
          "-t", str(START_TIMEOUT_SECONDS), "-o", options])
    url = f"postgresql://{ROLE}:{password}@127.0.0.1:{port}/postgres"
    return TestServer(admin_url=url, data_dir=data_dir, run_as=run_as)


def _stop_abandoned_servers(pg_ctl: str, run_as: list[str]) -> None:
    """Stop the throwaway servers of earlier test runs that were killed before they could stop them."""
    for owner_file in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*/{OWNER_FILE}"):
        try:
            owner = int(owner_file.read_text(encoding="utf-8"))
            os.kill(owner, 0)
        except ProcessLookupError:
            base = owner_file.parent
            subprocess.run([*run_as, pg_ctl, "stop", "-D", str(base / "data"), "-m", "immediate", "-w"],
                           capture_output=True, check=False)
            shutil.rmtree(base, ignore_errors=True)
        except (OSError, ValueError):
            # Another user's process (EPERM) or a file being written: leave that folder alone.
            continue


def _program(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob(f"{DEBIAN_BIN_PATTERN}/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise ServerUnavailable(f"{name} is not installed (install the postgresql package)")


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        raise ServerUnavailable("running as root and runuser is missing, so initdb cannot run as postgres")
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        raise ServerUnavailable("running as root and there is no postgres user for initdb") from None
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    if result.returncode != 0:
        program = next(Path(part).name for part in command if part.startswith("/"))
        raise ServerUnavailable(f"{program} failed: {result.stderr.strip()}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
