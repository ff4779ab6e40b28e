"""Séances: add, edit, remove; the running total against the 24 hours of L6313-4."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Signal
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
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.clock import Clock
from ..domain.dates import parse_short_date, short_date
from ..domain.lifecycle import Step
from ..domain.seances import MAX_HOURS, SESSION_STEPS, Seance, format_hours
from ..domain.sections import ModaliteSeance
from ..domain.workflow import Dossier, RuleViolation, minutes_used
from ..services.bilans import BilanService
from . import dialogs
from .widgets import error_label, show_error

COLUMNS = ("Date", "Horaires", "Durée", "Modalité", "Étape", "Émargement")


class SeanceDialog(QDialog):
    """A session's form; refused changes keep the dialog open with the French reasons."""

    def __init__(self, repository: BilanService, bilan_id: int, seance: Seance, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("seanceDialog")
        self.setWindowTitle("Séance")
        self.repository, self.bilan_id, self.seance, self.clock = repository, bilan_id, seance, clock
        self.date = QLineEdit(short_date(seance.date))
        self.date.setPlaceholderText("jj/mm/aaaa")
        self.start, self.end = QTimeEdit(QTime(seance.debut.hour, seance.debut.minute)), \
            QTimeEdit(QTime(seance.fin.hour, seance.fin.minute))
        self.modality = QComboBox()
        for member in ModaliteSeance:
            self.modality.addItem(member.label, member.value)
        self.modality.setCurrentIndex(self.modality.findData(seance.modalite.value))
        self.link = QLineEdit(seance.lien_visio)
        self.step = QComboBox()
        for step in SESSION_STEPS:
            self.step.addItem(step.label, step.value)
        self.step.setCurrentIndex(max(0, self.step.findData(seance.etape.value)))
        self.notes = QPlainTextEdit(seance.notes)
        self.notes.setTabChangesFocus(True)
        self.signed_beneficiary = QCheckBox("Émargement signé par le bénéficiaire")
        self.signed_beneficiary.setChecked(seance.signe_beneficiaire)
        self.signed_consultant = QCheckBox("Émargement signé par le consultant")
        self.signed_consultant.setChecked(seance.signe_consultant)
        self.error = error_label("seanceError")
        form = QFormLayout()
        for label, widget in (("Date", self.date), ("Début", self.start), ("Fin", self.end),
                              ("Modalité", self.modality), ("Lien de visioconférence", self.link),
                              ("Étape", self.step), ("Notes de séance", self.notes)):
            widget.setAccessibleName(label)
            row_label = QLabel(label + " :")
            row_label.setBuddy(widget)
            form.addRow(row_label, widget)
        for box in (self.signed_beneficiary, self.signed_consultant):
            box.setAccessibleName(box.text())
            form.addRow("", box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def keep_on_lock(self) -> None:
        """The vault is about to lock: a valid session is saved rather than lost."""
        self.accept()

    def accept(self) -> None:
        try:
            day = parse_short_date(self.date.text())
        except ValueError:
            show_error(self.error, "Date invalide : utilisez le format jj/mm/aaaa.")
            return
        start, end = self.start.time(), self.end.time()
        seance = Seance(id=self.seance.id, date=day, debut=dt.time(start.hour(), start.minute()),
                        fin=dt.time(end.hour(), end.minute()), modalite=ModaliteSeance(self.modality.currentData()),
                        lien_visio=self.link.text(), etape=Step(self.step.currentData()),
                        notes=self.notes.toPlainText(), signe_beneficiaire=self.signed_beneficiary.isChecked(),
                        signe_consultant=self.signed_consultant.isChecked())
        try:
            self.repository.save_seance(self.bilan_id, seance, self.clock.now())
        except RuleViolation as exc:
            show_error(self.error, "\n".join(exc.problems))
            self.adjustSize()
            return
        super().accept()


class SeancesPage(QWidget):
    changed = Signal()
    convocation_requested = Signal(object)

    def __init__(self, repository: BilanService, bilan_id: int, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("page_seances")
        self.repository, self.bilan_id, self.clock = repository, bilan_id, clock
        self.seances: list[Seance] = []
        self.default_step = Step.ENTRETIEN_PREALABLE
        self.total = QLabel()
        self.total.setObjectName("hoursTotal")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Liste des séances")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        buttons = QHBoxLayout()
        self.buttons = {}
        for text, slot in (("Ajouter une séance", self.add), ("Modifier", self.edit), ("Supprimer", self.remove),
                           ("Convocation…", self.convocation)):
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[text] = button
        buttons.addStretch(1)
        note = QLabel("Les séances de l'entretien préalable et de l'entretien de suivi ne comptent pas dans les "
                      "24 heures du bilan (art. L6313-4) : elles ont lieu avant et après lui.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Séances</h2>"))
        layout.addWidget(self.total)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, dossier: Dossier, default_step: Step) -> None:
        self.seances = dossier.seances
        self.default_step = default_step if default_step in SESSION_STEPS else Step.PHASE_PRELIMINAIRE
        used = minutes_used(dossier)
        self.total.setText(f"<b>Durée du bilan : {format_hours(used)} sur {int(MAX_HOURS)} h</b>")
        self.table.setRowCount(len(self.seances))
        for row, s in enumerate(self.seances):
            signatures = " / ".join(label for label, ok in (("bénéficiaire", s.signe_beneficiaire),
                                                              ("consultant", s.signe_consultant)) if ok) or "à signer"
            for column, text in enumerate((short_date(s.date), f"{s.debut:%H:%M} – {s.fin:%H:%M}",
                                           format_hours(s.minutes), s.modalite.label, s.etape.label, signatures)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _open(self, seance: Seance) -> None:
        dialog = SeanceDialog(self.repository, self.bilan_id, seance, self.clock, self)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def add(self) -> None:
        self._open(Seance(date=self.clock.today(), etape=self.default_step))

    def edit(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.seances):
            self._open(self.seances[row])

    def convocation(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.seances):
            self.convocation_requested.emit(self.seances[row])

    def remove(self) -> None:
        row = self.table.currentRow()
        seance_id = self.seances[row].id if 0 <= row < len(self.seances) else None
        if seance_id is not None and dialogs.confirm(
                self, "Supprimer la séance", f"Supprimer la séance du {short_date(self.seances[row].date)} ?"):
            self.repository.delete_seance(self.bilan_id, seance_id, self.clock.now())
            self.changed.emit()
