"""One step's page: its section form, saved automatically, and the move to the next step."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..domain.clock import Clock
from ..domain.registry import SECTION_NAMES
from ..domain.workflow import Dossier, RuleViolation
from ..services.bilans import BilanService
from .forms import SectionForm
from .widgets import autosave_timer, error_label, show_error

log = logging.getLogger(__name__)


def banner(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet("background: #fff4e5; border: 1px solid #f0b429; padding: 6px;")
    label.hide()
    return label


class SectionPage(QWidget):
    saved = Signal()
    advance_requested = Signal()

    def __init__(self, key: str, cls, title: str, intro: str, specs: list, repository: BilanService,
                 bilan_id: int, clock: Clock, parent=None):
        super().__init__(parent)
        self.cls, self.repository, self.bilan_id, self.clock = cls, repository, bilan_id, clock
        self.setObjectName(f"page_{key}")
        self.section_name = SECTION_NAMES[cls]
        self._stored = cls()
        title_label = QLabel(f"<h2>{title}</h2>")
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.banner = banner("pageBanner")
        self.info = QLabel()
        self.info.setObjectName("pageInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.hide()
        self.form = SectionForm(cls, specs)
        self.extra = QVBoxLayout()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(self.extra)
        body_layout.addWidget(self.form)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.status = QLabel()
        self.status.setObjectName("pageStatus")
        self.reasons = error_label("advanceReasons")
        self.next_button = QPushButton("Passer à l'étape suivante")
        self.next_button.setObjectName("nextStepButton")
        self.next_button.setAccessibleName("Passer à l'étape suivante")
        self.next_button.clicked.connect(self.advance_requested)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        for widget in (title_label, self.intro, self.banner, self.info):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(footer)
        self._timer = autosave_timer(self, self.save_now)
        self.form.edited.connect(self._timer.start)

    @property
    def has_pending_edits(self) -> bool:
        return self._timer.isActive()

    def load(self, dossier: Dossier) -> None:
        self._timer.stop()
        self._stored = getattr(dossier, self.section_name)
        self.form.set_value(self._stored)

    def set_mode(self, editable: bool, message: str, is_current: bool, only: frozenset[str] | None = None) -> None:
        """`only`: the fields that stay editable in an otherwise read-only section."""
        self.form.setEnabled(editable)
        for name, field in self.form.widgets.items():
            field.setEnabled(only is None or name in only)
        for index in range(self.extra.count()):
            item = self.extra.itemAt(index)
            extra = item.widget() if item is not None else None
            if extra is not None and not getattr(extra, "manages_own_state", False):
                extra.setEnabled(editable)
        self.banner.setText(message)
        self.banner.setVisible(bool(message))
        self.next_button.setVisible(is_current)
        if not is_current:
            show_error(self.reasons, "")

    def set_info(self, html: str) -> None:
        self.info.setText(html)
        self.info.setVisible(bool(html))

    def show_reasons(self, problems: list[str]) -> None:
        show_error(self.reasons, "\n".join(f"• {p}" for p in problems))

    def save_now(self) -> None:
        self._timer.stop()
        if not self.form.isEnabled():
            return
        value, problems = self.form.read(self._stored)
        self.form.show_problems(problems)
        if value != self._stored:
            try:
                self.repository.save_section(self.bilan_id, value, self.clock.now())
            except RuleViolation as exc:
                self.show_reasons(exc.problems)
                return
            self._stored = value
            show_error(self.reasons, "")  # the reasons given before may no longer hold
            log.info("section saved: %s", self.section_name)
            self.saved.emit()
        self.status.setText("Des champs invalides ne sont pas enregistrés : corrigez-les." if problems else
                            f"Enregistré à {self.clock.now().strftime('%H:%M')}.")
