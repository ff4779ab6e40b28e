"""Small shared widgets and helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..domain.passphrase import HINT, MIN_LENGTH, estimate
from ..domain.text import counted
from ..storage.keyfile import normalize_passphrase


def password_field(accessible_name: str, object_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setObjectName(object_name)
    return field


def error_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """The estimate the vault applies (domain.passphrase), in bits, and a French hint."""
    if not passphrase:
        return 0, f"Au moins {MIN_LENGTH} caractères. Une phrase de plusieurs mots peu courants est idéale."
    strength = estimate(normalize_passphrase(passphrase))
    bits = int(strength.bits)
    if len(passphrase) < MIN_LENGTH:
        return bits, f"Trop court : {counted(len(passphrase), 'caractère')} sur {MIN_LENGTH} au minimum."
    if not strength.acceptable:
        return bits, f"Force : insuffisante (environ {bits} bits, il en faut 60). {HINT}"
    if bits < 80:
        return bits, "Force : suffisante."
    if bits < 110:
        return bits, "Force : bonne."
    return bits, "Force : très bonne."


def new_passphrase_problem(first: str, second: str) -> str:
    """The French reason a new passphrase and its confirmation are refused, or '' when accepted."""
    strength = estimate(normalize_passphrase(first))
    if not strength.acceptable:
        return strength.message
    if normalize_passphrase(first) != normalize_passphrase(second):
        return "Les deux mots de passe ne sont pas identiques."
    return ""


AUTOSAVE_DELAY_MS = 800


def autosave_timer(owner, save) -> QTimer:
    """A single-shot timer restarted by every edit: the edit is saved within a second of the last keystroke."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(AUTOSAVE_DELAY_MS)
    timer.timeout.connect(save)
    return timer


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """« OK » renamed to say what it does, and « Annuler », wired to the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def labelled_form(text: str, widget: QWidget) -> QFormLayout:
    """A one-row form whose label (with its & shortcut) is the widget's buddy."""
    form = QFormLayout()
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, widget)
    return form
