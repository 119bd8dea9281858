"""Connecting to a team server: addresses without passwords, clear errors, offline told apart.

A server address is a libpq URL or key=value string (`postgresql://anna@db.example.org/coalition
?sslmode=verify-full`); every libpq setting, TLS included, passes through it. A password never
goes in it: libpq reads PGPASSFILE (~/.pgpass) and service files (PGSERVICE, `service=` in the
address) by itself, and the caller may offer a prompt for the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import TestimoniaError

CONNECT_TIMEOUT = 5
PasswordPrompt = Callable[[str], str | None]


class ServerError(TestimoniaError):
    """The team server refused or failed an operation; nothing was changed on either side."""


class ServerOffline(ServerError):
    """The team server cannot be reached (no network, server down, wrong address)."""


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise ServerError("the team server needs the Python package psycopg "
                          "(pip install \"psycopg[binary]\")") from None
    return psycopg


def parse(url: str) -> dict[str, str]:
    """The address's settings; refuses one holding a password or that libpq cannot read."""
    psycopg = _psycopg()
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise ServerError("{url}: not a PostgreSQL address ({detail})", url=url, detail=_first_line(exc)) from None
    if params.get("password"):
        raise ServerError("the server address holds a password; keep passwords out of addresses and command "
                          "lines: use ~/.pgpass (PGPASSFILE), a service file, or the password prompt")
    return {k: str(v) for k, v in params.items() if v is not None}


def display(url: str) -> str:
    """user@host:port/database, for messages (never a password)."""
    try:
        p = parse(url)
    except ServerError:
        return "the server"
    host = p.get("host", "localhost")
    port = f":{p['port']}" if p.get("port") else ""
    user = f"{p['user']}@" if p.get("user") else ""
    return f"{user}{host}{port}/{p.get('dbname', '')}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def connect(url: str, *, prompt: PasswordPrompt | None = None, autocommit: bool = False):
    """A psycopg connection; ServerOffline when the server cannot be reached, ServerError when it
    refuses us. `prompt(server)` is asked for a password only if the server wants one libpq lacks."""
    psycopg = _psycopg()
    parse(url)
    kwargs: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "testimonia",
                                 "autocommit": autocommit}
    for attempt in range(2):
        try:
            return psycopg.connect(url, **kwargs)
        except psycopg.OperationalError as exc:
            detail = _first_line(exc)
            wants_password = "password" in detail and ("no password supplied" in detail or "authentication" in detail)
            if wants_password and prompt is not None and attempt == 0:
                password = prompt(display(url))
                if password:
                    kwargs["password"] = password
                    continue
            if wants_password or "authentication failed" in detail or "does not exist" in detail \
                    or "permission denied" in detail or "not permitted" in detail:
                raise ServerError("{server}: the server refused the connection ({detail})", server=display(url),
                                  detail=detail) from None
            raise ServerOffline("{server}: the team server cannot be reached ({detail}); nothing was changed",
                                server=display(url), detail=detail) from None
    raise AssertionError("unreachable")


def explain(exc: BaseException, server: str) -> ServerError:
    """A psycopg error met during an operation, as one line for the user."""
    psycopg = _psycopg()
    detail = _first_line(exc)
    if isinstance(exc, psycopg.OperationalError):
        return ServerOffline("{server}: the connection to the team server was lost ({detail}); nothing was changed",
                             server=server, detail=detail)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return ServerError("{server}: permission denied ({detail})", server=server, detail=detail)
    return ServerError("{server}: the server refused it ({detail})", server=server, detail=detail)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

