"""The list of bilans: sortable, filtered as you type (accent- and case-insensitive)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ..domain.dates import short_date
from ..domain.text import fold
from ..storage.bilans import BilanSummary

SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2

COLUMNS = ("Référence", "Bénéficiaire", "Financement", "Étape", "Ouvert le", "Modifié le")


class BilanListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[BilanSummary] = []
        self.haystacks: list[str] = []

    def set_rows(self, rows: list[BilanSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.haystacks = [fold(f"{r.nom} {r.prenom} {r.reference} {r.funding.label} {r.step.label}")
                          for r in self._rows]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.DisplayRole:
            return (row.reference, row.display_name, row.funding.label, row.step.label,
                    short_date(row.opened_on), row.updated_at.strftime("%d/%m/%Y %H:%M"))[column]
        if role == SORT_ROLE:
            return (row.reference, fold(row.display_name), row.funding.label, list(type(row.step)).index(row.step),
                    row.opened_on.isoformat(), row.updated_at.isoformat())[column]
        return None


class BilanFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose folded text contains every folded word of the query."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._words = fold(query).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        if not self._words:
            return True
        haystack = self.sourceModel().haystacks[source_row]
        return all(word in haystack for word in self._words)


class BilanListPage(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bilanListPage")
        self.model = BilanListModel(self)
        self.proxy = BilanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setObjectName("bilanFilter")
        self.filter.setAccessibleName(self.tr("Rechercher un bilan"))
        self.filter.setPlaceholderText(self.tr("Rechercher (nom, prénom, référence, étape…)"))
        self.filter.setClearButtonEnabled(True)
        filter_label = QLabel(self.tr("&Rechercher :"))
        filter_label.setBuddy(self.filter)
        self.new_button = QPushButton(self.tr("Nouveau bilan"))
        self.new_button.setObjectName("newBilanButton")
        self.table = QTableView()
        self.table.setObjectName("bilanTable")
        self.table.setAccessibleName(self.tr("Liste des bilans"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((120, 240, 300, 170, 100)):
            self.table.setColumnWidth(column, width)
        self.count = QLabel()
        self.count.setObjectName("bilanCount")
        self.empty_hint = QLabel(self.tr("Aucun bilan pour l'instant. Cliquez sur « Nouveau bilan » pour "
                                         "enregistrer un premier contact."))
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.filter.textChanged.connect(self._filter_changed)
        self.new_button.clicked.connect(self.new_requested)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)

    def set_rows(self, rows: list[BilanSummary]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def clear(self) -> None:
        self.filter.clear()
        self.model.clear()
        self._update_count()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.empty_hint.setVisible(total == 0)
        self.table.setVisible(total > 0)
        if total == 0:
            self.count.setText("")
        elif shown == total:
            self.count.setText(self.tr("%n bilan(s)", "", total).replace("%n", str(total)))
        else:
            self.count.setText(f"{shown} bilan(s) affiché(s) sur {total}")

    def _activated(self, index) -> None:
        bilan_id = self.proxy.data(index, ID_ROLE)
        if bilan_id is not None:
            self.open_requested.emit(int(bilan_id))

    def select_bilan(self, bilan_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), ID_ROLE) == bilan_id:
                self.table.selectRow(row)
                return
