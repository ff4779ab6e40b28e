"""Small shared widgets and helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

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


def form_dialog(dialog: QDialog, form: QFormLayout, error: QLabel, ok_text: str) -> None:
    """A dialog's usual layout: its form, the French message under it, and its buttons."""
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(ok_cancel(dialog, ok_text))


def labelled_form(text: str, widget: QWidget) -> QFormLayout:
    """A one-row form whose label (with its & shortcut) is the widget's buddy."""
    form = QFormLayout()
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, widget)
    return form


def with_date_picker(line: QLineEdit, on_pick=None) -> QWidget:
    """A date field with a calendar button beside it (the calendar in French, weeks from Monday); typing stays the
    quickest way (« 12/4/83 » is accepted)."""
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QMenu, QToolButton, QWidgetAction
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    button = QToolButton()
    button.setText("Calendrier…")
    button.setAccessibleName(f"Calendrier — {line.accessibleName()}" if line.accessibleName() else "Calendrier")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field; a date is quicker typed
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")  # it overlapped the « … »
    menu = QMenu(button)
    button.setMenu(menu)

    def calendar() -> QCalendarWidget:
        """Made the first time the menu opens: no hidden widget waits in every form."""
        existing = getattr(holder, "calendar", None)
        if existing is not None:
            return existing
        widget = QCalendarWidget()
        widget.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        widget.setGridVisible(True)
        widget.setAccessibleName("Calendrier")
        widget.clicked.connect(picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(widget)
        menu.addAction(action)
        holder.calendar = widget  # type: ignore[attr-defined]
        return widget

    def opened() -> None:
        from ..domain.dates import parse_short_date
        try:
            day = parse_short_date(line.text())
        except ValueError:
            day = None
        widget = calendar()
        if day is not None:
            widget.setSelectedDate(QDate(day.year, day.month, day.day))

    def picked(date: QDate) -> None:
        line.setText(date.toString("dd/MM/yyyy"))
        line.textEdited.emit(line.text())
        if on_pick is not None:
            on_pick()
        menu.close()

    menu.aboutToShow.connect(opened)
    holder.open_calendar = opened  # type: ignore[attr-defined]  # for tests: what the button's menu does first
    row.addWidget(line)
    row.addWidget(button)
    row.addStretch(1)
    return holder


def roomy_tabs(tabs: QTabWidget) -> None:
    """Fusion draws an unselected tab 2 px lower in a bar sized for the text alone: the accent of « À » and the tails
    of « g », « q » were cut off. A little padding gives the text its room (other styles keep their native look)."""
    if tabs.style().name().lower() == "fusion":
        tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 5px 12px 4px 12px; }")


def make_action(parent: QWidget, text: str, slot, shortcut=None, name: str = "",
                context: Qt.ShortcutContext | None = None) -> QAction:
    """A menu or toolbar action calling `slot`, with its shortcut (and the shortcut's reach when given)."""
    action = QAction(text, parent)
    if name:
        action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        if context is not None:
            action.setShortcutContext(context)
    action.triggered.connect(slot)
    return action


def button_row(buttons, title: str = "") -> QWidget:
    """A row of push buttons, left-aligned after an optional bold title; `buttons`: (text, accessible name, slot)."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    if title:
        row.addWidget(QLabel(f"<b>{title}</b>"))
    for text, name, slot in buttons:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return holder


def beside_preview(main: QWidget, preview: QWidget, min_width: int):
    """`main` with a scrolling preview of what it makes on its right (3 : 2): the synthèse editor, the statistics.
    Returns the splitter and the preview's scroll area."""
    from PySide6.QtWidgets import QScrollArea, QSplitter
    area = QScrollArea()
    area.setWidget(preview)
    area.setWidgetResizable(True)
    area.setMinimumWidth(min_width)
    splitter = QSplitter()
    splitter.addWidget(main)
    splitter.addWidget(area)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    return splitter, area
