"""The paged documents list and evidence table, and counts kept edit by edit (issue 15).

The models read pages by SQL; these tests compare what they show with a Python sort of the same
rows, and the counts they keep with a full recount after edits, undo, redo, removal and import.
That no project-wide scan runs after an edit is asserted on SQLite's own query plans of every
statement the edit ran.
"""

from __future__ import annotations

import random
import sqlite3

from PySide6.QtCore import QModelIndex, Qt

from testimonia.core.views import Content
from testimonia.ui import evidence_table
from testimonia.ui.documents_panel import UUID_ROLE, DocumentsModel

from .team_helpers import BOB

WORDS = ("witness", "camp", "border", "대피소", "returned", "families", "guard", "river", "증언", "night")


def _project(window, documents: int = 30, per_document: int = 6, seed: int = 7) -> list[str]:  # type: ignore[no-untyped-def]
    """Documents with annotations of every kind by two authors; returns the annotation UUIDs."""
    rnd = random.Random(seed)
    store = window.session.store
    labels = [lb.uuid for lb in window.labels]
    made = []
    for i in range(documents):
        text = " ".join(rnd.choice(WORDS) for _ in range(80)) + f" report {i}."
        title = f"{rnd.choice(('Émile', 'émile', 'Zed', 'alpha', '가나', 'Report'))} {rnd.randrange(100)}"
        doc = store.import_text(title, text, window.author, source_name=f"r{i}.txt")
        for j in range(per_document):
            start = rnd.randrange(0, len(text) - 30)
            who = BOB if j % 3 == 0 else window.author
            made.append(store.add_annotation(doc.uuid, rnd.choice(labels), start, start + rnd.randrange(3, 25), who,
                                             note=rnd.choice(("", "checked", "Second source"))).uuid)
    window.session.documents_changed.emit()
    return made


def test_documents_list_pages_equal_a_python_sort_and_filter(window) -> None:  # type: ignore[no-untyped-def]
    _project(window, documents=300, per_document=1)
    store = window.session.store
    model = DocumentsModel()
    model.PAGE = 16  # many pages on a small project
    model.KEEP_PAGES = 3
    model.set_store(store)
    # The order the whole list always had (SQLite's NOCASE: ASCII folded), now a page at a time.
    expected = store.documents()
    ascii_fold = {ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    assert expected == sorted(expected, key=lambda d: (d.title.translate(ascii_fold), d.uuid))
    shown = [model.index(r, 0).data(UUID_ROLE) for r in range(model.rowCount())]
    assert shown == [d.uuid for d in expected]
    for d in expected[::37]:
        assert model.row_of(d.uuid) == shown.index(d.uuid)
        assert model.info(d.uuid).counts == d.counts
    model.set_filter("ÉMILE")  # without case beyond ASCII
    shown = [model.index(r, 0).data(UUID_ROLE) for r in range(model.rowCount())]
    assert shown == [d.uuid for d in expected if "émile" in d.title.casefold()] and shown


class _Deferred:
    """A background that holds its jobs until told to run them, as a busy worker thread would."""

    def __init__(self) -> None:
        self.jobs: list[tuple[object, object, object]] = []

    def __call__(self, job, on_done, on_failed) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append((job, on_done, on_failed))

    def run(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job, on_done, _failed in jobs:
            on_done(job())  # type: ignore[operator]


def test_the_documents_list_reads_counts_apart_from_its_rows(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A page's rows come at once; its counts (every annotation on its documents) come from the
    background and replace, row by row, the last counts shown."""
    _project(window, documents=40, per_document=5)
    store = window.session.store
    expected = {d.uuid: d.counts for d in store.documents()}
    background = _Deferred()
    model = DocumentsModel()
    model.PAGE = 16
    model.set_store(store, background)
    counted = [model.index(r, 2 + c).data() for r in range(16) for c in range(4)]
    assert model.index(0, 0).data(UUID_ROLE) in expected
    assert set(counted) == {""} and len(background.jobs) == 1  # rows shown, counts not read yet
    with qtbot.waitSignal(model.dataChanged):
        background.run()
    for r in range(16):
        assert model.info(model.index(r, 0).data(UUID_ROLE)).counts == expected[model.index(r, 0).data(UUID_ROLE)]
    assert any(model.index(r, 2 + c).data() for r in range(16) for c in range(4))
    # A re-read (after a merge, say) shows the counts last read until the fresh ones come.
    first = model.index(0, 0).data(UUID_ROLE)
    model.reset()
    assert model.info(first).counts == expected[first] and len(background.jobs) == 1
    stale = background.jobs[0]
    model.reset()  # read again before the first answer came: that answer is dropped
    stale[1]({first: {"statement": 999}})  # type: ignore[operator]
    assert model.info(first).counts == expected[first]


def test_the_evidence_filters_document_choices_read_titles_only(window) -> None:  # type: ignore[no-untyped-def]
    """The filter shows titles; reading counts for it (every annotation on a page's documents, on
    the GUI thread) would cost what the documents list moved off that thread."""
    _project(window, documents=12, per_document=4)
    store = window.session.store
    choices = evidence_table.DocumentChoices("All documents")
    choices.set_store(store)
    expected = store.documents()
    assert [choices.index(r, 0).data() for r in range(choices.rowCount())] == ["All documents",
                                                                               *(d.title for d in expected)]
    counted = store.document_counts([d.uuid for d in expected])
    assert sum(1 for d in expected if counted.get(d.uuid)) >= 12  # annotated documents, yet none was counted:
    assert all(choices.documents.info(d.uuid).counts == {} for d in expected)


def _evidence_rows(table) -> list[str]:  # type: ignore[no-untyped-def]
    table.model.fetch_all()
    return [table.model.row(r).uuid for r in range(table.model.rowCount())]


def test_evidence_orders_and_filters_equal_a_python_sort(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(evidence_table, "FETCH_ROWS", 7)  # small fetches: the walk crosses many steps
    monkeypatch.setattr("testimonia.core.evidence_rows.DOCUMENTS_PER_STEP", 4)
    monkeypatch.setattr("testimonia.core.evidence_rows.CANDIDATES_PER_STEP", 5)
    monkeypatch.setattr("testimonia.core.evidence_rows.FIRST_CANDIDATES", 2)  # and growing from 2 to 5
    _project(window)
    store = window.session.store
    table = window.team.open_evidence()
    views = store.annotations()
    doc_order = [d.uuid for d in store.documents()]
    names = {lb.uuid: lb.name for lb in window.all_labels}
    authors = store.authors()

    assert _evidence_rows(table) == [v.uuid for v in views]  # list order: document, then position
    cases = {
        1: lambda v: (doc_order.index(v.document_uuid), v.start, v.end, v.uuid),  # page: the document order
        2: lambda v: (names[v.label_uuid].casefold(), v.label_uuid, v.modified_hlc),
        6: lambda v: (authors[v.author_uuid].casefold(), v.author_uuid, v.modified_hlc),
        7: lambda v: (v.modified_hlc,),
    }
    for column, key in cases.items():
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.view.sortByColumn(column, order)
            shown = _evidence_rows(table)
            expected = sorted(views, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
            assert shown == [v.uuid for v in expected], (column, order)

    table.view.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    table.kind.setCurrentIndex(table.kind.findData("figure"))
    table.author.setCurrentIndex(table.author.findData(BOB.uuid))
    shown = _evidence_rows(table)
    expected = sorted((v for v in views if v.kind == "figure" and BOB.uuid in (v.author_uuid, v.creator_uuid)),
                      key=lambda v: v.modified_hlc)
    assert shown == [v.uuid for v in expected] and shown
    table.search.setText("second SOURCE")
    table._requery()
    assert _evidence_rows(table) == [v.uuid for v in expected if "second source" in v.note.casefold()]


def test_evidence_fetches_more_on_scroll_and_an_edit_updates_its_row(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(evidence_table, "FETCH_ROWS", 20)
    monkeypatch.setattr("testimonia.core.evidence_rows.DOCUMENTS_PER_STEP", 2)
    _project(window, documents=40)
    table = window.team.open_evidence()
    model = table.model
    first = model.rowCount()
    assert 20 <= first < 240 and model.canFetchMore(QModelIndex())
    table.view.resize(600, 300)
    table.view.scrollToBottom()  # the view asks for more when it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() > first, timeout=3000)

    row = 3
    before = window.session.store.annotation(model.row(row).uuid)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    window.session.set_content(before.uuid, Content(before.label_uuid, before.start, before.end,
                                                    dict(before.fields), "edited in place"))
    assert changed == [(row, row)] and not resets
    assert model.text(row, evidence_table.COLUMNS.index("note")) == "edited in place"


def _recounted(window) -> None:  # type: ignore[no-untyped-def]
    store, session = window.session.store, window.session
    assert session.totals == store.stats()
    model = window.documents.model
    for doc in store.documents():
        assert model.info(doc.uuid).counts == doc.counts


def test_counts_kept_edit_by_edit_equal_a_recount(window) -> None:  # type: ignore[no-untyped-def]
    made = _project(window, documents=8)
    session, store = window.session, window.session.store
    rnd = random.Random(3)
    docs = [d.uuid for d in store.documents()]
    labels = [lb.uuid for lb in window.labels]
    _recounted(window)
    for _ in range(25):
        what = rnd.random()
        if what < 0.4:
            doc = rnd.choice(docs)
            made.append(session.add_annotation(doc, rnd.choice(labels), 5, 9 + rnd.randrange(9)).uuid)
        elif what < 0.7:
            view = store.annotation(rnd.choice(made))
            if not view.deleted:
                session.set_content(view.uuid, Content(rnd.choice(labels), view.start, view.end, {}, "x"))
        else:
            view = store.annotation(rnd.choice(made))
            if not view.deleted:
                session.delete_annotation(view.uuid)
        _recounted(window)
    for _ in range(6):
        window.undo()
        _recounted(window)
    for _ in range(3):
        window.redo()
        _recounted(window)
    window.remove_document(docs[0])
    _recounted(window)
    window.undo()
    _recounted(window)
    store.import_text("Later report", "Another witness account from the river crossing.", window.author)
    session.documents_changed.emit()  # as the import paths do
    _recounted(window)


def _plans(path, statements: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.create_function("tm_casefold", 1, lambda v: v)
    out = []
    try:
        for sql in statements:
            if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                out += [f"{row[3]}  ← {sql[:90]}" for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    finally:
        conn.close()
    return out


def test_an_edit_runs_no_scan_of_the_project(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    made = _project(window, documents=12)
    store, session = window.session.store, window.session
    window.team.open_evidence()
    view = store.annotation(made[5])
    window.open_document(view.document_uuid)
    window.select_annotation(view.uuid)
    session.field_values("source")  # completions read once per session, before the edit
    statements: list[str] = []
    store.set_trace(statements.append)
    try:
        window.apply_edit(view, Content(view.label_uuid, view.start, view.end, dict(view.fields), "later"), "Edit")
        qtbot.wait(400)  # anything the edit scheduled (the table's row, the counts) runs too
    finally:
        store.set_trace(None)
    assert statements, "the trace saw the edit"
    plans = _plans(store.path, statements)
    full = [p for p in plans if p.startswith("SCAN") and p.split()[1] in ("a", "r", "d", "annotation", "revision",
                                                                            "document", "document_fts")]
    assert not full, "\n".join(full)


def test_evidence_table_needs_only_a_session(qtbot, project, author) -> None:  # type: ignore[no-untyped-def]
    """The table is built from a Session alone: no window. Its rows, a refused sort's status line
    and a row's opening all go through the Session or the table's own signal."""
    from testimonia.core.store import Store
    from testimonia.ui.session import Session

    store = Store.open(project)
    session = Session(store, author)
    try:
        session.shown_labels = store.labels(include_deleted=True)
        doc = store.import_text("Report", "The guard at the river crossing turned families back.", author)
        first = store.add_annotation(doc.uuid, session.shown_labels[0].uuid, 4, 9, author, note="guard")
        store.add_annotation(doc.uuid, session.shown_labels[1].uuid, 23, 31, author)
        table = evidence_table.EvidenceTable()
        qtbot.addWidget(table)
        table.set_session(session)
        table.refresh()
        assert sorted(table.model.row(r).uuid for r in range(table.model.rowCount())) == sorted(
            v.uuid for v in store.annotations())
        lines: list[str] = []
        session.status.connect(lines.append)
        session.totals = {"annotations": evidence_table.FULL_SORT_LIMIT + 1, "conflicts": 0}  # as if large
        table.view.sortByColumn(evidence_table.COLUMNS.index("note"), Qt.SortOrder.AscendingOrder)
        assert table.model.query.sort == "document" and lines and all("document chosen" in s for s in lines)
        shown: list[object] = []
        table.reveal_requested.connect(shown.append)
        row = next(r for r in range(table.model.rowCount()) if table.model.row(r).uuid == first.uuid)
        table.open_row(table.model.index(row, 0))
        assert [v.uuid for v in shown] == [first.uuid]  # type: ignore[attr-defined]
        table.set_session(None)
        table.refresh()
        assert table.model.rowCount() == 0
    finally:
        session.close()
