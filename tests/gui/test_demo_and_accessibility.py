"""The demo mode, and keyboard and accessibility: tab order, accessible names everywhere, keyboard-only entry."""

import datetime as dt

import pytest

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLineEdit, QListWidget,
                               QPlainTextEdit, QRadioButton, QTableWidget, QTextBrowser, QWidget)

from bilan_desktop import cli, paths
from bilan_desktop.domain.clock import FixedClock
from bilan_desktop.domain.registry import ORDER
from bilan_desktop.demo import BANNER, DEMO_PASSPHRASE, create_demo_vault
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.ui.app import build_main_window
from tests.gui.conftest import create_vault, type_text, unlock

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox, QRadioButton, QTableWidget,
          QListWidget, QTextBrowser)


def unnamed_inputs(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue
        if widget.parent() is not None and isinstance(widget.parent().parent(), QTableWidget):
            continue  # a cell editor inside a named table
        name = widget.accessibleName() or (widget.text() if isinstance(widget, (QCheckBox, QRadioButton)) else "")
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {root.objectName()!r}")
    return missing


def test_demo_vault_banner_passphrase_and_a_bilan_at_every_step(qtbot, qapp, tmp_path, script):
    create_demo_vault(tmp_path, dt.date(2026, 11, 26))
    paths.set_data_dir(tmp_path / "coffre")
    window = build_main_window(FixedClock(dt.date(2026, 11, 26)), demo=True)  # the demo's day, not the machine's
    qtbot.addWidget(window)
    window.show()
    banner = window.findChild(QWidget, "demoBanner")
    assert banner.text() == BANNER == "Mode démonstration — données fictives"
    assert DEMO_PASSPHRASE in window.unlock_page.hint.text()
    unlock(window, DEMO_PASSPHRASE)
    window.list_page.archives.setChecked(True)  # the demo's ended bilan has had its content destroyed
    model = window.list_page.model
    steps = {model.index(r, 3).data() for r in range(model.rowCount())}
    assert steps == {step.label for step in ORDER}
    from bilan_desktop.storage.dossiers import DossierRepository
    days = [s.date for d in DossierRepository(window.vault).overview().values() for s in d.seances]
    assert len(days) > 20 and all(day.weekday() < 5 for day in days)  # a demo session is never at the weekend
    window.vault.lock()


def test_demo_command_creates_then_deletes_its_folder(monkeypatch):
    seen = {}

    def fake_gui(demo=False):
        seen["folder"] = paths.data_dir()
        seen["exists"] = (paths.data_dir() / "coffre.db").exists()
        seen["demo"] = demo
        return 0

    monkeypatch.setattr("bilan_desktop.ui.app.run_gui", fake_gui)
    assert cli.main(["--demo"]) == 0
    assert seen["exists"] and seen["demo"] and not seen["folder"].exists() and not seen["folder"].parent.exists()


def _key(widget, key, modifier=Qt.NoModifier, text=""):
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifier, text))


def test_new_bilan_form_filled_with_the_keyboard_only(window, qtbot, script):
    create_vault(window)
    order = []

    def keyboard_only(dialog):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.form.fields["nom"].hasFocus() or dialog.isActiveWindow(), timeout=1000)
        dialog.form.fields["nom"].setFocus()
        values = ["Lefèvre", "Élodie", "14/03/1985", "elodie@exemple.fr", "06 12 34 56 78", "3 rue des Lilas"]
        for text in values:
            focused = QApplication.focusWidget()
            order.append(focused.accessibleName())
            type_text(focused, text)
            QTest.keyClick(focused, Qt.Key_Tab)
        focused = QApplication.focusWidget()
        order.append(focused.accessibleName())
        QTest.keyClick(focused, Qt.Key_Down)  # status: salarié·e
        QTest.keyClick(focused, Qt.Key_Tab)
        for text in ("Transports Rhône", "Comptable"):
            focused = QApplication.focusWidget()
            order.append(focused.accessibleName())
            type_text(focused, text)
            QTest.keyClick(focused, Qt.Key_Tab)
        focused = QApplication.focusWidget()
        order.append(focused.accessibleName())
        QTest.keyClick(focused, Qt.Key_Down)  # funding: the next route
        QTest.keyClick(focused, Qt.Key_Return)  # the default button creates the bilan
        return dialog.result()

    script.expect(keyboard_only)
    QTest.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    assert order == ["Nom", "Prénom", "Date de naissance", "E-mail", "Téléphone", "Adresse", "Statut", "Employeur",
                     "Poste occupé", "Financement"]
    summary = BilanRepository(window.vault).summaries()[0]
    assert (summary.nom, summary.prenom, summary.funding.value) == ("Lefèvre", "Élodie", "plan_developpement")
    person = BilanRepository(window.vault).beneficiary(1)
    assert (person.adresse, person.statut.value, person.employeur, person.poste) == (
        "3 rue des Lilas", "salarie", "Transports Rhône", "Comptable")


def test_every_input_has_an_accessible_name(window, script):
    from bilan_desktop.ui.settings_dialog import SettingsDialog
    from bilan_desktop.ui.backup_ui import BackupPassphraseDialog
    from bilan_desktop.ui.beneficiary_form import NewBilanDialog
    from bilan_desktop.ui.seances_page import SeanceDialog
    from bilan_desktop.ui.satisfaction_dialog import SatisfactionDialog
    from bilan_desktop.ui.documents_page import ExportDialog
    from bilan_desktop.documents.catalog import DocumentKind
    from bilan_desktop.domain.seances import Seance
    assert unnamed_inputs(window) == []
    create_vault(window)
    script.expect(lambda d: (d.form.fields["nom"].setText("A"), d.form.fields["prenom"].setText("B"), d.accept(),
                             d.result())[-1])
    window.new_action.trigger()
    bilan_window = window.bilan_windows[1]
    problems = unnamed_inputs(window) + unnamed_inputs(bilan_window)
    colons = loose_colons(window) + loose_colons(bilan_window)
    for dialog in (SettingsDialog(window.vault, window.prefs), BackupPassphraseDialog(True), NewBilanDialog(
            window.clock.today()), SeanceDialog(bilan_window.dossiers, 1, Seance(), window.clock),
                   SatisfactionDialog("fin", None), ExportDialog(DocumentKind.SYNTHESE)):
        problems += unnamed_inputs(dialog)
        colons += loose_colons(dialog)
        dialog.deleteLater()
    assert problems == []
    assert colons == []  # « Reçue le : » never wraps its colon onto a line of its own


def loose_colons(root) -> list[str]:
    """Labels ending with a colon after an ordinary space (French puts a no-break space there)."""
    from PySide6.QtWidgets import QLabel
    texts = [label.text().rstrip() for label in root.findChildren(QLabel)]
    return [text for text in texts if text.endswith(":") and text[-2:-1] != "\u00a0"]


def test_every_action_has_a_keyboard_route(window, script):
    create_vault(window)
    menus = [a for a in window.menuBar().actions()]
    assert all("&" in a.text() for a in menus)  # Alt+letter opens each menu
    for action in (window.new_action, window.lock_action, window.settings_action):
        assert not action.shortcut().isEmpty()
    for action in (window.backup_action, window.restore_action, window.journal_action, window.about_action):
        assert "&" in action.text()
    script.expect(lambda d: (d.form.fields["nom"].setText("A"), d.form.fields["prenom"].setText("B"), d.accept(),
                             d.result())[-1])
    window.new_action.trigger()
    bilan_window = window.bilan_windows[1]
    bilan_window.stepper.setFocus()
    before = bilan_window.stack.currentWidget()
    QTest.keyClick(bilan_window.stepper, Qt.Key_Down)  # the steps are reached with the arrow keys
    assert bilan_window.stack.currentWidget() is not before
    assert bilan_window.stack.currentWidget() is bilan_window.page_for(Step.ENTRETIEN_PREALABLE)


def test_qt_speaks_french_and_the_app_has_its_icon(qapp):
    from PySide6.QtWidgets import QDialogButtonBox
    from bilan_desktop.ui.app import app_icon, create_application
    create_application()
    box = QDialogButtonBox(QDialogButtonBox.Cancel | QDialogButtonBox.Save | QDialogButtonBox.Close)
    texts = {box.button(b).text().replace("&", "") for b in (QDialogButtonBox.Cancel, QDialogButtonBox.Save,
                                                            QDialogButtonBox.Close)}
    assert texts == {"Annuler", "Enregistrer", "Fermer"}
    icon = app_icon()
    assert not icon.isNull() and 256 in {s.width() for s in icon.availableSizes()}


@pytest.mark.parametrize("moment", ["bilan-demo-*", "bilan-demo-*/coffre/coffre.db", "bilan-demo-*/coffre/coffre.lock"])
def test_demo_folder_is_removed_whenever_the_app_is_terminated(tmp_path, moment):
    """SIGTERM as soon as the folder exists, once the vault is written, once the window holds the instance lock:
    no fixed sleep, the folder is gone and the exit is clean every time."""
    import os
    import signal
    import subprocess
    import sys
    import time
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(temp))
    proc = subprocess.Popen([sys.executable, "-m", "bilan_desktop", "--demo"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(temp.glob(moment)) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert list(temp.glob(moment)), f"{moment} never appeared"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert list(temp.glob("bilan-demo-*")) == []
