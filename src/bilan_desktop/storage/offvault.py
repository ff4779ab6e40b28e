"""Copies outside the vault: the files the application wrote for the consultant (every export of a document, whoever
it was for) are tracked by path and SHA-256 in the vault. When their category is destroyed (or their dossier
deleted), each copy is deleted if it is unchanged at its path; if it is no longer there, it is looked for by its
content hash in the folders the application exported to (each such folder, its subfolders and its neighbours, not
deeper, within fixed bounds so that the search stays fast), and every identical copy found is deleted. A copy that
was changed, or that cannot be found, is listed for the consultant to deal with: the path is shown in the window,
never written to the log (the consultant chose it, it may hold a name)."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .vault import Vault

log = logging.getLogger(__name__)

# Bounds of the search by content (measured: see the README): formats the application writes, files no bigger than
# its largest documents, and a budget of files and bytes read per destruction run.
SEARCHED_SUFFIXES = frozenset({".pdf", ".docx", ".odt"})
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_FILES = 2_000
MAX_BYTES = 256 * 1024 * 1024
MAX_FOLDERS = 200

DELETED, CHANGED, MISSING = "supprimee", "modifiee", "absente"


@dataclass
class CopiesOutcome:
    """What became of the copies of one run: deleted (count), changed and not found (paths, for the window only)."""
    deleted: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add(self, status: str, path: str) -> None:
        if status == DELETED:
            self.deleted += 1
        elif status == CHANGED:
            self.changed.append(path)
        else:
            self.missing.append(path)


def sha256_of(path: Path, limit: int | None = None) -> str | None:
    """The file's SHA-256, or None when it cannot be read (or is bigger than `limit`)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit is not None and size > limit:
                return None
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _subfolders(folder: Path) -> list[Path]:
    return [p for p in _children(folder) if not p.name.startswith(".") and not p.is_symlink() and p.is_dir()]


def search_folders(export_folders: Iterable[Path], excluded: Iterable[Path] = ()) -> list[Path]:
    """Each folder the application exported to, then its subfolders, then its neighbours (the other subfolders of
    its parent, unless that parent is a filesystem root or the folder that holds the users' homes); never a folder of
    `excluded` (the vault's)."""
    firsts = list(dict.fromkeys(Path(f) for f in export_folders))
    skip = {Path(p).resolve() for p in excluded}
    homes = Path.home().parent
    ordered: list[Path] = list(firsts)
    for folder in firsts:
        ordered += _subfolders(folder)
    for folder in firsts:
        parent = folder.parent
        if parent != folder and parent != parent.parent and parent != homes:
            ordered += _subfolders(parent)
    found: list[Path] = []
    seen: set[Path] = set()
    for folder in ordered:
        real = folder.resolve()
        if real in seen or real in skip or not folder.is_dir():
            continue
        seen.add(real)
        found.append(folder)
        if len(found) >= MAX_FOLDERS:
            break
    return found


class CopyFinder:
    """Finds files by content hash in the search folders (files directly in each folder only), within the bounds.
    The folders are listed once, on the first search (names and sizes only), and shared by every copy of a run; only
    the files of a copy's size are read (all of them, within the byte budget, for copies recorded without a size)."""

    def __init__(self, folders: list[Path]):
        self.folders = folders
        self._by_size: dict[int, list[Path]] | None = None
        self._digests: dict[Path, str | None] = {}
        self._read = 0
        self.truncated = False

    def _list(self) -> dict[int, list[Path]]:
        by_size: dict[int, list[Path]] = {}
        files = 0
        seen: set[tuple[int, int]] = set()
        for folder in self.folders:
            for path in _children(folder):
                if path.suffix.lower() not in SEARCHED_SUFFIXES or path.is_symlink():
                    continue
                try:
                    stat = path.stat()
                except OSError:
                    continue
                if not path.is_file() or stat.st_size > MAX_FILE_BYTES or (stat.st_dev, stat.st_ino) in seen:
                    continue
                if files >= MAX_FILES:
                    self.truncated = True
                    return by_size
                seen.add((stat.st_dev, stat.st_ino))
                files += 1
                by_size.setdefault(stat.st_size, []).append(path)
        return by_size

    def _digest(self, path: Path, size: int) -> str | None:
        if path not in self._digests:
            if self._read + size > MAX_BYTES:
                self.truncated = True
                return None
            self._read += size
            self._digests[path] = sha256_of(path, MAX_FILE_BYTES)
        return self._digests[path]

    def find(self, digest: str, size: int | None = None) -> list[Path]:
        if self._by_size is None:
            self._by_size = self._list()
            log.info("copies searched by content: %d file(s) listed%s", sum(len(v) for v in self._by_size.values()),
                     ", search bounded" if self.truncated else "")
        sizes = [size] if size is not None else sorted(self._by_size)
        return [path for s in sizes for path in list(self._by_size.get(s, [])) if self._digest(path, s) == digest]

    def forget(self, path: Path) -> None:
        if self._by_size is not None:
            for paths in self._by_size.values():
                if path in paths:
                    paths.remove(path)


def _delete_if(path: Path, digest: str) -> bool:
    """Delete `path` if it is a regular file (not a link) whose content hashes to `digest`."""
    if path.is_symlink() or sha256_of(path) != digest:
        return False
    try:
        os.remove(path)
    except OSError:
        return False
    return True


def dispose(path: str | None, digest: str | None, finder: CopyFinder | None, size: int | None = None) -> str:
    """Delete one tracked copy: at its path when unchanged there, else every identical copy found by its hash.
    Returns its fate: DELETED, CHANGED (still at its path, different: left to the consultant) or MISSING."""
    if not path:
        return MISSING
    where = Path(path)
    if where.is_symlink():
        return CHANGED
    if where.exists():
        if digest and _delete_if(where, digest):
            if finder is not None:
                finder.forget(where)
            return DELETED
        return CHANGED
    if not digest or finder is None:
        return MISSING
    deleted = False
    for candidate in finder.find(digest, size):
        if _delete_if(candidate, digest):
            finder.forget(candidate)
            deleted = True
    return DELETED if deleted else MISSING


def sweep_temp_files(folders: Iterable[Path]) -> int:
    """The application's own temporary files left in these folders by a process that was killed while writing.
    One call site: the sweep itself is the guard's (storage.atomic.sweep_own_temp_files once merged; until then the
    startup sweep of hardening)."""
    from ..hardening import sweep_stale_temp_files
    from . import atomic
    sweep: Callable[[Path], list[str]] = getattr(atomic, "sweep_own_temp_files", sweep_stale_temp_files)
    removed = 0
    for folder in dict.fromkeys(Path(f) for f in folders):
        removed += len(sweep(folder))
    if removed:
        log.info("stale temporary files removed: %d", removed)
    return removed


class OffVaultCopies:
    """The copies of one vault outside it, for one destruction run (one search index shared by every copy)."""

    def __init__(self, vault: Vault):
        from .exports import ExportLog, ProviderRepository
        self.vault, self.log = vault, ExportLog(vault)
        self._providers = ProviderRepository(vault)
        self._finder: CopyFinder | None = None

    def export_folders(self) -> list[Path]:
        """Every folder the application exported to, and the export folder chosen in Paramètres."""
        chosen = self._providers.load().dossier_export
        return list(dict.fromkeys(self.log.folders() + ([Path(chosen)] if chosen else [])))

    def finder(self) -> CopyFinder:
        if self._finder is None:
            self._finder = CopyFinder(search_folders(self.export_folders(), excluded=[self.vault.folder]))
        return self._finder

    def remove(self, bilan_id: int, categories: set) -> CopiesOutcome:
        """The copies of one bilan's documents whose category was just destroyed."""
        from ..domain.sharing import COPIES_DESTROYED_WITH
        documents = [doc for doc, category in COPIES_DESTROYED_WITH.items() if category in categories]
        return self.dispose_all(self.log.tracked(bilan_id, documents)) if documents else CopiesOutcome()

    def dispose_all(self, tracked: list[tuple[int, str, str | None, int | None]],
                    forget_paths: bool = False) -> CopiesOutcome:
        outcome = CopiesOutcome()
        for export_id, path, digest, size in tracked:
            status = dispose(path, digest, self.finder(), size)
            outcome.add(status, path)
            self.log.set_fate(export_id, status, forget_path=forget_paths)
        return outcome

    def settle(self) -> None:
        """Sweep the application's stale temporary files from every folder it exports to; a changed copy listed
        earlier and since deleted by the consultant is no longer listed (its path is forgotten)."""
        sweep_temp_files(f for f in self.export_folders() if f.is_dir())
        gone = [p for p in self.log.listed(CHANGED) if not os.path.lexists(p)]
        if gone:
            self.log.dismiss(gone)

    def listed(self) -> tuple[list[str], list[str]]:
        """(changed, not found): the copies the consultant must deal with."""
        return self.log.listed(CHANGED), self.log.listed(MISSING)
