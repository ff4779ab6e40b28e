import hashlib

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from bilan_desktop import paths
from bilan_desktop.instance_lock import InstanceLock
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.ui.app import EXIT_IN_USE, run_gui
from tests.gui.conftest import create_vault, fill_new_bilan, type_text
from tests.gui.workflow_helpers import choose_file

BACKUP_SECRET = "phrase de la sauvegarde ocre et quinoa"


_choose = choose_file


def _passphrase(secret, confirm=True):
    def handler(dialog):
        type_text(dialog.passphrase, secret)
        if confirm:
            type_text(dialog.confirmation, secret)
        dialog.accept()
        return dialog.result()
    return handler


def test_backup_then_restore_through_the_menu(window, script, tmp_path):
    create_vault(window)
    script.expect(fill_new_bilan({"Nom": "Lefèvre", "Prénom": "Élodie"}))
    window.new_action.trigger()
    target = tmp_path / "copie"  # the extension is added
    messages = []
    for handler in (_choose(target), _passphrase(BACKUP_SECRET),
                    lambda d: messages.append(d.text()) or QMessageBox.Ok):
        script.expect(handler)
    window.backup_action.trigger()
    assert (tmp_path / "copie.bilanbak").exists()
    assert "vérifiée" in messages[-1]

    script.expect(fill_new_bilan({"Nom": "Martin", "Prénom": "Jérôme"}))
    window.new_action.trigger()
    assert window.list_page.model.rowCount() == 2

    for handler in (_choose(tmp_path / "copie.bilanbak"), _passphrase(BACKUP_SECRET, confirm=False),
                    lambda d: messages.append(d.text()) or QMessageBox.Yes,
                    lambda d: messages.append(d.text()) or QMessageBox.Ok):
        script.expect(handler)
    window.restore_action.trigger()
    assert "restaurée" in messages[-1]
    assert "vérifiée" in messages[-2] and "antérieure" not in messages[-2]
    assert [s.nom for s in BilanRepository(window.vault).summaries()] == ["Lefèvre"]
    assert window.list_page.model.rowCount() == 1


def test_restore_with_wrong_passphrase_explains_and_changes_nothing(window, script, tmp_path):
    create_vault(window)
    for handler in (_choose(tmp_path / "copie.bilanbak"), _passphrase(BACKUP_SECRET), lambda d: QMessageBox.Ok):
        script.expect(handler)
    window.backup_action.trigger()
    before = hashlib.sha256(window.vault.db_path.read_bytes()).hexdigest()
    errors = []
    for handler in (_choose(tmp_path / "copie.bilanbak"),
                    _passphrase("pas la bonne phrase", confirm=False), lambda d: errors.append(d.text()) or 0):
        script.expect(handler)
    window.restore_action.trigger()
    assert errors == ["Mot de passe incorrect ou sauvegarde endommagée : rien n'a été restauré."]
    assert hashlib.sha256(window.vault.db_path.read_bytes()).hexdigest() == before


def test_backup_passphrase_too_short_is_refused_in_the_dialog(window, script, tmp_path):
    create_vault(window)
    seen = []

    def short(dialog):
        type_text(dialog.passphrase, "court")
        type_text(dialog.confirmation, "court")
        dialog.accept()
        seen.append((dialog.error.text(), dialog.result()))
        return QDialog.Rejected

    script.expect(_choose(tmp_path / "x.bilanbak"))
    script.expect(short)
    window.backup_action.trigger()
    assert seen == [("Le mot de passe doit contenir au moins 12 caractères.", 0)]
    assert not (tmp_path / "x.bilanbak").exists()


def test_second_instance_gets_a_clear_message(qapp, script):
    lock = InstanceLock(paths.lock_path())
    assert lock.acquire()
    shown = []
    script.expect(lambda box: shown.append(box.text()) or QMessageBox.Ok)
    try:
        assert run_gui() == EXIT_IN_USE
    finally:
        lock.release()
    assert "déjà ouvert" in shown[0]


def test_backup_rotation_keeps_the_last_n_in_the_folder(window, script, tmp_path):
    import os
    create_vault(window)
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    from bilan_desktop.storage.backup import _new_salt
    from tests.conftest import FAST_KDF
    for i in range(4):
        old = folder / f"ancienne-{i}.bilanbak"
        old.write_bytes(_new_salt(FAST_KDF) + os.urandom(4096))  # the header of this application's backups
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    foreign = folder / "etrangere.bilanbak"  # same extension, someone else's file: never deleted
    foreign.write_bytes(os.urandom(4096))
    os.utime(foreign, (900_000, 900_000))
    (folder / "autre.pdf").write_bytes(b"%PDF")

    def passphrase(dialog):
        assert "soumis à destruction" in " ".join(label.text() for label in dialog.findChildren(QLabel))
        type_text(dialog.passphrase, BACKUP_SECRET)
        type_text(dialog.confirmation, BACKUP_SECRET)
        dialog.keep.setValue(2)
        dialog.accept()
        return dialog.result()

    for handler in (_choose(folder / "nouvelle"), passphrase, lambda d: QMessageBox.Ok):
        script.expect(handler)
    window.backup_action.trigger()
    assert sorted(p.name for p in folder.iterdir()) == ["ancienne-3.bilanbak", "autre.pdf", "etrangere.bilanbak",
                                                        "nouvelle.bilanbak"]
    assert window.prefs.backup_keep == 2
