"""« Rédaction de la synthèse »: the whole synthèse in one editor (headings, bold, italic, lists, spell checking,
paragraphs from the library), saved as you type, with the PDF page beside it, rebuilt off the GUI thread within a
second of a pause in typing. A draft until the consultant validates it."""

from __future__ import annotations

import dataclasses
import logging
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..documents import synthese as synthese_pdf
from ..documents.preview import PdfPreview
from ..domain.clock import Clock
from ..domain.richtext import word_count
from ..domain.synthese import DRAFT_MARK, SyntheseDraft, text_of
from ..domain.text import counted
from ..domain.workflow import RuleViolation
from ..services.bilans import BilanService
from .rich_edit import RichTextEdit, fill_document, read_document
from .section_page import banner
from .widgets import autosave_timer, beside_preview, error_label, show_error

log = logging.getLogger(__name__)
PREVIEW_DELAY_MS = 800
PREVIEW_MIN_WIDTH = 260


class _Delivery(QObject):
    """Carries a preview built on a worker thread back to the GUI thread (a queued signal)."""
    ready = Signal(int, object)


class SynthesePage(QWidget):
    saved = Signal()
    prefill_requested = Signal()
    library_requested = Signal()

    def __init__(self, repository: BilanService, bilan_id: int, clock: Clock, context_factory, checker=None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("page_synthese")
        self.repository, self.bilan_id, self.clock = repository, bilan_id, clock
        self.context_factory = context_factory  # provider, beneficiary, dossier as the PDF needs them
        self._stored = SyntheseDraft()
        self.editor = RichTextEdit(checker)
        self.editor.setObjectName("syntheseEditor")
        self.editor.setAccessibleName("Texte du document de synthèse")
        self.editor.document().contentsChanged.connect(self._edited)
        self.editor.word_added.connect(self.add_word)
        self.banner = banner("pageBanner")
        self.status = QLabel()
        self.status.setObjectName("pageStatus")
        self.words = QLabel()
        self.words.setObjectName("wordCount")
        self.draft_state = QLabel()
        self.draft_state.setObjectName("draftState")
        self.reasons = error_label("syntheseError")
        self.buttons: dict[str, QPushButton] = {}
        tools, actions = QHBoxLayout(), QHBoxLayout()  # two rows: the page fits a 1366-pixel screen
        for key, text, slot in (("bold", "Gras", lambda: self.editor.toggle(True)),
                                ("italic", "Italique", lambda: self.editor.toggle(False)),
                                ("ul", "• Liste", lambda: self.editor.toggle_list("ul")),
                                ("ol", "1. Liste", lambda: self.editor.toggle_list("ol")),
                                ("library", "Bibliothèque de paragraphes…", self.library_requested.emit),
                                ("prefill", "Pré-remplir depuis le dossier", self.prefill_requested.emit),
                                ("validate", "Valider la synthèse", self.validate)):
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            (tools if key in ("bold", "italic", "ul", "ol") else actions).addWidget(button)
            self.buttons[key] = button
        self.spelling = QCheckBox("Orthographe")
        self.spelling.setAccessibleName("Vérifier l'orthographe")
        self.spelling.setChecked(checker is not None)
        self.spelling.setEnabled(checker is not None)
        if checker is None:
            self.spelling.setToolTip("La vérification orthographique n'est pas disponible sur ce système.")
        self.spelling.toggled.connect(self._spelling_toggled)
        tools.addWidget(self.spelling)
        tools.addStretch(1)
        actions.addStretch(1)
        for keys, slot in (("Ctrl+B", lambda: self.editor.toggle(True)), ("Ctrl+I", lambda: self.editor.toggle(False))):
            QShortcut(QKeySequence(keys), self.editor, slot)
        self.pages = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.pages)
        holder.setStyleSheet("background: #8a8f96;")
        splitter, self.preview = beside_preview(self.editor, holder, 280)
        self.preview.setObjectName("synthesePreview")
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.draft_state)
        footer.addWidget(self.words)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Rédaction du document de synthèse</h2>"))
        layout.addWidget(self.banner)
        layout.addLayout(tools)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(footer)
        self._timer = autosave_timer(self, self.save_now)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._delivery = _Delivery(self)
        self._delivery.ready.connect(self._show_preview)
        self._generation = 0
        self._loading = False
        self.preview_images: list[QLabel] = []

    # -- state -------------------------------------------------------------------------------------------
    @property
    def has_pending_edits(self) -> bool:
        return self._timer.isActive()

    def load(self, dossier) -> None:
        self._timer.stop()
        self._stored = dossier.synthese
        self.set_draft(dossier.synthese, edited=False)

    def set_draft(self, draft: SyntheseDraft, edited: bool = True) -> None:
        """Show `draft` (a prefill is saved like typing)."""
        self._loading = True
        fill_document(self.editor.document(), draft)
        self._loading = False
        self._update_counts()
        if edited:
            self._edited()
        else:
            self._preview_timer.start()

    def value(self) -> SyntheseDraft:
        return dataclasses.replace(read_document(self.editor.document()), validee_le=self._stored.validee_le)

    def set_mode(self, editable: bool, message: str, _is_current: bool = False, _only=None) -> None:
        self.editor.setReadOnly(not editable)
        for button in self.buttons.values():
            button.setEnabled(editable)
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    def _edited(self) -> None:
        if self._loading:
            return
        self._timer.start()
        self._preview_timer.start()
        self._update_counts()

    def _update_counts(self) -> None:
        draft = read_document(self.editor.document())
        self.words.setText(counted(sum(word_count(t) for t in text_of(draft)), "mot"))
        validated = self._stored.validee_le
        self.draft_state.setText(f"Validée le {validated:%d/%m/%Y}" if validated else
                                 f"Projet (filigrane « {DRAFT_MARK} »)")

    # -- saving ------------------------------------------------------------------------------------------
    def save_now(self) -> None:
        self._timer.stop()
        if self.editor.isReadOnly():
            return
        value = self.value()
        if value == self._stored:
            return
        try:
            self.repository.save_section(self.bilan_id, value, self.clock.now())
        except RuleViolation as exc:
            show_error(self.reasons, "\n".join(exc.problems))
            return
        self._stored = self.repository.load(self.bilan_id).synthese  # an edit may have undone a validation
        show_error(self.reasons, "")
        self._update_counts()
        self.status.setText(f"Enregistré à {self.clock.now():%H:%M}.")
        log.info("section saved: synthese")
        self.saved.emit()

    def validate(self) -> None:
        """The consultant has reread the synthèse: it is no longer a draft (until its text changes)."""
        self.save_now()
        if self.editor.isReadOnly() or not any(t.strip() for t in text_of(self._stored)):
            show_error(self.reasons, "La synthèse est vide : rédigez-la avant de la valider.")
            return
        validated = dataclasses.replace(self._stored, validee_le=self.clock.today())
        self.repository.save_section(self.bilan_id, validated, self.clock.now())
        self._stored = validated
        self._update_counts()
        self._preview_timer.start()
        self.saved.emit()

    def add_word(self, word: str) -> None:
        from ..storage.library import PersonalDictionary
        PersonalDictionary(self.repository.vault).add(word)
        if self.editor.checker is not None:
            self.editor.checker.add(word)
        self.editor.recheck()

    def _spelling_toggled(self, on: bool) -> None:
        self.editor.highlighter.enabled = on
        self.editor.recheck()

    # -- preview -------------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Build the PDF and render its pages on a worker thread; only the latest request is shown."""
        if not self.repository.vault.is_open:
            return
        self._generation += 1
        generation, draft = self._generation, self.value()
        width = max(PREVIEW_MIN_WIDTH, self.preview.viewport().width() - 24)  # a page as wide as the pane
        try:
            provider, beneficiary, dossier, today = self.context_factory()
        except Exception as exc:  # noqa: BLE001 — a preview never breaks the editor
            log.warning("preview context failed: %s", type(exc).__name__)
            return

        def work() -> None:
            try:
                pdf = synthese_pdf.build(provider, beneficiary, dossier, draft, today)
                preview = PdfPreview(pdf)
                pages = [preview.render(i, width) for i in range(len(preview))]
                preview.close()
            except Exception as exc:  # noqa: BLE001
                log.warning("preview failed: %s", type(exc).__name__)
                return
            try:
                self._delivery.ready.emit(generation, pages)
            except RuntimeError:  # the page was closed while the preview was being built
                pass

        threading.Thread(target=work, name="synthese-preview", daemon=True).start()

    def _show_preview(self, generation: int, pages: list) -> None:
        if generation != self._generation:
            return
        while len(self.preview_images) < len(pages):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pages.addWidget(label)
            self.preview_images.append(label)
        for index, label in enumerate(self.preview_images):
            label.setVisible(index < len(pages))
            if index < len(pages):
                page = pages[index]
                image = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888).copy()
                label.setPixmap(QPixmap.fromImage(image))
                label.setAccessibleName(f"Aperçu, page {index + 1}")

