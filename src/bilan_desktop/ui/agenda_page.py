"""The agenda: a week (or a day) of every session of every bilan, with its status, conflicts in red, the follow-up
interviews planned; a double-click on a free slot plans a session there, on an event opens its bilan; the
displayed period exports to an .ics file (initials only unless asked)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.agenda import DAY_END, DAY_START, Event, in_conflict
from ..domain.dates import DAYS, long_date
from ..domain.seances import Seance
from ..domain.session_checks import planned_step
from ..domain.text import counted
from ..services.agenda import AgendaService
from ..services.outputs import OutputRefused
from . import dialogs

SLOT = dt.timedelta(minutes=30)
ROWS = int((dt.datetime.combine(dt.date.min, DAY_END) - dt.datetime.combine(dt.date.min, DAY_START)) / SLOT)
CLASH, HELD, PLANNED, CANCELLED = QColor("#f8c7c7"), QColor("#d7ecd9"), QColor("#dbe7f5"), QColor("#eeeeee")


def _row(time: dt.time) -> int:
    minutes = (time.hour * 60 + time.minute) - (DAY_START.hour * 60 + DAY_START.minute)
    return max(0, min(ROWS - 1, minutes // 30))


def _time(row: int) -> dt.time:
    return (dt.datetime.combine(dt.date.min, DAY_START) + row * SLOT).time()


class BilanChoice(QDialog):
    """Which bilan a session planned from the agenda belongs to."""

    def __init__(self, choices: list[tuple[int, str]], when: str, parent=None):
        super().__init__(parent)
        self.setObjectName("agendaBilanChoice")
        self.setWindowTitle("Nouvelle séance")
        self.combo = QComboBox()
        self.combo.setAccessibleName("Bilan")
        for bilan_id, label in choices:
            self.combo.addItem(label, bilan_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Séance du {when}"))
        form.addRow("Bilan\u00a0:", self.combo)
        form.addRow(buttons)


class AgendaPage(QWidget):
    open_requested = Signal(int)
    planned = Signal(int)  # a session was planned here for this bilan

    def __init__(self, service: AgendaService, clock, parent=None):
        super().__init__(parent)
        self.setObjectName("agendaPage")
        self.service, self.clock = service, clock
        self.first = self._monday(clock.today())
        self.days = 7
        self.events: list[Event] = []
        self.cells: dict[tuple[int, int], list[Event]] = {}
        self.title = QLabel()
        self.title.setObjectName("agendaTitle")
        self.conflicts = QLabel()
        self.conflicts.setObjectName("agendaConflicts")
        self.conflicts.setStyleSheet("color: #a00000; font-weight: bold;")
        self.grid = QTableWidget(ROWS, 7)
        self.grid.setObjectName("agendaGrid")
        self.grid.setAccessibleName("Agenda")
        self.grid.setVerticalHeaderLabels([f"{_time(r):%H:%M}" for r in range(ROWS)])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.setTabKeyNavigation(False)
        self.grid.cellActivated.connect(self.activate)  # a double-click, or Enter on the current cell
        bar = QHBoxLayout()
        for text, slot in (("◀ Précédent", lambda: self.shift(-1)), ("Aujourd'hui", self.today),
                           ("Suivant ▶", lambda: self.shift(1)), ("Semaine", lambda: self.set_days(7)),
                           ("Jour", lambda: self.set_days(1)), ("Exporter (.ics)…", self.export)):
            button = QPushButton(text)
            button.setAccessibleName(f"Agenda — {text.strip('◀▶ .…')}")
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.full_names = QCheckBox("Noms complets dans l'export")
        self.full_names.setToolTip("Par défaut, un événement ne porte que la référence et les initiales, et « "
                                   "Visioconférence » sans le lien (un lien contient souvent le nom) : un agenda est "
                                   "souvent en ligne. Cochée : le nom complet et le lien de visio.")
        bar.addWidget(self.full_names)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.grid, 1)

    @staticmethod
    def _monday(day: dt.date) -> dt.date:
        return day - dt.timedelta(days=day.weekday())

    @property
    def last(self) -> dt.date:
        return self.first + dt.timedelta(days=self.days - 1)

    def shift(self, direction: int) -> None:
        self.first += dt.timedelta(days=direction * self.days)
        self.refresh()

    def today(self) -> None:
        today = self.clock.today()
        self.first = self._monday(today) if self.days == 7 else today
        self.refresh()

    def set_days(self, days: int) -> None:
        self.days = days
        self.first = self._monday(self.first) if days == 7 else (
            self.clock.today() if self.first <= self.clock.today() <= self.first + dt.timedelta(days=6)
            else self.first)
        self.refresh()

    def show_day(self, day: dt.date) -> None:
        self.days, self.first = 1, day
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------------------
    def refresh(self, overview=None) -> None:
        if not self.service.bilans.vault.is_open:
            return
        self.events = self.service.events(self.first, self.last, overview=overview)
        clashing = in_conflict(self.events)
        self.grid.clearSpans()
        self.grid.clearContents()
        self.grid.setColumnCount(self.days)
        days = [self.first + dt.timedelta(days=i) for i in range(self.days)]
        today = self.clock.today()
        for column, day in enumerate(days):  # today's column stands out, as in a calendar app
            header = QTableWidgetItem(f"{DAYS[day.weekday()]} {day:%d/%m}" + (" — aujourd'hui" if day == today else ""))
            font = header.font()
            font.setBold(day == today)
            header.setFont(font)
            self.grid.setHorizontalHeaderItem(column, header)
        period = f"semaine du {long_date(self.first)}" if self.days == 7 else long_date(self.first)
        self.title.setText(f"<h2>Agenda — {period}</h2>")
        self.cells = {}
        for column, day in enumerate(days):
            for cluster in self._clusters([e for e in self.events if e.day == day]):
                top, bottom = _row(min(e.start for e in cluster)), _row(
                    (dt.datetime.combine(day, max(e.end for e in cluster)) - dt.timedelta(minutes=1)).time())
                clash = any(e.uid in clashing for e in cluster)
                text = "\n".join(f"{'⚠ ' if e.uid in clashing else ''}{e.start:%H:%M}–{e.end:%H:%M} {e.reference} "
                                 f"— {e.who}\n{e.title}{' (' + e.status.lower() + ')' if e.status else ''}"
                                 for e in cluster)
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)  # as a calendar app
                colour = CLASH if clash else HELD if all(e.status == "Réalisée" for e in cluster) else \
                    PLANNED if any(e.active for e in cluster) else CANCELLED
                item.setBackground(QBrush(colour))
                self.grid.setItem(top, column, item)
                if bottom > top:
                    self.grid.setSpan(top, column, bottom - top + 1, 1)
                self.cells[(top, column)] = cluster
        count = len(in_conflict(self.events))
        self.conflicts.setText(f"⚠ {counted(count, 'séance')} en conflit : déplacez-en une (double-clic pour "
                               "ouvrir le bilan)." if count else "")
        self.conflicts.setVisible(bool(count))

    @staticmethod
    def _clusters(events: list[Event]) -> list[list[Event]]:
        clusters: list[list[Event]] = []
        for event in sorted(events, key=lambda e: (e.start, e.end)):
            if clusters and event.start < max(e.end for e in clusters[-1]):
                clusters[-1].append(event)
            else:
                clusters.append([event])
        return clusters

    # -- actions -------------------------------------------------------------------------------------------
    def cluster_at(self, row: int, column: int) -> list[Event]:
        for (top, col), cluster in self.cells.items():
            span = self.grid.rowSpan(top, col)
            if col == column and top <= row < top + span:
                return cluster
        return []

    def activate(self, row: int, column: int) -> None:
        """An event: open its bilan. A free slot: plan a session there (two hours by default)."""
        cluster = self.cluster_at(row, column)
        if cluster:
            self.open_requested.emit(cluster[0].bilan_id)
            return
        day = self.first + dt.timedelta(days=column)
        start = _time(row)
        end = (dt.datetime.combine(day, start) + dt.timedelta(hours=2)).time()
        self.plan(day, start, min(end, DAY_END))

    def plan(self, day: dt.date, start: dt.time, end: dt.time) -> None:
        from .seances_page import SeanceDialog
        bilans = self.service.bilans
        rows = {s.id: s for s in bilans.list_rows(self.clock.today()) if s.state.value in ("en_cours", "termine")}
        choices = [(s.id, f"{s.reference} — {s.display_name}") for s in rows.values()]
        if not choices:
            dialogs.inform(self, "Nouvelle séance", "Aucun bilan en cours.")
            return
        chooser = BilanChoice(choices, f"{long_date(day)}, {start:%H:%M}", self)
        if dialogs.launch(chooser) != QDialog.DialogCode.Accepted:
            return
        bilan_id = chooser.combo.currentData()
        # The step is chosen in the dialog (default: the phase in progress or the next one, never silently the
        # entretien préalable); its warnings (overlap, Sunday, holiday, length) are the Séances page's.
        seance = Seance(date=day, debut=start, fin=end, etape=planned_step(rows[bilan_id].step))
        dialog = SeanceDialog(bilans, bilan_id, seance, self.clock, self)
        dialog.setWindowTitle(f"Nouvelle séance — {chooser.combo.currentText()}")
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted:
            self.planned.emit(bilan_id)
        self.refresh()

    def export(self) -> None:
        chosen = dialogs.choose_save_path(self, "Exporter l'agenda", "Calendrier (*.ics)",
                                          f"agenda-{self.first:%Y-%m-%d}.ics")
        if chosen is None:
            return
        try:
            count = self.service.export_ics(self.events, chosen.path, self.clock.now(), self.full_names.isChecked(),
                                            chosen.replace)
        except OutputRefused as exc:
            dialogs.error(self, "Export refusé", exc.user_message)
            return
        except OSError:
            dialogs.error(self, "Export impossible", "Le calendrier n'a pas pu être écrit (disque plein, dossier "
                                                     "protégé ?).")
            return
        dialogs.inform(self, "Agenda exporté", f"{counted(count, 'événement')} : importez le fichier dans votre "
                                               "agenda ; un nouvel export met à jour les mêmes événements.")
