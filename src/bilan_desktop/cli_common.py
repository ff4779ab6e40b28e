"""What every command shares: exit codes, the passphrase prompt and the unlocked vault. Both cli.py and
cli_documents.py import it, so neither imports the other."""

from __future__ import annotations

import getpass
import sys

from . import paths
from .domain.clock import SystemClock

EXIT_USAGE = 2
EXIT_IN_USE = 5
EXIT_DAMAGED = 3
EXIT_CHECK_FAILED = 7
EXIT_BROKEN_INSTALL = 8
EXIT_FILE = 9
FILE_ERROR_MESSAGE = ("Lecture ou écriture impossible (fichier introuvable, dossier protégé en écriture, disque plein "
                      "ou dossier à la place d'un fichier). Rien n'a été modifié.")

UNREADABLE_BILANS = ("Des données de ces bilans sont illisibles (endommagées ou modifiées hors de l'application) ; ils "
                     "sont laissés de côté, rien n'a été modifié. Restaurez une sauvegarde, ou lancez « bilan-desktop "
                     "check » :")


def read_secret(prompt: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def vault_here():
    from .storage.vault import Vault
    return Vault(paths.data_dir())


def unlocked_vault(tolerate_damage: bool = False):
    """Unlocked, with the destruction engine applied first, as at every unlock (R6313-7). A damaged vault is refused
    (the quick integrity check), except by `check`, which examines it, and `restore`, which replaces it: for them it
    stays open even when the engine cannot read it."""
    from .services.backups import damage_advice
    from .storage.errors import DamageFound
    from .storage.integrity import quick_check
    from .storage.retention import RetentionEngine
    from .storage.vault import DatabaseError
    vault = vault_here()
    vault.unlock(read_secret("Mot de passe du coffre : "))
    if not tolerate_damage:  # `check` examines the vault itself, in full
        problems = quick_check(vault.db_path, vault.raw_key)
        if problems:
            message = damage_advice(vault, problems)
            vault.lock()
            raise DamageFound(message)
    now = SystemClock().now()
    try:
        report = RetentionEngine(vault).run(now.date(), now)
    except DatabaseError:
        if not tolerate_damage:
            vault.lock()
            raise
        print("Le moteur de destruction n'a pas pu lire le coffre (pages endommagées).", file=sys.stderr)
        vault.reopen()
        return vault
    if report.destroyed:
        print(f"Destruction réglementaire effectuée : {', '.join(report.destroyed)}", file=sys.stderr)
    if report.pending:
        print(f"Destruction en attente (nouvelle tentative au prochain lancement) : {', '.join(report.pending)}",
              file=sys.stderr)
    if report.unreadable:
        print(f"{UNREADABLE_BILANS} {', '.join(report.unreadable)}", file=sys.stderr)
    return vault
