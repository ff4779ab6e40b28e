"""GUI fixtures: the main window on a fixed date, and a dialog script instead of blocking exec()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bilan_desktop.domain.clock import FixedClock
from bilan_desktop.logsetup import setup_logging
from bilan_desktop.ui import dialogs
from bilan_desktop.ui.app import build_main_window, create_application
from tests.conftest import PASSPHRASE


class DialogScript:
    """Answers modal dialogs in order; an unexpected dialog fails the test instead of blocking."""

    def __init__(self):
        self.handlers = []
        self.seen: list[tuple[str, str]] = []

    def expect(self, handler) -> None:
        self.handlers.append(handler)

    def __call__(self, dialog) -> int:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        self.seen.append((dialog.objectName(), text))
        if not self.handlers:
            raise AssertionError(f"unexpected dialog {dialog.objectName()!r}: {dialog.windowTitle()} {text}")
        return self.handlers.pop(0)(dialog)


@pytest.fixture
def clock():
    return FixedClock(dt.date(2026, 11, 26))


@pytest.fixture
def script():
    s = DialogScript()
    dialogs.set_runner(s)
    yield s
    dialogs.set_runner(None)


@pytest.fixture
def window(qtbot, qapp, clock, script):
    setup_logging()
    create_application()
    w = build_main_window(clock)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    for bilan_window in list(w.bilan_windows.values()):
        bilan_window.close()
    w.vault.lock()


def type_text(widget: QWidget, text: str) -> None:
    """Types any text, accents included (QTest.keyClicks aborts on non-ASCII with PySide6 6.12)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))


def by_accessible_name(root: QWidget, name: str) -> QWidget:
    found = [w for w in root.findChildren(QWidget) if w.accessibleName() == name]
    assert len(found) == 1, (name, found)
    return found[0]


def create_vault(window, passphrase: str = PASSPHRASE) -> str:
    page = window.setup_page
    assert window.stack.currentWidget() is page
    type_text(by_accessible_name(page, "Mot de passe du coffre"), passphrase)
    type_text(by_accessible_name(page, "Confirmation du mot de passe"), passphrase)
    page.create_button.click()
    assert window.stack.currentWidget() is window.recovery_page
    code = window.recovery_page.code.text()
    assert not window.recovery_page.continue_button.isEnabled()
    window.recovery_page.written.setChecked(True)
    runner = dialogs._runner
    if isinstance(runner, DialogScript):  # right after creation: what the documents still need (answered « Non »)
        runner.handlers.insert(0, lambda box: QMessageBox.StandardButton.No)
    window.recovery_page.continue_button.click()
    assert window.stack.currentWidget() is window.home
    return code


def fill_new_bilan(values: dict[str, str], funding_index: int = 0):
    """A dialog-script handler that fills « Nouveau bilan » by accessible names and submits it."""

    def handler(dialog) -> int:
        dialog.show()
        for name, text in values.items():
            type_text(by_accessible_name(dialog, name), text)
        dialog.funding.setCurrentIndex(funding_index)
        dialog.findChild(QWidget, "createBilanButton").click()
        return dialog.result()

    return handler


def unlock(window, passphrase: str = PASSPHRASE) -> None:
    type_text(by_accessible_name(window.unlock_page, "Mot de passe du coffre"), passphrase)
    window.unlock_page.unlock_button.click()
