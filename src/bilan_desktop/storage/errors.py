"""Storage errors. Each carries a French message safe to show: it never holds beneficiary data."""

from __future__ import annotations


class VaultError(Exception):
    """Base class; `user_message` is French and free of any beneficiary data."""

    user_message = "Une erreur est survenue avec le coffre."
    exit_code = 1

    def __init__(self, user_message: str | None = None):
        if user_message is not None:
            self.user_message = user_message
        super().__init__(self.user_message)


class WrongKeyOrDamaged(VaultError):
    user_message = "Mot de passe incorrect ou fichier endommagé."
    exit_code = 3


class DamageFound(VaultError):
    """The vault opened, but the integrity check made at the unlock found damaged pages (the message says which
    backup to restore)."""
    user_message = ("Le coffre est endommagé. Rien n'a été modifié ; restaurez votre sauvegarde la plus récente.")
    exit_code = 3


class VaultDamaged(WrongKeyOrDamaged):
    """The passphrase opened the key file (its authenticated encryption proves it), yet the data file does not
    read with its key: the file is damaged, or is not the one this key file belongs to."""
    user_message = ("Le mot de passe est correct, mais le fichier du coffre ne se lit pas : il est endommagé ou ne "
                    "correspond pas à ce fichier de clé. Rien n'a été modifié ; restaurez une sauvegarde.")
    exit_code = 7


class VaultMissing(VaultError):
    user_message = "Aucun coffre n'existe dans ce dossier."
    exit_code = 4


class VaultAlreadyExists(VaultError):
    user_message = "Un coffre existe déjà dans ce dossier : il n'est jamais écrasé."
    exit_code = 4


class VaultIncomplete(VaultError):
    user_message = (
        "Le coffre est incomplet : le fichier de données ou le fichier de clé manque. "
        "Rien n'a été modifié ; restaurez une sauvegarde ou replacez le fichier manquant."
    )
    exit_code = 3


class NewerSchema(VaultError):
    user_message = (
        "Ce coffre a été créé par une version plus récente de Bilan Desktop. "
        "Mettez l'application à jour pour l'ouvrir."
    )
    exit_code = 3


class MigrationFailed(VaultError):
    user_message = ("La mise à jour du coffre vers cette version de l'application a échoué. "
                    "Le coffre est resté dans sa version précédente, intact.")
    exit_code = 3


class BackupInvalid(VaultError):
    user_message = "Cette sauvegarde est invalide ou endommagée : rien n'a été restauré."
    exit_code = 6


class WeakPassphrase(VaultError):
    user_message = "Le mot de passe doit contenir au moins 12 caractères."
    exit_code = 2


class VaultLocked(VaultError):
    user_message = "Le coffre est verrouillé."
