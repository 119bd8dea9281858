"""Server administration: init, upgrade, projects and members (`testimonia server …`).

These run as the database's owner (or a superuser): they create the schema, the login roles and
the memberships. Members never need these rights to sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import ddl
from .connection import PasswordPrompt, ServerError, connect, display, quote_ident


@dataclass(frozen=True)
class InitResult:
    schema: str
    version: int
    created: bool  # False: it was already initialised (nothing changed)


@dataclass(frozen=True)
class MemberInfo:
    name: str
    role: str


def _check_schema_name(schema: str) -> None:
    if not re.match(ddl.SCHEMA_RE, schema):
        raise ServerError("{schema}: a schema name is lower-case letters, digits and _ (at most 41)", schema=schema)


def _version(conn: object, schema: str) -> int | None:
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'server_info'", (schema,)).fetchone()
    if row is None:
        return None
    return int(conn.execute(f"SELECT version FROM {quote_ident(schema)}.server_info").fetchone()[0])  # type: ignore[attr-defined]


def init(url: str, schema: str | None = None, *, prompt: PasswordPrompt | None = None) -> InitResult:
    """Create the server schema; idempotent on a server already initialised at this version."""
    told = schema is not None
    schema = schema or ddl.DEFAULT_SCHEMA
    _check_schema_name(schema)
    server = display(url)
    with connect(url, prompt=prompt) as conn:
        version = _version(conn, schema)
        if version is not None:
            if version > ddl.SERVER_VERSION:
                raise _newer(server, version)
            if version < ddl.SERVER_VERSION:
                raise ServerError("{server}: the server schema is at version {version}; run `testimonia server "
                                  "upgrade` first", server=server, version=version)
            return InitResult(schema, version, created=False)
        others = conn.execute(
            "SELECT n.nspname || '.' || c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%' AND (%s OR n.nspname = %s) "
            "ORDER BY 1 LIMIT 3", (not told, schema)).fetchall()
        if others:
            names = ", ".join(r[0] for r in others)
            if told:
                raise ServerError("{server}: the schema {schema} already holds other tables ({names}); choose "
                                  "another schema", server=server, schema=schema, names=names)
            raise ServerError("{server}: the database already holds other tables ({names}); give a schema of "
                              "its own with --schema NAME, or use an empty database", server=server, names=names)
        exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
        ddl.ensure_group_role(conn, schema)
        for statement in ddl.schema_statements(schema, schema_exists=bool(exists)):
            conn.execute(statement)
        conn.commit()
    return InitResult(schema, ddl.SERVER_VERSION, created=True)


def _newer(server: str, version: int) -> ServerError:
    return ServerError("{server}: the server schema is at version {version}, newer than this Testimonia "
                       "(version {ours}); update Testimonia", server=server, version=version, ours=ddl.SERVER_VERSION)


def upgrade(url: str, schema: str | None = None, *, prompt: PasswordPrompt | None = None) -> tuple[int, int]:
    """Migrate the server schema to this version, in one transaction; returns (before, after)."""
    schema = schema or ddl.DEFAULT_SCHEMA
    _check_schema_name(schema)
    server = display(url)
    with connect(url, prompt=prompt) as conn:
        version = _version(conn, schema)
        if version is None:
            raise ServerError("{server}: no team server schema {schema} here; run `testimonia server init` first",
                              server=server, schema=schema)
        if version > ddl.SERVER_VERSION:
            raise _newer(server, version)
        before = version
        conn.execute(f"LOCK TABLE {quote_ident(schema)}.server_info")
        while version < ddl.SERVER_VERSION:
            for statement in ddl.MIGRATIONS[version](schema):
                conn.execute(statement)
            version += 1
        conn.execute(f"UPDATE {quote_ident(schema)}.server_info SET version = %s", (version,))
        for statement in ddl.grant_statements(schema):
            conn.execute(statement)
        conn.commit()
    return before, version


def _ready(conn: object, server: str, schema: str) -> None:
    version = _version(conn, schema)
    if version is None:
        raise ServerError("{server}: no team server schema {schema} here; run `testimonia server init` first",
                          server=server, schema=schema)
    if version > ddl.SERVER_VERSION:
        raise _newer(server, version)
    if version < ddl.SERVER_VERSION:
        raise ServerError("{server}: the server schema is at version {version}; run `testimonia server "
                          "upgrade` first", server=server, version=version)


def _project_id(conn: object, server: str, schema: str, project: str) -> int:
    row = conn.execute(f"SELECT id FROM {quote_ident(schema)}.project WHERE name = %s",  # type: ignore[attr-defined]
                       (project,)).fetchone()
    if row is None:
        raise ServerError("{server}: there is no project {project} on this server", server=server, project=project)
    return int(row[0])


def _owns(conn: object, schema: str) -> bool:
    """Whether the connecting role owns the server schema (or is a superuser): it manages members
    directly; anyone else goes through the admin functions, which check they are a project admin."""
    row = conn.execute("SELECT pg_has_role(current_user, nspowner, 'USAGE') OR (SELECT rolsuper FROM pg_roles "  # type: ignore[attr-defined]
                       "WHERE rolname = current_user) FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    return bool(row and row[0])


def _refusal(server: str, project: str, name: str, exc: BaseException) -> ServerError:
    diag = getattr(exc, "diag", None)
    primary = str(getattr(diag, "message_primary", None) or exc)
    if "only an admin" in primary:
        return ServerError("{server}: only an admin of project {project} may manage its members", server=server,
                           project=project)
    if "ask the server's owner" in primary:
        return ServerError("{server}: {name} is an existing role that belongs to no project on this server (or a "
                           "privileged one); the server's owner adds it", server=server, name=name)
    return ServerError("{name}: a member name is lower-case letters, digits, '_', '.' and '-'", name=name)


def _as_admin(conn: object, server: str, sql: str, schema: str, params: tuple[object, ...]) -> object:
    import psycopg

    try:
        return conn.execute(sql.format(s=quote_ident(schema)), params).fetchone()[0]  # type: ignore[attr-defined]
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.InvalidParameterValue) as exc:
        raise _refusal(server, str(params[0]), str(params[1]), exc) from None


def _admin_rows(conn: object, server: str, schema: str, project: str) -> list[tuple[object, ...]]:
    import psycopg

    try:
        return conn.execute(f"SELECT role_name, level FROM {quote_ident(schema)}.admin_members(%s)",  # type: ignore[attr-defined]
                            (project,)).fetchall()
    except psycopg.errors.InsufficientPrivilege as exc:
        raise _refusal(server, project, "", exc) from None


def add_project(url: str, project: str, schema: str | None = None, *, prompt: PasswordPrompt | None = None) -> bool:
    """Create a server project; False when it already exists (nothing changed)."""
    schema = schema or ddl.DEFAULT_SCHEMA
    _check_schema_name(schema)
    server = display(url)
    if not re.match(ddl.PROJECT_RE, project):
        raise ServerError("{project}: a server project name is letters, digits, '.', '_' and '-' (at most 63)",
                          project=project)
    with connect(url, prompt=prompt) as conn:
        _ready(conn, server, schema)
        created = conn.execute(f"INSERT INTO {quote_ident(schema)}.project(name) VALUES (%s) ON CONFLICT DO NOTHING",
                               (project,)).rowcount
        conn.commit()
    return bool(created)


def add_member(url: str, project: str, name: str, role: str = "annotator", schema: str | None = None, *,
               password: str | None = None, prompt: PasswordPrompt | None = None) -> bool:
    """Give login role `name` access to `project` at `role`, creating the role (with `password`,
    or none for peer, certificate or pgpass-managed logins) if it does not exist. Returns whether
    the role was created."""
    schema = schema or ddl.DEFAULT_SCHEMA
    _check_schema_name(schema)
    server = display(url)
    if role not in ddl.ROLES:
        raise ServerError("{role}: not a member role (reader, annotator, curator or admin)", role=role)
    if not re.match(ddl.ROLE_RE, name):
        raise ServerError("{name}: a member name is lower-case letters, digits, '_', '.' and '-'", name=name)
    with connect(url, prompt=prompt) as conn:
        _ready(conn, server, schema)
        if not _owns(conn, schema):  # a project's admin, through the server's functions
            created = _as_admin(conn, server, "SELECT {s}.admin_add_member(%s, %s, %s, %s)", schema,
                                (project, name, ddl.ROLES[role], password or None))
            conn.commit()
            return bool(created)
        pid = _project_id(conn, server, schema, project)
        row = conn.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        created = row is None
        if created:
            if password:
                conn.execute(f"CREATE ROLE {quote_ident(name)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE "
                             "NOCREATEDB PASSWORD %s", (password,))
            else:
                conn.execute(f"CREATE ROLE {quote_ident(name)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB")
        elif row[0]:
            raise ServerError("{name}: this role is a superuser or bypasses row-level security, so it would see "
                              "every project; members must be ordinary roles", name=name)
        conn.execute(f"GRANT {quote_ident(ddl.group_role(schema))} TO {quote_ident(name)}")
        conn.execute(f"INSERT INTO {quote_ident(schema)}.member(project_id, role_name, level) VALUES (%s, %s, %s) "
                     "ON CONFLICT (project_id, role_name) DO UPDATE SET level = excluded.level",
                     (pid, name, ddl.ROLES[role]))
        conn.commit()
    return created


def remove_member(url: str, project: str, name: str, schema: str | None = None, *,
                  prompt: PasswordPrompt | None = None) -> bool:
    """Take `name` out of `project`; the login role stays (it may belong to other projects or
    servers). Returns whether it was a member."""
    schema = schema or ddl.DEFAULT_SCHEMA
    _check_schema_name(schema)
    server = display(url)
    with connect(url, prompt=prompt) as conn:
        _ready(conn, server, schema)
        if not _owns(conn, schema):
            removed = _as_admin(conn, server, "SELECT {s}.admin_remove_member(%s, %s)", schema, (project, name))
            conn.commit()
            return bool(removed)
        pid = _project_id(conn, server, schema, project)
        removed = conn.execute(f"DELETE FROM {quote_ident(schema)}.member WHERE project_id = %s AND role_name = %s",
                               (pid, name)).rowcount
        left = conn.execute(f"SELECT 1 FROM {quote_ident(schema)}.member WHERE role_name = %s", (name,)).fetchone()
        if removed and left is None:
            conn.execute(f"REVOKE {quote_ident(ddl.group_role(schema))} FROM {quote_ident(name)}")
        conn.commit()
    return bool(removed)


def members(url: str, project: str, schema: str | None = None, *,
            prompt: PasswordPrompt | None = None) -> list[MemberInfo]:
    schema = schema or ddl.DEFAULT_SCHEMA
    _check_schema_name(schema)
    server = display(url)
    names = {v: k for k, v in ddl.ROLES.items()}
    with connect(url, prompt=prompt) as conn:
        _ready(conn, server, schema)
        if not _owns(conn, schema):
            rows = _admin_rows(conn, server, schema, project)
            return [MemberInfo(str(n), names[int(level)]) for n, level in rows]
        pid = _project_id(conn, server, schema, project)
        rows = conn.execute(f"SELECT role_name, level FROM {quote_ident(schema)}.member WHERE project_id = %s "
                            "ORDER BY role_name", (pid,)).fetchall()
    return [MemberInfo(str(n), names[int(level)]) for n, level in rows]
