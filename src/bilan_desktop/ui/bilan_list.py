"""The list of bilans: sortable, filtered as you type (accent- and case-insensitive)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import short_date
from ..domain.funding import Funding
from ..domain.lifecycle import State, Step
from ..domain.seances import format_hours
from ..domain.text import contains_words, counted, fold, query_words
from ..storage.bilans import BilanSummary

ID_ROLE = Qt.ItemDataRole.UserRole + 2
# data() runs thousands of times per paint: roles compared as plain ints (a PySide6 enum comparison costs ~9 µs).
_ID_ROLE = int(ID_ROLE)
_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value})

COLUMNS = ("Référence", "Bénéficiaire", "Financement", "Étape", "État", "Prochaine échéance", "Ouvert le", "Modifié le",
           "Heures réalisées + planifiées")
STEP_ORDER = {step: position for position, step in enumerate(Step)}
STATE_ORDER = {state: position for position, state in enumerate(State)}
MODIFIED = COLUMNS.index("Modifié le")
ARCHIVED = (State.CLOS, State.REFUS_REPUTE, State.ABANDON, State.DETRUIT)  # shown on demand


NO_PARENT = QModelIndex()  # Qt's default argument: the invisible root

class BilanListModel(QAbstractTableModel):
    """All bilans, of which the rows matching the query are shown, in the chosen order.

    Filtering and sorting are done here on precomputed keys, in plain Python lists: a proxy model
    calling back into Python for every comparison took ~200 ms per keystroke with 2,000 bilans."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[BilanSummary] = []
        self._haystacks: list[str] = []
        self._keys: list[tuple] = []
        self._visible: list[int] = []
        self._display: list[tuple] = []
        self._words: list[str] = []
        self._sort = (MODIFIED, Qt.SortOrder.DescendingOrder)
        self.criteria: dict = {"state": None, "funding": None, "year": None, "archives": False}
        self._content: dict[int, str] = {}  # bilan id -> folded content still held (when searched)
        self._kept_rows: list[int] = []
        self._kept_key: tuple | None = None

    def set_rows(self, rows: list[BilanSummary]) -> None:
        self.beginResetModel()
        self._kept_key = None
        self._all = list(rows)
        self._haystacks = [fold(f"{r.nom} {r.prenom} {r.reference} {r.funding.label} {r.step.label} {r.state.label}")
                           for r in self._all]
        self._keys = [(r.reference, fold(r.display_name), fold(r.funding.label), STEP_ORDER[r.step],
                       STATE_ORDER[r.state], r.deadline[1] if r.deadline else dt.date.max, r.opened_on, r.updated_at,
                       r.hours)
                      for r in self._all]
        self._display = [(r.reference, r.display_name, r.funding.label, r.step.label, r.state.label,
                          f"{short_date(r.deadline[1])} ({r.deadline[0].lower()})" if r.deadline else "",
                          short_date(r.opened_on), r.updated_at.strftime("%d/%m/%Y %H:%M"),
                          f"{format_hours(r.hours[0])} + {format_hours(r.hours[1])}") for r in self._all]
        self._visible = self._compute_visible()
        self.endResetModel()

    def clear(self) -> None:
        self._words = []
        self._content = {}  # the vault is locking: nothing of the content stays in memory
        self.set_rows([])

    @property
    def total(self) -> int:
        return len(self._all)

    def _compute_visible(self) -> list[int]:
        """A keystroke only searches: the rows the filters keep are computed when a filter changes."""
        words, content, wanted = self._words, self._content, self.criteria
        key = (wanted["state"], wanted["funding"], wanted["year"], wanted["archives"], len(self._all))
        if self._kept_key != key:
            self._kept_rows = [i for i, row in enumerate(self._all) if self._kept(row, wanted)]
            self._kept_key = key
        rows = self._kept_rows
        if words and content:
            ids = [row.id for row in self._all]
            rows = [i for i in rows if contains_words(self._haystacks[i], words)
                    or contains_words(self._haystacks[i] + " " + content.get(ids[i], ""), words)]
        elif words:
            haystacks = self._haystacks
            rows = [i for i in rows if contains_words(haystacks[i], words)]
        else:
            rows = list(rows)
        column, order = self._sort
        rows.sort(key=lambda i: (self._keys[i][column], i), reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    @staticmethod
    def _kept(row: BilanSummary, wanted: dict) -> bool:
        if wanted["state"] is not None:  # a state chosen shows it, archived or not
            if row.state.value != wanted["state"]:
                return False
        elif not wanted["archives"] and row.state in ARCHIVED:
            return False
        return (wanted["funding"] is None or row.funding.value == wanted["funding"]) and (
            wanted["year"] is None or row.opened_on.year == wanted["year"])

    @property
    def archived(self) -> int:
        return sum(1 for row in self._all if row.state in ARCHIVED)

    def set_criteria(self, **criteria) -> None:
        self.criteria.update(criteria)
        self._relayout()

    def set_content(self, content: dict[int, str]) -> None:
        """The content still held, per bilan (already folded), searched with the identity; {} to stop."""
        self._content = content
        self._relayout()

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._visible = self._compute_visible()
        self.layoutChanged.emit()

    def set_query(self, query: str) -> None:
        self._words = query_words(query)
        self.layoutAboutToBeChanged.emit()
        self._visible = self._compute_visible()
        self.layoutChanged.emit()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._visible = self._compute_visible()
        self.layoutChanged.emit()

    def row_of(self, bilan_id: int) -> int | None:
        return next((pos for pos, i in enumerate(self._visible) if self._all[i].id == bilan_id), None)

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=0):  # noqa: N802
        role = role.value if isinstance(role, Qt.ItemDataRole) else role
        if role in _TEXT_ROLES and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=0):
        role = role.value if isinstance(role, Qt.ItemDataRole) else role
        if role not in _TEXT_ROLES and role != _ID_ROLE:
            return None
        row = index.row()
        if not index.isValid() or row >= len(self._visible):
            return None
        position = self._visible[row]
        if role == _ID_ROLE:
            return self._all[position].id
        return self._display[position][index.column()]  # formatted once, in set_rows


class BilanListPage(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bilanListPage")
        self.model = BilanListModel(self)
        self.filter = QLineEdit()
        self.filter.setObjectName("bilanFilter")
        self.filter.setAccessibleName(self.tr("Rechercher un bilan"))
        self.filter.setPlaceholderText(self.tr("Rechercher (nom, prénom, référence, étape…)"))
        self.filter.setClearButtonEnabled(True)
        filter_label = QLabel(self.tr("&Rechercher\u00a0:"))
        filter_label.setBuddy(self.filter)
        self.new_button = QPushButton(self.tr("Nouveau bilan"))
        self.new_button.setObjectName("newBilanButton")
        self.table = QTableView()
        self.table.setObjectName("bilanTable")
        self.table.setAccessibleName(self.tr("Liste des bilans"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MODIFIED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)  # the name takes what is left
        self.table.horizontalHeader().setMinimumSectionSize(60)
        # the name column takes what is left: these leave it ~200 px in a 1,100 px window (full texts in tooltips)
        widths = {"Référence": 105, "Financement": 165, "Étape": 150, "État": 110, "Prochaine échéance": 200,
                  "Ouvert le": 85, "Modifié le": 120}
        header_metrics = self.table.horizontalHeader().fontMetrics()
        for column, title in enumerate(COLUMNS):
            # a column with no width set is as wide as its title (« Heures réalisées + planifiées » was cut)
            self.table.setColumnWidth(column, widths.get(title, header_metrics.horizontalAdvance(title) + 28))
        self.count = QLabel()
        self.count.setObjectName("bilanCount")
        self.empty_hint = QLabel(self.tr("Aucun bilan pour l'instant. Cliquez sur « Nouveau bilan » pour "
                                         "enregistrer un premier contact."))
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.empty_hint.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.empty_hint.setContentsMargins(4, 24, 4, 4)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        self.state_filter = self._combo("État", [(s.label, s.value) for s in State])
        self.funding_filter = self._combo("Financement", [(f.label, f.value) for f in Funding])
        self.year_filter = self._combo("Année", [])
        self.archives = QCheckBox(self.tr("Archives (clos, abandons, refus, contenus détruits)"))
        self.archives.setAccessibleName(self.tr("Afficher les archives"))
        self.archives.toggled.connect(lambda on: self._criteria(archives=on))
        self.in_content = QCheckBox(self.tr("Chercher aussi dans le contenu des dossiers"))
        self.in_content.setAccessibleName(self.in_content.text())
        self.in_content.toggled.connect(self.content_search_toggled)
        filters = QHBoxLayout()
        for widget in (self.state_filter, self.funding_filter, self.year_filter, self.archives, self.in_content):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._filter_changed)
        self.new_button.clicked.connect(self.new_requested)
        self.table.activated.connect(self._activated)

    def _combo(self, name: str, choices: list) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(self.tr(f"Filtrer par {name.lower()}"))
        combo.addItem(self.tr(f"{name} : tous"), None)
        for label, value in choices:
            combo.addItem(label, value)
        key = {"État": "state", "Financement": "funding", "Année": "year"}[name]
        combo.currentIndexChanged.connect(lambda _i, c=combo, k=key: self._criteria(**{k: c.currentData()}))
        return combo

    def _criteria(self, **criteria) -> None:
        self.model.set_criteria(**criteria)
        self.update_count()

    def set_rows(self, rows: list[BilanSummary]) -> None:
        self.model.set_rows(rows)
        years = sorted({r.opened_on.year for r in rows}, reverse=True)
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        while self.year_filter.count() > 1:
            self.year_filter.removeItem(1)
        for year in years:
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(chosen)) if chosen else 0)
        self.year_filter.blockSignals(False)
        self.update_count()

    def clear(self) -> None:
        self.filter.clear()
        self.model.clear()
        self.update_count()

    def _filter_changed(self, text: str) -> None:
        self.model.set_query(text)
        self.update_count()

    def update_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        self.empty_hint.setVisible(total == 0)
        self.table.setVisible(total > 0)
        if total == 0:
            self.count.setText("")
        elif shown == total:
            self.count.setText(counted(total, "bilan"))
        else:
            hidden = self.model.archived if not self.archives.isChecked() and \
                self.model.criteria["state"] is None else 0
            self.count.setText(f"{counted(shown, 'bilan affiché', 'bilans affichés')} sur {total}"
                               + (f" ({counted(hidden, 'archivé', 'archivés')})" if hidden else ""))

    def _activated(self, index) -> None:
        bilan_id = self.model.data(index, ID_ROLE)
        if bilan_id is not None:
            self.open_requested.emit(int(bilan_id))

    content_search_toggled = Signal(bool)  # the window loads (or drops) the content to search

    def select_bilan(self, bilan_id: int) -> None:
        row = self.model.row_of(bilan_id)
        if row is not None:
            self.table.selectRow(row)

    def selected_bilan(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None
