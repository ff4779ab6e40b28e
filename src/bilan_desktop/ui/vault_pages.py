"""The pages shown while the vault is closed: creation, recovery code, unlock (and recovery)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .widgets import error_label, new_passphrase_problem, passphrase_strength, password_field, show_error

PASSWORD_MANAGER_HINT = "x-kde-passwordManagerHint"


def copy_secret(text: str) -> None:
    """Put a secret on the clipboard marked as such: clipboard managers (Klipper, GPaste…) that honour the hint
    keep it out of their history. The application's clipboard guard clears it after 30 s and at lock."""
    data = QMimeData()
    data.setText(text)
    data.setData(PASSWORD_MANAGER_HINT, b"secret")
    QGuiApplication.clipboard().setMimeData(data)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(font.pointSize() + 6)
    font.setBold(True)
    label.setFont(font)
    return label


def _centered(page: QWidget, *children: QWidget) -> QVBoxLayout:
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    box = QWidget()
    box.setFixedWidth(560)
    inner = QVBoxLayout(box)
    inner.setSpacing(10)
    for child in children:
        if isinstance(child, QWidget):
            inner.addWidget(child)
        else:
            inner.addLayout(child)
    outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
    outer.addStretch(2)
    return inner


class SetupPage(QWidget):
    """First start: the passphrase, typed twice, at least 12 characters, with a strength hint."""

    create_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("setupPage")
        intro = QLabel(self.tr(
            "Bienvenue. Vos bilans seront conservés dans un coffre chiffré sur cet ordinateur. "
            "Choisissez un mot de passe d'au moins 12 caractères : une phrase de quelques mots "
            "est facile à retenir et difficile à deviner."))
        intro.setWordWrap(True)
        self.passphrase = password_field(self.tr("Mot de passe du coffre"), "newPassphrase")
        self.confirmation = password_field(self.tr("Confirmation du mot de passe"), "confirmPassphrase")
        self.strength = QLabel()
        self.strength.setObjectName("strengthHint")
        self.strength.setWordWrap(True)
        self.error = error_label("setupError")
        self.create_button = QPushButton(self.tr("Créer le coffre"))
        self.create_button.setObjectName("createVaultButton")
        self.create_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("&Mot de passe\u00a0:"), self.passphrase)
        form.addRow(self.tr("&Confirmation\u00a0:"), self.confirmation)
        form.addRow("", self.strength)
        _centered(self, _title(self.tr("Créer votre coffre")), intro, form, self.error, self.create_button)
        self.passphrase.textChanged.connect(self._update_strength)
        self.create_button.clicked.connect(self._submit)
        self.confirmation.returnPressed.connect(self._submit)
        self._update_strength()

    def _update_strength(self) -> None:
        self.strength.setText(passphrase_strength(self.passphrase.text())[1])

    def _submit(self) -> None:
        problem = new_passphrase_problem(self.passphrase.text(), self.confirmation.text())
        show_error(self.error, problem)
        if not problem:
            self.create_requested.emit(self.passphrase.text())

    def reset(self) -> None:
        self.passphrase.clear()
        self.confirmation.clear()
        show_error(self.error, "")


class RecoveryCodePage(QWidget):
    """The recovery code, shown once; the consultant confirms they wrote it down."""

    confirmed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryCodePage")
        intro = QLabel(self.tr(
            "Voici votre code de secours. Il permet d'ouvrir le coffre si vous oubliez votre mot de passe. "
            "Il ne sera plus jamais affiché : imprimez-le ou recopiez-le, et rangez-le à l'écart de cet "
            "ordinateur."))
        intro.setWordWrap(True)
        self.code = QLabel()
        self.code.setObjectName("recoveryCode")
        self.code.setAccessibleName(self.tr("Code de secours"))
        self.code.setTextInteractionFlags(Qt.NoTextInteraction)  # copies go through the button, marked secret
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.Monospace)
        font.setPointSize(font.pointSize() + 6)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignCenter)
        self.code.setStyleSheet("border: 1px solid #888; background: #fafafa;")
        self.code.setFixedHeight(self.code.fontMetrics().height() * 3)
        self.copy_button = QPushButton(self.tr("&Copier le code"))
        self.copy_button.setObjectName("recoveryCopyButton")
        self.copy_button.setAccessibleName(self.tr("Copier le code de secours"))
        self.copy_button.clicked.connect(lambda: copy_secret(self.code.text()))
        self.written = QCheckBox(self.tr("J'ai imprimé ou noté ce code de secours"))
        self.written.setObjectName("recoveryWrittenCheck")
        self.continue_button = QPushButton(self.tr("Continuer"))
        self.continue_button.setObjectName("recoveryContinueButton")
        self.continue_button.setEnabled(False)
        _centered(self, _title(self.tr("Code de secours")), intro, self.code, self.copy_button, self.written,
                  self.continue_button)
        self.written.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._done)

    def show_code(self, code: str) -> None:
        self.code.setText(code)
        self.written.setChecked(False)

    def _done(self) -> None:
        self.code.clear()
        self.confirmed.emit()


class UnlockPage(QWidget):
    """Unlock with the passphrase, or with the recovery code and a new passphrase."""

    unlock_requested = Signal(str)
    recover_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("unlockPage")
        self.passphrase = password_field(self.tr("Mot de passe du coffre"), "unlockPassphrase")
        self.unlock_button = QPushButton(self.tr("Déverrouiller"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.forgot_button = QPushButton(self.tr("Mot de passe oublié ? Utiliser le code de secours"))
        self.forgot_button.setObjectName("forgotButton")
        self.forgot_button.setFlat(True)
        self.recovery_code = QLineEdit()
        self.recovery_code.setObjectName("recoveryCodeInput")
        self.recovery_code.setAccessibleName(self.tr("Code de secours"))
        self.recovery_code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.new_passphrase = password_field(self.tr("Nouveau mot de passe"), "recoveryNewPassphrase")
        self.new_confirmation = password_field(self.tr("Confirmation du nouveau mot de passe"),
                                               "recoveryConfirmPassphrase")
        self.recover_button = QPushButton(self.tr("Ouvrir avec le code de secours"))
        self.recover_button.setObjectName("recoverButton")
        self.recovery_box = QWidget()
        recovery_form = QFormLayout(self.recovery_box)
        recovery_form.setContentsMargins(0, 12, 0, 0)
        recovery_form.addRow(self.tr("Code de &secours\u00a0:"), self.recovery_code)
        recovery_form.addRow(self.tr("&Nouveau mot de passe\u00a0:"), self.new_passphrase)
        recovery_form.addRow(self.tr("C&onfirmation\u00a0:"), self.new_confirmation)
        recovery_form.addRow("", self.recover_button)
        self.recovery_box.hide()
        self.hint = QLabel()
        self.hint.setObjectName("unlockHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.error = error_label("unlockError")
        form = QFormLayout()
        form.addRow(self.tr("&Mot de passe\u00a0:"), self.passphrase)
        _centered(self, _title(self.tr("Coffre verrouillé")), self.hint, form, self.unlock_button, self.error,
                  self.forgot_button, self.recovery_box)
        self.unlock_button.clicked.connect(lambda: self.unlock_requested.emit(self.passphrase.text()))
        self.passphrase.returnPressed.connect(self.unlock_button.click)
        self.forgot_button.clicked.connect(self._show_recovery)
        self.recover_button.clicked.connect(self._recover)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def _show_recovery(self) -> None:
        self.recovery_box.show()
        self.recovery_code.setFocus()

    def _recover(self) -> None:
        problem = new_passphrase_problem(self.new_passphrase.text(), self.new_confirmation.text())
        show_error(self.error, problem)
        if not problem:
            self.recover_requested.emit(self.recovery_code.text(), self.new_passphrase.text())

    def show_error(self, message: str) -> None:
        show_error(self.error, message)

    def reset(self) -> None:
        for field in (self.passphrase, self.recovery_code, self.new_passphrase, self.new_confirmation):
            field.clear()
        self.recovery_box.hide()
        show_error(self.error, "")
        self.passphrase.setFocus()
