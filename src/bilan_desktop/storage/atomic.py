"""Durable file replacement: write to a temporary name in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import os
from pathlib import Path


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


def replace_durably(tmp: Path, final: Path) -> None:
    fsync_path(tmp)
    os.replace(tmp, final)
    fsync_dir(final.parent)


def write_bytes_atomic(final: Path, data: bytes, mode: int = 0o600) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(final)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        replace_durably(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
