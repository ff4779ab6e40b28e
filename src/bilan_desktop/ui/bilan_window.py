"""The window of one bilan. This first version holds the beneficiary's identity page; the phase pages
come with the workflow. Edits are saved automatically, field by field, once valid."""

from __future__ import annotations

import dataclasses
import html
import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from ..domain.beneficiary import FIELDS
from ..domain.clock import Clock
from ..storage.bilans import BilanRepository
from .beneficiary_form import BeneficiaryForm

AUTOSAVE_DELAY_MS = 800
log = logging.getLogger(__name__)


class BilanWindow(QMainWindow):
    saved = Signal(int)
    closed = Signal(int)

    def __init__(self, repository: BilanRepository, bilan_id: int, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("bilanWindow")
        self.repository, self.bilan_id, self.clock = repository, bilan_id, clock
        summary = repository.summary(bilan_id)
        self.setWindowTitle(self.tr("Bilan %1 — Bilan Desktop").replace("%1", summary.reference))
        self.header = QLabel()
        self.header.setObjectName("bilanHeader")
        self.header.setWordWrap(True)
        self.form = BeneficiaryForm()
        self.form.set_value(repository.beneficiary(bilan_id))
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("<h2>Identité et coordonnées</h2>"))
        layout.addWidget(self.header)
        layout.addWidget(title)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.setCentralWidget(page)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self.form.edited.connect(self._timer.start)
        self._refresh_header()
        self.statusBar().showMessage(self.tr("Les modifications sont enregistrées automatiquement."))
        self.resize(720, 560)

    def _refresh_header(self) -> None:
        s = self.repository.summary(self.bilan_id)
        self.header.setText(f"<b>{_html(s.display_name)}</b> — {_html(s.funding.label)} — "
                            f"{self.tr('étape')} : {_html(s.step.label)} — {self.tr('réf.')} {s.reference}")

    @property
    def has_pending_edits(self) -> bool:
        return self._timer.isActive()

    def save_now(self) -> None:
        """Save every valid field; invalid ones keep their stored value and show why."""
        self._timer.stop()
        typed, problems = self.form.read(self.clock.today())
        self.form.show_problems(problems)
        stored = self.repository.beneficiary(self.bilan_id)
        merged = dataclasses.replace(stored, **{name: getattr(typed, name) for name in FIELDS
                                                if name not in problems})
        if merged != stored:
            self.repository.update_beneficiary(self.bilan_id, merged, self.clock.now())
            log.info("identity saved")
            self._refresh_header()
            self.saved.emit(self.bilan_id)
        if problems:
            self.statusBar().showMessage(self.tr("Champs non enregistrés tant qu'ils sont invalides : corrigez "
                                                 "les champs en rouge."))
        else:
            self.statusBar().showMessage(self.tr("Enregistré à %1.").replace(
                "%1", self.clock.now().strftime("%H:%M")))

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._timer.isActive():
            self.save_now()
        self.closed.emit(self.bilan_id)
        super().closeEvent(event)


def _html(text: str) -> str:
    return html.escape(text)

