"""Small shared widgets and helpers."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit

from ..storage.keyfile import MIN_PASSPHRASE_LENGTH, normalize_passphrase


def password_field(accessible_name: str, object_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setAccessibleName(accessible_name)
    field.setObjectName(object_name)
    return field


def error_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough entropy estimate (bits) and a French hint. Long phrases beat clever symbols."""
    if not passphrase:
        return 0, f"Au moins {MIN_PASSPHRASE_LENGTH} caractères. Une phrase de plusieurs mots est idéale."
    pool = 0
    pool += 26 if any(c.islower() for c in passphrase) else 0
    pool += 26 if any(c.isupper() for c in passphrase) else 0
    pool += 10 if any(c.isdigit() for c in passphrase) else 0
    pool += 33 if any(not c.isalnum() for c in passphrase) else 0
    pool += 40 if any(ord(c) > 127 for c in passphrase) else 0
    distinct = len(set(passphrase))
    bits = int(min(len(passphrase), distinct * 2) * math.log2(max(pool, 2)))
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return bits, (f"Trop court : {len(passphrase)} caractère(s) sur {MIN_PASSPHRASE_LENGTH} au minimum.")
    if bits < 60:
        return bits, "Force : faible. Ajoutez des mots ou des caractères variés."
    if bits < 80:
        return bits, "Force : moyenne. Quelques caractères de plus la rendraient solide."
    if bits < 110:
        return bits, "Force : bonne."
    return bits, "Force : très bonne."


def new_passphrase_problem(first: str, second: str) -> str:
    """The French reason a new passphrase and its confirmation are refused, or '' when accepted."""
    if len(normalize_passphrase(first)) < MIN_PASSPHRASE_LENGTH:
        return f"Le mot de passe doit contenir au moins {MIN_PASSPHRASE_LENGTH} caractères."
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
