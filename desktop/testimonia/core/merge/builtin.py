"""The record kinds every project file has, registered when the merge package is imported.

Their checks and copies are their own (documents match by hash and may be renamed, revisions are
re-anchored onto another extraction's text, annotations are written by the heads step); a kind
added later usually needs neither (kinds.py, copy.copy_generic, checks.check_generic).
The row limits: a coalition project of 30,000 documents and 1,000,000 annotations edited a few
times each fits with room to spare; a file past them is refused at once (docs/CLI.md, "merge").
"""

from __future__ import annotations

from . import checks, copy, documents_check
from .kinds import LWW, UNION, MergeContext, RecordKind, register


def _check_project(ctx: MergeContext) -> None:
    uid, title, _hlc = checks.check_project(ctx.conn, ctx.path)
    ctx.report.source_project_uuid, ctx.report.source_title = uid, title


def _check_authors(ctx: MergeContext) -> None:
    checks.check_authors(ctx.conn, ctx.path)


def _check_labels(ctx: MergeContext) -> None:
    checks.check_labels(ctx.conn, ctx.path)


def _check_documents(ctx: MergeContext) -> None:
    stubs = ctx.exchange.stubs if ctx.exchange is not None else set()
    ctx.docs = documents_check.check_documents(ctx.conn, ctx.path, stubs)  # and the aliases, which name them


# The project row: its title travels between copies of one project only (copy.project_title).
register(RecordKind("project", ("uuid",), LWW, None, check=_check_project, copy=copy.project_title,
                    hlc_column="title_hlc"))
register(RecordKind("author", ("uuid",), LWW, 100_000, check=_check_authors, copy=copy.authors))
register(RecordKind("label", ("uuid",), LWW, 10_000, check=_check_labels, copy=copy.labels))
register(RecordKind("document", ("uuid",), LWW, 100_000, after=("author",), check=_check_documents,
                    copy=copy.documents))
register(RecordKind("document_alias", ("alias_uuid",), UNION, 1_000_000, after=("document",),
                    copy=copy.document_aliases))
register(RecordKind("annotation", ("uuid",), UNION, 5_000_000, after=("document", "author"),
                    copy=copy.annotations, concurrent=True))
register(RecordKind("revision", ("uuid",), UNION, 20_000_000, after=("annotation", "label", "author"),
                    copy=copy.revisions, concurrent=True))
