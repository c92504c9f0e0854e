"""Provides reading a PostgreSQL URL given by the user, and writing it with the password hidden.

A URL has the libpq form `postgresql://user[:password]@host[:port]/dbname[?param=value…]`.
The password may also come from `PGPASSWORD` or `~/.pgpass`; libpq reads those
itself when the URL carries none. Every text that shows a URL to the user or
writes it to the log goes through `redact_url`.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from anken_tui import texts
from anken_tui.errors import AnkenError

POSTGRESQL_SCHEMES = ("postgresql", "postgres")
HIDDEN = "***"

# Query parameters that carry a secret, hidden like the password.
_SECRET_QUERY = re.compile(r"(^|&)(password|sslpassword)=[^&]*")


class DatabaseUrlError(AnkenError):
    """A URL that cannot be used. The message names what is wrong and never contains the password."""

    title = "データベースを開けません"


@dataclass(frozen=True)
class PostgresTarget:
    """A PostgreSQL database to connect to: its name and the libpq connection parameters."""

    dbname: str
    parameters: dict[str, str]
    """Connection parameters for psycopg2 (host, port, user, password, sslmode…), without dbname."""
    redacted: str
    """The URL as the user gave it, with the password replaced by ***."""

    @property
    def password(self) -> str | None:
        return self.parameters.get("password")


def is_postgres_url(value: str) -> bool:
    """Return whether `value` starts with postgresql:// or postgres:// (in any case)."""
    scheme, separator, _ = value.strip().partition("://")
    return bool(separator) and scheme.lower() in POSTGRESQL_SCHEMES


def url_scheme(value: str) -> str | None:
    """Return the scheme of `value` if it looks like a URL (`scheme://…`), else None."""
    scheme, separator, _ = value.strip().partition("://")
    return scheme if separator else None


def redact_url(url: str) -> str:
    """Return `url` with its password, and any password query parameter, replaced by ***.

    A value that cannot be split as a URL is hidden entirely, because it may
    still contain a password.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return HIDDEN
    redacted = url.replace(parts.netloc, _redacted_netloc(parts.netloc), 1) if parts.netloc else url
    if parts.query:
        query = _SECRET_QUERY.sub(rf"\1\2={HIDDEN}", parts.query)
        redacted = redacted.replace(f"?{parts.query}", f"?{query}", 1)
    return redacted


def _redacted_netloc(netloc: str) -> str:
    credentials, at, host = netloc.rpartition("@")
    if not at:
        return netloc
    user, colon, _password = credentials.partition(":")
    return f"{user}:{HIDDEN}@{host}" if colon else f"{user}@{host}"


def parse_postgres_url(url: str) -> PostgresTarget:
    """Split a postgresql:// URL into the database name and libpq parameters.

    Percent-escapes are decoded, so a password with @ or / is written %40 or %2F.
    A host that starts with / (given as ?host=/run/postgresql or %2Frun%2Fpostgresql)
    is the folder of a Unix socket.

    Raises:
        DatabaseUrlError: not a postgresql:// URL, no database name, or a port that is not a number.
    """
    url = url.strip()
    redacted = redact_url(url)
    if not is_postgres_url(url):
        raise DatabaseUrlError(texts.DB_URL_NOT_POSTGRESQL.format(url=redacted))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise DatabaseUrlError(texts.DB_URL_BAD_PORT.format(url=redacted)) from None

    parameters: dict[str, str] = {}
    if parts.username:
        parameters["user"] = unquote(parts.username)
    if parts.password:
        parameters["password"] = unquote(parts.password)
    host = _host(parts.netloc, port)
    if host:
        parameters["host"] = host
    if port is not None:
        parameters["port"] = str(port)
    parameters.update(parse_qsl(parts.query))

    dbname = unquote(parts.path.lstrip("/")) or parameters.pop("dbname", "")
    parameters.pop("dbname", None)
    if not dbname:
        raise DatabaseUrlError(texts.DB_URL_NO_DATABASE.format(url=redacted))
    return PostgresTarget(dbname=dbname, parameters=parameters, redacted=redacted)


def _host(netloc: str, port: int | None) -> str:
    # Taken from netloc, because urlsplit's hostname is lowercased and a socket folder keeps its case.
    host = netloc.rpartition("@")[2]
    if port is not None:
        host = host.rsplit(":", 1)[0]
    return unquote(host.rstrip(":").strip("[]"))


def scrub(text: str, target: PostgresTarget) -> str:
    """Return `text` with every occurrence of the target's password replaced by ***."""
    password = target.password
    return text.replace(password, HIDDEN) if password else text
