"""Durable file replacement: write to a temporary name in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fsync_path(folder)


def temp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}.tmp")


def create_exclusive(path: Path, mode: int = 0o600) -> Path:
    """Create `path` empty, private, and only if nothing (not even a symbolic link) is there: a link planted in a
    shared folder must never receive what the application writes."""
    fd = os.open(path, _EXCLUSIVE, mode)
    os.close(fd)
    return path


def open_exclusive_temp(final: Path, mode: int = 0o600) -> tuple[Path, int]:
    """A new temporary file beside `final`, created exclusively without following links. When the usual name is
    taken (a planted link, a leftover), another random one is used; nothing that is there is opened or removed."""
    candidates = [temp_name(final)] + [final.with_name(f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
                                       for _ in range(5)]
    for candidate in candidates:
        try:
            return candidate, os.open(candidate, _EXCLUSIVE, mode)
        except FileExistsError:
            continue
    raise FileExistsError(str(final))


def replace_durably(tmp: Path, final: Path) -> None:
    fsync_path(tmp)
    os.replace(tmp, final)
    fsync_dir(final.parent)


def write_bytes_atomic(final: Path, data: bytes, mode: int = 0o600) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp, fd = open_exclusive_temp(final, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        replace_durably(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
