"""Destruction in the interface: the end-of-bilan confirmation, the journal of destructions and its
procès-verbaux, and the status of a destruction still pending."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..documents import pv_destruction
from ..documents.catalog import DocumentKind
from ..domain.dates import long_date, short_date
from ..domain.retention import KEPT, schedule
from ..domain.sections import Conservation
from ..domain.workflow import Dossier, retention_end
from ..services import copies
from ..services.bilans import BilanService
from ..storage.exports import ProviderRepository
from ..storage.retention import RetentionEngine
from . import dialogs
from .documents_page import PreviewDialog, export_flow
from .outside_ui import outside_text
from .widgets import ok_cancel

COPIES_NOTICE = ("Les copies de ces documents exportées depuis l'application (pour vous, pour le bénéficiaire ou pour un "
                 "tiers) sont supprimées de cet ordinateur au même moment, même renommées ou déplacées à côté : "
                 "remettez ou envoyez la synthèse avant de confirmer. Celles qui ont été modifiées ou que "
                 "l'application ne retrouve pas sont listées dans le journal des destructions.")


def end_message(dossier: Dossier) -> str:
    """Exactly what the end of the bilan destroys, and when."""
    fin = dossier.fin_du_bilan
    kept_until = retention_end(fin)
    if fin.conservation is Conservation.ACCORD_SUIVI and kept_until is not None:
        return (f"Avec l'accord écrit du bénéficiaire, les documents du bilan sont conservés jusqu'au "
                f"{long_date(kept_until)} inclus pour le suivi de sa situation, puis détruits.")
    now = [d for d in schedule(dossier) if d.since <= (fin.date_fin or dt.date.max)]
    later = [d for d in schedule(dossier) if d not in now]
    lines = ["À la confirmation, les documents suivants seront détruits définitivement (art. R6313-7)\u00a0:"]
    if fin.accord_retire_le is not None:
        lines.insert(0, f"L'accord de conservation a été retiré par le bénéficiaire le {long_date(fin.accord_retire_le)}"
                        " : plus rien n'est conservé au-delà de la fin du bilan.")
    lines += [f"• {d.category.label}" for d in now]
    lines += [f"• plus tard, le {long_date(d.since)} : {d.category.label}" for d in later]
    lines.append(COPIES_NOTICE)
    lines.append(KEPT)
    return "\n".join(lines)


class EndOfBilanDialog(QDialog):
    """The last chance to hand the synthèse over; there is no « keep anyway »."""

    def __init__(self, dossier: Dossier, export_synthese, parent=None):
        super().__init__(parent)
        self.setObjectName("endOfBilanDialog")
        self.setWindowTitle("Fin du bilan")
        self.message = QLabel(end_message(dossier))
        self.message.setWordWrap(True)
        self.message.setObjectName("endMessage")
        export = QPushButton("Exporter la synthèse pour le bénéficiaire…")
        export.setAccessibleName("Exporter la synthèse pour le bénéficiaire")
        export.clicked.connect(export_synthese)
        buttons = ok_cancel(self, "Confirmer la fin du bilan")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(export)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


class JournalDialog(QDialog):
    """Journal des destructions: date, reference, legal basis, categories — never a name or a content."""

    def __init__(self, vault, clock, offvault: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("journalDialog")
        self.setWindowTitle("Journal des destructions")
        self.vault, self.clock = vault, clock
        self.entries = RetentionEngine(vault).register()
        self.table = QTableWidget(len(self.entries), 4)
        self.table.setAccessibleName("Journal des destructions")
        self.table.setHorizontalHeaderLabels(["Date", "Bilan", "Fondement", "Catégories détruites"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, e in enumerate(self.entries):
            for column, text in enumerate((short_date(e.destroyed_on), e.reference, e.legal_basis,
                                           " ; ".join(e.labels))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        record = QPushButton("Procès-verbal…")
        record.setAccessibleName("Procès-verbal de destruction")
        record.clicked.connect(self.record)
        self.copies = QLabel()
        self.copies.setObjectName("offvaultCopies")
        self.copies.setTextFormat(Qt.TextFormat.PlainText)  # paths chosen by the consultant: shown as they are
        self.copies.setWordWrap(True)
        self.copies.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton("Faire une sauvegarde maintenant…")
        self.backup_button.setAccessibleName("Faire une sauvegarde maintenant")
        self.backup_button.clicked.connect(self.back_up_now)
        self.dismiss_button = QPushButton("Je les ai traités : retirer de la liste")
        self.dismiss_button.setAccessibleName("Retirer de la liste les fichiers traités")
        self.dismiss_button.clicked.connect(self.dismiss)
        self.refresh_outside()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Chaque destruction est notée ici, sans aucun contenu ni nom."))
        layout.addWidget(self.table, 1)
        layout.addWidget(record)
        layout.addWidget(self.copies)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.dismiss_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def refresh_outside(self) -> None:
        status = copies.outside_status(self.vault)
        self.copies.setText(outside_text(status))
        self.backup_button.setVisible(bool(status.holding))
        self.dismiss_button.setVisible(status.to_deal_with)

    def back_up_now(self) -> None:
        from .backup_ui import backup_flow
        backup_flow(self, self.vault, self.clock)
        self.refresh_outside()

    def dismiss(self) -> None:
        if dialogs.confirm(self, "Retirer de la liste", "Avez-vous supprimé (ou mis hors de cet ordinateur selon la "
                           "règle) les copies et sauvegardes listées ? Elles ne seront plus listées ni recherchées."):
            copies.dismiss(self.vault)
            self.refresh_outside()

    def record(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            return
        e = self.entries[row]
        pdf = pv_destruction.build(ProviderRepository(self.vault).load(), pv_destruction.DestructionRecord(
            e.reference, e.destroyed_on, e.legal_basis, e.labels))
        if dialogs.launch(PreviewDialog(DocumentKind.PV.label, pdf, self)) == QDialog.DialogCode.Accepted:
            bilan_id = BilanService(self.vault).bilan_id_of(e.reference)
            export_flow(self, DocumentKind.PV, pdf, bilan_id, e.reference, self.vault, self.clock)
