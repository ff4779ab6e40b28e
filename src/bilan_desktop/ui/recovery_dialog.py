"""« Nouveau code de secours »: shown once in a dialog, like at creation (the same page)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout

from . import dialogs
from .vault_pages import RecoveryCodePage


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("Nouveau code de secours"))
        self.page = RecoveryCodePage()
        self.page.show_code(code)
        self.page.confirmed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        self.resize(640, 420)

    def reject(self) -> None:  # the code is shown once: closing is allowed only once it is written down
        if self.page.written.isChecked():
            super().reject()


def show_new_code(parent, code: str) -> None:
    dialogs.launch(RecoveryCodeDialog(code, parent))
