"""Canary: a scripted session writes unique strings everywhere; no file outside the encrypted vault,
and not the vault's raw bytes either, holds a copy (data, config, logs, QSettings, temp files)."""

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from bilan_desktop import paths
from tests.gui.conftest import by_accessible_name, create_vault, fill_new_bilan, type_text, unlock

CANARY = "Qzwcanari"
PHONE = "0698765431"
SECRET = "Qzwsecret phrase du canari et quinoa"
VALUES = {"Nom": f"{CANARY}nom", "Prénom": f"{CANARY}prénom", "Date de naissance": "14/03/1985",
          "E-mail": f"{CANARY.lower()}@exemple.fr", "Téléphone": PHONE, "Adresse": f"{CANARY}adresse"}


def _needles():
    words = [CANARY, PHONE, SECRET, "Qzwbackup"]
    needles = set()
    for word in words:
        for form in (word, word.lower(), word.upper()):
            needles.add(form.encode("utf-8"))
            needles.add(form.encode("utf-16-le"))
    return needles


def _leaks(root: Path, skip: set[Path]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and path not in skip and not any(part in path.parents for part in skip):
            data = path.read_bytes()
            found += [f"{path.relative_to(root)}: {needle!r}" for needle in _needles() if needle in data]
    return found


def test_no_beneficiary_text_outside_the_vault(window, qtbot, script, tmp_path):
    create_vault(window, SECRET)
    script.expect(fill_new_bilan(VALUES))
    window.new_action.trigger()
    bilan_window = next(iter(window.bilan_windows.values()))
    type_text(by_accessible_name(bilan_window, "Adresse"), f" {CANARY}suite")
    qtbot.waitUntil(lambda: not bilan_window.has_pending_edits, timeout=3000)
    type_text(window.list_page.filter, CANARY.lower())
    assert window.list_page.model.rowCount() == 1

    # a backup into a folder named after the beneficiary: Qt's file dialog must not remember it
    folder = tmp_path / f"{CANARY}-dossier"
    folder.mkdir()

    def choose(dialog):
        dialog.setDirectory(str(folder))
        dialog.selectFile(str(folder / "Qzwbackup.bilanbak"))
        dialog.accept()
        return QDialog.Accepted

    def passphrase(dialog):
        type_text(dialog.passphrase, "phrase de la sauvegarde ocre et quinoa")
        type_text(dialog.confirmation, "phrase de la sauvegarde ocre et quinoa")
        dialog.accept()
        return dialog.result()

    for handler in (choose, passphrase, lambda d: QDialog.Accepted):
        script.expect(handler)
    window.backup_action.trigger()
    assert (folder / "Qzwbackup.bilanbak").exists()

    def settings(dialog):
        dialog.auto_lock.setValue(7)
        dialog.accept()
        return QDialog.Accepted

    script.expect(settings)
    window.settings_action.trigger()

    window.lock()
    unlock(window, SECRET)
    assert window.vault.is_open

    # the crash handler: the exception's message (user text) is never logged nor shown
    from bilan_desktop.ui.app import install_crash_handler
    shown = []
    script.expect(lambda d: shown.append(d.text()) or QDialog.Accepted)
    old_hook = sys.excepthook
    install_crash_handler()
    try:
        try:
            raise ValueError(f"boom {CANARY} {PHONE}")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    assert shown and "Référence de l'incident" in shown[0] and CANARY not in shown[0]

    for w in list(window.bilan_windows.values()):
        w.close()
    window.close()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()

    log_text = (paths.log_dir() / "bilan-desktop.log").read_text(encoding="utf-8")
    assert "ValueError" in log_text and "incident" in log_text  # the log is there, and was scanned
    assert (paths.config_dir() / "preferences.ini").exists()
    assert window.vault.db_path.exists()
    leaks = _leaks(tmp_path, skip={folder / "Qzwbackup.bilanbak"})
    assert leaks == []
    backup_bytes = (folder / "Qzwbackup.bilanbak").read_bytes()
    assert not [n for n in _needles() if n in backup_bytes]
    assert isinstance(window, QWidget)
