"""Fichier > Sauvegarder / Restaurer: choose the file, the backup's passphrase, then run and report."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..domain.clock import Clock
from ..domain.text import counted
from ..services import backups
from ..storage.backup import BackupSecret
from ..storage.errors import VaultError
from ..storage.vault import Vault
from . import dialogs
from .background import run_in_background
from .number_fields import NumberField
from .widgets import error_label, new_passphrase_problem, passphrase_strength, password_field, show_error

FILTER = "Sauvegardes Bilan Desktop (*.bilanbak)"
log = logging.getLogger(__name__)


class BackupPassphraseDialog(QDialog):
    """Asks for the backup's passphrase: twice when writing a backup, once when restoring."""

    def __init__(self, confirm: bool, parent=None, keep: int = 0):
        super().__init__(parent)
        self.setObjectName("backupPassphraseDialog")
        self.setWindowTitle(self.tr("Mot de passe de la sauvegarde"))
        self.confirm_needed = confirm
        text = (self.tr("La sauvegarde est chiffrée avec son propre mot de passe (12 caractères au moins). "
                        "Sans lui, elle ne pourra pas être restaurée : conservez-le précieusement.")
                if confirm else self.tr("Mot de passe choisi lors de la sauvegarde\u00a0:"))
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.passphrase = password_field(self.tr("Mot de passe de la sauvegarde"), "backupPassphrase")
        self.confirmation = password_field(self.tr("Confirmation du mot de passe de la sauvegarde"),
                                           "backupConfirmPassphrase")
        self.error = error_label("backupPassphraseError")
        form = QFormLayout()
        form.addRow(self.tr("&Mot de passe\u00a0:"), self.passphrase)
        self.keep = NumberField()
        self.keep.setRange(0, 99)
        self.keep.setValue(keep)
        self.keep.setSpecialValueText(self.tr("toutes"))
        self.keep.setAccessibleName(self.tr("Nombre de sauvegardes à garder dans ce dossier"))
        if confirm:
            form.addRow(self.tr("&Confirmation\u00a0:"), self.confirmation)
            hint = QLabel(passphrase_strength("")[1])
            hint.setWordWrap(True)
            self.passphrase.textChanged.connect(lambda t: hint.setText(passphrase_strength(t)[1]))
            form.addRow("", hint)
            form.addRow(self.tr("&Garder dans ce dossier\u00a0:"), self.keep)
            notice = QLabel(self.tr(
                "Une sauvegarde contient des documents soumis à destruction (art. R6313-7). Ils sont détruits dans "
                "le coffre en temps voulu et, si une ancienne sauvegarde est restaurée, de nouveau avant tout "
                "affichage ; mais le fichier de sauvegarde lui-même les garde. L'application note chaque sauvegarde "
                "qu'elle écrit et supprime celles qui sont antérieures à une destruction ou plus anciennes que la "
                "durée choisie dans Paramètres, dès qu'une sauvegarde plus récente est faite. Une copie que vous "
                "déplacez ailleurs (clé USB, disque externe) échappe à cette règle : c'est à vous de la supprimer."))
            notice.setWordWrap(True)
            form.addRow(notice)
        else:
            self.confirmation.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        if self.keep.refusal():
            show_error(self.error, f"{self.keep.accessibleName()} : {self.keep.refusal()}")
            return
        if self.confirm_needed:
            problem = new_passphrase_problem(self.passphrase.text(), self.confirmation.text())
            show_error(self.error, problem)
            if problem:
                return
        super().accept()


def _ask_passphrase(parent, confirm: bool, prefs=None) -> str | None:
    dialog = BackupPassphraseDialog(confirm, parent, prefs.backup_keep if prefs else 0)
    if dialogs.launch(dialog) != QDialog.DialogCode.Accepted:
        return None
    if prefs is not None:
        prefs.backup_keep = dialog.keep.value()
    return dialog.passphrase.text()


def backup_flow(parent, vault: Vault, clock: Clock, prefs=None) -> bool:
    target = dialogs.choose_save_file(parent, "Enregistrer une sauvegarde chiffrée", FILTER,
                                      f"sauvegarde-{clock.today().isoformat()}.bilanbak")
    if not target:
        return False
    chosen = dialogs.confirm_target(parent, Path(target if target.endswith(".bilanbak") else target + ".bilanbak"))
    if chosen is None:
        return False
    secret = _ask_passphrase(parent, confirm=True, prefs=prefs)
    if secret is None:
        return False
    try:
        prepared = run_in_background(BackupSecret(secret).prepare_write)  # Argon2id off the GUI thread
        manifest, removed = backups.back_up(vault, chosen.path, prepared, clock.now(),
                                            prefs.backup_keep if prefs else 0, chosen.replace)
    except (VaultError, OSError) as exc:
        log.warning("backup failed: %s", type(exc).__name__)
        message = exc.user_message if isinstance(exc, VaultError) else (
            "La sauvegarde n'a pas pu être écrite (disque plein, dossier protégé ou support retiré ?). "
            "Le coffre n'a pas été modifié.")
        dialogs.error(parent, "Sauvegarde impossible", message)
        return False
    log.info("backup written: %d rows, %d old backup(s) removed", sum(manifest.row_counts.values()), len(removed))
    pruned = counted(len(removed), "ancienne sauvegarde supprimée", "anciennes sauvegardes supprimées")
    rows = counted(sum(manifest.row_counts.values()), "enregistrement")
    dialogs.inform(parent, "Sauvegarde terminée",
                   f"La sauvegarde a été écrite puis vérifiée ({rows}). Rangez-la en lieu sûr, avec son mot de passe "
                   "à part." + (f" {pruned} (règle de conservation des sauvegardes)." if removed else ""))
    return True


def restore_message(info) -> str:
    """What the consultant confirms: the backup's date and, when it predates destructions, that they stay."""
    created = info.manifest.created_at
    text = (f"La sauvegarde du {created[8:10]}/{created[5:7]}/{created[:4]} a été vérifiée. Le contenu actuel du "
            "coffre sera remplacé par le sien.")
    if info.destroyed_since:
        text += (f"\n\nCette sauvegarde est antérieure à la destruction réglementaire (art. R6313-7) des documents de "
                 f"{counted(len(info.destroyed_since), 'bilan')} : {', '.join(info.destroyed_since)}. Ces documents ne "
                 "reviendront pas : ils sont détruits de nouveau avant tout affichage, et le journal des destructions "
                 "est conservé.")
    return text + "\n\nContinuer ?"


def restore_flow(parent, vault: Vault, clock: Clock) -> bool:
    source = dialogs.choose_open_file(parent, "Restaurer une sauvegarde", FILTER + ";;Tous les fichiers (*)")
    if not source:
        return False
    secret = _ask_passphrase(parent, confirm=False)
    if secret is None:
        return False
    try:
        prepared = run_in_background(BackupSecret(secret).prepare_read, Path(source))  # Argon2id off the GUI thread
        info = backups.inspect(vault, Path(source), prepared)
        if not dialogs.confirm(parent, "Restaurer une sauvegarde", restore_message(info)):
            return False
        ready = run_in_background(backups.prepare(vault, Path(source), prepared))  # verify, export: off the GUI thread
        manifest = backups.restore(vault, Path(source), prepared, clock.now(), ready)
    except (VaultError, OSError) as exc:
        log.warning("restore refused: %s", type(exc).__name__)
        message = exc.user_message if isinstance(exc, VaultError) else (
            "La restauration a échoué : le coffre actuel est intact.")
        dialogs.error(parent, "Restauration impossible", message)
        return False
    log.info("backup restored: %d rows", sum(manifest.row_counts.values()))
    dialogs.inform(parent, "Restauration terminée",
                   f"La sauvegarde du {manifest.created_at[8:10]}/{manifest.created_at[5:7]}/"
                   f"{manifest.created_at[:4]} a été restaurée.")
    return True


def integrity_flow(parent, vault: Vault) -> bool:
    """At every unlock: every page's HMAC and SQLite's quick check, on a worker thread (a connection of its own); a
    damaged vault is said at once, with the backup to restore. True when all is well."""
    try:
        problems = run_in_background(backups.integrity_check(vault))
    except Exception as exc:  # noqa: BLE001 - the check itself failing is damage too
        log.warning("integrity check failed: %s", type(exc).__name__)
        problems = ["Le contrôle d'intégrité n'a pas pu lire le coffre."]
    if not problems:
        return True
    log.warning("integrity check at unlock: %d problem(s)", len(problems))
    dialogs.error(parent, "Coffre endommagé", backups.damage_advice(vault, problems))
    return False
