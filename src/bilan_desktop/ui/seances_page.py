"""Séances: add, edit, remove; the running total against the 24 hours of L6313-4."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
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
from ..domain.contracts import contract_warnings
from ..domain.dates import parse_short_date, short_date
from ..domain.lifecycle import Step
from ..domain.rules import seance_notes_lock
from ..domain.seances import (
    MAX_HOURS,
    SESSION_STEPS,
    Attestation,
    Role,
    Seance,
    Signature,
    StatutSeance,
    format_hours,
    hours_summary,
    next_session,
    session_step,
)
from ..domain.sections import ModaliteSeance
from ..domain.text import counted
from ..domain.workflow import Dossier, RuleViolation, minutes_used
from ..services.bilans import BilanService
from . import dialogs, signature_pad
from .section_page import banner
from .widgets import error_label, form_dialog, show_error, with_date_picker

COLUMNS = ("Date", "Horaires", "Durée", "Statut", "Modalité", "Étape", "Présence")
SIGNERS = ((Role.BENEFICIAIRE, "Signature du bénéficiaire"), (Role.CONSULTANT, "Signature du consultant"))


def _qtime(value: dt.time | None) -> QTime:
    return QTime(value.hour, value.minute) if value is not None else QTime(0, 0)


def _time(edit: QTimeEdit) -> dt.time:
    return dt.time(edit.time().hour(), edit.time().minute())


def presence_text(s: Seance) -> str:
    """What proves attendance, as the list shows it."""
    if s.statut is not StatutSeance.REALISEE:
        return "—"
    if s.remote and s.attestation is not Attestation.AUCUNE:
        return s.attestation.label
    signed = [role.label.lower() for role, _ in SIGNERS if s.signature(role)]
    return "signée : " + " et ".join(signed) if signed else "à signer"


class SeanceDialog(QDialog):
    """A session's form; refused changes keep the dialog open with the French reasons. Signatures are drawn on
    screen and timestamped; a remote session records its connection times and how attendance is proven."""

    def __init__(self, repository: BilanService, bilan_id: int, seance: Seance, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("seanceDialog")
        self.setWindowTitle("Séance")
        self.repository, self.bilan_id, self.seance, self.clock = repository, bilan_id, seance, clock
        self.signatures: dict[Role, Signature] = {sig.role: sig for sig in seance.signatures}
        self.confirming = True  # warnings (issue 20 §6) are asked before saving
        self.date = QLineEdit(short_date(seance.date))
        self.date.setPlaceholderText("jj/mm/aaaa")
        self.start, self.end = QTimeEdit(_qtime(seance.debut)), QTimeEdit(_qtime(seance.fin))
        self.status = self._combo(StatutSeance, seance.statut)
        self.modality = self._combo(ModaliteSeance, seance.modalite)
        self.modality.currentIndexChanged.connect(self._remote_rows)
        self.link = QLineEdit(seance.lien_visio)
        self.step = QComboBox()
        for step in SESSION_STEPS:
            self.step.addItem(step.label, step.value)
        self.step.setCurrentIndex(max(0, self.step.findData(seance.etape.value)))
        self.connected = QCheckBox("Heures de connexion relevées")
        self.connected.setChecked(seance.connexion_debut is not None)
        self.connect_from, self.connect_to = QTimeEdit(_qtime(seance.connexion_debut or seance.debut)), \
            QTimeEdit(_qtime(seance.connexion_fin or seance.fin))
        self.attestation = self._combo(Attestation, seance.attestation)
        self.notes = QPlainTextEdit(seance.notes)
        self.notes.setTabChangesFocus(True)
        notes_lock = seance_notes_lock(repository.destroyed_on(bilan_id))  # the service's own rule
        self.notes.setReadOnly(bool(notes_lock))
        self.notes.setPlaceholderText(notes_lock)
        self.error = error_label("seanceError")
        self.date.setAccessibleName("Date")
        self.date_row = with_date_picker(self.date)
        self.form = form = QFormLayout()
        self.remote_rows: list[QWidget] = []
        for label, widget, remote in (
                ("Date", self.date_row, False), ("Début", self.start, False), ("Fin", self.end, False),
                ("Statut", self.status, False), ("Modalité", self.modality, False),
                ("Lien de visioconférence", self.link, True), ("Connexion", self.connected, True),
                ("Connecté de", self.connect_from, True), ("Déconnecté à", self.connect_to, True),
                ("Preuve de présence à distance", self.attestation, True), ("Étape", self.step, False),
                ("Notes de séance", self.notes, False)):
            if widget is not self.date_row:
                widget.setAccessibleName(label)
            row_label = QLabel(label + "\u00a0:")
            row_label.setBuddy(self.date if widget is self.date_row else widget)
            form.addRow(row_label, widget)
            if remote:
                self.remote_rows.append(widget)
        self.sign_buttons: dict[Role, QPushButton] = {}
        self.sign_labels: dict[Role, QLabel] = {}
        for role, text in SIGNERS:
            button = QPushButton(f"{text}…")
            button.setAccessibleName(text)
            button.clicked.connect(lambda _c=False, r=role, t=text: self.sign(r, t))
            state = QLabel()
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(state, 1)
            form.addRow("", row)
            self.sign_buttons[role], self.sign_labels[role] = button, state
        form_dialog(self, form, self.error, "Enregistrer")
        self.setMinimumWidth(600)
        self._remote_rows()
        self._show_signatures()

    @staticmethod
    def _combo(choice, current) -> QComboBox:
        combo = QComboBox()
        for member in choice:
            combo.addItem(member.label, member.value)
        combo.setCurrentIndex(max(0, combo.findData(current.value)))
        return combo

    def _remote_rows(self) -> None:
        """The visio link and the remote proof show only for a remote session."""
        remote = ModaliteSeance(self.modality.currentData()) is not ModaliteSeance.PRESENTIEL
        for widget in self.remote_rows:
            self.form.setRowVisible(widget, remote)
        self.form.setRowVisible(self.link, ModaliteSeance(self.modality.currentData()) is ModaliteSeance.VISIO)

    def _show_signatures(self) -> None:
        for role, label in self.sign_labels.items():
            signature = self.signatures.get(role)
            label.setText(f"signée le {signature.signed_at:%d/%m/%Y à %H:%M}" if signature else "non signée")

    def sign(self, role: Role, who: str) -> None:
        try:
            day = parse_short_date(self.date.text())
        except ValueError:
            day = None
        if day is None or day > self.clock.today():
            show_error(self.error, "L'émargement se signe le jour de la séance ou après, pas avant.")
            return
        image = signature_pad.capture(self, who, f"séance du {short_date(day)}, {self.start.text()} – "
                                                 f"{self.end.text()}")
        if image:
            self.signatures[role] = Signature(role, image, self.clock.now())
            if self.status.currentData() == StatutSeance.PLANIFIEE.value:
                self.status.setCurrentIndex(self.status.findData(StatutSeance.REALISEE.value))
            self._show_signatures()

    def keep_on_lock(self) -> None:
        """The vault is about to lock: a valid session is saved rather than lost (no question asked: nobody is
        there to answer it)."""
        self.confirming = False
        self.accept()

    def accept(self) -> None:
        try:
            day = parse_short_date(self.date.text())
        except ValueError:
            show_error(self.error, "Date invalide : utilisez le format jj/mm/aaaa.")
            return
        modality = ModaliteSeance(self.modality.currentData())
        remote = modality is not ModaliteSeance.PRESENTIEL
        connected = remote and self.connected.isChecked()
        seance = Seance(id=self.seance.id, date=day, debut=_time(self.start), fin=_time(self.end),
                        modalite=modality, lien_visio=self.link.text(), etape=Step(self.step.currentData()),
                        notes=self.notes.toPlainText(), statut=StatutSeance(self.status.currentData()),
                        connexion_debut=_time(self.connect_from) if connected else None,
                        connexion_fin=_time(self.connect_to) if connected else None,
                        attestation=Attestation(self.attestation.currentData()) if remote else Attestation.AUCUNE,
                        signatures=tuple(self.signatures[role] for role, _ in SIGNERS if role in self.signatures))
        refused = self.repository.seance_refusals(self.bilan_id, seance, self.clock.today())
        if refused:
            show_error(self.error, "\n".join(refused))
            self.adjustSize()
            return
        warnings = [] if self.confirming is False else self.repository.seance_warnings(self.bilan_id, seance)
        if warnings and not dialogs.confirm(self, "Séance", "\n".join(f"• {w}" for w in warnings)
                                            + "\n\nEnregistrer la séance quand même ?"):
            show_error(self.error, "\n".join(warnings))
            return
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
        self.rythme = ""
        self.default_step = Step.ENTRETIEN_PREALABLE
        self.total = QLabel()
        self.total.setObjectName("hoursTotal")
        self.warning = banner("seancesWarning")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Liste des séances")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        buttons = QHBoxLayout()
        self.buttons = {}
        for text, slot in (("Ajouter une séance", self.add), ("Modifier", self.edit), ("Supprimer", self.remove),
                           ("Convocation…", self.convocation), ("Agenda (.ics)…", self.export_ics)):
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
        layout.addWidget(self.warning)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, dossier: Dossier, default_step: Step) -> None:
        self.seances = dossier.seances
        self.default_step = session_step(default_step)
        used = minutes_used(dossier)
        self.rythme = dossier.phase_preliminaire.rythme
        sessions = [s.date for s in dossier.seances if s.counted and s.date is not None]
        notes = [n for n in contract_warnings(dossier.funding, dossier.financement, sessions, self.clock.today(),
                                              dossier.fin_du_bilan.date_fin) if "séance" in n]
        self.warning.setText("\n".join(notes))
        self.warning.setVisible(bool(notes))
        self.total.setText(f"<b>Durée du bilan : {format_hours(used)} sur {int(MAX_HOURS)} h</b> "
                           f"({hours_summary(self.seances)})")
        self.table.setRowCount(len(self.seances))
        for row, s in enumerate(self.seances):
            for column, text in enumerate((short_date(s.date), f"{s.debut:%H:%M} – {s.fin:%H:%M}",
                                           format_hours(s.minutes), s.statut.label, s.modalite.label, s.etape.label,
                                           presence_text(s))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)

    def _open(self, seance: Seance) -> None:
        dialog = SeanceDialog(self.repository, self.bilan_id, seance, self.clock, self)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def add(self) -> None:
        day, start, end = next_session(self.seances, self.rythme, self.clock.today())
        self._open(Seance(date=day, debut=start, fin=end, etape=self.default_step))

    def edit(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.seances):
            self._open(self.seances[row])

    def export_ics(self) -> None:
        """The selected session, or every session of the bilan, as an .ics file (initials only)."""

        from ..services.agenda import AgendaService
        from ..services.outputs import OutputRefused
        row = self.table.currentRow()
        chosen = self.seances[row] if 0 <= row < len(self.seances) and self.table.selectionModel().hasSelection() \
            else None
        days = [s.date for s in self.seances if s.date is not None]
        if not days:
            return
        service = AgendaService(self.repository)
        found = [e for e in service.events(min(days), max(days), self.bilan_id)
                 if e.seance_id is not None and (chosen is None or e.seance_id == chosen.id)]
        target = dialogs.choose_save_path(self, "Exporter vers un agenda", "Calendrier (*.ics)", "seances.ics")
        if target is None:
            return
        try:
            service.export_ics(found, target.path, self.clock.now(), replace=target.replace)
        except OutputRefused as exc:
            dialogs.error(self, "Export refusé", exc.user_message)
            return
        except OSError:
            dialogs.error(self, "Export impossible", "Le calendrier n'a pas pu être écrit.")
            return
        dialogs.inform(self, "Agenda exporté", f"{counted(len(found), 'séance')} exportée"
                                               f"{'s' if len(found) > 1 else ''} : référence et initiales seulement.")

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
