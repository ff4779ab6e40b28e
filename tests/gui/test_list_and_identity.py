import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.storage.bilans import BilanRepository
from tests.conftest import PASSPHRASE
from tests.gui.conftest import by_accessible_name, create_vault, type_text, unlock

PEOPLE = [("Lefèvre", "Élodie", Funding.CPF), ("Martin", "Jérôme", Funding.PLAN_DEVELOPPEMENT),
          ("N'Diaye", "Aïssata", Funding.PERSONNEL), ("Œuvray", "Noël", Funding.AUTRE)]


def _fill(window):
    repo = BilanRepository(window.vault)
    for day, (nom, prenom, funding) in enumerate(PEOPLE, start=1):
        repo.create(Beneficiary(nom, prenom), funding, dt.datetime(2026, 11, day, 9))
    window.reload_list()


def _names(window):
    model = window.list_page.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_filter_as_you_type_is_accent_and_case_insensitive(window):
    create_vault(window)
    _fill(window)
    type_text(window.list_page.filter, "elodie")
    assert _names(window) == ["LEFÈVRE Élodie"]
    window.list_page.filter.clear()
    type_text(window.list_page.filter, "NDIAYE")
    assert _names(window) == []  # the apostrophe separates words
    window.list_page.filter.setText("n diaye")
    assert _names(window) == ["N'DIAYE Aïssata"]
    window.list_page.filter.setText("oeuvray")
    assert _names(window) == ["ŒUVRAY Noël"]
    window.list_page.filter.setText("plan développement")
    assert _names(window) == ["MARTIN Jérôme"]
    assert "1 bilan affiché sur 4" == window.list_page.count.text()
    window.list_page.filter.setText("")
    assert len(_names(window)) == 4 and window.list_page.count.text() == "4 bilans"


def test_list_is_sortable_by_each_column(window):
    create_vault(window)
    _fill(window)
    table = window.list_page.table
    table.sortByColumn(1, Qt.AscendingOrder)
    assert _names(window) == ["LEFÈVRE Élodie", "MARTIN Jérôme", "N'DIAYE Aïssata", "ŒUVRAY Noël"]
    table.sortByColumn(6, Qt.DescendingOrder)
    assert _names(window)[0] == "ŒUVRAY Noël"
    table.sortByColumn(2, Qt.AscendingOrder)
    assert _names(window) == ["ŒUVRAY Noël", "LEFÈVRE Élodie", "N'DIAYE Aïssata", "MARTIN Jérôme"]  # by label
    headers = [window.list_page.model.headerData(c, Qt.Horizontal) for c in range(8)]
    assert headers == ["Référence", "Bénéficiaire", "Financement", "Étape", "État", "Prochaine échéance", "Ouvert le",
                       "Modifié le"]


def test_every_column_title_fits_its_column(window):
    """Cells too long for their column carry a tooltip; the titles themselves are never cut."""
    create_vault(window)
    _fill(window)
    window.resize(1366, 720)
    window.home.setCurrentWidget(window.list_page)
    header = window.list_page.table.horizontalHeader()
    for column in range(window.list_page.model.columnCount()):
        title = window.list_page.model.headerData(column, Qt.Horizontal)
        assert header.fontMetrics().horizontalAdvance(title) + 12 <= header.sectionSize(column), title


def test_identity_edit_is_saved_even_when_closing_at_once(window, qtbot):
    create_vault(window)
    _fill(window)
    window.open_bilan(1)
    bilan_window = window.bilan_windows[1]
    type_text(by_accessible_name(bilan_window, "Adresse"), "12 rue de la Paix, Nîmes")
    assert bilan_window.has_pending_edits
    bilan_window.close()  # no wait: closing saves what is pending
    assert BilanRepository(window.vault).beneficiary(1).adresse == "12 rue de la Paix, Nîmes"


def test_identity_autosaves_valid_fields_and_keeps_stored_values_for_invalid_ones(window, qtbot):
    create_vault(window)
    _fill(window)
    window.open_bilan(2)
    bilan_window = window.bilan_windows[2]
    type_text(by_accessible_name(bilan_window, "Téléphone"), "06 00 00 00 01")
    type_text(by_accessible_name(bilan_window, "E-mail"), "faux@")
    qtbot.waitUntil(lambda: not bilan_window.has_pending_edits, timeout=3000)
    saved = BilanRepository(window.vault).beneficiary(2)
    assert saved.telephone == "06 00 00 00 01" and saved.email == ""
    assert "e-mail" in bilan_window.identity.form.errors["email"].text().lower()
    assert "invalides" in bilan_window.identity.status.text()


def test_lock_returns_to_the_filter_and_selection(window):
    create_vault(window)
    _fill(window)
    window.list_page.filter.setText("martin")
    window.list_page.select_bilan(2)
    window.lock()
    assert window.list_page.filter.text() == ""
    unlock(window)
    assert window.list_page.filter.text() == "martin"
    assert window.list_page.table.currentIndex().row() == 0


def test_clipboard_is_cleared_at_lock(window, qapp):
    create_vault(window)
    clipboard = QGuiApplication.clipboard()
    window.activateWindow()
    clipboard.setText("Élodie Lefèvre, 06 12 34 56 78")
    window.lock()
    assert clipboard.text() == ""


def test_clipboard_is_cleared_after_its_delay_if_unchanged(window, qtbot):
    create_vault(window)
    guard = window.clipboard_guard
    guard._timer.setInterval(50)
    clipboard = QGuiApplication.clipboard()
    window.activateWindow()
    clipboard.setText("copie sensible")
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)


def test_settings_change_passphrase_and_auto_lock(window, script):
    create_vault(window)

    def handler(dialog):
        dialog.show()
        type_text(dialog.current, "pas le bon mot de passe")
        type_text(dialog.new, "une nouvelle marmotte quinoa lampion pour lundi")
        type_text(dialog.confirmation, "une nouvelle marmotte quinoa lampion pour lundi")
        dialog.change_button.click()
        assert dialog.change_message.text() == "Mot de passe incorrect ou fichier endommagé."
        dialog.current.setText(PASSPHRASE)
        dialog.change_button.click()
        assert "Mot de passe changé" in dialog.change_message.text()
        dialog.auto_lock.setValue(3)
        dialog.accept()
        return QDialog.Accepted

    script.expect(handler)
    window.settings_action.trigger()
    assert window.prefs.auto_lock_minutes == 3
    assert window.idle._timer.interval() == 3 * 60_000
    window.lock()
    unlock(window, PASSPHRASE)
    assert not window.vault.is_open
    unlock(window, "une nouvelle marmotte quinoa lampion pour lundi")
    assert window.vault.is_open
