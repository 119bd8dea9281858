"""The server schema: history tables built from tables.server_tables(), roles, grants, policies.

Security model (docs/TEAM_SERVER.md): every member is a PostgreSQL login role that is a member of
the group role `<schema>_member`. That group may only SELECT every table and INSERT into the
history tables (columns chosen by the client only: the transaction id and the pusher are filled in
by the server). Row-level security, forced even on the owner, keeps each role to the projects the
`member` table lists for it; inserting needs the annotator level or above, so a reader pulls
only. No role but the owner may UPDATE or DELETE anything, and the owner never syncs.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import labels
from ..evidence.vocab import MAX_NAME
from ..ids import NAMESPACE
from .connection import quote_ident as _q
from .tables import REVISION_ROW_CHECKS, UUID_RE, ServerTable, server_tables

# 1: documents, labels, authors, annotations and revisions; 2: the evidence register (issue 12);
# 3: what curators and admins add (removals, managing a project's members).
SERVER_VERSION = 3
# The project tables a version-1 server carries (MIGRATIONS[1] adds the others' history tables).
V1_CARRIED = ("project", "author", "label", "document", "document_alias", "annotation", "revision")
DEFAULT_SCHEMA = "testimonia"
ROLES = {"reader": 1, "annotator": 2, "curator": 3, "admin": 4}
PUSH_LEVEL = ROLES["annotator"]
CURATOR_LEVEL = ROLES["curator"]
ADMIN_LEVEL = ROLES["admin"]
# Destructive project-level changes only a curator or admin may push: a row of these tables whose
# column is true (a deleted label, a removed document). An annotator's stay local, waiting.
CURATED = {"h_label": "deleted", "h_document_state": "removed"}
SCHEMA_RE = "^[a-z_][a-z0-9_]{0,40}$"
ROLE_RE = "^[a-z_][a-z0-9_.-]{0,62}$"
SMALL_PUSH = 5000  # rows per statement below which the checks use index lookups only
PROJECT_RE = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$"


def group_role(schema: str) -> str:
    return f"{schema}_member"


def _key_index(st: ServerTable) -> str:
    if st.key:
        return ", ".join(st.key)
    # A version row is its whole content: identical pushes collapse, any difference is a new version.
    parts = " || chr(1) || ".join(f"coalesce({c.name}::text, '')" for c in st.columns)
    return f"md5({parts})"


def table_ddl(schema: str, st: ServerTable) -> list[str]:
    s = _q(schema)
    cols = ",\n  ".join(f"{c.name} {c.type_sql()}" for c in st.columns)
    extra = ""
    if st.name == "h_revision":
        extra = "".join(f",\n  CHECK ({check})" for check in REVISION_ROW_CHECKS)
    if st.name == "h_document":
        extra = (",\n  length integer GENERATED ALWAYS AS (char_length(text)) STORED"
                 ",\n  CHECK (encode(sha256(convert_to(text, 'UTF8')), 'hex') = text_sha256)")
    out = [
        f"CREATE TABLE {s}.{st.name} (\n  project_id integer NOT NULL REFERENCES {s}.project(id),\n  {cols}{extra},\n"
        "  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),\n  pushed_by name NOT NULL DEFAULT current_user\n)",
        f"CREATE UNIQUE INDEX {st.name}_key ON {s}.{st.name} (project_id, {_key_index(st)})",
        f"CREATE INDEX {st.name}_xid ON {s}.{st.name} (project_id, xid)",
        f"ALTER TABLE {s}.{st.name} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {s}.{st.name} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY member_reads ON {s}.{st.name} FOR SELECT USING "
        f"(project_id IN (SELECT m.project_id FROM {s}.member AS m WHERE m.role_name = current_user))",
        f"CREATE POLICY annotator_inserts ON {s}.{st.name} FOR INSERT WITH CHECK "
        f"(project_id IN (SELECT m.project_id FROM {s}.member AS m WHERE m.role_name = current_user "
        f"AND m.level >= {PUSH_LEVEL}))",
    ]
    if st.name in ("h_document_state", "h_document_alias", "h_annotation"):
        out.append(f"CREATE INDEX {st.name}_uuid ON {s}.{st.name} (project_id, "
                   f"{'alias_uuid' if st.name == 'h_document_alias' else 'uuid'})")
    if st.name in ("h_author", "h_label", "h_project"):
        out.append(f"CREATE INDEX {st.name}_uuid ON {s}.{st.name} (project_id, uuid)")
    if st.local not in V1_CARRIED and not st.key:  # the register's checks find records by their UUID
        out.append(f"CREATE INDEX {st.name}_uuid ON {s}.{st.name} (project_id, {st.ident})")
    return out


# Checks that need other rows, run once per INSERT statement over the rows it inserted.
def _check_functions(schema: str) -> dict[str, str]:
    s = _q(schema)
    builtin = ", ".join(f"'{b.uuid}'" for b in labels.BUILTINS)
    builtin_kind = " ".join(f"WHEN '{b.uuid}' THEN '{b.kind}'" for b in labels.BUILTINS)
    return {
        "h_revision": f"""
  SELECT n.uuid AS uuid, CASE
    WHEN a.uuid IS NULL THEN 'its annotation ' || n.annotation_uuid || ' is not on the server'
    WHEN d.uuid IS NULL THEN 'its document is not on the server'
    WHEN n.span_end > d.length THEN 'its offsets ' || n.span_start || '..' || n.span_end
      || ' are past the end of its document (' || d.length || ' characters)'
    WHEN n.label_uuid NOT IN ({builtin}) AND NOT EXISTS (SELECT 1 FROM {s}.h_label AS l
      WHERE l.project_id = n.project_id AND l.uuid = n.label_uuid) THEN 'its label is unknown'
    WHEN NOT EXISTS (SELECT 1 FROM {s}.h_author AS w WHERE w.project_id = n.project_id AND w.uuid = n.author_uuid)
      THEN 'its author is not on the server'
    WHEN jsonb_typeof(n.fields::jsonb) != 'object' THEN 'its fields are not a JSON object'
    WHEN jsonb_typeof(n.parents::jsonb) != 'array' THEN 'its parents are not a JSON list'
  END AS problem
  FROM new_rows AS n
  LEFT JOIN {s}.h_annotation AS a ON a.project_id = n.project_id AND a.uuid = n.annotation_uuid
  LEFT JOIN {s}.h_document AS d ON d.project_id = n.project_id AND d.uuid = a.document_uuid
  UNION ALL
  SELECT n.uuid AS uuid, 'its parent ' || p.v || ' is missing, belongs to another annotation or is not older '
    || '(a cycle?)' AS problem
  FROM new_rows AS n CROSS JOIN LATERAL jsonb_array_elements_text(n.parents::jsonb) AS p(v)
  LEFT JOIN {s}.h_revision AS r ON r.project_id = n.project_id AND r.uuid = p.v
  WHERE n.parents != '[]' AND (r.uuid IS NULL OR r.annotation_uuid != n.annotation_uuid OR r.hlc >= n.hlc)""",
        "h_annotation": f"""
  SELECT n.uuid AS uuid, 'its document ' || n.document_uuid || ' is not on the server' AS problem FROM new_rows AS n
  WHERE NOT EXISTS (SELECT 1 FROM {s}.h_document AS d WHERE d.project_id = n.project_id
    AND d.uuid = n.document_uuid)""",
        "h_document_state": f"""
  SELECT n.uuid AS uuid, 'it is not a document on the server' AS problem FROM new_rows AS n
  WHERE NOT EXISTS (SELECT 1 FROM {s}.h_document AS d WHERE d.project_id = n.project_id AND d.uuid = n.uuid)
  UNION ALL SELECT n.uuid, 'its metadata is not a JSON object' FROM new_rows AS n
  WHERE jsonb_typeof(n.metadata_json::jsonb) != 'object'""",
        "h_document_alias": f"""
  SELECT n.alias_uuid AS uuid, 'it names no document on the server' AS problem FROM new_rows AS n
  WHERE NOT EXISTS (SELECT 1 FROM {s}.h_document AS d WHERE d.project_id = n.project_id
    AND d.uuid = n.document_uuid)""",
        "h_label": f"""
  SELECT n.uuid AS uuid, 'its kind ' || n.kind || ' is not the kind this label has' AS problem FROM new_rows AS n
  WHERE CASE n.uuid {builtin_kind} ELSE NULL END IS DISTINCT FROM n.kind AND n.uuid IN ({builtin})
    OR EXISTS (SELECT 1 FROM {s}.h_label AS l WHERE l.project_id = n.project_id AND l.uuid = n.uuid
      AND l.kind != n.kind)""",
        "h_document": """
  SELECT n.uuid AS uuid, 'its page starts are not a JSON list' AS problem FROM new_rows AS n
  WHERE n.page_starts IS NOT NULL AND jsonb_typeof(n.page_starts::jsonb) != 'array'""",
        **_evidence_checks(schema),
    }


def _evidence_checks(schema: str) -> dict[str, str]:
    """The register's references (core/merge/evidence_kinds.py checks the same on every merge): a
    record names entities, incidents, annotations and documents the server holds."""
    s = _q(schema)

    def on_server(table: str, column: str, value: str) -> str:
        return f"EXISTS (SELECT 1 FROM {s}.{table} AS x WHERE x.project_id = n.project_id AND x.{column} = {value})"

    document = f"({on_server('h_document', 'uuid', '{v}')} OR {on_server('h_document_alias', 'alias_uuid', '{v}')})"
    entity, incident = on_server("h_entity", "uuid", "{v}"), on_server("h_incident", "uuid", "{v}")
    annotation = on_server("h_annotation", "uuid", "{v}")
    def derived(table: str, cols: tuple[str, ...], name: str) -> str:
        """The UUID derived from the joined columns, unless an earlier push of the same record
        (a version that only changed `deleted`) was checked already: SHA-1 in PL/pgSQL costs
        about a millisecond a record on a busy machine."""
        same = " AND ".join(f"x.{c} = n.{c}" for c in cols)
        kind = table.removeprefix("h_")
        return (f"(EXISTS (SELECT 1 FROM {s}.{table} AS x WHERE x.project_id = n.project_id AND x.uuid = n.uuid "
                f"AND x.xid < n.xid AND {same}) OR n.uuid = {s}.derived_uuid('{kind}', {name}))")

    altered = "its UUID is not the one its contents give (the row was altered)"
    pair = """least(n.keep_uuid COLLATE "C", n.other_uuid COLLATE "C") || '|' || greatest(n.keep_uuid COLLATE "C",
    n.other_uuid COLLATE "C")"""

    def case(key: str, whens: list[tuple[str, str]]) -> str:
        arms = "\n    ".join(f"WHEN NOT {cond} THEN '{why}'" for cond, why in whens)
        return f"\n  SELECT n.{key} AS uuid, CASE\n    {arms}\n  END AS problem FROM new_rows AS n"

    return {
        "h_entity": f"""
  SELECT n.uuid AS uuid, 'its aliases are not a list of at most 50 short names' AS problem FROM new_rows AS n
  WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(n.aliases::jsonb) AS a(v)
    WHERE jsonb_typeof(a.v) != 'string' OR char_length(a.v #>> '{{}}') > {MAX_NAME})""",
        "h_entity_same": case("uuid", [
            (entity.format(v="n.keep_uuid"), "it names an entity that is not on the server"),
            (entity.format(v="n.other_uuid"), "it names an entity that is not on the server"),
            (derived("h_entity_same", ("keep_uuid", "other_uuid"), pair), altered)]),
        "h_incident": case("uuid", [
            (on_server("h_incident_type", "uuid", "n.type_uuid"), "its incident type is not on the server"),
            (f"(n.place_entity = '' OR {entity.format(v='n.place_entity')})",
             "its place names an entity that is not on the server")]),
        "h_incident_participant": case("uuid", [
            (incident.format(v="n.incident_uuid"), "its incident is not on the server"),
            (entity.format(v="n.entity_uuid"), "its entity is not on the server"),
            (derived("h_incident_participant", ("incident_uuid", "entity_uuid", "role"),
                     "n.incident_uuid || '|' || n.entity_uuid || '|' || n.role"), altered)]),
        "h_annotation_link": case("uuid", [
            (annotation.format(v="n.annotation_uuid"), "its annotation is not on the server"),
            ("(CASE n.target_kind WHEN 'entity' THEN " + entity.format(v="n.target_uuid") + " ELSE "
             + incident.format(v="n.target_uuid") + " END)", "it links to an entity or incident not on the server"),
            (derived("h_annotation_link", ("annotation_uuid", "target_kind", "target_uuid", "role"),
                     "n.annotation_uuid || '|' || n.target_kind || '|' || n.target_uuid || '|' || n.role"), altered)]),
        "h_document_source": case("document_uuid", [
            (document.format(v="n.document_uuid"), "its document is not on the server")]),
        "h_annotation_grade": case("annotation_uuid", [
            (annotation.format(v="n.annotation_uuid"), "its annotation is not on the server")]),
        "h_memo_revision": case("uuid", [
            ("(CASE n.target_kind WHEN 'document' THEN " + document.format(v="n.target_uuid")
             + " WHEN 'entity' THEN " + entity.format(v="n.target_uuid")
             + " WHEN 'incident' THEN " + incident.format(v="n.target_uuid") + " ELSE true END)",
             "it is about something that is not on the server"),
            (f"NOT EXISTS (SELECT 1 FROM jsonb_array_elements(n.parents::jsonb) AS p(v) "
             f"WHERE jsonb_typeof(p.v) != 'string' OR NOT (p.v #>> '{{}}') ~ '{UUID_RE}')",
             "its parents are not a list of memo version UUIDs")]),
        "h_document_original": case("document_uuid", [
            (on_server("h_document", "uuid", "n.document_uuid"), "its document is not on the server")]),
    }


def _stats_function(schema: str, tables: tuple[ServerTable, ...] | None = None) -> list[str]:
    """Fresh planner statistics when an insert at least doubles a history table. A member may not
    ANALYZE (only the owner may), and the checks' joins over a never-analysed table were planned
    as nested loops over full scans: a first push of 5,000 revisions took 5 s in its checks alone.
    Analysing at each doubling keeps estimates within 2x at a cost of O(log n) analyses."""
    s = _q(schema)
    names = ", ".join(f"'{st.name}'" for st in (server_tables() if tables is None else tables))
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.refresh_stats(tbl text, added bigint) RETURNS void LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE known real;
BEGIN
  IF tbl NOT IN ({names}) THEN
    RAISE EXCEPTION 'not a history table: %', tbl;
  END IF;
  IF added < 500 THEN
    RETURN;
  END IF;
  SELECT c.reltuples INTO known FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
    WHERE n.nspname = {_literal(schema)} AND c.relname = tbl;
  IF known < 0 OR added > known THEN
    EXECUTE format('ANALYZE %I.%I', {_literal(schema)}, tbl);
  END IF;
END $fn$""",
        f"REVOKE ALL ON FUNCTION {s}.refresh_stats(text, bigint) FROM PUBLIC",
    ]


def _derived_functions(schema: str) -> list[str]:
    """`derived_uuid(kind, name)`: core/ids.name_uuid in SQL, a UUIDv5 over SHA-1, which
    PostgreSQL has only with the pgcrypto extension (not everywhere installable): SHA-1 here in
    PL/pgSQL, run only over the records of a push whose UUIDs are derived (links, participants,
    "same as")."""
    return [sql.replace("{s}", _q(schema)).replace("{m}", "4294967295").replace("{ns}", NAMESPACE.hex)
            for sql in (_SHA1, _DERIVED_UUID)]


# Plain templates, not f-strings: SQL of PL/pgSQL functions ({s} schema, {m} 2**32 - 1, {ns} the namespace).
_SHA1 = """CREATE OR REPLACE FUNCTION {s}.sha1(msg bytea) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  h bigint[] := ARRAY[1732584193, 4023233417, 2562383102, 271733878, 3285377520];
  padded bytea := msg || '\\x80'::bytea;
  w bigint[];
  a bigint; b bigint; c bigint; d bigint; e bigint; t bigint; o int;
BEGIN
  padded := padded || substring(int8send(0) || int8send(0) || int8send(0) || int8send(0)
                                || int8send(0) || int8send(0) || int8send(0) || int8send(0)
                                FROM 1 FOR (119 - octet_length(msg) % 64) % 64);
  padded := padded || int8send(octet_length(msg)::bigint * 8);
  FOR chunk IN 0 .. octet_length(padded) / 64 - 1 LOOP
    w := array_fill(0::bigint, ARRAY[80]);
    FOR i IN 0 .. 15 LOOP
      o := chunk * 64 + i * 4;
      w[i + 1] := (get_byte(padded, o)::bigint << 24) | (get_byte(padded, o + 1) << 16)
                  | (get_byte(padded, o + 2) << 8) | get_byte(padded, o + 3);
    END LOOP;
    FOR i IN 16 .. 79 LOOP
      t := w[i - 2] # w[i - 7] # w[i - 13] # w[i - 15];
      w[i + 1] := ((t << 1) | (t >> 31)) & {m};
    END LOOP;
    a := h[1]; b := h[2]; c := h[3]; d := h[4]; e := h[5];
    -- Four loops, not one with a branch per round: each statement here is an interpreter step.
    FOR i IN 1 .. 20 LOOP
      t := ((((a << 5) | (a >> 27)) & {m}) + ((b & c) | ((~b) & d)) + e + 1518500249 + w[i]) & {m};
      e := d; d := c; c := ((b << 30) | (b >> 2)) & {m}; b := a; a := t;
    END LOOP;
    FOR i IN 21 .. 40 LOOP
      t := ((((a << 5) | (a >> 27)) & {m}) + (b # c # d) + e + 1859775393 + w[i]) & {m};
      e := d; d := c; c := ((b << 30) | (b >> 2)) & {m}; b := a; a := t;
    END LOOP;
    FOR i IN 41 .. 60 LOOP
      t := ((((a << 5) | (a >> 27)) & {m}) + ((b & c) | (b & d) | (c & d)) + e + 2400959708 + w[i]) & {m};
      e := d; d := c; c := ((b << 30) | (b >> 2)) & {m}; b := a; a := t;
    END LOOP;
    FOR i IN 61 .. 80 LOOP
      t := ((((a << 5) | (a >> 27)) & {m}) + (b # c # d) + e + 3395469782 + w[i]) & {m};
      e := d; d := c; c := ((b << 30) | (b >> 2)) & {m}; b := a; a := t;
    END LOOP;
    h[1] := (h[1] + a) & {m}; h[2] := (h[2] + b) & {m}; h[3] := (h[3] + c) & {m};
    h[4] := (h[4] + d) & {m}; h[5] := (h[5] + e) & {m};
  END LOOP;
  RETURN substring(int8send(h[1]) FROM 5) || substring(int8send(h[2]) FROM 5) || substring(int8send(h[3]) FROM 5)
         || substring(int8send(h[4]) FROM 5) || substring(int8send(h[5]) FROM 5);
END $fn$"""
_DERIVED_UUID = """CREATE OR REPLACE FUNCTION {s}.derived_uuid(kind text, name text) RETURNS text LANGUAGE plpgsql
IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE x bytea;
BEGIN
  x := substring({s}.sha1(decode('{ns}', 'hex') || convert_to(kind || ':' || name, 'UTF8')) FROM 1 FOR 16);
  x := set_byte(x, 6, (get_byte(x, 6) & 15) | 80);
  x := set_byte(x, 8, (get_byte(x, 8) & 63) | 128);
  RETURN encode(x, 'hex')::uuid::text;
END $fn$"""


def _dollar(text: str) -> str:
    return f"$q${text}$q$"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _trigger_ddl(schema: str, table: str, query: str) -> list[str]:
    s = _q(schema)
    kind = table.removeprefix("h_").replace("_", " ")
    return [
        f"""CREATE OR REPLACE FUNCTION {s}.check_{table}() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp SET jit = off AS $fn$
DECLARE bad record; added bigint; hash text; merge text;
BEGIN
  added := (SELECT count(*) FROM new_rows);
  PERFORM {s}.refresh_stats('{table}', added);
  -- A few rows are checked by index lookups: the row-level security filter on every table makes
  -- the planner prefer hashing whole tables (a 100-row push against 50k rows: 73 ms, not 2 ms).
  hash := current_setting('enable_hashjoin');
  merge := current_setting('enable_mergejoin');
  IF added < {SMALL_PUSH} THEN
    PERFORM set_config('enable_hashjoin', 'off', true);
    PERFORM set_config('enable_mergejoin', 'off', true);
  END IF;
  -- EXECUTE plans the checks for this statement's rows (the transition table's size is known
  -- then), where a cached plan made for a 200k-row push would serve a 100-row one.
  FOR bad IN EXECUTE {_dollar(query)}
  LOOP
    IF bad.problem IS NOT NULL THEN
      RAISE EXCEPTION '{kind} %: %', bad.uuid, bad.problem USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  PERFORM set_config('enable_hashjoin', hash, true);
  PERFORM set_config('enable_mergejoin', merge, true);
  RETURN NULL;
END $fn$""",
        f"CREATE TRIGGER check_rows AFTER INSERT ON {s}.{table} REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.check_{table}()",
    ]


def schema_statements(schema: str, *, schema_exists: bool = False, version: int = SERVER_VERSION) -> list[str]:
    """Everything `server init` creates in an empty schema, in order (`version`: as that version
    of Testimonia created it, for the upgrade's tests; only this version and version 1)."""
    s = _q(schema)
    tables = server_tables(V1_CARRIED if version == 1 else None)
    out = [] if schema_exists else [f"CREATE SCHEMA {s}"]
    out += [
        f"REVOKE ALL ON SCHEMA {s} FROM PUBLIC",
        f"CREATE TABLE {s}.server_info (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), "
        "version integer NOT NULL, server_uuid uuid NOT NULL DEFAULT gen_random_uuid(), "
        "created_at timestamptz NOT NULL DEFAULT now())",
        f"INSERT INTO {s}.server_info(version) VALUES ({version})",
        f"CREATE TABLE {s}.project (id serial PRIMARY KEY, name text NOT NULL UNIQUE CHECK (name ~ '{PROJECT_RE}'), "
        "created_at timestamptz NOT NULL DEFAULT now())",
        f"CREATE TABLE {s}.member (project_id integer NOT NULL REFERENCES {s}.project(id), "
        "role_name name NOT NULL, level integer NOT NULL CHECK (level BETWEEN 1 AND 4), "
        "PRIMARY KEY (project_id, role_name))",
        # A member sees its own memberships only; the policies of the history tables read them.
        f"ALTER TABLE {s}.member ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {s}.member FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY own_rows ON {s}.member FOR SELECT USING (role_name = current_user)",
        f"ALTER TABLE {s}.project ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {s}.project FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY member_reads ON {s}.project FOR SELECT USING "
        f"(id IN (SELECT m.project_id FROM {s}.member AS m WHERE m.role_name = current_user))",
    ]
    out += _stats_function(schema, tables)
    if version != 1:
        out += _derived_functions(schema)
    out += history_statements(schema, tables)
    out += grant_statements(schema, tables)
    if version != 1:
        out += role_statements(schema)
    return out


def history_statements(schema: str, tables: tuple[ServerTable, ...]) -> list[str]:
    """The history tables, their indexes, policies and check triggers."""
    checks = _check_functions(schema)
    out: list[str] = []
    for st in tables:
        out += table_ddl(schema, st)
        if st.name in checks:
            out += _trigger_ddl(schema, st.name, checks[st.name])
    return out


def grant_statements(schema: str, tables: tuple[ServerTable, ...] | None = None, *, base: bool = True) -> list[str]:
    s = _q(schema)
    group = _q(group_role(schema))
    out = [
        f"GRANT USAGE ON SCHEMA {s} TO {group}",
        f"GRANT SELECT ON {s}.server_info, {s}.project, {s}.member TO {group}",
        f"GRANT EXECUTE ON FUNCTION {s}.refresh_stats(text, bigint) TO {group}",
    ] if base else []
    for st in server_tables() if tables is None else tables:
        out.append(f"GRANT SELECT ON {s}.{st.name} TO {group}")
        out.append(f"GRANT INSERT (project_id, {', '.join(st.names)}) ON {s}.{st.name} TO {group}")
    return out


def ensure_group_role(conn: object, schema: str) -> None:
    """The NOLOGIN group every member role belongs to (cluster-wide, so named after the schema)."""
    name = group_role(schema)
    execute: Callable[..., object] = conn.execute  # type: ignore[attr-defined]
    exists = execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()  # type: ignore[attr-defined]
    if not exists:
        execute(f"CREATE ROLE {_q(name)} NOLOGIN NOSUPERUSER NOBYPASSRLS")


def _v1_to_v2(schema: str) -> list[str]:
    """The evidence register's history tables, and refresh_stats knowing them."""
    new = tuple(st for st in server_tables() if st.local not in V1_CARRIED)
    return [*_stats_function(schema), *_derived_functions(schema), *history_statements(schema, new),
            *grant_statements(schema, new, base=False)]


def role_statements(schema: str) -> list[str]:
    """Version 3: what a curator and an admin add to an annotator (docs/TEAM_SERVER.md, Roles).

    Curators: a restrictive policy lets only curators and admins insert the CURATED rows.
    Admins: SECURITY DEFINER functions, owned by the role that runs init/upgrade (the schema's
    owner), add, remove and list the members of a project whose admin the caller (session_user) is.
    The owner sees every member and project row (policies TO CURRENT_USER, fixed when created);
    members still see only their own memberships. EXECUTE is revoked from PUBLIC."""
    s = _q(schema)
    group = group_role(schema)
    admin_check = (f"IF pid IS NULL OR NOT EXISTS (SELECT 1 FROM {s}.member AS m WHERE m.project_id = pid "
                   f"AND m.role_name = session_user AND m.level >= {ADMIN_LEVEL}) THEN\n"
                   "    RAISE EXCEPTION 'only an admin of project % may manage its members', project "
                   "USING ERRCODE = '42501';\n  END IF;")
    out = []
    for table, column in CURATED.items():
        out.append(f"DROP POLICY IF EXISTS curator_removes ON {s}.{table}")
        out.append(f"CREATE POLICY curator_removes ON {s}.{table} AS RESTRICTIVE FOR INSERT WITH CHECK "
                   f"(NOT {column} OR project_id IN (SELECT m.project_id FROM {s}.member AS m "
                   f"WHERE m.role_name = current_user AND m.level >= {CURATOR_LEVEL}))")
    out += [
        f"DROP POLICY IF EXISTS owner_manages ON {s}.member",
        f"CREATE POLICY owner_manages ON {s}.member FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true)",
        f"DROP POLICY IF EXISTS owner_reads ON {s}.project",
        f"CREATE POLICY owner_reads ON {s}.project FOR SELECT TO CURRENT_USER USING (true)",
        f"""CREATE OR REPLACE FUNCTION {s}.admin_add_member(project text, member name, lvl integer, pw text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE pid integer; bad boolean; grouped boolean; created boolean := false;
BEGIN
  SELECT p.id INTO pid FROM {s}.project AS p WHERE p.name = project;
  {admin_check}
  IF member !~ '{ROLE_RE}' OR lvl NOT BETWEEN 1 AND {ADMIN_LEVEL} THEN
    RAISE EXCEPTION '%: not a member name, or % not a member level', member, lvl USING ERRCODE = '22023';
  END IF;
  SELECT r.rolsuper OR r.rolbypassrls OR r.rolcreaterole, pg_has_role(r.oid, '{group}', 'MEMBER')
    INTO bad, grouped FROM pg_roles AS r WHERE r.rolname = member;
  IF NOT FOUND THEN
    IF pw IS NULL THEN
      EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB', member);
    ELSE
      EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD %L', member, pw);
    END IF;
    created := true;
    EXECUTE format('GRANT %I TO %I', '{group}', member);
  ELSIF bad OR NOT grouped THEN
    -- Mapping a role of the cluster that is not a member of this server yet is the owner's job.
    RAISE EXCEPTION '%: an existing role that is no member of this server (or a privileged one); '
      'ask the server''s owner to add it', member USING ERRCODE = '42501';
  END IF;
  INSERT INTO {s}.member(project_id, role_name, level) VALUES (pid, member, lvl)
    ON CONFLICT (project_id, role_name) DO UPDATE SET level = excluded.level;
  RETURN created;
END $fn$""",
        f"""CREATE OR REPLACE FUNCTION {s}.admin_remove_member(project text, member name)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE pid integer; removed integer;
BEGIN
  SELECT p.id INTO pid FROM {s}.project AS p WHERE p.name = project;
  {admin_check}
  DELETE FROM {s}.member AS m WHERE m.project_id = pid AND m.role_name = member;
  GET DIAGNOSTICS removed = ROW_COUNT;
  IF removed > 0 AND NOT EXISTS (SELECT 1 FROM {s}.member AS m WHERE m.role_name = member) THEN
    EXECUTE format('REVOKE %I FROM %I', '{group}', member);
  END IF;
  RETURN removed > 0;
END $fn$""",
        f"""CREATE OR REPLACE FUNCTION {s}.admin_members(project text)
RETURNS TABLE(role_name name, level integer) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE pid integer;
BEGIN
  SELECT p.id INTO pid FROM {s}.project AS p WHERE p.name = project;
  {admin_check}
  RETURN QUERY SELECT m.role_name, m.level FROM {s}.member AS m WHERE m.project_id = pid ORDER BY m.role_name;
END $fn$""",
    ]
    for fn in ("admin_add_member(text, name, integer, text)", "admin_remove_member(text, name)",
               "admin_members(text)"):
        out.append(f"REVOKE ALL ON FUNCTION {s}.{fn} FROM PUBLIC")
        out.append(f"GRANT EXECUTE ON FUNCTION {s}.{fn} TO {_q(group)}")
    return out


def _v2_to_v3(schema: str) -> list[str]:
    return role_statements(schema)


# MIGRATIONS[v] upgrades a server schema from version v to v + 1 (plain SQL, given the schema name).
MIGRATIONS: dict[int, Callable[[str], list[str]]] = {1: _v1_to_v2, 2: _v2_to_v3}
