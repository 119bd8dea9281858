"""Core messages (core/messages.py): every template has a Korean entry, and raise sites pass
templates, not finished English sentences.

The templates are found by reading core/'s source (AST), not by running it, so a message on a
path no test reaches is checked too.
"""

from __future__ import annotations

import ast
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from testimonia.core import messages
from testimonia.core.errors import AlreadyImported, ImportFailed, InvalidInput, MergeRefused, ProjectFileError
from testimonia.core.messages import Message, fields_of
from testimonia.core.messages_ko import KO

CORE = Path(__file__).resolve().parents[2] / "desktop" / "testimonia" / "core"
SKIP_FILES = {"messages.py", "messages_ko.py", "messages_ko_evidence.py"}
# Modules whose messages are not converted yet (others edit them at the same time); this set only shrinks.
PENDING = {
}

# Modules whose text is not for the people who use the app, and why (this set stays small).
EXEMPT = {
    # `testimonia check` lists, for whoever repairs a damaged file or reads a bug report, every row
    # that is wrong, in the terms of the file format (tables, columns, storage types): English,
    # like the log files.
    "core/check.py",
}

# Callables whose argument at this position is a user-facing message: the error classes of
# core/errors.py and the helpers that build or collect messages.
MESSAGE_ARGUMENT = {
    "Message": 0,
    "TestimoniaError": 0,
    "InvalidInput": 0,
    "NotFound": 0,
    "ProjectFileError": 1,
    "NotAProjectError": 1,
    "NewerSchemaError": 1,
    "DamagedFileError": 1,
    "ImportFailed": 1,
    "MergeRefused": 1,
    "ServerError": 0,  # core/server
    "ServerOffline": 0,
    "refuse": 1,  # core/merge/refusal.py
    "skip": 0,  # ImportReport.skip
    "fail": 0,  # refi_read._Reader.fail
}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass(frozen=True)
class Site:
    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}"


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_built_string(node: ast.AST) -> bool:
    """An f-string, a concatenation or .format() of strings: a sentence finished in English."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) and not isinstance(getattr(side, "value", ""), int)
                   for side in (node.left, node.right)) or _is_built_string(node.left) or _is_built_string(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return isinstance(node.func.value, ast.Constant | ast.JoinedStr)
    return False


def _trees() -> Iterator[tuple[str, ast.Module, list[str]]]:
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(CORE.parent).as_posix()
        if path.name in SKIP_FILES or rel in PENDING or rel in EXEMPT:
            continue
        source = path.read_text(encoding="utf-8")
        yield rel, ast.parse(source), source.splitlines()


def _sites() -> Iterator[tuple[Site, ast.AST]]:
    for rel, tree, _lines in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _callee(node)
            if name not in MESSAGE_ARGUMENT:
                continue
            index = MESSAGE_ARGUMENT[name]
            if index < len(node.args):
                yield Site(rel, node.lineno, name), node.args[index]


def templates() -> dict[str, Site]:
    out: dict[str, Site] = {}
    for site, arg in _sites():
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            out.setdefault(arg.value, site)
    return out


def _needs_translation(template: str) -> bool:
    """Templates of fields and punctuation only ("{path}: {detail}") read the same in every language."""
    return bool(re.search(r"[A-Za-z]", re.sub(r"\{[^{}]*\}", "", template)))


def test_messages_are_templates_not_finished_sentences() -> None:
    built = [str(site) for site, arg in _sites() if _is_built_string(arg)]
    assert built == [], "pass a template with {fields} and the values as keywords, not an f-string or +"


# An English phrase (three lower-case words) inside an f-string is a sentence for someone to read.
_PHRASE = re.compile(r"[a-z]{2,}[ ,;:]+[a-z]{2,}[ ,;:]+[a-z]{2,}")
_INTERNAL = {"ValueError", "TypeError", "AssertionError", "RuntimeError", "KeyError", "IndexError"}


def _internal_nodes(tree: ast.AST) -> set[int]:
    """f-strings inside programming-error exceptions, log calls and SQL, which no user reads as such."""
    out: set[int] = set()
    for node in ast.walk(tree):
        inside = False
        if isinstance(node, ast.Call):
            name = _callee(node)
            inside = name in _INTERNAL or name in ("debug", "info", "warning", "error", "exception", "execute")
        if inside:
            out.update(id(n) for n in ast.walk(node))
    return out


def test_no_sentence_is_built_outside_the_templates() -> None:
    found = []
    for rel, tree, lines in _trees():
        internal = _internal_nodes(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr) or id(node) in internal:
                continue
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if _PHRASE.search(text) and "SELECT" not in text and "# not a message" not in lines[node.lineno - 1]:
                found.append(f"{rel}:{node.lineno}: {text[:60]!r}")
    assert found == [], "make these Messages (or mark a line that no user reads '# not a message')"


def test_message_constants_are_messages() -> None:
    """`NOT_DOCX = "…"` passed as a message would be a template the other checks never see."""
    found = []
    sites: dict[str, list[tuple[Site, ast.AST]]] = {}
    for site, arg in _sites():  # once, not once per file (that parsed every file again per file: minutes)
        sites.setdefault(site.file, []).append((site, arg))
    for rel, tree, _lines in _trees():
        constants = {t.id: node.lineno for node in tree.body if isinstance(node, ast.Assign)
                     and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                     for t in node.targets if isinstance(t, ast.Name)}
        for site, arg in sites.get(rel, []):
            if site.file == rel and isinstance(arg, ast.Name) and arg.id in constants:
                found.append(f"{rel}:{constants[arg.id]}: {arg.id}")
    assert found == [], "write these constants as Message(\"…\")"


def test_the_sources_hold_templates() -> None:
    # The walk finds the raise sites at all (a renamed class would silently empty this test).
    found = templates()
    assert "cancelled" in found


def test_every_template_has_a_korean_entry() -> None:
    missing = [f"{site}: {t!r}" for t, site in sorted(templates().items(), key=lambda kv: str(kv[1]))
               if _needs_translation(t) and t not in KO]
    assert missing == [], "add these to desktop/testimonia/core/messages_ko.py"


def test_korean_entries_have_the_same_fields_and_are_korean() -> None:
    wrong = {t: ko for t, ko in KO.items() if fields_of(t) != fields_of(ko) or not HANGUL.search(ko)}
    assert wrong == {}


def test_no_korean_entry_is_left_over() -> None:
    used = templates()
    assert sorted(t for t in KO if t not in used) == []


@pytest.fixture
def korean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(KO, "nothing in {what}", "{what}에 아무것도 없습니다")
    messages.set_language("ko")
    yield
    messages.set_language("en")


def test_errors_render_in_the_current_language_with_their_values(korean: None) -> None:
    err = ImportFailed(Path("/tmp/보고서 {x}.pdf"), "nothing in {what}", what="page 2")
    assert str(err) == "/tmp/보고서 {x}.pdf: page 2에 아무것도 없습니다"
    assert err.reason == "page 2에 아무것도 없습니다"
    assert err.render("en") == "/tmp/보고서 {x}.pdf: nothing in page 2"
    dup = AlreadyImported("a.txt", "0" * 8, "Forced returns")
    assert "“Forced returns”" in str(dup) and HANGUL.search(str(dup))
    messages.set_language("en")
    assert str(err) == "/tmp/보고서 {x}.pdf: nothing in page 2"


def test_nested_messages_render_in_one_language(korean: None) -> None:
    inner = ProjectFileError("p.testimonia", "nothing in {what}", what=Message("cancelled"))
    outer = MergeRefused("p.testimonia", inner.detail)
    assert str(outer) == "p.testimonia: " + KO["cancelled"] + "에 아무것도 없습니다"


def test_format_specs_and_literal_braces() -> None:
    assert str(Message("{n:,} rows", n=1234567)) == "1,234,567 rows"
    assert str(Message("a {literal} brace without fields")) == "a {literal} brace without fields"
    # A value is never formatted again: braces in a file name stay as they are.
    assert str(InvalidInput("{path}: no", path="{0}{x}")) == "{0}{x}: no"


def test_errors_and_messages_cross_processes() -> None:
    err = ImportFailed("x.pdf", "nothing in {what}", what=Message("cancelled"))
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is ImportFailed and back.path == Path("x.pdf") and str(back) == str(err)
    assert back.detail == err.detail


@pytest.mark.parametrize(("value", "expected"), [("ko", "ko"), ("ko_KR.UTF-8", "ko"), ("fr", "en"), ("", "en")])
def test_the_cli_language_setting(monkeypatch: pytest.MonkeyPatch, value: str, expected: str) -> None:
    monkeypatch.setenv(messages.ENV_LANGUAGE, value)
    try:
        assert messages.language_from_environment() == expected
    finally:
        messages.set_language("en")


def test_every_sentence_of_the_sql_row_checks_has_a_message() -> None:
    """The merge's row checks say what is wrong from SQL; each sentence they can say is a Message."""
    from testimonia.core.merge import checks as merge_validate

    sql = "\n".join(v for v in vars(merge_validate).values() if isinstance(v, str) and "CASE" in v)
    fixed = re.findall(r"THEN '([^']*)'\s*$", sql, re.MULTILINE)
    fixed += re.findall(r"THEN '([^']*)'\n", sql)
    built = {"its offsets 5..2 are not a span", "its note is 200001 characters long (at most 100000)",
             "field 'x': the name is empty or too long", "field unit: not a number",
             "field mode: not one of its choices",
             "its parent 'ab' is in neither file", "its parent 1f belongs to another annotation",
             "its parent 1f is not older than it (a revision cycle, or a damaged file)"}
    assert len(set(fixed)) > 15
    for said in set(fixed) | built:
        problem = merge_validate.sql_problem(said)
        assert problem.render("en") == said
        assert problem.template in KO and HANGUL.search(problem.render("ko")), said
