"""The bilan's closing actions, each a dialog that says what it does: abandon (an end of the bilan: the date, exactly
what is destroyed, a last export of the synthèse), the pause, and « Clore le dossier » with the situation at six
months. The rules are the service's; these only ask and show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..documents.catalog import DocumentKind
from ..domain.clock import Clock
from ..domain.dates import long_date, parse_short_date, short_date
from ..domain.lifecycle import Issue
from ..domain.registry import Category
from ..domain.retention import KEPT
from ..domain.rules import deletion_problems, refus_message
from ..domain.seances import StatutSeance
from ..domain.text import counted
from ..domain.workflow import Dossier, RuleViolation, last_session_date
from ..services.bilans import BilanService
from . import dialogs
from .documents_page import DocumentsPage
from .widgets import error_label, labelled_form, ok_cancel, show_error


def abandon_message(day: dt.date) -> str:
    lines = [f"Le bilan sera déclaré abandonné le {long_date(day)}. C'est une fin du bilan : à la confirmation, "
             "les documents suivants sont détruits définitivement (destruction, art. R6313-7)\u00a0:", ""]
    lines += [f"• {category.label}" for category in Category]
    lines += ["", KEPT]
    return "\n".join(lines)


def future_sessions_question(days: list[dt.date], what: str) -> str:
    listed = ", ".join(short_date(day) for day in days)
    return (f"{counted(len(days), 'séance')} {'restent planifiées' if len(days) > 1 else 'reste planifiée'} après "
            f"{what} ({listed}).\n\nLes annuler ? Elles passent au statut « Annulée » : elles quittent l'agenda et "
            "l'export d'agenda (.ics), et restent dans la liste des séances.")


class AbandonDialog(QDialog):
    def __init__(self, dossier: Dossier, today: dt.date, export_synthese, parent=None):
        super().__init__(parent)
        self.setObjectName("abandonDialog")
        self.setWindowTitle("Abandon du bilan")
        self.today = today
        self.day: dt.date | None = None
        default = min(last_session_date(dossier) or today, today)
        self.date = QLineEdit(short_date(default))
        self.date.setObjectName("abandonDate")
        self.date.setAccessibleName("Date de l'abandon")
        self.date.textChanged.connect(self._update)
        self.message = QLabel()
        self.message.setObjectName("abandonMessage")
        self.message.setWordWrap(True)
        export = QPushButton("Exporter la synthèse pour le bénéficiaire…")
        export.setAccessibleName("Exporter la synthèse pour le bénéficiaire")
        export.clicked.connect(export_synthese)
        self.error = error_label("abandonError")
        buttons = ok_cancel(self, "Confirmer l'abandon et la destruction")
        layout = QVBoxLayout(self)
        layout.addLayout(labelled_form("&Date de l'abandon\u00a0:", self.date))
        layout.addWidget(self.message)
        layout.addWidget(export)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(580)
        self._update()

    def _parsed(self) -> dt.date | None:
        try:
            return parse_short_date(self.date.text())
        except ValueError:
            return None

    def _update(self) -> None:
        day = self._parsed()
        self.message.setText(abandon_message(day) if day else "")

    def accept(self) -> None:
        day = self._parsed()
        if day is None:
            show_error(self.error, "Date invalide : utilisez le format jj/mm/aaaa.")
            return
        if day > self.today:
            show_error(self.error, "La date de l'abandon ne peut pas être dans le futur.")
            return
        self.day = day
        super().accept()


class CloseDialog(QDialog):
    """« Clore le dossier »: the beneficiary's situation six months after the bilan."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("closeDialog")
        self.setWindowTitle("Clore le dossier")
        intro = QLabel("Le dossier sera clos après l'entretien de suivi. Sa situation à six mois alimente les "
                       "indicateurs de résultats (Qualiopi) ; rien d'autre n'est modifié.")
        intro.setWordWrap(True)
        self.issue = QComboBox()
        self.issue.setObjectName("closeIssue")
        self.issue.setAccessibleName("Situation du bénéficiaire six mois après le bilan")
        for issue in Issue:
            self.issue.addItem(issue.label, issue.value)
        buttons = ok_cancel(self, "Clore le dossier")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(labelled_form("&Situation à six mois\u00a0:", self.issue))
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    @property
    def value(self) -> Issue:
        return Issue(self.issue.currentData())


class ClosingActions:
    """The Bilan menu's closing actions, mixed into the bilan window, which provides what is declared here."""

    dossiers: BilanService
    bilan_id: int
    clock: Clock
    dossier: Dossier
    documents: DocumentsPage
    saved: SignalInstance
    retention_requested: SignalInstance
    close: Callable[[], bool]  # QMainWindow's (an annotation only: never a method of the mixin)
    flush: Callable[[], None]

    def refresh(self) -> None:
        raise NotImplementedError

    def _run(self, title: str, action) -> bool:
        try:
            action()
        except RuleViolation as exc:
            dialogs.error(self, title, " ".join(exc.problems))
            return False
        self.refresh()
        self.saved.emit(self.bilan_id)
        return True

    def _offer_cancel(self, after: dt.date, what: str) -> bool:
        """Ask whether the sessions planned after `after` are cancelled with the abandon or the pause."""
        future = sorted(s.date for s in self.dossier.seances
                        if s.statut is StatutSeance.PLANIFIEE and s.date is not None and s.date > after)
        if not future:
            return False
        return dialogs.confirm(self, "Séances planifiées", future_sessions_question(future, what))

    def declare_abandon(self) -> None:
        dialog = AbandonDialog(self.dossier, self.clock.today(), lambda: self.documents.export(DocumentKind.SYNTHESE),
                               self)
        if dialogs.launch(dialog) != QDialog.DialogCode.Accepted or dialog.day is None:
            return
        day = dialog.day
        cancel = self._offer_cancel(day, "l'abandon")
        if self._run("Abandon du bilan", lambda: self.dossiers.abandon(self.bilan_id, day, self.clock.now(), cancel)):
            self.retention_requested.emit()

    def confirm_refus(self) -> None:
        if not dialogs.confirm(self, "Refus réputé", refus_message(self.dossier) + "\n\nConfirmer le refus réputé ? "
                               "Le contenu déjà saisi (entretien préalable) sera alors détruit (destruction, "
                               "art. R6313-7)."):
            return
        if self._run("Refus réputé", lambda: self.dossiers.confirm_refus(self.bilan_id, self.clock.now())):
            self.retention_requested.emit()

    def delete_prospect(self) -> None:
        """GDPR: a prospect who never came back, or a dossier entered by mistake, before the bilan started."""
        problems = deletion_problems(self.dossier, self.clock.today())
        if problems:
            dialogs.error(self, "Suppression impossible", " ".join(problems))
            return
        if not dialogs.confirm(self, "Supprimer le dossier", f"Supprimer définitivement le dossier "
                               f"{self.dossier.reference}, identité comprise ? Le journal des destructions gardera "
                               "sa référence et la date, sans aucun nom. Cette suppression ne s'annule pas."):
            return
        self.flush()  # nothing typed waits to be saved into a dossier about to disappear
        unreached: list[str] = []
        try:
            self.dossiers.delete_prospect(self.bilan_id, self.clock.now(), unreached)
        except RuleViolation as exc:
            dialogs.error(self, "Supprimer le dossier", " ".join(exc.problems))
            return
        if unreached:  # shown once: the paths are forgotten with the dossier
            dialogs.inform(self, "Copies hors coffre", "Le dossier est supprimé, mais ces copies de ses documents "
                           "(modifiées depuis leur export, ou introuvables) n'ont pas pu être supprimées : supprimez-"
                           "les vous-même. L'application ne les listera plus.\n\n" + "\n".join(unreached))
        self.saved.emit(self.bilan_id)  # the list forgets it
        self.close()

    def toggle_pause(self) -> None:
        if self.dossier.cloture.suspendu_le is None:
            cancel = self._offer_cancel(self.clock.today(), "la pause")
            self._run("Mettre en pause", lambda: self.dossiers.suspend(self.bilan_id, self.clock.now(), cancel))
        else:
            self._run("Reprendre le bilan", lambda: self.dossiers.resume(self.bilan_id, self.clock.now()))

    def close_dossier(self) -> None:
        dialog = CloseDialog(self)
        if dialogs.launch(dialog) != QDialog.DialogCode.Accepted:
            return
        issue = dialog.value
        self._run("Clore le dossier", lambda: self.dossiers.close(self.bilan_id, issue, self.clock.now()))
