"""The Progress tab of View › Agreement: disagreements left per document, and accepting in bulk
where all agree (one undo step).

Functions of the AgreementView they serve, which keeps the widgets and the state. Strings keep the
view's translation context (lupdate reads the literal "AgreementView" of translate(), not a
`view.tr`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.agreement import curation
from testimonia.core.agreement.report import Options
from testimonia.core.errors import TestimoniaError

from . import agreement_disagreements as disagreements
from .adjudication import BulkAccept
from .disagreements_model import settled_by
from .i18n import arg, format_count, translate
from .plain import plain_item, plain_label

if TYPE_CHECKING:
    from .agreement_view import AgreementView


def build_tab(view: AgreementView) -> QWidget:
    view.progress = QTableWidget(objectName="agreementProgress")
    view.progress.setColumnCount(4)
    view.progress.setHorizontalHeaderLabels([translate("AgreementView", "Document"),
                                             translate("AgreementView", "Disagreements"),
                                             translate("AgreementView", "Settled"),
                                             translate("AgreementView", "Left")])
    view.progress.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.progress.verticalHeader().hide()
    view.progress.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.progress.cellActivated.connect(lambda row, _col: _activated(view, row))
    view.share = QSpinBox(objectName="agreementShare")
    view.share.setRange(50, 100)
    view.share.setSingleStep(10)
    view.share.setValue(100)
    view.share.setPrefix(translate("AgreementView", "vote share ≥ "))
    view.share.setSuffix(" %")
    view.share.setToolTip(translate("AgreementView", "Accept a unit when at least this share of the document's "
                                                     "annotators marked it alike"))
    view.bulk_button = QPushButton(translate("AgreementView", "Accept where all agree…"), objectName="agreementBulk")
    view.bulk_button.setToolTip(translate("AgreementView", "Same label, overlap above the threshold, same fields: "
                                                           "accept them into the curated reading in one step"))
    view.bulk_button.clicked.connect(lambda *_: view.bulk_accept())
    view.progress_summary = plain_label()
    view.progress_summary.setObjectName("agreementProgressSummary")
    bulk_row = QHBoxLayout()
    bulk_row.addWidget(view.progress_summary, 1)
    bulk_row.addWidget(view.share)
    bulk_row.addWidget(view.bulk_button)
    prog = QWidget()
    pl = QVBoxLayout(prog)
    pl.setContentsMargins(0, 0, 0, 0)
    pl.addLayout(bulk_row)
    pl.addWidget(view.progress, 1)
    return prog


def rows(view: AgreementView) -> list[tuple[str, str, int, int]]:
    """(document, title, disagreements, settled) per document compared by a pair."""
    if view.report is None:
        return []
    counts: dict[str, list[object]] = {}
    titles = {}
    for s in view.report.sets:
        if s.is_pair:
            for doc in s.documents:
                counts.setdefault(doc, [0, 0])
    for d in view.report.disagreements:
        titles[d.document] = d.title
        row = counts.setdefault(d.document, [0, 0])
        row[0] += 1  # type: ignore[operator]
        row[1] += settled_by(d, view.settled)  # type: ignore[operator]
    for i in range(view.documents.count()):
        titles.setdefault(view.documents.itemData(i), view.documents.itemText(i))
    out = [(doc, str(titles.get(doc, doc)), int(n), int(done)) for doc, (n, done) in counts.items()]  # type: ignore[call-overload]
    return sorted(out, key=lambda r: (-(r[2] - r[3]), r[1].casefold(), r[0]))


def fill(view: AgreementView) -> None:
    shown = rows(view)
    view.progress.setRowCount(len(shown))
    for i, (doc, title, n, done) in enumerate(shown):
        view.progress.setItem(i, 0, plain_item(title, doc))
        view.progress.setItem(i, 1, plain_item(format_count(n)))
        view.progress.setItem(i, 2, plain_item(format_count(done)))
        view.progress.setItem(i, 3, plain_item(format_count(n - done)))
    total = sum(r[2] for r in shown)
    left = sum(r[2] - r[3] for r in shown)
    view.progress_summary.setText(arg(translate("AgreementView", "%1 of %2 disagreements left to settle"),
                                      format_count(left), format_count(total)) if shown else "")


def _activated(view: AgreementView, row: int) -> None:
    item = view.progress.item(row, 0)
    if item is None:
        return
    at = view.documents.findData(item.data(Qt.ItemDataRole.UserRole))
    if at >= 0:
        view.documents.setCurrentIndex(at)
    view.win.open_document(item.data(Qt.ItemDataRole.UserRole))


def bulk_accept(view: AgreementView) -> QMessageBox | None:
    """Ask first, saying how many units and with what vote share; accepting is one undo step."""
    session = view.win.session
    if session is None or view.report is None:
        return None
    base = view.options(samples=0)
    options = Options(authors=base.authors, documents=base.documents, labels=base.labels, overlap=base.overlap)
    share = view.share.value() / 100
    try:
        items = curation.bulk_candidates(session.store, options, share)
    except TestimoniaError as exc:
        view.win.show_message(translate("AgreementView", "Curated reading"), str(exc))
        return None
    if not items:
        view.win.show_status(translate("AgreementView", "Nothing to accept: no unit left where the annotators agree"))
        return None
    votes: dict[tuple[int, int], int] = {}
    for it in items:
        votes[it.share] = votes.get(it.share, 0) + 1
    shares = "\n".join(arg(translate("AgreementView", "• %1 with %2 of %3 votes"), format_count(n), format_count(v),
                           format_count(t))
                       for (v, t), n in sorted(votes.items(), reverse=True))
    box = QMessageBox(QMessageBox.Icon.Question, translate("AgreementView", "Accept where all agree"),
                      arg(translate("AgreementView", "Accept %1 units into the curated reading, where the annotators "
                                                     "agree on label, boundaries and fields?"),
                          format_count(len(items))) + "\n\n" + shares,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, view)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("bulkAcceptQuestion")

    def done(button: int) -> None:
        if button == QMessageBox.StandardButton.Yes:
            result = disagreements.push(view, BulkAccept(session, options, share))
            if isinstance(result, list):
                view.win.show_status(arg(translate("AgreementView", "Accepted %1 units into the curated reading"),
                                         format_count(len(result))))
                view.refresh_settled()

    box.finished.connect(done)
    box.open()
    return box
