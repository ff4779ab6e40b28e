"""The investigation phase's tools: the ROME repository and the questionnaires, wired to the bilan."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.questionnaires import BIGFIVE, RIASEC, holland_code, scale_scores
from ..domain.sections import Alternative, Libelle
from ..domain.text import counted
from ..domain.workflow import RuleViolation
from ..storage.rome import RomeCatalog, RomeUnavailable
from . import dialogs
from .questionnaire_dialog import QuestionnaireDialog, ResultsDialog
from .rome_dialog import RomeDialog

log = logging.getLogger(__name__)


class InvestigationTools(QWidget):
    changed = Signal()
    manages_own_state = True  # the ROME stays browsable on a read-only page

    def __init__(self, dossiers, bilan_id: int, clock, flush, parent=None):
        super().__init__(parent)
        self.dossiers, self.bilan_id, self.clock, self.flush = dossiers, bilan_id, clock, flush
        self.editable = False
        self._catalog: RomeCatalog | None = None
        row = QHBoxLayout()
        self.buttons = {}
        for key, text in (("rome", "Rechercher dans le ROME…"), ("riasec", "Questionnaire d'intérêts (RIASEC)…"),
                          ("bigfive", "Questionnaire de personnalité (Mini-IPIP)…"), ("results", "Résultats…")):
            button = QPushButton(text)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(getattr(self, f"open_{key}"))
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("questionnaireSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Outils</b>"))
        layout.addLayout(row)
        layout.addWidget(self.summary)

    @property
    def catalog(self) -> RomeCatalog | None:
        if self._catalog is None:
            try:
                self._catalog = RomeCatalog()
            except RomeUnavailable as exc:
                dialogs.error(self, "Répertoire ROME", exc.user_message)
        return self._catalog

    def load(self, dossier, editable: bool) -> None:
        self.editable = editable
        for key in ("riasec", "bigfive"):
            self.buttons[key].setEnabled(editable)
        q = dossier.questionnaires
        parts = []
        for instrument in (RIASEC, BIGFIVE):
            answered = sum(1 for a in instrument.answers(q) if a)
            if instrument.complete(q) and instrument is RIASEC:
                parts.append(f"Code Holland : {holland_code(scale_scores(RIASEC, RIASEC.answers(q)))}")
            elif instrument.complete(q):
                parts.append("Personnalité : " + ", ".join(f"{k} {v}" for k, v in
                                                           scale_scores(BIGFIVE, BIGFIVE.answers(q)).items()))
            else:
                parts.append(f"{instrument.title} : {counted(answered, 'réponse')} sur {len(instrument.items)}")
        self.summary.setText(" — ".join(parts))

    def _save_questionnaires(self, value) -> None:
        try:
            self.dossiers.save_section(self.bilan_id, value, self.clock.now())
        except RuleViolation as exc:
            dialogs.error(self, "Questionnaire", "\n".join(exc.problems))

    def _run(self, instrument) -> None:
        self.flush()
        dialog = QuestionnaireDialog(instrument, self.dossiers.load(self.bilan_id).questionnaires,
                                     self._save_questionnaires, self)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted:
            log.info("questionnaire %s completed", instrument.key)
        self.changed.emit()

    def open_riasec(self) -> None:
        self._run(RIASEC)

    def open_bigfive(self) -> None:
        self._run(BIGFIVE)

    def open_results(self) -> None:
        q = self.dossiers.load(self.bilan_id).questionnaires
        dialog = ResultsDialog(q, self.catalog, self)
        dialog.matches.itemDoubleClicked.connect(lambda item: self.open_rome(code=item.data(Qt.ItemDataRole.UserRole)))
        if dialogs.launch(dialog) != QDialog.DialogCode.Accepted:
            return
        chosen = dataclasses.replace(q, graphiques_dans_synthese=dialog.include.isChecked(),
                                     personnalite_dans_synthese=dialog.include.isChecked()
                                     and dialog.include_traits.isChecked())
        if self.editable and chosen != q:
            self._save_questionnaires(chosen)
            self.changed.emit()

    def open_rome(self, _checked=False, code: str | None = None) -> None:
        if self.catalog is None:
            return
        dialog = RomeDialog(self.catalog, self.editable, self, code=code)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted and dialog.choice:
            self.apply(*dialog.choice)

    def apply(self, action: str, fiche, skills) -> None:
        """Take a fiche into the investigation phase: main project, alternative, or picked skills."""
        self.flush()  # what was typed on the page is saved before the section is changed here
        inv = self.dossiers.load(self.bilan_id).phase_investigation
        if action == "projet":
            inv = dataclasses.replace(inv, projet_code_rome=fiche.code,
                                      projet_intitule=inv.projet_intitule or fiche.libelle)
        elif action == "alternative":
            inv = dataclasses.replace(inv, alternatives=[*inv.alternatives, Alternative(fiche.libelle, fiche.code)])
        else:  # the skills of a target job are what the person has to acquire, not what they already have
            known = {c.libelle for c in inv.competences_a_acquerir}
            new = [Libelle(label) for _rubrique, label in skills if label not in known]
            inv = dataclasses.replace(inv, competences_a_acquerir=[*inv.competences_a_acquerir, *new])
        try:
            self.dossiers.save_section(self.bilan_id, inv, self.clock.now())
        except RuleViolation as exc:
            dialogs.error(self, "Répertoire ROME", "\n".join(exc.problems))
            return
        log.info("ROME fiche taken into the bilan: %s", action)
        self.changed.emit()
