"""« Bibliothèque de paragraphes »: the consultant's reusable texts, kept in the vault (not per bilan), with fields
filled from the record when inserted: {prénom}, {nom}, {date_début}, {date_fin}, {projet}, {consultant}."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ..domain.synthese import STARTER_PARAGRAPHS
from ..storage.library import Paragraph, ParagraphLibrary
from . import dialogs
from .widgets import error_label, show_error

FIELDS_HELP = ("Champs remplis à l'insertion : {prénom}, {nom}, {date_début}, {date_fin}, {projet}, {consultant}. "
               "Mise en forme : **gras**, *italique*, « - » en début de ligne pour une puce.")


class ParagraphLibraryDialog(QDialog):
    def __init__(self, library: ParagraphLibrary, clock, parent=None):
        super().__init__(parent)
        self.setObjectName("paragraphLibrary")
        self.setWindowTitle("Bibliothèque de paragraphes")
        self.library, self.clock = library, clock
        self.chosen: str | None = None
        self.list = QListWidget()
        self.list.setAccessibleName("Paragraphes de la bibliothèque")
        self.list.currentRowChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _i: self.insert())
        self.title = QLineEdit()
        self.title.setAccessibleName("Titre du paragraphe")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Texte du paragraphe")
        self.text.setTabChangesFocus(True)
        self.error = error_label("libraryError")
        help_label = QLabel(FIELDS_HELP)
        help_label.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, label, slot in (("new", "Nouveau", self.new), ("save", "Enregistrer", self.save),
                                 ("delete", "Supprimer", self.delete), ("starters", "Ajouter des modèles",
                                                                        self.add_starters)):
            button = QPushButton(label)
            button.setAccessibleName(f"{label} — paragraphe")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = box.addButton("Insérer dans la synthèse", QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.insert)
        box.rejected.connect(self.reject)
        editor = QVBoxLayout()
        editor.addWidget(QLabel("Titre\u00a0:"))
        editor.addWidget(self.title)
        editor.addWidget(QLabel("Texte\u00a0:"))
        editor.addWidget(self.text, 1)
        editor.addWidget(help_label)
        editor.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(editor, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.resize(860, 480)
        self.items: list[Paragraph] = []
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.items = self.library.all()
        self.list.clear()
        for paragraph in self.items:
            self.list.addItem(QListWidgetItem(paragraph.titre))
        self.buttons["starters"].setVisible(not self.items)  # an empty library offers three to start from
        row = next((i for i, p in enumerate(self.items) if p.id == select), 0 if self.items else -1)
        self.list.setCurrentRow(row)
        if row < 0:
            self.new()

    def _current(self) -> Paragraph | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self, _row: int) -> None:
        current = self._current()
        self.title.setText(current.titre if current else "")
        self.text.setPlainText(current.texte if current else "")

    def new(self) -> None:
        self.list.setCurrentRow(-1)
        self.title.clear()
        self.text.clear()
        self.title.setFocus()

    def save(self) -> int | None:
        if not self.title.text().strip() or not self.text.toPlainText().strip():
            show_error(self.error, "Donnez un titre et un texte au paragraphe.")
            return None
        current = self._current()
        saved = self.library.save(Paragraph(current.id if current else None, self.title.text(),
                                            self.text.toPlainText()), self.clock.now())
        show_error(self.error, "")
        self.reload(select=saved)
        return saved

    def add_starters(self) -> None:
        if (self.title.text().strip() or self.text.toPlainText().strip()) and self.save() is None:
            return  # what is being typed is saved first, or stays with the reason shown: never overwritten
        for titre, texte in STARTER_PARAGRAPHS:
            self.library.save(Paragraph(None, titre, texte), self.clock.now())
        self.reload()

    def delete(self) -> None:
        current = self._current()
        if current is not None and current.id is not None and dialogs.confirm(
                self, "Supprimer le paragraphe", f"Supprimer « {current.titre} » de la bibliothèque ?"):
            self.library.delete(current.id)
            self.reload()

    def insert(self) -> None:
        if not self.text.toPlainText().strip():
            show_error(self.error, "Choisissez ou écrivez un paragraphe à insérer.")
            return
        current = self._current()
        if current is None or (current.titre, current.texte) != (self.title.text(), self.text.toPlainText()):
            if self.title.text().strip():
                self.save()
        self.chosen = self.text.toPlainText()
        self.accept()
