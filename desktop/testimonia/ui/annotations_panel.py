"""Right dock: the open document's annotations (filterable table) above the editor of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonia.core.views import AnnotationView, LabelInfo

from .annotation_editor import AnnotationEditor, swatch
from .annotations_model import (
    COL_AUTHOR,
    COL_CONFLICT,
    COL_LABEL,
    COL_PAGE,
    COL_TEXT,
    UUID_ROLE,
    AnnotationsModel,
    Row,
)


class AnnotationsPanel(QWidget):
    annotation_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationsModel(self)
        self.label_filter = QComboBox(objectName="labelFilter")
        self.author_filter = QComboBox(objectName="authorFilter")
        for combo in (self.label_filter, self.author_filter):  # a long name must not widen the panel
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.conflict_filter = QCheckBox(self.tr("Conflicts"), objectName="conflictFilter")
        self.label_filter.currentIndexChanged.connect(self._filters_changed)
        self.author_filter.currentIndexChanged.connect(self._filters_changed)
        self.conflict_filter.toggled.connect(self._filters_changed)
        self.table = QTableView(objectName="annotationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Fixed starting widths: ResizeToContents asks every row for its text, which took longer
        # than the document itself to open with 10,000 annotations.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for col, width in ((COL_LABEL, 9), (COL_PAGE, 3), (COL_AUTHOR, 8), (COL_CONFLICT, 2)):
            header.resizeSection(col, width * em)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.editor = AnnotationEditor()

        filters = QHBoxLayout()
        filters.addWidget(self.label_filter, 1)
        filters.addWidget(self.author_filter, 1)
        filters.addWidget(self.conflict_filter)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addLayout(filters)
        top_lay.addWidget(self.table)
        # The editor scrolls instead of growing: the figure form is twice as tall as the others, and
        # a panel whose minimum height follows the selected annotation's kind made the window 840
        # pixels tall at least and the panels jump whenever a row of another kind was selected.
        self.editor_area = QScrollArea(objectName="editorArea")
        self.editor_area.setWidget(self.editor)
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.split = split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(self.editor_area)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([500, 500])  # proportions, applied when the panel is first laid out
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self._selecting = False
        self._choices: tuple[list[tuple[str, str, str]], list[tuple[str, str]]] = ([], [])

    # -- filters ---------------------------------------------------------------------------
    def set_filter_choices(self, labels: list[LabelInfo], authors: dict[str, str]) -> None:
        choices = ([(lb.uuid, lb.name, lb.color) for lb in labels], list(authors.items()))
        if choices == self._choices:
            return
        self._choices = choices
        for combo, first, items in (
            (self.label_filter, self.tr("All labels"), choices[0]),
            (self.author_filter, self.tr("All authors"), [(u, n, "") for u, n in choices[1]]),
        ):
            keep = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, "")
            for uuid, name, color in items:
                if color:
                    combo.addItem(swatch(color), name, uuid)
                else:
                    combo.addItem(name, uuid)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        self._filters_changed()

    def _filters_changed(self, *_: object) -> None:
        self.model.set_filters(label_uuid=self.label_filter.currentData() or "",
                               author_uuid=self.author_filter.currentData() or "",
                               conflicts_only=self.conflict_filter.isChecked())

    # -- rows ------------------------------------------------------------------------------
    def reset(self, rows: list[Row], text: str, page_starts: list[int] | None) -> None:
        self._selecting = True
        try:
            self.model.reset(rows, text, page_starts)
        finally:
            self._selecting = False

    def upsert(self, view: AnnotationView | Row) -> None:
        # Removing the current row makes Qt move "current" to a neighbour; that is not the user
        # choosing another annotation, so it must not reach annotation_chosen.
        self._selecting = True
        try:
            self.model.upsert(view)
        finally:
            self._selecting = False

    def has(self, uuid: str | None) -> bool:
        return self.model.contains(uuid)

    def select(self, uuid: str | None) -> None:
        """Mark the row without echoing annotation_chosen back."""
        self._selecting = True
        try:
            sel = self.table.selectionModel()
            row = self.model.row_of(uuid) if uuid else -1
            index = self.model.index(row, 0) if row >= 0 else QModelIndex()
            if index.isValid():
                sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
            else:
                sel.clearSelection()
                sel.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self._selecting = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.annotation_chosen.emit(str(current.data(UUID_ROLE)))
