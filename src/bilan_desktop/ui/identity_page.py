"""The beneficiary's identity page in the bilan window: saved automatically, field by field, once valid."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..domain.beneficiary import FIELDS
from ..domain.clock import Clock
from ..services.bilans import BilanService
from .beneficiary_form import BeneficiaryForm
from .widgets import autosave_timer

log = logging.getLogger(__name__)


class IdentityPage(QWidget):
    saved = Signal()

    def __init__(self, repository: BilanService, bilan_id: int, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("page_identite")
        self.repository, self.bilan_id, self.clock = repository, bilan_id, clock
        self.form = BeneficiaryForm()
        self.form.set_value(repository.beneficiary(bilan_id))
        self.status = QLabel("Les modifications sont enregistrées automatiquement.")
        self.status.setObjectName("pageStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Identité et coordonnées</h2>"))
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.status)
        self._timer = autosave_timer(self, self.save_now)
        self.form.edited.connect(self._timer.start)

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
            self.saved.emit()
        self.status.setText("Champs non enregistrés tant qu'ils sont invalides : corrigez les champs en rouge."
                            if problems else f"Enregistré à {self.clock.now().strftime('%H:%M')}.")
