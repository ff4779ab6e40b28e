"""Every screen grabbed to PNG (set BILAN_SHOTS=folder to keep them and look at them)."""

import datetime as dt
import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.ui.backup_ui import BackupPassphraseDialog
from bilan_desktop.ui.beneficiary_form import NewBilanDialog
from bilan_desktop.ui.settings_dialog import SettingsDialog
from tests.gui.conftest import type_text


def _save(widget, folder: Path, name: str) -> None:
    widget.show()
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() > 300 and image.height() > 150, name


def test_grab_every_screen(window, tmp_path, clock, script):
    folder = Path(os.environ.get("BILAN_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    _save(window, folder, "01-creation-coffre")
    type_text(window.setup_page.passphrase, "phrase")
    window.setup_page.create_button.click()
    _save(window, folder, "02-creation-erreur")
    window.setup_page.reset()
    type_text(window.setup_page.passphrase, "girafe lampion escalier brume ocre")
    type_text(window.setup_page.confirmation, "girafe lampion escalier brume ocre")
    window.setup_page.create_button.click()
    _save(window, folder, "03-code-de-secours")
    window.recovery_page.written.setChecked(True)

    def first_run_notice(box):
        box.show()
        _save(box, folder, "03b-coordonnees-a-renseigner")
        return QMessageBox.StandardButton.No

    script.expect(first_run_notice)
    window.recovery_page.continue_button.click()
    _save(window, folder, "04-liste-vide")
    repo = BilanRepository(window.vault)
    for i, (nom, prenom) in enumerate([("Lefèvre", "Élodie"), ("Martin", "Jérôme"), ("N'Diaye", "Aïssata")]):
        repo.create(Beneficiary(nom, prenom, dt.date(1980 + i, 3, 14), "contact@exemple.fr", "0612345678"),
                    list(Funding)[i], dt.datetime(2026, 11, 20 + i, 10))
    window.reload_list()
    _save(window, folder, "05-liste")
    dialog = NewBilanDialog(clock.today(), window)
    type_text(dialog.form.fields["email"], "pas-un-email")
    dialog.accept()
    _save(dialog, folder, "06-nouveau-bilan-erreurs")
    dialog.close()
    window.open_bilan(1)
    bilan_window = window.bilan_windows[1]
    bilan_window.resize(1100, 760)
    for row in range(bilan_window.stepper.count()):
        if not bilan_window.stepper.item(row).isHidden():
            bilan_window.stepper.setCurrentRow(row)
            _save(bilan_window, folder, f"07-bilan-{row:02d}")
    bilan_window.close()
    _save(SettingsDialog(window.vault, window.prefs, window), folder, "08-parametres")
    _save(BackupPassphraseDialog(True, window), folder, "09-sauvegarde")
    window.lock()
    type_text(window.unlock_page.passphrase, "faux")
    window.unlock_page.unlock_button.click()
    window.unlock_page.forgot_button.click()
    _save(window, folder, "10-deverrouillage")


def test_tab_labels_are_drawn_whole_selected_or_not(qapp):
    """Fusion drew unselected tabs 2 px lower, cutting the accent of « À faire » and the tail of « Agenda »: the text
    of every tab must hold the same ink whether its tab is selected or not."""
    from PySide6.QtWidgets import QTabWidget, QWidget

    from bilan_desktop.ui.home import HomePage
    from bilan_desktop.ui.widgets import roomy_tabs

    def ink(index: int) -> int:
        bar = tabs.tabBar()
        image = bar.grab(bar.tabRect(index)).toImage()
        return sum(1 for y in range(image.height()) for x in range(image.width())
                   if image.pixelColor(x, y).lightness() < 90)

    tabs = QTabWidget()
    for title in ("À faire (10)", "Agenda", "Statistiques"):
        tabs.addTab(QWidget(), title)
    roomy_tabs(tabs)
    tabs.resize(600, 200)
    tabs.show()
    for index in range(3):
        tabs.setCurrentIndex(index)
        qapp.processEvents()
        selected = ink(index)
        tabs.setCurrentIndex((index + 1) % 3)
        qapp.processEvents()
        assert ink(index) == selected > 50, tabs.tabText(index)
    assert "roomy_tabs(self)" in Path(HomePage.__init__.__code__.co_filename).read_text(encoding="utf-8")
