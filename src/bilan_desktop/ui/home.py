"""The home screen after unlocking: « À faire » (what needs the consultant, by date), the list of bilans, and the
agenda of the week (issue 14)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import counted, fold
from ..domain.todo import Todo
from ..services.agenda import AgendaService
from ..services.stats import StatsService
from .agenda_page import AgendaPage
from .bilan_list import BilanListPage
from .registers_page import RegistersPage
from .stats_page import StatsPage
from .widgets import roomy_tabs

BILAN_ROLE = Qt.ItemDataRole.UserRole
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class TodoPage(QWidget):
    """One line per thing to do, sorted by date; a double-click (or Entrée) opens the bilan on the right page."""

    open_requested = Signal(int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("todoPage")
        self.summary = QLabel()
        self.summary.setObjectName("todoSummary")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("todoTable")
        self.table.setAccessibleName("À faire")
        self.table.setHorizontalHeaderLabels(["Date", "Bilan", "Quoi", "Détail"])
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line each (a long detail in its tooltip): hundreds of rows stay quick
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>À faire</h2>"))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.items: list[Todo] = []

    def set_items(self, items: list[Todo], today: dt.date) -> None:
        self.items = items
        late = sum(1 for t in items if t.day < today)
        self.summary.setText(("Rien ne vous attend." if not items else
                              f"{counted(len(items), 'élément')} ; double-cliquez pour ouvrir le bilan à la bonne "
                              "page.") + (f" <b>{counted(late, 'en retard', 'en retard')}.</b>" if late else ""))
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            cells = (f"{item.day:%d/%m/%Y}", f"{item.reference} — {item.who}", item.kind.label, item.text)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setData(BILAN_ROLE, item.bilan_id)
                cell.setData(PAGE_ROLE, item.page)
                if item.day < today:
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, cell)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.open_requested.emit(self.items[row].bilan_id, self.items[row].page)


class HomePage(QTabWidget):
    """« À faire », « Bilans », « Agenda »: the first is shown at unlocking."""

    open_requested = Signal(int, str)

    def __init__(self, list_page: BilanListPage, service: AgendaService, clock, parent=None):
        super().__init__(parent)
        self.setObjectName("homePage")
        self.service, self.clock = service, clock
        self.todo = TodoPage()
        self.list_page = list_page
        self.agenda = AgendaPage(service, clock)
        self.addTab(self.todo, "À faire")
        self.addTab(list_page, "Bilans")
        self.addTab(self.agenda, "Agenda")
        self.stats = StatsPage(StatsService(service.bilans), clock)
        self.addTab(self.stats, "Statistiques")
        self.registers = RegistersPage(service.bilans.vault, clock)
        self.addTab(self.registers, "Registres")
        roomy_tabs(self)
        self.todo.open_requested.connect(self.open_requested)
        list_page.content_search_toggled.connect(lambda _on: self.load_content())
        self.agenda.open_requested.connect(lambda bilan_id: self.open_requested.emit(bilan_id, "seances"))
        self.pending: set[str] = set()
        self.overview: dict | None = None  # what the destruction engine just read, for the next refresh only

    def take_overview(self) -> dict | None:
        overview, self.overview = self.overview, None
        return overview

    def tabs(self) -> list[QWidget]:
        """The home's tabs, in order: the one list that the save before a lock or a quit iterates."""
        return [tab for index in range(self.count()) if (tab := self.widget(index)) is not None]

    def flush(self) -> None:
        """Before the vault locks or the app quits: what was typed in any tab (the registers) is saved."""
        for tab in self.tabs():
            if hasattr(tab, "save_now") and getattr(tab, "has_pending_edits", False):
                tab.save_now()

    def load_content(self) -> None:
        """The search across bilans looks into their content too, read afresh (after a destruction, nothing of
        what was destroyed remains to be found); dropped when the box is unticked."""
        wanted = self.list_page.in_content.isChecked() and self.service.bilans.vault.is_open
        self.list_page.model.set_content({bilan_id: fold(text) for bilan_id, text in
                                          self.service.bilans.content_texts().items()} if wanted else {})
        self.list_page.update_count()

    def refresh(self, overview=None) -> None:
        """`overview`: the bilans' administrative facts, read once for the list, « À faire » and the agenda."""
        if self.list_page.in_content.isChecked():
            self.load_content()
        today = self.clock.today()
        overview = overview if overview is not None else self.service.bilans.overview()
        self.todo.set_items(self.service.todos(today, self.pending, overview), today)
        self.setTabText(0, f"À faire ({len(self.todo.items)})" if self.todo.items else "À faire")
        self.agenda.refresh(overview)
        self.stats.data_changed()
        if not self.registers.has_pending_edits:
            self.registers.load()
