"""The window of one bilan: a vertical stepper of the legal steps, one page per step, the sessions, and a
header with the beneficiary, the funding, the hours used out of 24 and the next deadline."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..documents import convocation
from ..documents.catalog import DocumentContext, DocumentKind
from ..domain.clock import Clock
from ..domain.funding import Funding
from ..domain.lifecycle import Step
from ..domain.registry import ORDER, PAGE_SECTION, SECTION_NAMES
from ..domain.richtext import fill_fields
from ..domain.rules import (
    deletion_problems,
    destroyed_day,
    edit_mode,
    end_validated,
    funding_lock,
    suspend_problems,
)
from ..domain.synthese import field_values, is_empty, prefill
from ..domain.workflow import (
    CLOSED,
    RuleViolation,
    applicable_steps,
    effective_step,
    step_states,
)
from ..services.bilans import BilanService
from ..services.satisfaction_forms import SatisfactionForms
from ..spelling import spell_checker
from ..storage.exports import ProviderRepository
from ..storage.library import ParagraphLibrary, PersonalDictionary
from . import dialogs
from .bilan_actions import ClosingActions
from .bilan_header import HeaderAndInfos
from .documents_page import DocumentsPage, PreviewDialog, export_flow
from .financement_page import FinancementPage
from .forms import LABEL_WIDTH
from .identity_page import IdentityPage
from .investigation_tools import InvestigationTools
from .paragraph_library import ParagraphLibraryDialog
from .retention_ui import EndOfBilanDialog
from .satisfaction_dialog import DETACHED, SatisfactionDialog
from .seances_page import SeancesPage
from .section_page import SectionPage
from .step_specs import PAGES
from .synthese_page import SynthesePage
from .widgets import button_row, make_action

REFRESH_MS = 60_000
MARKS = {"done": "✓", "current": "▶", "locked": "·", "closed": "✕"}
log = logging.getLogger(__name__)


def fitted(window: QWidget, width: int, height: int) -> QSize:
    """The preferred size, within the screen's available area (a 1366×768 laptop with its taskbar leaves about
    1366×728; the title bar takes some 30 pixels more)."""
    screen = window.screen()
    if screen is None:
        return QSize(width, height)
    area = screen.availableGeometry()
    return QSize(min(width, area.width()), min(height, area.height() - 32))


class BilanWindow(ClosingActions, HeaderAndInfos, QMainWindow):
    saved = Signal(int)
    edited = Signal(int)  # a page of this bilan saved something
    closed = Signal(int)
    retention_requested = Signal()

    def __init__(self, repository: BilanService, bilan_id: int, clock: Clock, parent=None):
        super().__init__(parent)
        self.setObjectName("bilanWindow")
        self.repository, self.bilan_id, self.clock = repository, bilan_id, clock
        self.dossiers = repository  # the service: every change goes through its rules
        self._destroyed: dict = {}
        self.dossier = self.dossiers.load(bilan_id)
        self.setWindowTitle(f"Bilan {self.dossier.reference} — Bilan Desktop")
        self.header = QLabel()
        self.header.setObjectName("bilanHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("background: #eef3f8; border: 1px solid #c9d6e3; padding: 8px; font-size: 11pt;")
        self.stepper = QListWidget()
        self.stepper.setObjectName("stepper")
        self.stepper.setAccessibleName("Étapes du bilan")
        self.stepper.setFixedWidth(250)
        self.stepper.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 7px 4px; }")
        self.stack = QStackedWidget()
        self.identity = IdentityPage(repository, bilan_id, clock)
        self.financement = FinancementPage(self.dossiers, bilan_id, clock)
        self.financement.saved.connect(self._page_saved)
        self.pages: dict[Step, SectionPage] = {}
        for step in ORDER:
            title, intro, specs = PAGES[step]
            page = SectionPage(step.value, PAGE_SECTION[step].cls, title, intro, specs, self.dossiers, bilan_id, clock)
            page.saved.connect(self._page_saved)
            page.advance_requested.connect(self.close_dossier if step is ORDER[-1] else self.advance)
            self.pages[step] = page
        self.pages[ORDER[-1]].next_button.setText("Clore le dossier…")  # the last step has no « next »
        self.pages[ORDER[-1]].next_button.setAccessibleName("Clore le dossier")
        self.seances = SeancesPage(self.dossiers, bilan_id, clock)
        self.seances.changed.connect(self._page_saved)
        self.seances.convocation_requested.connect(self.convocation)
        self.redaction = SynthesePage(self.dossiers, bilan_id, clock, self.preview_context,
                                      spell_checker(PersonalDictionary(repository.vault).words()))
        self.redaction.saved.connect(self._page_saved)
        self.redaction.prefill_requested.connect(self.prefill_synthese)
        self.redaction.library_requested.connect(self.insert_paragraph)
        self.tools = InvestigationTools(self.dossiers, bilan_id, clock, self.flush)
        self.tools.changed.connect(self._page_saved)
        self.pages[Step.PHASE_INVESTIGATION].extra.addWidget(self.tools)
        self.documents = DocumentsPage(self.document_context, bilan_id, repository.vault, clock)
        self.identity.saved.connect(self._page_saved)
        self._add_extras()
        self._items: list[tuple[QListWidgetItem, QWidget]] = []
        self._add_item("Identité et coordonnées", self.identity)
        self._add_item("Contrat et financement", self.financement)
        for step in ORDER:
            self._add_item(step.label, self.pages[step], step)
        self._add_item("Séances", self.seances)
        self._add_item("Rédaction de la synthèse", self.redaction)
        self._add_item("Documents", self.documents)
        self.stepper.currentRowChanged.connect(self._show_row)
        body = QHBoxLayout()
        body.addWidget(self.stepper)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu("&Bilan")
        self.abandon_action = make_action(self, "Déclarer l'abandon du bilan…", self.declare_abandon)
        self.confirm_refus_action = make_action(self, "Confirmer le refus réputé…", self.confirm_refus)
        self.pause_action = make_action(self, "Mettre en pause", self.toggle_pause)
        self.delete_action = make_action(self, "Supprimer ce dossier (prospect sans suite)…", self.delete_prospect)
        self.close_dossier_action = make_action(self, "Clore le dossier…", self.close_dossier)
        for action in (self.abandon_action, self.confirm_refus_action, self.pause_action, self.delete_action,
                       self.close_dossier_action, make_action(self, "&Fermer", self.close, "Ctrl+W")):
            menu.addAction(action)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()
        self.select(effective_step(self.dossier, clock.today()))
        self.resize(fitted(self, 1100, 760))

    # -- construction ------------------------------------------------------------------------------
    def _add_item(self, text: str, page: QWidget, step: Step | None = None) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, step.value if step else None)
        self.stepper.addItem(item)
        self.stack.addWidget(page)
        self._items.append((item, page))

    def _add_extras(self) -> None:
        self.funding = QComboBox()
        self.funding.setAccessibleName("Financement")
        for funding in Funding:
            self.funding.addItem(funding.label, funding.value)
        self.funding.setCurrentIndex(self.funding.findData(self.dossier.funding.value))
        self.funding.currentIndexChanged.connect(self._funding_changed)
        row = QFormLayout()
        label = QLabel("Financement\u00a0:")
        label.setBuddy(self.funding)
        label.setFixedWidth(LABEL_WIDTH)
        row.addRow(label, self.funding)
        holder = QWidget()
        holder.setLayout(row)
        self.pages[Step.ENTRETIEN_PREALABLE].extra.addWidget(holder)
        # satisfaction: typed in a dialog; at six months also sent as a PDF form and imported back — one row each
        cold = (("PDF à remplir…", "Questionnaire à froid à remplir (PDF)", self.send_cold_form),
                ("Importer le PDF rempli…", "Importer un questionnaire rempli", self.import_cold_form))
        for step, kind, title, more in ((Step.PHASE_CONCLUSION, "fin", "à chaud", ()),
                                        (Step.ENTRETIEN_SUIVI, "suivi", "à froid", cold)):
            self.pages[step].extra.addWidget(button_row(
                (("Saisir les réponses…", f"Questionnaire de satisfaction ({kind})",
                  lambda _c=False, k=kind: self.open_satisfaction(k)), *more), f"Satisfaction {title}\u00a0:"))

    # -- navigation ---------------------------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.stack.setCurrentWidget(self._items[row][1])

    def select(self, step: Step) -> None:
        for row, (item, _page) in enumerate(self._items):
            if item.data(Qt.ItemDataRole.UserRole) == step.value and not item.isHidden():
                self.stepper.setCurrentRow(row)
                return

    def show_page(self, name: str) -> None:
        """A step's value, or « seances », « redaction », « financement », « documents » ('' leaves it as it is)."""
        if name in {step.value for step in Step}:
            self.select(Step(name))
            return
        widget = {"seances": self.seances, "redaction": self.redaction, "financement": self.financement,
                  "documents": self.documents}.get(name)
        for row, (_item, page) in enumerate(self._items):
            if widget is not None and page is widget:
                self.stepper.setCurrentRow(row)

    def page_for(self, step: Step) -> SectionPage:
        return self.pages[step]

    # -- state ----------------------------------------------------------------------------------------
    def _page_saved(self) -> None:
        self.refresh()
        self.edited.emit(self.bilan_id)  # the home (list, « À faire », agenda) follows when next shown

    def refresh(self) -> None:
        if not self.repository.vault.is_open:  # locked meanwhile: this window is closing
            return
        today = self.clock.today()
        self.dossier = d = self.dossiers.load(self.bilan_id)
        current = effective_step(d, today)
        states = {s.step: s for s in step_states(d, today)}
        applicable = applicable_steps(d)
        destroyed = self._destroyed = self.dossiers.destroyed_on(self.bilan_id)
        for item, _widget in self._items:
            value = item.data(Qt.ItemDataRole.UserRole)
            if value is None:
                continue
            step = Step(value)
            page = self.pages[step]
            item.setHidden(step not in applicable)
            state = states.get(step)
            if state is None:
                continue
            item.setText(f"{MARKS[state.state]}  {step.label}")
            item.setToolTip(state.reason)
            item.setForeground(QBrush(QColor("#888888" if state.state in ("locked", "closed") else "#000000")))
            name = SECTION_NAMES[page.cls]
            mode = edit_mode(d, name, today, state.state in ("done", "current"), destroyed_day(name, destroyed),
                             state.reason if state.state in ("locked", "closed") else "")
            if not page.has_pending_edits:
                page.load(d)
            page.set_mode(mode.editable, mode.message, state.state == "current", mode.only)
        self.funding.setEnabled(not funding_lock(d, today))
        self.abandon_action.setEnabled(current not in CLOSED and not end_validated(d))
        paused = d.cloture.suspendu_le is not None
        self.pause_action.setText("Reprendre le bilan" if paused else "Mettre en pause")
        self.pause_action.setEnabled(paused or not suspend_problems(d, today))
        self.close_dossier_action.setEnabled(end_validated(d) and d.cloture.clos_le is None and current not in CLOSED)
        self.confirm_refus_action.setEnabled(current is Step.REFUS_REPUTE and d.cloture.refus_confirme_le is None)
        self.delete_action.setEnabled(not deletion_problems(d, today))
        self.seances.load(d, current)
        if not self.financement.has_pending_edits:
            self.financement.load(d)
        contract = edit_mode(d, "financement", today)
        self.financement.set_mode(contract.editable, contract.message, False, contract.only)
        self.financement.show_route(d)
        if not self.redaction.has_pending_edits:
            self.redaction.load(d)
        redaction = edit_mode(d, "synthese", today, destroyed_on=destroyed_day("synthese", destroyed))
        self.redaction.set_mode(redaction.editable, redaction.message, False)
        self.documents.load(d, destroyed)
        self.tools.load(d, self.pages[Step.PHASE_INVESTIGATION].form.isEnabled())
        self._update_infos(current)
        self._update_header(current)

    # -- actions ---------------------------------------------------------------------------------------
    def advance(self) -> None:
        self.flush()
        page = self.pages.get(effective_step(self.dossier, self.clock.today()))
        try:
            target = self.dossiers.next_step(self.bilan_id, self.clock.today())
        except RuleViolation as exc:
            if page is not None:
                page.show_reasons(exc.problems)
            return
        ending = target is Step.ENTRETIEN_SUIVI
        end_dialog = EndOfBilanDialog(self.dossier, lambda: self.documents.export(DocumentKind.SYNTHESE), self)
        if ending and dialogs.launch(end_dialog) != QDialog.DialogCode.Accepted:
            return
        target = self.dossiers.advance(self.bilan_id, self.clock.now())
        if ending:
            self.retention_requested.emit()  # R6313-7: at the end of the bilan, not later
        self.refresh()
        self.select(target)
        self.saved.emit(self.bilan_id)

    def _funding_changed(self) -> None:
        try:
            self.dossiers.set_funding(self.bilan_id, Funding(self.funding.currentData()), self.clock.now())
        except RuleViolation as exc:
            dialogs.error(self, "Financement", " ".join(exc.problems))
        self.refresh()
        self.saved.emit(self.bilan_id)

    def send_cold_form(self) -> None:
        """The six-month questionnaire as a PDF form the beneficiary fills in any PDF reader and sends back."""
        pdf = SatisfactionForms(self.dossiers).issue(self.bilan_id, self.clock.today())
        export_flow(self, DocumentKind.QUESTIONNAIRE, pdf, self.bilan_id, self.dossier.reference,
                    self.repository.vault, self.clock)

    def import_cold_form(self) -> None:
        path = dialogs.choose_open_file(self, "Importer un questionnaire rempli", "Formulaire PDF (*.pdf)")
        if not path:
            return
        try:
            reference, _marks = SatisfactionForms(self.dossiers).import_file(path, self.clock.today())
        except OSError:
            dialogs.error(self, "Import impossible", "Le fichier n'a pas pu être lu.")
            return
        except RuleViolation as exc:
            dialogs.error(self, "Import refusé", " ".join(exc.problems))
            return
        source = self.dossiers.bilan_id_of(reference)
        detached = f" {DETACHED}" if source is not None and self.dossiers.destroyed_on(source) else ""
        dialogs.inform(self, "Questionnaire importé", f"Les réponses du questionnaire à froid ({reference}) sont "
                                                      f"enregistrées ; le fichier reçu peut être supprimé.{detached}")

    def open_satisfaction(self, kind: str) -> None:
        dialog = SatisfactionDialog(kind, self.dossiers.satisfaction(self.bilan_id, kind), self)
        if dialogs.launch(dialog) != QDialog.DialogCode.Accepted:
            return
        try:  # after the content's destruction: stored detached from the person, and said so
            if self.dossiers.save_satisfaction(self.bilan_id, kind, dialog.answers, dialog.comment.toPlainText(),
                                               self.clock.today()):
                dialogs.inform(self, "Questionnaire de satisfaction", DETACHED)
        except RuleViolation as exc:
            dialogs.error(self, "Questionnaire de satisfaction", " ".join(exc.problems))

    # -- documents --------------------------------------------------------------------------------------
    def document_context(self) -> DocumentContext:
        self.flush()
        return DocumentContext(ProviderRepository(self.repository.vault).load(),
                               self.repository.beneficiary(self.bilan_id), self.dossiers.load(self.bilan_id),
                               self.clock.today())

    def preview_context(self):
        """What the synthèse's live preview needs, read on the GUI thread (no pending edit flushed)."""
        return (ProviderRepository(self.repository.vault).load(), self.repository.beneficiary(self.bilan_id),
                self.dossiers.load(self.bilan_id), self.clock.today())

    def prefill_synthese(self) -> None:
        if not is_empty(self.redaction.value()) and not dialogs.confirm(
                self, "Pré-remplir la synthèse", "Remplacer la rédaction actuelle par un texte tiré du dossier ?"):
            return
        self.redaction.set_draft(prefill(self.dossiers.load(self.bilan_id)))
        self.redaction.save_now()

    def insert_paragraph(self) -> None:
        dialog = ParagraphLibraryDialog(ParagraphLibrary(self.repository.vault), self.clock, self)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted and dialog.chosen:
            self.redaction.editor.insert_markup(fill_fields(dialog.chosen, field_values(
                self.repository.beneficiary(self.bilan_id), self.dossiers.load(self.bilan_id),
                ProviderRepository(self.repository.vault).load())))

    def convocation(self, seance) -> None:
        ctx = self.document_context()
        pdf = convocation.build(ctx.provider, ctx.beneficiary, ctx.dossier.reference, seance,
                                convocation.DEFAULT_TO_BRING, ctx.today)
        if dialogs.launch(PreviewDialog(DocumentKind.CONVOCATION.label, pdf, self)) == QDialog.DialogCode.Accepted:
            export_flow(self, DocumentKind.CONVOCATION, pdf, self.bilan_id, ctx.dossier.reference,
                        self.repository.vault, self.clock)

    def window_pages(self) -> list[QWidget]:
        """The stepper's pages, the one list that the save before a close, a quit or a lock iterates (DESIGN.md §4):
        a page added cannot be left out. A page saving typed text after a pause has `has_pending_edits`, `save_now`."""
        return [page for _item, page in self._items]

    def flush(self) -> None:
        for page in self.window_pages():
            if getattr(page, "has_pending_edits", False):
                page.save_now()  # type: ignore[attr-defined]

    @property
    def has_pending_edits(self) -> bool:
        return any(getattr(page, "has_pending_edits", False) for page in self.window_pages())

    def closeEvent(self, event) -> None:  # noqa: N802
        self.flush()
        self._timer.stop()
        self.closed.emit(self.bilan_id)
        super().closeEvent(event)
