"""Documents of a bilan: preview in memory, export where the consultant chooses, every export logged."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..documents import catalog, certificat, office
from ..documents.catalog import BILAN_DOCUMENTS, DocumentKind, file_name
from ..documents.preview import PdfPreview
from ..domain.sharing import Destination, destinations, export_problems, needs_agreement
from ..domain.synthese import DRAFT_MARK
from ..domain.text import counted
from ..domain.workflow import RuleViolation
from ..services.documents import DocumentService, availability, destroyed_on
from ..services.outputs import OutputRefused
from ..storage.exports import ExportLog, ProviderRepository
from . import dialogs
from .background import run_in_background
from .widgets import error_label, show_error

log = logging.getLogger(__name__)


class PreviewDialog(QDialog):
    """The PDF's pages as images, rendered in memory; the first at once, the others right after."""

    def __init__(self, title: str, pdf: bytes, parent=None):
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setWindowTitle(f"Aperçu — {title}")
        self.preview = PdfPreview(pdf)
        self.pages = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.pages)
        holder.setStyleSheet("background: #777;")
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.count = QLabel(counted(len(self.preview), "page"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("Exporter…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 900)
        self.labels: list[QLabel] = []
        self._next = 0
        self.render_next()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.render_next)
        self._timer.start(0)

    def render_next(self) -> None:
        if self._next >= len(self.preview):
            if hasattr(self, "_timer"):
                self._timer.stop()
            return
        page = self.preview.render(self._next, 700)
        image = QImage(page.rgb, page.width, page.height, page.width * 3, QImage.Format.Format_RGB888).copy()
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        label.setAccessibleName(f"Page {self._next + 1}")
        self.pages.addWidget(label)
        self.labels.append(label)
        self._next += 1

    def done(self, result: int) -> None:
        self._timer.stop()
        self.preview.close()
        super().done(result)


class ExportDialog(QDialog):
    """To whom the document goes: the destinations that make sense for it. The results and the synthèse go to
    anyone but the beneficiary only with their written agreement (art. L6313-4)."""

    def __init__(self, kind: DocumentKind, parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Exporter — {kind.label}")
        self.kind = kind
        self.choices = destinations(kind.value)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Destination de ce document\u00a0:"))
        for index, destination in enumerate(self.choices):
            button = QRadioButton(destination.label)
            button.setAccessibleName(destination.label)
            self.group.addButton(button, index)
            layout.addWidget(button)
        self.group.button(0).setChecked(True)
        self.agreement = QCheckBox("L'accord écrit du bénéficiaire pour cette transmission est recueilli"
                                   if kind.value != "synthese" else
                                   "L'accord écrit (ou la demande) du bénéficiaire pour cette transmission est recueilli")
        self.agreement.setAccessibleName("Accord écrit du bénéficiaire")
        layout.addWidget(self.agreement)
        self.cep_note = QLabel("La transmission à l'opérateur du CEP, à la demande du bénéficiaire, est notée au "
                               "dossier : la synthèse est alors conservée (art. R6313-7).")
        self.cep_note.setWordWrap(True)
        layout.addWidget(self.cep_note)
        note = QLabel("Une copie de travail est notée avec son emplacement : elle sera supprimée à la destruction "
                      "des documents du bilan. Le fichier ne porte pas le nom du bénéficiaire.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = error_label("exportError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choisir le fichier…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.idToggled.connect(lambda _i, _on: self._update())
        self._update()

    def _update(self) -> None:
        """The agreement is asked only where the law asks for it."""
        self.agreement.setVisible(needs_agreement(self.kind.value, self.destination))
        self.cep_note.setVisible(self.destination is Destination.CEP)

    @property
    def destination(self) -> Destination:
        return self.choices[max(0, self.group.checkedId())]

    def accept(self) -> None:
        problems = export_problems(self.kind.value, self.destination, self.agreement.isChecked())
        if problems:
            show_error(self.error, " ".join(problems))
            return
        super().accept()


FILTERS = {".pdf": "Document PDF (*.pdf)", ".docx": "Document Word (*.docx)", ".odt": "Document LibreOffice (*.odt)"}


def export_flow(parent, kind: DocumentKind, pdf: bytes, bilan_id: int | None, reference: str, vault,
                clock, convert=None) -> bool:
    """`convert(extension)`: the document as .docx or .odt (the synthèse and the detailed results)."""
    chooser = ExportDialog(kind, parent)
    if dialogs.launch(chooser) != QDialog.DialogCode.Accepted:
        return False
    destination = chooser.destination
    extensions = list(FILTERS) if convert is not None else [".pdf"]
    target = dialogs.choose_save_file(parent, f"Exporter — {kind.label}", ";;".join(FILTERS[e] for e in extensions),
                                      file_name(kind, reference), folder=export_folder(vault))
    if not target:
        return False
    extension = Path(target).suffix.lower()
    chosen = dialogs.confirm_target(parent, Path(target) if extension in extensions else Path(target + ".pdf"))
    if chosen is None:
        return False
    path = chosen.path
    try:
        data = pdf if path.suffix.lower() == ".pdf" or convert is None else convert(path.suffix.lower())
        DocumentService(vault).export(kind.value, data, bilan_id, reference, destination,
                                      chooser.agreement.isChecked(), path, clock.now(), chosen.replace)
    except RuleViolation as exc:
        dialogs.error(parent, "Export refusé", " ".join(exc.problems))
        return False
    except OutputRefused as exc:
        dialogs.error(parent, "Export refusé", exc.user_message)
        return False
    except OSError as exc:
        log.warning("export failed: %s", type(exc).__name__)
        dialogs.error(parent, "Export impossible", "Le document n'a pas pu être écrit (disque plein, dossier protégé "
                                                   "ou support retiré ?).")
        return False
    dialogs.inform(parent, "Document exporté", f"{kind.label} : {destination.label.lower()}. L'export est noté dans "
                                               "le dossier (sans son contenu).")
    return True


def export_folder(vault) -> str:
    """The export folder chosen in Paramètres (kept in the vault: a folder's name may say too much)."""
    folder = ProviderRepository(vault).load().dossier_export if vault.is_open else ""
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def ready_text(kind: DocumentKind, dossier, today) -> str:
    """What the consultant will get, when it is not obvious from the document's name."""
    if kind is DocumentKind.CONTRAT:
        return f"Prêt : {dossier.funding.contract.label}."
    if kind is DocumentKind.SYNTHESE and dossier.synthese.validee_le is None:
        return (f"Projet : la synthèse n'est pas encore validée (page « Rédaction »), chaque page porte "
                f"« {DRAFT_MARK} ».")
    if kind is DocumentKind.SYNTHESE:
        return f"Prête : validée le {dossier.synthese.validee_le:%d/%m/%Y}."
    if kind is DocumentKind.CERTIFICAT and not certificat.is_final(dossier, today):
        return "Prêt : attestation intermédiaire (heures réalisées à ce jour ; le bilan n'est pas terminé)."
    return "Prêt."


class DocumentsPage(QWidget):
    """One row per document: whether it can be produced, a preview and an export button."""

    def __init__(self, context_factory, bilan_id: int, vault, clock, parent=None):
        super().__init__(parent)
        self.setObjectName("page_documents")
        self.context_factory = context_factory
        self.bilan_id, self.vault, self.clock = bilan_id, vault, clock
        self.grid = QGridLayout()
        self.rows: dict[DocumentKind, tuple[QLabel, QPushButton, QPushButton]] = {}
        for row, kind in enumerate(BILAN_DOCUMENTS):
            status = QLabel()
            status.setWordWrap(True)
            preview = QPushButton("Aperçu")
            preview.setAccessibleName(f"Aperçu — {kind.label}")
            preview.clicked.connect(lambda _c=False, k=kind: self.preview(k))
            export = QPushButton("Exporter…")
            export.setAccessibleName(f"Exporter — {kind.label}")
            export.clicked.connect(lambda _c=False, k=kind: self.export(k))
            self.grid.addWidget(QLabel(f"<b>{kind.label}</b>"), row, 0)
            self.grid.addWidget(status, row, 1)
            self.grid.addWidget(preview, row, 2)
            self.grid.addWidget(export, row, 3)
            self.rows[kind] = (status, preview, export)
        self.grid.setColumnStretch(1, 1)
        self.history = QLabel()
        self.history.setObjectName("exportHistory")
        self.history.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Documents</h2>"))
        intro = QLabel("Les documents sont construits à la demande et affichés sans jamais être écrits en clair sur "
                       "le disque ; seul l'export les enregistre, à l'endroit choisi, et il est noté dans le dossier.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.provider_warning = QLabel()
        self.provider_warning.setObjectName("providerWarning")
        self.provider_warning.setWordWrap(True)
        self.provider_warning.setStyleSheet("background: #fff4e5; border: 1px solid #f0b429; padding: 6px;")
        layout.addWidget(self.provider_warning)
        layout.addLayout(self.grid)
        layout.addWidget(QLabel("<h3>Exports</h3>"))
        layout.addWidget(self.history)
        layout.addStretch(1)

    def load(self, dossier, destroyed: dict | None = None) -> None:
        """`destroyed`: category value -> day, from the destruction register (read here when not given)."""
        destroyed = destroyed if destroyed is not None else destroyed_on(self.vault, self.bilan_id)
        missing = ProviderRepository(self.vault).load().missing
        self.provider_warning.setText("À renseigner une fois pour toutes dans Fichier › Paramètres › Organisme, pour "
                                      "qu'ils figurent sur les documents : " + ", ".join(missing) + "." if missing else "")
        self.provider_warning.setVisible(bool(missing))
        for kind, (status, preview, export) in self.rows.items():
            reason = " ".join(availability(kind.value, dossier, destroyed))  # the service's own answer
            status.setText(reason or ready_text(kind, dossier, self.clock.today()))
            preview.setEnabled(not reason)
            export.setEnabled(not reason)
        entries = ExportLog(self.vault).entries(self.bilan_id)
        labels = {k.value: k.label for k in DocumentKind}
        self.history.setText("<br/>".join(
            f"{e.exported_at:%d/%m/%Y %H:%M} — {labels.get(e.document, e.document)} — {e.destination.label}"
            for e in entries) or "Aucun export pour l'instant.")

    def _build(self, kind: DocumentKind) -> bytes | None:
        """reportlab's messages carry the user's text: only the exception's type is logged."""
        try:
            context = self.context_factory()  # read from the vault here, on the GUI thread
            return run_in_background(catalog.build, kind, context)  # laid out on a worker thread
        except Exception as exc:  # noqa: BLE001 — any failure of the layout engine
            log.error("document build failed: %s, %s", kind.value, type(exc).__name__)
            dialogs.error(self, "Document impossible à construire",
                          f"{kind.label} : le document n'a pas pu être construit. Les données du dossier sont "
                          "intactes ; signalez le problème avec l'heure à laquelle il s'est produit.")
            return None

    def preview(self, kind: DocumentKind) -> None:
        pdf = self._build(kind)
        if pdf is None:
            return
        dialog = PreviewDialog(kind.label, pdf, self)
        if dialogs.launch(dialog) == QDialog.DialogCode.Accepted:
            self._export(kind, pdf)

    def export(self, kind: DocumentKind) -> None:
        pdf = self._build(kind)
        if pdf is not None:
            self._export(kind, pdf)

    def _export(self, kind: DocumentKind, pdf: bytes) -> None:
        context = self.context_factory()
        convert = (lambda extension: office.render(kind.value, context, extension)) \
            if kind.value in office.EDITABLE else None
        if export_flow(self, kind, pdf, self.bilan_id, context.dossier.reference, self.vault, self.clock, convert):
            self.load(context.dossier)
