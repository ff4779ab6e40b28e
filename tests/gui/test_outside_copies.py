"""Issue 19, points 7 and 8 in the window: after a destruction, a dialog says which copies could not be deleted (changed,
not found) and which backups still hold destroyed content; the journal lists them and offers a new backup, after which
the old one is gone; a prospect's deletion says which of its copies it could not delete; the backups' horizon is set
in Paramètres."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.domain.sharing import Destination
from bilan_desktop.services import backups
from bilan_desktop.services.documents import DocumentService
from tests.gui.test_backup_and_instance import BACKUP_SECRET, _passphrase
from tests.gui.test_retention_ui import _at_end
from tests.gui.workflow_helpers import choose_file


def _export(window, path, data, destination=Destination.BENEFICIAIRE, document="synthese", bilan_id=1):
    DocumentService(window.vault).export(document, data, bilan_id, "BC-2026-0001", destination, True, path,
                                         window.clock.now())
    return path


def test_destruction_dialog_and_journal_say_what_could_not_be_deleted(window, script, clock, tmp_path, qtbot):
    _at_end(window, script)
    exports = tmp_path / "exports"
    found = _export(window, exports / "synthese.pdf", b"%PDF synthese")
    found.rename(exports / "synthese-envoyee.pdf")  # renamed: found by its hash
    changed = _export(window, exports / "annotee.pdf", b"%PDF synthese 2", Destination.TRAVAIL)
    changed.write_bytes(b"%PDF annotated")
    far = _export(window, exports / "loin.pdf", b"%PDF resultats", document="resultats")
    (tmp_path / "ailleurs" / "tres" / "loin").mkdir(parents=True)
    far.rename(tmp_path / "ailleurs" / "tres" / "loin" / "x.pdf")
    old = tmp_path / "sauvegardes" / "avant.bilanbak"
    old.parent.mkdir()
    backups.back_up(window.vault, old, BACKUP_SECRET, clock.now())

    told = []
    script.expect(lambda box: told.append(box.text()) or QMessageBox.No)  # « Faire une sauvegarde maintenant ? »
    clock.day = dt.date(2026, 11, 27)  # the day after the end: content and synthèse destroyed
    window.retention_timer.timeout.emit()
    qtbot.waitUntil(lambda: bool(told))
    assert not (exports / "synthese-envoyee.pdf").exists()
    text = told[0]
    assert f"Modifiées depuis leur export (l'application ne les supprime pas : supprimez-les vous-même)\u00a0:\n" \
           f"  • {changed}" in text
    assert f"  • {far}" in text.split("Introuvables")[1]
    assert f"  • du 26/11/2026 : {old}" in text.split("Sauvegardes de l'application")[1]
    assert "synthese-envoyee" not in text
    assert "2 copies hors coffre à détruire" in window.retention_status.text()

    seen = []

    def journal(dialog):
        seen.append(dialog.copies.text())
        assert dialog.backup_button.isVisibleTo(dialog) and dialog.dismiss_button.isVisibleTo(dialog)
        for handler in (choose_file(tmp_path / "sauvegardes" / "apres.bilanbak"), _passphrase(BACKUP_SECRET),
                        lambda box: seen.append(box.text()) or QMessageBox.Ok):
            script.expect(handler)
        dialog.backup_button.click()  # « Faire une sauvegarde maintenant… »
        seen.append(dialog.copies.text())
        return QDialog.Rejected

    script.expect(journal)
    window.journal_action.trigger()
    assert str(changed) in seen[0] and str(far) in seen[0] and str(old) in seen[0]
    assert "1 ancienne sauvegarde supprimée" in seen[1]
    assert not old.exists() and (tmp_path / "sauvegardes" / "apres.bilanbak").exists()
    assert "Aucune sauvegarde de l'application ne contient de documents détruits." in seen[2]
    assert str(changed) in seen[2]  # still to be dealt with by hand


def test_after_a_destruction_a_backup_now_deletes_the_backups_made_before_it(window, script, clock, tmp_path, qtbot):
    _at_end(window, script)
    copy = _export(window, tmp_path / "exports" / "synthese.pdf", b"%PDF synthese")
    old = tmp_path / "sauvegardes" / "avant.bilanbak"
    old.parent.mkdir()
    backups.back_up(window.vault, old, BACKUP_SECRET, clock.now())
    told = []
    for handler in (lambda box: told.append(box.text()) or QMessageBox.Yes,
                    choose_file(tmp_path / "sauvegardes" / "apres.bilanbak"), _passphrase(BACKUP_SECRET),
                    lambda box: told.append(box.text()) or QMessageBox.Ok):
        script.expect(handler)
    clock.day = dt.date(2026, 11, 27)
    window.retention_timer.timeout.emit()
    qtbot.waitUntil(lambda: len(told) == 2)
    assert not copy.exists()
    assert "Aucune copie à supprimer vous-même." in told[0] and f"  • du 26/11/2026 : {old}" in told[0]
    assert "Faire une sauvegarde maintenant ?" in told[0]
    assert "1 ancienne sauvegarde supprimée" in told[1]
    assert not old.exists() and (tmp_path / "sauvegardes" / "apres.bilanbak").exists()


def test_prospect_deletion_says_which_copies_it_could_not_delete(window, script, tmp_path):
    from bilan_desktop.domain.lifecycle import Step
    from tests.gui.workflow_helpers import bilan_at
    bw, _repo = bilan_at(window, script, Step.PREMIER_CONTACT, consent=False)
    kept = _export(window, tmp_path / "convocation.pdf", b"%PDF convocation", document="convocation")
    kept.write_bytes(b"%PDF convocation, annotated")
    deleted = _export(window, tmp_path / "convocation-2.pdf", b"%PDF convocation 2", document="convocation")
    told = []
    script.expect(lambda box: QMessageBox.Yes)  # « Supprimer définitivement le dossier … ? »
    script.expect(lambda box: told.append(box.text()) or QMessageBox.Ok)
    bw.delete_prospect()
    assert not deleted.exists() and kept.exists()
    assert told and told[0].endswith(f"\n\n{kept}") and "L'application ne les listera plus." in told[0]
    paths = [r[0] for r in window.vault.conn.execute("SELECT path FROM export_log")]
    assert paths == [None, None]


def test_backup_horizon_is_set_in_the_settings(window, script):
    from bilan_desktop.ui.settings_dialog import SettingsDialog
    from tests.gui.conftest import create_vault
    create_vault(window)
    dialog = SettingsDialog(window.vault, window.prefs, window)
    assert dialog.backup_horizon.value() == 3
    dialog.backup_horizon.setValue(6)
    dialog.accept()
    assert backups.horizon_months(window.vault) == 6
    assert SettingsDialog(window.vault, window.prefs, window).backup_horizon.value() == 6
