"""Issue 19, point 1 in the window: a file chosen in the vault's folder is refused in French with nothing written;
an existing file is replaced only after the application's own confirmation, asked about the final name (the
extension added), through ui.dialogs so that it can be answered here and is closed at a lock."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog, QMessageBox

from bilan_desktop.ui import dialogs
from tests.gui.conftest import create_vault
from tests.gui.test_backup_and_instance import BACKUP_SECRET, _passphrase

REFUSAL = ("Ce fichier ne peut pas être écrit dans le dossier du coffre, ni à la place de l'un de ses fichiers (pas "
           "même par un lien) : choisissez un autre dossier. Rien n'a été écrit.")


def choose(path, seen=None):
    def handler(dialog: QFileDialog) -> int:
        if seen is not None:  # Qt's own question is off: it would judge the name typed, outside ui.dialogs
            seen.append(dialog.testOption(QFileDialog.Option.DontConfirmOverwrite))
        dialog.selectFile(str(path))
        dialog.accept()
        return 1
    return handler


def answer(button, texts):
    return lambda box: texts.append((box.windowTitle(), box.text())) or button


def files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_registers_export_refuses_the_vault_and_asks_before_replacing(window, script, tmp_path):
    create_vault(window)
    page = window.home.registers
    window.home.setCurrentWidget(page)
    page.save_now()  # what every export does first (the registers typed are saved in the vault)
    vault_files = files(window.vault.folder)
    texts: list[tuple[str, str]] = []
    seen: list[bool] = []
    (tmp_path / "lien.csv").symlink_to(window.vault.key_path)
    os.link(window.vault.db_path, tmp_path / "dur.csv")
    for target in (window.vault.folder / "registres.csv", tmp_path / "lien.csv", tmp_path / "dur.csv"):
        script.expect(choose(target, seen))
        if target.parent == tmp_path:  # a link to a vault file exists: replacing is asked, then refused all the same
            script.expect(answer(QMessageBox.Yes, texts))
        script.expect(answer(QMessageBox.Ok, texts))
        page.export_csv()
        assert texts[-1] == ("Export refusé", REFUSAL) and not script.handlers
        assert files(window.vault.folder) == vault_files
    assert seen == [True, True, True]

    existing = tmp_path / "registres.csv"
    existing.write_bytes(b"le fichier du consultant")
    script.expect(choose(tmp_path / "registres"))  # typed without its extension: the final name is the one asked
    script.expect(answer(QMessageBox.No, texts))
    page.export_csv()
    assert texts[-1] == (dialogs.REPLACE_TITLE, dialogs.REPLACE_TEXT.format(name="registres.csv"))
    assert existing.read_bytes() == b"le fichier du consultant" and not script.handlers

    script.expect(choose(tmp_path / "registres"))
    script.expect(answer(QMessageBox.Yes, texts))
    script.expect(answer(QMessageBox.Ok, texts))
    page.export_csv()
    assert texts[-1][0] == "Registres exportés"
    assert existing.read_bytes().startswith("\ufeff".encode()) and existing.stat().st_mode & 0o777 == 0o600


def test_backup_onto_an_existing_file_is_confirmed_first(window, script, tmp_path):
    create_vault(window)
    existing = tmp_path / "copie.bilanbak"
    existing.write_bytes(b"une autre sauvegarde")
    texts: list[tuple[str, str]] = []
    script.expect(choose(tmp_path / "copie"))
    script.expect(answer(QMessageBox.No, texts))
    window.backup_action.trigger()  # declined: no passphrase asked, nothing written
    assert existing.read_bytes() == b"une autre sauvegarde" and not script.handlers
    for handler in (choose(tmp_path / "copie"), answer(QMessageBox.Yes, texts), _passphrase(BACKUP_SECRET),
                    answer(QMessageBox.Ok, texts)):
        script.expect(handler)
    window.backup_action.trigger()
    assert texts[-1][0] == "Sauvegarde terminée" and existing.read_bytes() != b"une autre sauvegarde"
