"""The reader: highlights per label, overlaps, the selected outline, pages, zoom, find."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from testimonia.core import labels
from testimonia.core.importers import Extracted
from testimonia.core.textnorm import sha256_hex

from .conftest import utf16


def _formats_at(window, cp: int) -> list[QTextCharFormat]:
    """Highlight formats covering the character at code point `cp`."""
    window.reader.viewport().repaint()  # highlights are applied to blocks as they are painted
    pos = utf16(window.reader.text, cp)
    block = window.reader.document().findBlock(pos)
    rel = pos - block.position()
    ranges = block.layout().formats()  # copy each format while the ranges still exist
    return [QTextCharFormat(r.format) for r in ranges if r.start <= rel < r.start + r.length]


def _rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def test_overlapping_spans_are_both_visible(window, qtbot) -> None:
    text = window.reader.text
    outer = text.index("“탈북민 강제북송을 중단하라,” said")
    inner = text.index("강제북송")
    store, doc, me = window.session.store, window.document.uuid, window.author
    a = store.add_annotation(doc, "statement", outer, outer + len("“탈북민 강제북송을 중단하라,” said"), me)
    b = store.add_annotation(doc, "obligation", inner, inner + len("강제북송"), me)
    window.session.annotation_changed.emit(a)
    window.session.annotation_changed.emit(b)

    [only_outer] = _formats_at(window, outer + 1)
    assert only_outer.background().color().alpha() < 255  # translucent: the text stays readable
    assert _rgb(only_outer.background().color()) == _rgb(QColor("#f4c542"))
    assert only_outer.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline

    [both] = _formats_at(window, inner + 1)
    assert _rgb(both.background().color()) != _rgb(QColor("#f4c542"))  # blended with the second colour
    assert both.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert _rgb(both.underlineColor()) == _rgb(QColor("#e8766a").darker(140))
    # Non-BMP characters earlier in the text must not shift anything: the span starts where it should.
    assert not _formats_at(window, outer - 1)
    assert _formats_at(window, outer)

    # Selecting outlines without re-highlighting; removing one span leaves the other painted.
    window.select_annotation(b.uuid)
    assert window.reader.selected == b.uuid
    window.reader.repaint()
    window.session.store.delete_annotation(b.uuid, me)
    window.session.annotation_changed.emit(store.annotation(b.uuid))
    [after] = _formats_at(window, inner + 1)
    assert _rgb(after.background().color()) == _rgb(QColor("#f4c542"))
    assert window.reader.selected is None


def test_click_on_highlight_selects_and_cycles_overlaps(window, qtbot) -> None:
    text = window.reader.text
    outer = text.index("about 60 people")
    store, doc, me = window.session.store, window.document.uuid, window.author
    a = store.add_annotation(doc, "figure", outer, outer + len("about 60 people"), me)
    b = store.add_annotation(doc, "figure", outer + 6, outer + 8, me)  # "60"
    window.refresh_all()
    rect = window.reader.cursorRect(_cursor_at(window, outer + 6))
    point = rect.center()
    point.setX(point.x() + 3)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == b.uuid  # the shortest first
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == a.uuid
    assert window.editor.view.uuid == a.uuid


def _cursor_at(window, cp: int):  # type: ignore[no-untyped-def]
    cur = window.reader.textCursor()
    cur.setPosition(utf16(window.reader.text, cp))
    return cur


def test_pages_are_marked_and_shown_in_status_bar(window, qtbot) -> None:
    pages = ["First page about 60 people.\n", "Second page: “quote” here.\n", "Third page 탈북민.\n"]
    text = "\n".join(pages)
    starts = [0, len(pages[0]) + 1, len(pages[0]) + len(pages[1]) + 2]
    ex = Extracted(text=text, title="Report", kind="pdf", source_name="r.pdf", source_sha256=sha256_hex(text + "x"),
                   text_sha256=sha256_hex(text), page_starts=starts)
    store = window.session.store
    doc = store.import_extracted(ex, window.author)
    view = store.add_annotation(doc.uuid, "statement", text.index("“quote”"), text.index("“quote”") + 7, window.author)
    window.open_document(doc.uuid)
    qtbot.waitUntil(lambda: window._status_page.text() == "Page 1 of 3")
    assert window.reader.pages_between(0, len(text)) == [2, 3]
    window.select_annotation(view.uuid)
    assert "Page 2" in window.editor.info.text()
    window.reader.repaint()  # the page rules and outline paint without errors


def test_zoom_changes_font_and_resets(window, qtbot) -> None:
    size = window.reader.font().pointSizeF()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() > size
    window.actions_.zoom_out.trigger()
    window.actions_.zoom_out.trigger()
    assert window.reader.font().pointSizeF() < size
    window.actions_.zoom_reset.trigger()
    assert window.reader.font().pointSizeF() == size


def test_find_in_document_highlights_and_steps(window, qtbot) -> None:
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("PAGE")  # no match: case-insensitive but nothing there
    assert window.find_bar.count.text() == "No matches"
    window.find_bar.edit.setText("the")
    text = window.reader.text
    expected = [i for i in range(len(text)) if text[i:i + 3].lower() == "the"]
    assert [a for a, _ in window.find_bar.hits] == expected
    assert window.find_bar.count.text() == f"1 of {len(expected)}"
    assert len(window.reader.extraSelections()) == len(expected)
    current = window.reader.textCursor()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)
    assert window.find_bar.current == 1
    assert window.reader.textCursor().position() != current.position()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.current == len(expected) - 1
    # Hits after emoji are placed by code point, converted once: the mark covers exactly "the".
    marks = window.reader.extraSelections()
    sel = QTextCursor(marks[-1].cursor)
    a, b = window.find_bar.hits[window.find_bar.current]
    assert (sel.selectionStart(), sel.selectionEnd()) == (utf16(text, a), utf16(text, b))
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.reader.extraSelections() == []


def test_find_hangul(window, qtbot) -> None:
    window.find_bar.open_bar("강제북송")
    assert len(window.find_bar.hits) == 1
    start, end = window.find_bar.hits[0]
    assert window.reader.text[start:end] == "강제북송"


def test_filters_by_label_author_and_conflict(window, qtbot) -> None:
    from dataclasses import replace

    from testimonia.core.ids import name_uuid
    from testimonia.core.views import AuthorRef

    store, doc, me = window.session.store, window.document.uuid, window.author
    other = AuthorRef(name_uuid("author", "Ji-ho"), "Ji-ho")
    store.add_annotation(doc, "statement", 0, 5, me)
    fig = store.add_annotation(doc, "figure", 10, 15, other)
    store.add_annotation(doc, "obligation", 20, 25, other)
    window.refresh_all()
    panel = window.annotations
    assert panel.model.rowCount() == 3
    panel.label_filter.setCurrentIndex(panel.label_filter.findData(labels.FIGURE))
    assert panel.model.rowCount() == 1
    panel.label_filter.setCurrentIndex(0)
    panel.author_filter.setCurrentIndex(panel.author_filter.findData(other.uuid))
    assert panel.model.rowCount() == 2
    panel.author_filter.setCurrentIndex(0)
    panel.conflict_filter.setChecked(True)
    assert panel.model.rowCount() == 0
    panel.upsert(replace(fig, heads=2))  # as a merge would leave it
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(panel.model.row_of(fig.uuid), 4)) == "⚠"


def test_search_all_documents_opens_hit(window, qtbot) -> None:
    store = window.session.store
    text = "Nothing here.\nBut the Refugee Convention again, and the refugee convention once more.\n"
    other = store.import_text("Second", text, window.author)
    window.refresh_counts()
    window.focus_search()
    window.search.run("Refugee Convention")
    model = window.search.model
    assert model.rowCount() == 2
    row = next(model.index(i, 0) for i in range(2) if model.index(i, 0).data().startswith("Second"))
    assert row.data() == "Second · 2 hits · paste" and model.rowCount(row) == 2
    second = model.index(1, 0, row)
    assert second.data() == "…the Refugee Convention again, and the refugee convention once more."
    window.search.results.activated.emit(second)
    assert window.document.uuid == other.uuid
    a, b = window.find_bar.hits[window.find_bar.current]
    assert window.find_bar.current == 1 and text[a:b] == "refugee convention"
    assert window.reader.selection_cp() == (a, b)  # selected: a label key would mark it
    window.find_bar.previous()
    assert window.reader.selection_cp() == (text.index("Refugee"), text.index("Refugee") + 18)


def test_highlight_after_non_bmp_character_in_the_same_line(window, qtbot) -> None:
    text = window.reader.text
    start = text.index("posts said")
    end = start + len("posts said")
    assert "𝕏" in text[text.rfind("\n", 0, start):start]  # a surrogate pair earlier in this block
    view = window.session.store.add_annotation(window.document.uuid, "figure", start, end, window.author)
    window.session.annotation_changed.emit(view)
    assert not _formats_at(window, start - 1)
    assert _formats_at(window, start) and _formats_at(window, end - 1)
    assert not _formats_at(window, end)
    # And the click hit-test lands on it through the same conversion.
    window.select_annotation(None)
    cur = _cursor_at(window, start + 2)
    point = window.reader.cursorRect(cur).center()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selected == view.uuid


def test_project_search_by_keyboard_pages_and_short_terms(window, qtbot) -> None:
    from PySide6.QtCore import Qt as _Qt

    from testimonia.core import search as core_search

    store = window.session.store
    for i in range(core_search.PAGE_SIZE + 3):
        store.import_text(f"Note {i:02d} <b>bold?</b>", f"Detainees were held in Tumen, note {i}.\n북송 {i}\n",
                          window.author)
    window.focus_search()
    qtbot.keyClicks(window.search.edit, "Tumen")
    qtbot.keyClick(window.search.edit, _Qt.Key.Key_Return)
    panel = window.search
    assert panel.results.hasFocus() and panel.results.currentIndex().parent().isValid()  # on the first hit
    assert panel.model.rowCount() == core_search.PAGE_SIZE and panel.more.isVisible()
    assert panel.status.text() == f"{core_search.PAGE_SIZE + 3} documents · {core_search.PAGE_SIZE} listed"
    panel.more.click()
    assert panel.model.rowCount() == core_search.PAGE_SIZE + 3 and not panel.more.isVisible()
    assert panel.status.text() == f"{core_search.PAGE_SIZE + 3} documents"
    first = panel.model.index(0, 0)
    assert first.data().startswith("Note 00 <b>bold?</b> · 1 hit")  # a title is text, never markup
    qtbot.keyClick(panel.results, _Qt.Key.Key_Return)
    a, b = window.find_bar.hits[window.find_bar.current]
    assert window.reader.text[a:b] == "Tumen" and window.reader.hasFocus()
    panel.run("북송")  # two syllables: below the trigram index, looked for in every text
    assert not panel.page.indexed and "without the index" in panel.status.text()
    assert panel.model.rowCount() == core_search.PAGE_SIZE and panel.more.isVisible()


def test_search_hits_are_painted_with_the_term_highlighted(window, qtbot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    window.resize(1100, 700)
    window.focus_search()
    window.search.run("spokesperson")
    view = window.search.results
    hit = window.search.model.index(0, 0, window.search.model.index(0, 0))
    image = view.viewport().grab(view.visualRect(hit)).toImage()
    # The highlight (amber over the row's background) is as wide as the term itself, in bold.
    tinted = [x for x in range(image.width()) if (c := image.pixelColor(x, 3)).red() > 200 and c.blue() < 160]
    font = QFont(view.font())
    font.setBold(True)
    assert abs(len(tinted) - QFontMetrics(font).horizontalAdvance("spokesperson")) <= 3


def test_page_indicator_follows_keyboard_scrolling(window, qtbot) -> None:
    # Pages of a dozen short lines each: every Page Down moves the top of the view to another page.
    # 2,600 lines: the scroll value once became the page timer's interval in milliseconds.
    pages = [f"Page {n} of the report.\n" + "".join(f"Line {i} of page {n}: about 60 people.\n" for i in range(12))
             for n in range(1, 201)]
    text = "".join(pages)
    starts = [sum(len(p) for p in pages[:i]) for i in range(len(pages))]
    ex = Extracted(text=text, title="Long report", kind="pdf", source_name="long.pdf",
                   source_sha256=sha256_hex(text + "src"), text_sha256=sha256_hex(text), page_starts=starts)
    doc = window.session.store.import_extracted(ex, window.author)
    window.open_document(doc.uuid)
    window.reader.setFocus()
    qtbot.waitUntil(lambda: window._status_page.text() == "Page 1 of 200")
    qtbot.keyClick(window.reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window._status_page.text() == "Page 200 of 200", timeout=2000)
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window._status_page.text() == "Page 1 of 200", timeout=2000)
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: window._status_page.text() not in ("", "Page 1 of 200"), timeout=2000)
    page = int(window._status_page.text().split()[1])
    assert page == window.reader.current_page() > 1
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: window._status_page.text() == f"Page {window.reader.current_page()} of 200",
                    timeout=2000)
    assert window.reader.current_page() < page
