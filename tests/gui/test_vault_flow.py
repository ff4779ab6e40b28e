"""Create the vault, add a bilan with an accented name, lock with Ctrl+L, unlock: the bilan is there."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from bilan_desktop.storage.bilans import BilanRepository
from tests.conftest import PASSPHRASE
from tests.gui.conftest import by_accessible_name, create_vault, fill_new_bilan, type_text, unlock

ELODIE = {"Nom": "Lefèvre", "Prénom": "Élodie", "Date de naissance": "14/03/1985",
          "E-mail": "elodie.lefevre@exemple.fr", "Téléphone": "06 12 34 56 78", "Adresse": "3 rue des Lilas, Lyon"}


def test_create_add_lock_by_shortcut_unlock(window, qtbot, script):
    create_vault(window)
    script.expect(fill_new_bilan(ELODIE))
    window.new_action.trigger()
    assert window.list_page.model.rowCount() == 1
    bilan_window = next(iter(window.bilan_windows.values()))
    assert bilan_window.isVisible()

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert not window.vault.is_open
    assert window.stack.currentWidget() is window.unlock_page
    assert window.list_page.model.rowCount() == 0  # views emptied
    assert window.bilan_windows == {}
    assert not window.new_action.isEnabled()

    unlock(window)
    assert window.vault.is_open
    table = window.list_page.table
    names = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert names == ["LEFÈVRE Élodie"]
    # back where the consultant was: the bilan window is open again
    assert list(window.bilan_windows) == [BilanRepository(window.vault).summaries()[0].id]
    beneficiary = BilanRepository(window.vault).beneficiary(1)
    assert (beneficiary.prenom, beneficiary.email, beneficiary.adresse) == ("Élodie", ELODIE["E-mail"], ELODIE["Adresse"])


def test_wrong_passphrase_shows_the_french_message(window, qtbot):
    create_vault(window)
    window.lock()
    unlock(window, "ce n'est pas le bon")
    assert not window.vault.is_open
    assert window.unlock_page.error.text() == "Mot de passe incorrect ou fichier endommagé."
    assert window.unlock_page.error.isVisibleTo(window)


def test_setup_refuses_short_and_mismatched_passphrases(window):
    page = window.setup_page
    type_text(by_accessible_name(page, "Mot de passe du coffre"), "court")
    page.create_button.click()
    assert "au moins 12 caractères" in page.error.text()
    assert "Trop court" in page.strength.text()
    field = by_accessible_name(page, "Mot de passe du coffre")
    field.clear()
    type_text(field, "azertyuiop12")
    page.create_button.click()
    assert "trop facile à deviner" in page.error.text() and "insuffisante" in page.strength.text()
    field.setText("court")
    type_text(field, " mais bien plus long, girafe et quinoa")
    type_text(by_accessible_name(page, "Confirmation du mot de passe"), "autre chose entièrement")
    page.create_button.click()
    assert "pas identiques" in page.error.text()
    assert window.stack.currentWidget() is page and not window.vault.db_path.exists()


def test_unlock_with_recovery_code_sets_a_new_passphrase(window, qtbot, script):
    code = create_vault(window)
    window.lock()
    page = window.unlock_page
    page.forgot_button.click()
    type_text(page.recovery_code, code.lower())
    type_text(page.new_passphrase, "ma toute nouvelle marmotte quinoa lampion")
    type_text(page.new_confirmation, "ma toute nouvelle marmotte quinoa lampion")
    script.expect(lambda d: QDialog.Accepted)  # « Nouveau mot de passe » information
    page.recover_button.click()
    assert window.vault.is_open
    window.lock()
    unlock(window, PASSPHRASE)
    assert not window.vault.is_open
    unlock(window, "ma toute nouvelle marmotte quinoa lampion")
    assert window.vault.is_open


def test_inactivity_locks_and_closes_dialogs(window, qtbot, script):
    create_vault(window)
    window.idle._timer.setInterval(100)  # minutes in real life
    window.idle.start()
    closed = []

    def wait_in_dialog(dialog):
        dialog.show()
        dialog.finished.connect(closed.append)
        qtbot.waitUntil(lambda: not window.vault.is_open, timeout=3000)
        return dialog.result()

    script.expect(wait_in_dialog)
    window.new_action.trigger()  # a dialog is open when the lock comes
    assert closed == [QDialog.Rejected]
    assert window.stack.currentWidget() is window.unlock_page
    assert window.list_page.model.rowCount() == 0


def test_new_bilan_validation_messages_and_nothing_saved(window, script):
    create_vault(window)
    messages = {}

    def handler(dialog):
        dialog.show()
        type_text(by_accessible_name(dialog, "Date de naissance"), "01/01/2030")
        type_text(by_accessible_name(dialog, "E-mail"), "pas-un-email")
        type_text(by_accessible_name(dialog, "Téléphone"), "12")
        dialog.accept()
        messages.update({name: label.text() for name, label in dialog.form.errors.items() if label.text()})
        assert dialog.isVisible()  # the dialog stays open with the messages
        type_text(by_accessible_name(dialog, "Date de naissance"), "x")
        dialog.accept()
        messages["date_format"] = dialog.form.errors["date_naissance"].text()
        dialog.reject()
        return dialog.result()

    script.expect(handler)
    window.new_action.trigger()
    assert messages["nom"] == "Le nom est obligatoire."
    assert messages["prenom"] == "Le prénom est obligatoire."
    assert "futur" in messages["date_naissance"]
    assert "e-mail" in messages["email"].lower()
    assert "téléphone" in messages["telephone"]
    assert "jj/mm/aaaa" in messages["date_format"]
    assert BilanRepository(window.vault).summaries() == []


def test_a_new_bilan_being_typed_is_recorded_when_the_vault_locks(window, qtbot, script):
    create_vault(window)
    window.idle._timer.setInterval(100)
    window.idle.start()

    def typing_when_the_lock_comes(dialog):
        dialog.show()
        type_text(by_accessible_name(dialog, "Nom"), "Lefèvre")
        type_text(by_accessible_name(dialog, "Prénom"), "Élodie")
        qtbot.waitUntil(lambda: not window.vault.is_open, timeout=3000)
        return QDialog.Rejected

    script.expect(typing_when_the_lock_comes)
    window.new_action.trigger()
    unlock(window)
    assert [(s.nom, s.prenom) for s in BilanRepository(window.vault).summaries()] == [("Lefèvre", "Élodie")]
