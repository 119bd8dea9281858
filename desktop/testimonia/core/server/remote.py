"""Which server and server project a sync goes to: given, remembered, or the only one there is."""

from __future__ import annotations

from ..errors import InvalidInput
from ..store import Store
from . import ddl, local_state
from .connection import PasswordPrompt, ServerError, connect, display, parse, quote_ident
from .local_state import Remote


def resolve_remote(store: Store, url: str | None, server_project: str | None, schema: str | None, *,
                   prompt: PasswordPrompt | None = None) -> Remote:
    with store._read() as conn:
        known = local_state.remembered(conn)
    if url is None:
        if known is None:
            raise InvalidInput("{path}: this project has not synced with a team server yet; give the server's "
                               "address (URL) once", path=store.path.name)
        url = known.url
    parse(url)  # refuses an address holding a password before anything is remembered
    same = known is not None and known.url == url
    schema = schema or (known.schema if same and known else ddl.DEFAULT_SCHEMA)
    if server_project is None and same and known is not None:
        server_project = known.project
    if server_project is None:
        server_project = only_project(url, schema, prompt=prompt)
    return Remote(url, server_project, schema)


def member_projects(url: str, schema: str, *, prompt: PasswordPrompt | None = None) -> list[str]:
    """The server projects the connecting role belongs to (row-level security shows no others)."""
    with connect(url, prompt=prompt, autocommit=True) as conn:
        here = conn.execute("SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'project'",
                            (schema,)).fetchone()
        if here is None:
            raise ServerError("{server}: no team server here (schema {schema}); ask its administrator, or run "
                              "`testimonia server init`", server=display(url), schema=schema)
        return [r[0] for r in conn.execute(f"SELECT name FROM {quote_ident(schema)}.project ORDER BY name")]


def only_project(url: str, schema: str, *, prompt: PasswordPrompt | None = None) -> str:
    names = member_projects(url, schema, prompt=prompt)
    if len(names) == 1:
        return names[0]
    if not names:
        raise ServerError("{server}: you are not a member of any project on this server; ask its administrator "
                          "to add you", server=display(url))
    raise InvalidInput("{server}: you are a member of several projects ({names}); choose one with "
                       "--server-project NAME", server=display(url), names=", ".join(names))
