"""« Registres »: complaints and improvement actions (Qualiopi indicators 31 and 32), kept in the vault, printed or
exported without any name (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..domain.registers import Amelioration, Reclamation, complaint_problems
from ..services.outputs import OutputRefused, write_file
from ..storage.exports import ProviderRepository
from ..storage.registers import RegisterRepository
from . import dialogs
from .list_editor import ListEditor
from .widgets import autosave_timer, button_row, error_label, show_error

COMPLAINTS = (("recue_le", "Reçue le"), ("canal", "Canal"), ("objet", "Objet"), ("reponse", "Réponse apportée"),
              ("close_le", "Close le"), ("bilan", "Bilan (jamais imprimé)"))
ACTIONS = (("source", "Source"), ("action", "Action"), ("responsable", "Responsable"), ("echeance", "Échéance"),
           ("statut", "Statut"))


class RegistersPage(QWidget):
    def __init__(self, vault, clock, parent=None):
        super().__init__(parent)
        self.setObjectName("registersPage")
        self.vault, self.clock = vault, clock
        self.complaints = ListEditor(Reclamation, COMPLAINTS, "Réclamations")
        self.improvements = ListEditor(Amelioration, ACTIONS, "Actions d'amélioration")
        self.error = error_label("registersError")
        self.status = QLabel()
        buttons = button_row((("Imprimer (PDF)…", "Registres — Imprimer (PDF)", self.export_pdf),
                              ("Exporter (CSV)…", "Registres — Exporter (CSV)", self.export_csv)))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Registres qualité</h2>"))
        layout.addWidget(QLabel("<h3>Réclamations (indicateur 31)</h3>"))
        layout.addWidget(self.complaints, 1)
        layout.addWidget(QLabel("<h3>Actions d'amélioration (indicateur 32)</h3>"))
        layout.addWidget(self.improvements, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        layout.addWidget(self.status)
        self._timer = autosave_timer(self, self.save_now)
        self.complaints.edited.connect(self._timer.start)
        self.improvements.edited.connect(self._timer.start)

    @property
    def has_pending_edits(self) -> bool:
        return self._timer.isActive()

    def load(self) -> None:
        if not self.vault.is_open:
            return
        repository = RegisterRepository(self.vault)
        self.complaints.set_items(repository.load("reclamations"))
        self.improvements.set_items(repository.load("ameliorations"))

    def save_now(self) -> None:
        """Saved a second after the last edit; an invalid list is kept on screen with the reason, never lost."""
        self._timer.stop()
        try:
            complaints, actions = self.complaints.items(), self.improvements.items()
        except ValueError as exc:
            show_error(self.error, str(exc))
            return
        problems = complaint_problems(complaints, self.clock.today())
        if problems:
            show_error(self.error, "\n".join(problems))
            return
        repository = RegisterRepository(self.vault)
        repository.save("reclamations", complaints, self.clock.now())
        repository.save("ameliorations", actions, self.clock.now())
        show_error(self.error, "")
        self.status.setText(f"Enregistré à {self.clock.now():%H:%M}.")

    def _export(self, title: str, name_filter: str, suggested: str, data) -> None:
        self.save_now()
        chosen = dialogs.choose_save_path(self, title, name_filter, suggested)
        if chosen is None:
            return
        path = chosen.path
        try:
            write_file(self.vault, path, data(), chosen.replace)
        except OutputRefused as exc:
            dialogs.error(self, "Export refusé", exc.user_message)
            return
        except OSError:
            dialogs.error(self, "Export impossible", "Le fichier n'a pas pu être écrit.")
            return
        dialogs.inform(self, "Registres exportés", f"Écrit : {path.name}. Aucun nom ni référence de bilan n'y figure.")

    def export_pdf(self) -> None:
        from ..documents import registers_pdf  # reportlab loads when a document is made, not at start-up
        repository = RegisterRepository(self.vault)
        self._export("Imprimer les registres", "Document PDF (*.pdf)", "registres.pdf", lambda: registers_pdf.build(
            ProviderRepository(self.vault).load(), repository.load("reclamations"), repository.load("ameliorations"),
            self.clock.today()))

    def export_csv(self) -> None:
        from ..documents import registers_pdf
        repository = RegisterRepository(self.vault)
        self._export("Exporter les registres", "Tableur (*.csv)", "registres.csv", lambda: registers_pdf.to_csv(
            repository.load("reclamations"), repository.load("ameliorations")).encode("utf-8-sig"))
