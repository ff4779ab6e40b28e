"""Locking on sleep, screen lock and a clock jump; typing postpones the auto-lock; a dialog closed by the lock is
cancelled; the recovery code is copied as a secret; renewing the keys shows a new code."""

import datetime as dt
import json
import shutil

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Conservation, FinDuBilan
from bilan_desktop.domain.workflow import Dossier
from bilan_desktop.storage.errors import WrongKeyOrDamaged
from bilan_desktop.storage.keyfile import KeyFile
from bilan_desktop.ui import dialogs
from bilan_desktop.ui.retention_ui import end_message
from bilan_desktop.ui.session_watch import JUMP_SECONDS, SessionWatcher
from bilan_desktop.ui.vault_pages import PASSWORD_MANAGER_HINT
from tests.conftest import PASSPHRASE
from tests.gui.conftest import create_vault, type_text, unlock


def note_new_code(shown: list):
    """A dialog-script handler for « Nouveau code de secours »: notes the code, ticks the box, continues."""
    def handler(dialog):
        shown.append(dialog.page.code.text())
        dialog.page.written.setChecked(True)
        dialog.page.continue_button.click()
        return dialog.result()
    return handler


class FakeClocks:
    def __init__(self):
        self.wall, self.mono = 1_000_000.0, 500.0

    def tick(self, seconds: float, asleep: float = 0.0) -> None:
        self.wall += seconds + asleep
        self.mono += seconds  # the monotonic clock stops while the machine sleeps


def test_a_clock_jump_after_sleep_requests_a_lock(qapp):
    clocks = FakeClocks()
    watcher = SessionWatcher(wall=lambda: clocks.wall, monotonic=lambda: clocks.mono, use_dbus=False)
    reasons = []
    watcher.lock_requested.connect(reasons.append)
    clocks.tick(5)
    watcher.check_clocks()
    assert reasons == []
    clocks.tick(5, asleep=JUMP_SECONDS * 3)
    watcher.check_clocks()
    assert reasons == ["horloge"]


def test_dbus_signals_request_a_lock(qapp):
    watcher = SessionWatcher(use_dbus=False)
    reasons = []
    watcher.lock_requested.connect(reasons.append)
    watcher._on_sleep(False)
    watcher._on_screensaver(False)
    assert reasons == []
    watcher._on_sleep(True)
    watcher._on_screensaver(True)
    watcher._on_lock()
    assert reasons == ["veille", "ecran", "ecran"]


def test_the_window_locks_when_the_session_asks(window, script):
    create_vault(window)
    assert window.vault.is_open
    window.session_watch.lock_requested.emit("veille")
    assert not window.vault.is_open and window.stack.currentWidget() is window.unlock_page
    unlock(window)
    assert window.vault.is_open


def test_typing_postpones_the_auto_lock(window, qtbot, script):
    create_vault(window)
    timer = window.idle._timer
    timer.setInterval(400)
    timer.start()
    qtbot.wait(250)
    assert timer.remainingTime() < 200
    field = window.list_page.filter
    QApplication.sendEvent(field, QKeyEvent(QEvent.KeyPress, Qt.Key_A, Qt.NoModifier, "a"))
    assert timer.remainingTime() > 300
    qtbot.waitUntil(lambda: not window.vault.is_open, timeout=2000)


def test_a_dialog_closed_by_the_lock_counts_as_cancelled(window, script):
    create_vault(window)

    def accepted_after_lock(dialog):
        window.lock()  # the auto-lock fires while the dialog is open
        return QDialog.Accepted

    script.expect(accepted_after_lock)
    assert dialogs.launch(QDialog(window)) == QDialog.Rejected


def test_the_recovery_code_is_copied_as_a_secret(window, script):
    page = window.setup_page
    from tests.gui.conftest import by_accessible_name
    type_text(by_accessible_name(page, "Mot de passe du coffre"), PASSPHRASE)
    type_text(by_accessible_name(page, "Confirmation du mot de passe"), PASSPHRASE)
    page.create_button.click()
    code = window.recovery_page.code.text()
    window.recovery_page.copy_button.click()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == code
    assert bytes(data.data(PASSWORD_MANAGER_HINT)) == b"secret"
    window.clipboard_guard.clear()


def test_settings_renew_the_keys_and_show_a_new_code(window, script, tmp_path):
    old_code = create_vault(window)
    stale = tmp_path / "copie.db"
    shutil.copy(window.vault.db_path, stale)
    shown = []

    def settings(dialog):
        dialog.show()
        type_text(dialog.current, PASSPHRASE)
        dialog.renew_button.click()
        assert "Seul le nouveau code" in dialog.change_message.text()
        dialog.accept()
        return QDialog.Accepted

    script.expect(settings)
    script.expect(note_new_code(shown))
    window.settings_action.trigger()
    assert len(shown) == 1 and shown[0] != old_code and len(shown[0]) == 35
    window.lock()
    with pytest.raises(WrongKeyOrDamaged):
        window.vault.unlock_with_recovery(old_code, "une toute nouvelle girafe quinoa lampion")
    window.vault.unlock_with_recovery(shown[0], "une toute nouvelle girafe quinoa lampion")
    window.vault.lock()


def test_end_message_after_a_withdrawn_agreement_does_not_crash(qapp):
    d = Dossier(bilan_id=1, reference="BC-2026-0001", funding=Funding.CPF, step=Step.FIN_DU_BILAN)
    d.fin_du_bilan = FinDuBilan(date_fin=dt.date(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI,
                                accord_signe_le=dt.date(2026, 6, 1), accord_retire_le=dt.date(2026, 6, 10))
    text = end_message(d)
    assert "retiré par le bénéficiaire le mercredi 10 juin 2026" in text and "seront détruits" in text


def test_a_vault_left_without_a_recovery_slot_gets_a_new_code_at_unlock(window, script):
    """A first-format recovery slot is dropped at the first key rotation: the next unlock issues a new code."""
    create_vault(window)
    window.lock()
    keyfile = KeyFile.load(window.vault.key_path)
    del keyfile.slots["recovery"]
    keyfile.save(window.vault.key_path)
    shown = []
    script.expect(lambda d: shown.append(d.text()) or QMessageBox.Ok)

    script.expect(note_new_code(shown))
    unlock(window)
    assert "ancien code de secours ne fonctionne plus" in shown[0]
    assert set(json.loads(window.vault.key_path.read_text())["slots"]) == {"passphrase", "recovery"}
    window.lock()
    window.vault.unlock_with_recovery(shown[1], "une toute nouvelle girafe quinoa lampion")
    window.vault.lock()


def test_changing_the_passphrase_can_renew_the_keys_too(window, script):
    old_code = create_vault(window)
    shown = []
    new_passphrase = "une nouvelle marmotte quinoa lampion pour lundi"

    def settings(dialog):
        dialog.show()
        type_text(dialog.current, PASSPHRASE)
        type_text(dialog.new, new_passphrase)
        type_text(dialog.confirmation, new_passphrase)
        dialog.renew.setChecked(True)
        dialog.change_button.click()
        assert "clés du coffre renouvelées" in dialog.change_message.text()
        dialog.accept()
        return QDialog.Accepted

    script.expect(settings)
    script.expect(note_new_code(shown))
    window.settings_action.trigger()
    window.lock()
    with pytest.raises(WrongKeyOrDamaged):
        window.vault.unlock_with_recovery(old_code, "une toute nouvelle girafe quinoa lampion")
    window.vault.unlock(new_passphrase)
    window.vault.lock()
