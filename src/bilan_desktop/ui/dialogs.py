"""Every modal dialog goes through this module (Dangerzone's `Dialog.launch()` idea), so tests can
install a runner that answers dialogs instead of blocking on `exec()`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

Runner = Callable[[QDialog], int]


def _exec(dialog: QDialog) -> int:
    return dialog.exec()


_runner: Runner = _exec
_lock_epoch = 0  # bumped when the vault locks: a dialog open across a lock counts as cancelled


def set_runner(runner: Runner | None) -> None:
    global _runner
    _runner = runner or _exec


def launch(dialog: QDialog) -> int:
    """Run a modal dialog and return its result code. A dialog the vault's locking closed returns Rejected, and
    its window may already be gone (its parent bilan window closed): callers act only on Accepted."""
    epoch = _lock_epoch
    try:
        result = _runner(dialog)
    finally:
        if shiboken6.isValid(dialog):
            dialog.deleteLater()
    return QDialog.DialogCode.Rejected if epoch != _lock_epoch else result


def close_all(parent: QWidget | None = None) -> None:
    """Reject every visible dialog (used when the vault locks)."""
    global _lock_epoch
    _lock_epoch += 1
    from PySide6.QtWidgets import QApplication
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            keep = getattr(widget, "keep_on_lock", None)
            if keep is not None:
                keep()  # a form that can save what was typed does so before the vault closes
            if widget.isVisible():
                widget.reject()


def _box(parent, icon, title: str, text: str, buttons=QMessageBox.StandardButton.Ok) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName("messageBox")
    return box


def inform(parent, title: str, text: str) -> None:
    launch(_box(parent, QMessageBox.Icon.Information, title, text))


def error(parent, title: str, text: str) -> None:
    launch(_box(parent, QMessageBox.Icon.Critical, title, text))


def confirm(parent, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = _box(parent, QMessageBox.Icon.Question, title, text, buttons)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return launch(box) == QMessageBox.StandardButton.Yes


def forget_file_dialog_history() -> None:
    """Qt's file dialog remembers visited folders in QtProject.conf (plaintext): a folder named
    after a beneficiary would leak. Drop that memory after every use."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.remove("Qt/filedialog")
    settings.sync()


FRENCH_LABELS = ((QFileDialog.DialogLabel.LookIn, "Dossier\u00a0:"),
                 (QFileDialog.DialogLabel.FileName, "Nom du fichier\u00a0:"),
                 (QFileDialog.DialogLabel.FileType, "Type de fichier\u00a0:"))


def _choose_file(parent, title: str, name_filter: str, save: bool, suggested: str = "", folder: str = "") -> str | None:
    """Qt's own dialog (the same on every system, so that it can be tested), in French, opening in `folder` (the
    export folder of Paramètres) rather than in the working directory."""
    start = str(Path(folder or Path.home()) / suggested) if suggested else str(folder or Path.home())
    dialog = QFileDialog(parent, title, start, name_filter)
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    for label, text in FRENCH_LABELS:
        dialog.setLabelText(label, text)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    # Replacing is asked by `confirm_target`, in French, through `launch` (answerable, closed at a lock) and about
    # the final name, the extension added: Qt's own question would judge the name typed, outside `launch`.
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Enregistrer" if save else "Ouvrir")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Annuler")
    try:
        accepted = launch(dialog) == QDialog.DialogCode.Accepted and dialog.selectedFiles()
        return dialog.selectedFiles()[0] if accepted else None
    finally:
        if shiboken6.isValid(dialog):
            shiboken6.delete(dialog)  # Qt writes the folder history when the dialog is destroyed...
        forget_file_dialog_history()  # ...so forget it only afterwards


def choose_save_file(parent, title: str, name_filter: str, suggested: str = "", folder: str = "") -> str | None:
    return _choose_file(parent, title, name_filter, True, suggested, folder)


class SaveTarget(NamedTuple):
    """Where to write, and whether the consultant confirmed replacing the file already there."""
    path: Path
    replace: bool


REPLACE_TITLE = "Remplacer le fichier ?"
REPLACE_TEXT = ("Un fichier porte déjà ce nom dans ce dossier : « {name} ». Le remplacer par celui-ci ? Son contenu "
                "actuel sera perdu.")


def confirm_target(parent, path: Path) -> SaveTarget | None:
    """The final file chosen: when something is there, the consultant confirms replacing it (No: nothing written).
    Only a confirmed target carries `replace=True`, which the guard of written files requires to replace."""
    if not os.path.lexists(path):
        return SaveTarget(path, False)
    if not confirm(parent, REPLACE_TITLE, REPLACE_TEXT.format(name=path.name)):
        return None
    return SaveTarget(path, True)


def choose_save_path(parent, title: str, name_filter: str, suggested: str) -> SaveTarget | None:
    """The file to write, with the suggested name's extension added when the consultant left it out, replacing an
    existing file only once confirmed."""
    target = choose_save_file(parent, title, name_filter, suggested)
    if not target:
        return None
    suffix = Path(suggested).suffix
    return confirm_target(parent, Path(target if not suffix or target.lower().endswith(suffix) else target + suffix))


def choose_open_file(parent, title: str, name_filter: str, folder: str = "") -> str | None:
    return _choose_file(parent, title, name_filter, False, "", folder)
