"""The main window's menus and toolbar: every action, its shortcut (application-wide) and its slot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from . import dialogs
from .about import AboutDialog
from .backup_ui import backup_flow
from .widgets import make_action


def build_actions(window) -> tuple[QAction, ...]:
    """Sets `window.new_action`, `lock_action`, `backup_action`, `restore_action`, `journal_action`,
    `settings_action`, `about_action`; returns the actions enabled only while the vault is open."""
    tr = window.tr

    def action(text: str, name: str, slot, shortcut=None):
        return make_action(window, text, slot, shortcut, name, Qt.ShortcutContext.ApplicationShortcut)

    window.new_action = action(tr("&Nouveau bilan…"), "newBilanAction", window.new_bilan, QKeySequence.StandardKey.New)
    window.lock_action = action(tr("&Verrouiller"), "lockAction", window.lock, "Ctrl+L")
    window.lock_action.setToolTip(tr("Verrouiller le coffre (Ctrl+L)"))
    window.backup_action = action(tr("&Sauvegarder…"), "backupAction",
                                  lambda: backup_flow(window, window.vault, window.clock, window.prefs))
    window.restore_action = action(tr("&Restaurer une sauvegarde…"), "restoreAction", window._restore)
    window.journal_action = action(tr("&Journal des destructions…"), "journalAction", window.open_journal)
    window.settings_action = action(tr("&Paramètres…"), "settingsAction", window.open_settings, "Ctrl+,")
    quit_action = action(tr("&Quitter"), "quitAction", window.close, QKeySequence.StandardKey.Quit)
    file_menu = window.menuBar().addMenu(tr("&Fichier"))
    for item in (window.new_action, None, window.backup_action, window.restore_action, window.journal_action, None,
                 window.settings_action, window.lock_action, None, quit_action):
        file_menu.addSeparator() if item is None else file_menu.addAction(item)
    help_menu = window.menuBar().addMenu(tr("&Aide"))
    window.about_action = action(tr("À &propos de Bilan Desktop…"), "aboutAction",
                                 lambda _checked=False: dialogs.launch(AboutDialog(window)))
    help_menu.addAction(window.about_action)
    toolbar = window.addToolBar(tr("Barre d'outils"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.addAction(window.new_action)
    toolbar.addAction(window.lock_action)
    return (window.new_action, window.lock_action, window.backup_action, window.restore_action,
            window.journal_action, window.settings_action)
