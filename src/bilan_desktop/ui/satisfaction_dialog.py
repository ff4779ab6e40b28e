"""The satisfaction questionnaire (end of the bilan, follow-up): eight 1-5 questions and a comment.
The consultant may hand the laptop over: nothing else of the bilan is visible in this dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from ..domain.stats import SATISFACTION_QUESTIONS
from .widgets import error_label, show_error

QUESTIONS = SATISFACTION_QUESTIONS
SCALE = ("1 — Pas du tout satisfait·e", "2", "3", "4", "5 — Très satisfait·e")
INTRO = ("Vos réponses sont confidentielles : seul votre consultant·e les voit, et elles ne servent, avec celles des "
         "autres bénéficiaires, qu'à améliorer nos bilans. Notez chaque point de 1 (pas du tout satisfait·e) à 5 "
         "(très satisfait·e).")
DETACHED = ("Le contenu de ce bilan est détruit : les réponses sont conservées pour les statistiques sans lien avec le "
            "bénéficiaire (seuls le mois et le financement sont gardés) ; le commentaire libre n'est pas conservé.")


class SatisfactionDialog(QDialog):
    def __init__(self, kind: str, previous: tuple[list[int], str] | None, parent=None):
        super().__init__(parent)
        self.setObjectName("satisfactionDialog")
        self.setWindowTitle("Questionnaire de satisfaction")
        self.kind = kind
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        grid = QGridLayout()
        for column, text in enumerate(SCALE, start=1):
            grid.addWidget(QLabel(text.split(" — ")[0]), 0, column)
        self.groups: list[QButtonGroup] = []
        for row, question in enumerate(QUESTIONS[kind], start=1):
            grid.addWidget(QLabel(question), row, 0)
            group = QButtonGroup(self)
            for value in range(1, 6):
                button = QRadioButton()
                button.setAccessibleName(f"{question} : {value}")
                group.addButton(button, value)
                grid.addWidget(button, row, value)
            self.groups.append(group)
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName("Commentaire")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(80)
        self.error = error_label("satisfactionError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(QLabel("Commentaire (facultatif)\u00a0:"))
        layout.addWidget(self.comment)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if previous:
            for group, value in zip(self.groups, previous[0], strict=False):
                group.button(value).setChecked(True)
            self.comment.setPlainText(previous[1])

    @property
    def answers(self) -> list[int]:
        return [group.checkedId() for group in self.groups]

    def accept(self) -> None:
        if any(answer < 1 for answer in self.answers):
            show_error(self.error, "Répondez à chaque question avant d'enregistrer.")
            return
        super().accept()
