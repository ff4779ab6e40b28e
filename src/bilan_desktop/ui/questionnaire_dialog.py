"""A questionnaire answered on the laptop, one item at a time, with the mouse or the keys 1 to 5. Every
answer is saved at once: the beneficiary can pause and resume later."""

from __future__ import annotations

import dataclasses
import typing

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..domain.questionnaire_items import (
    BIGFIVE_ANSWERS,
    BIGFIVE_QUESTION,
    NOT_VALIDATED,
    RIASEC_ANSWERS,
    RIASEC_QUESTION,
)
from ..domain.questionnaires import BIGFIVE, RIASEC, Instrument, Questionnaires, holland_code, scale_scores
from ..domain.text import counted
from .charts import BarsChart, HexagonChart

PROMPTS = {"riasec": (RIASEC_QUESTION, RIASEC_ANSWERS), "bigfive": (BIGFIVE_QUESTION, BIGFIVE_ANSWERS)}


class QuestionnaireDialog(QDialog):
    def __init__(self, instrument: Instrument, questionnaires: Questionnaires, save, parent=None):
        super().__init__(parent)
        self.setObjectName("questionnaireDialog")
        self.setWindowTitle(instrument.title)
        self.instrument, self.save = instrument, save
        self.answers = instrument.answers(questionnaires)
        self.questionnaires = questionnaires
        self.position = min(instrument.first_unanswered(questionnaires), len(self.answers) - 1)
        prompt, labels = PROMPTS[instrument.key]
        notice = QLabel(NOT_VALIDATED)
        notice.setStyleSheet("color: #8a4b00;")
        self.progress = QLabel()
        self.progress.setObjectName("questionProgress")
        self.prompt = QLabel(prompt)
        self.item_text = QLabel()
        self.item_text.setObjectName("questionText")
        self.item_text.setWordWrap(True)
        self.item_text.setStyleSheet("font-size: 16pt; font-weight: bold; padding: 16px 0;")
        self.item_text.setMinimumHeight(90)
        choices = QHBoxLayout()
        self.choice_buttons = []
        for value, label in enumerate(labels, start=1):
            button = QPushButton(f"{value}\n{label}")
            button.setAccessibleName(f"Réponse {value} : {label}")
            button.setCheckable(True)
            button.setMinimumHeight(64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys 1 to 5 always reach the dialog
            button.clicked.connect(lambda _c=False, v=value: self.answer(v))
            choices.addWidget(button)
            self.choice_buttons.append(button)
        self.previous = QPushButton("◀ Précédent")
        self.previous.clicked.connect(self.go_back)
        self.next = QPushButton("Suivant ▶")
        self.next.clicked.connect(self.go_next)
        self.pause = QPushButton("Mettre en pause")
        self.pause.setAccessibleName("Mettre en pause")
        self.pause.clicked.connect(self.reject)
        self.full_screen = QPushButton("Plein écran pour le bénéficiaire")
        self.full_screen.setAccessibleName("Plein écran pour le bénéficiaire")
        self.full_screen.setCheckable(True)
        self.full_screen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.full_screen.toggled.connect(self.set_full_screen)
        help_label = QLabel("Répondez avec la souris ou les touches 1 à 5 ; ← pour revenir en arrière. Les réponses "
                            "sont enregistrées au fur et à mesure.")
        help_label.setWordWrap(True)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous)
        navigation.addWidget(self.full_screen)
        navigation.addStretch(1)
        navigation.addWidget(self.pause)
        navigation.addWidget(self.next)
        layout = QVBoxLayout(self)
        for widget in (notice, self.progress, self.prompt, self.item_text):
            layout.addWidget(widget)
        layout.addLayout(choices)
        layout.addWidget(help_label)
        layout.addLayout(navigation)
        self.resize(760, 380)
        self.show_item()

    def set_full_screen(self, on: bool) -> None:
        """The laptop turned round: the questions fill the screen, the consultant's notes behind are hidden; larger
        type. F11 or Échap returns to the window."""
        self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen if on else
                            self.windowState() & ~Qt.WindowState.WindowFullScreen)
        self.item_text.setStyleSheet(f"font-size: {24 if on else 16}pt; font-weight: bold; padding: 16px 0;")
        self.full_screen.setText("Quitter le plein écran" if on else "Plein écran pour le bénéficiaire")
        if self.full_screen.isChecked() != on:
            self.full_screen.setChecked(on)

    @property
    def complete(self) -> bool:
        return all(1 <= a <= 5 for a in self.answers)

    def show_item(self) -> None:
        item = self.instrument.items[self.position]
        answered = sum(1 for a in self.answers if a)
        self.progress.setText(f"Question {self.position + 1} sur {len(self.answers)} — {counted(answered, 'réponse')}")
        self.item_text.setText(item[3])
        for value, button in enumerate(self.choice_buttons, start=1):
            button.setChecked(self.answers[self.position] == value)
        self.previous.setEnabled(self.position > 0)
        self.next.setEnabled(self.position < len(self.answers) - 1 and bool(self.answers[self.position]))

    def answer(self, value: int) -> None:
        self.answers[self.position] = value
        changes: dict[str, typing.Any] = {self.instrument.key: list(self.answers)}
        self.questionnaires = dataclasses.replace(self.questionnaires, **changes)
        self.save(self.questionnaires)
        if self.complete:
            self.accept()
            return
        last = len(self.answers) - 1
        self.position = self.position + 1 if self.position < last else self.instrument.first_unanswered(
            self.questionnaires)
        self.show_item()

    def go_back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.show_item()

    def go_next(self) -> None:
        if self.position < len(self.answers) - 1 and self.answers[self.position]:
            self.position += 1
            self.show_item()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.answer(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace):
            self.go_back()
        elif key == Qt.Key.Key_Right:
            self.go_next()
        elif key == Qt.Key.Key_F11 or (key == Qt.Key.Key_Escape and self.full_screen.isChecked()):
            self.set_full_screen(not self.full_screen.isChecked())  # Échap leaves full screen, not the questionnaire
        else:
            super().keyPressEvent(event)


SHORT_LIST = 12  # the closest jobs first; the rest on demand


class ResultsDialog(QDialog):
    """Scores, the Holland code, the charts, and the ROME fiches matching the code."""

    def __init__(self, questionnaires: Questionnaires, catalog, parent=None):
        super().__init__(parent)
        self.setObjectName("resultsDialog")
        self.setWindowTitle("Résultats des questionnaires")
        layout = QVBoxLayout(self)
        notice = QLabel(NOT_VALIDATED)
        notice.setStyleSheet("color: #8a4b00;")
        layout.addWidget(notice)
        self.matches = QListWidget()
        self.matches.setAccessibleName("Fiches ROME correspondant au code Holland")
        self.all_matches: list = []
        self.summary = QLabel()
        self.summary.setObjectName("resultsSummary")
        self.summary.setWordWrap(True)
        parts = []
        if RIASEC.complete(questionnaires):
            scores = scale_scores(RIASEC, RIASEC.answers(questionnaires))
            code = holland_code(scores)
            parts.append(f"<b>Code Holland : {code}</b> — " + ", ".join(f"{RIASEC.scales[k]} {v}"
                                                                       for k, v in scores.items()))
            layout.addWidget(HexagonChart(scores, RIASEC.scales))
            if catalog is not None:
                self.all_matches = catalog.matching_holland(code.letters)
                self.show_matches(SHORT_LIST)
        else:
            parts.append("Questionnaire d'intérêts : pas encore terminé.")
        if BIGFIVE.complete(questionnaires):
            scores = scale_scores(BIGFIVE, BIGFIVE.answers(questionnaires))
            parts.append(", ".join(f"{BIGFIVE.scales[k]} {v}/20" for k, v in scores.items()))
            layout.addWidget(BarsChart(scores, BIGFIVE.scales))
        else:
            parts.append("Questionnaire de personnalité : pas encore terminé.")
        self.summary.setText("<br/>".join(parts))
        layout.insertWidget(1, self.summary)
        if self.matches.count():
            layout.addWidget(QLabel("Métiers dont le profil RIASEC correspond, les plus proches d'abord (double-cliquez "
                                    "pour ouvrir la fiche)\u00a0:"))
            layout.addWidget(self.matches)
            self.more = QPushButton(f"Voir les {len(self.all_matches)} correspondances")
            self.more.setAccessibleName("Voir toutes les correspondances")
            self.more.clicked.connect(lambda: self.show_matches(len(self.all_matches)))
            self.more.setVisible(len(self.all_matches) > SHORT_LIST)
            layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.include = QCheckBox("Inclure le profil d'intérêts (RIASEC) dans le document de synthèse")
        self.include.setAccessibleName(self.include.text())
        self.include.setChecked(questionnaires.graphiques_dans_synthese)
        layout.addWidget(self.include)
        self.include_traits = QCheckBox("Y inclure aussi les cinq traits de personnalité (présentés au bénéficiaire "
                                        "avec « Stabilité émotionnelle »)")
        self.include_traits.setAccessibleName("Inclure les traits de personnalité dans le document de synthèse")
        self.include_traits.setChecked(questionnaires.personnalite_dans_synthese)
        self.include_traits.setEnabled(self.include.isChecked())
        self.include.toggled.connect(self.include_traits.setEnabled)
        layout.addWidget(self.include_traits)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(820, 860)

    def show_matches(self, count: int) -> None:
        self.matches.clear()
        for hit in self.all_matches[:count]:
            item = QListWidgetItem(f"{hit.libelle}  ({hit.code})")
            item.setData(Qt.ItemDataRole.UserRole, hit.code)
            self.matches.addItem(item)
        if getattr(self, "more", None) is not None:
            self.more.setVisible(count < len(self.all_matches))
