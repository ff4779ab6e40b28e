"""The one guard every file written on the consultant's behalf goes through (documents, CSV, calendars, backups,
forms, registers), in the window and on the command line alike (issue 19, point 1):

- never in the vault's folder or below it, never onto one of the vault's files, neither by its name nor through a
  symbolic link, a hard link, a link to a folder or another mount of the folder: a typo must not destroy the vault
  (a `stats --csv coffre.key` used to replace the key file, the recovery slot with it);
- never onto an existing file unless the consultant asked for it (`--remplacer`, or the window's confirmation);
  even then, the old file is replaced by a rename, never written through;
- always a private temporary file beside the target, synced, then renamed into place (and, when nothing may be
  replaced, linked into place: the system refuses atomically if a file appeared meanwhile). The checks run again
  at that last moment. The application's abandoned temporary files of that folder are swept first.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .atomic import fsync_dir, fsync_path, open_exclusive_temp, sweep_own_temp_files
from .errors import VaultError

VAULT_TARGET_MESSAGE = ("Ce fichier ne peut pas être écrit dans le dossier du coffre, ni à la place de l'un de ses "
                        "fichiers (pas même par un lien) : choisissez un autre dossier. Rien n'a été écrit.")
EXISTING_MESSAGE = ("Un fichier porte déjà ce nom : il n'est pas écrasé sans votre accord (en ligne de commande, "
                    "ajoutez --remplacer). Rien n'a été écrit.")


class OutputRefused(VaultError):
    """A target the guard refuses; the message is French and never holds the file's name."""
    exit_code = 9


class IntoVault(OutputRefused):
    user_message = VAULT_TARGET_MESSAGE


class AlreadyExists(OutputRefused):
    user_message = EXISTING_MESSAGE


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _stat(path: Path, follow: bool) -> os.stat_result | None:
    try:
        return os.stat(path, follow_symlinks=follow)
    except (OSError, ValueError):
        return None


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except RuntimeError:  # a loop of links: not a place to write to
        raise OSError("link loop") from None


def _identities(folder: Path) -> set[tuple[int, int]]:
    """(device, inode) of every entry of the vault's folder (coffre.db, coffre.key, their journal, the lock…), links
    followed as well as not: a hard link elsewhere to one of them is the same file. (Anything below the folder is
    refused by its path already.)"""
    found: set[tuple[int, int]] = set()
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for name in names:
        for follow in (False, True):
            info = _stat(folder / name, follow)
            if info is not None:
                found.add((info.st_dev, info.st_ino))
    return found


def check_target(path: Path, vault_folder: Path, replace: bool = False) -> Path:
    """Raise IntoVault, AlreadyExists (both OutputRefused, French) or IsADirectoryError; otherwise return `path`.
    Nothing is written."""
    target = Path(path)
    folder = Path(vault_folder)
    if target.name in ("", ".", ".."):
        raise IsADirectoryError("target")
    spellings = {Path(os.path.abspath(target)), _resolve(target)}
    folders = {Path(os.path.abspath(folder)), _resolve(folder)}
    if any(_inside(s, f) for s in spellings for f in folders):
        raise IntoVault()
    folder_info = _stat(folder, True)
    if folder_info is not None:
        for spelling in spellings:  # another spelling of the folder: a bind mount, a case-insensitive name
            for ancestor in spelling.parents:
                info = _stat(ancestor, True)
                if info is not None and os.path.samestat(info, folder_info):
                    raise IntoVault()
        own = {(folder_info.st_dev, folder_info.st_ino)} | _identities(folder)
        for follow in (False, True):  # the target itself, a link to a vault file, a hard link to one
            info = _stat(target, follow)
            if info is not None and (info.st_dev, info.st_ino) in own:
                raise IntoVault()
    if target.is_dir():
        raise IsADirectoryError("target")
    if os.path.lexists(target) and not replace:
        raise AlreadyExists()
    return target


def commit(tmp: Path, final: Path, vault_folder: Path, replace: bool = False) -> None:
    """Put the written, closed temporary file `tmp` in place of `final`, checking `final` again first. Without
    `replace`, the file is linked into place, which fails if anything appeared there meanwhile (on a file system
    without hard links, such as FAT, checked then renamed)."""
    check_target(final, vault_folder, replace)
    fsync_path(tmp)
    if replace:
        os.replace(tmp, final)
    else:
        try:
            os.link(tmp, final)
        except FileExistsError:
            raise AlreadyExists() from None
        except OSError:
            if os.path.lexists(final):
                raise AlreadyExists() from None
            os.replace(tmp, final)
        else:
            os.unlink(tmp)
    fsync_dir(final.parent)


def write_output(path: Path, data: bytes, vault_folder: Path, replace: bool = False, mode: int = 0o600) -> Path:
    """Write `data` to `path` on the consultant's behalf, through the guard (see the module's docstring)."""
    target = check_target(path, vault_folder, replace)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_own_temp_files(target.parent)
    tmp, fd = open_exclusive_temp(target, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        commit(tmp, target, vault_folder, replace)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return target
