"""Durable file replacement: write to a temporary name in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
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


# `.NAME.PID.tmp` and `.NAME.PID-xxxxxxxx.tmp`: the names `temp_name` and `open_exclusive_temp` give, nothing else.
OWN_TEMP_PATTERN = re.compile(r"^\..+\.(\d+)(?:-[0-9a-f]{8})?\.tmp$")
_MARGIN = 2.0  # seconds: file systems store times coarsely (FAT: 2 s)


def _process_start(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), where the system says it (Linux); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _abandoned(pid: int, modified: float) -> bool:
    """A temporary file of process `pid` nobody will finish: that process is gone, or it started after the file was
    last written (its number was reused). This process's own files are never judged abandoned."""
    if pid == os.getpid():
        return False
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass  # alive, someone else's: judged by its start time only
    started = _process_start(pid)
    return started is not None and modified < started - _MARGIN


def sweep_own_temp_files(folder: Path) -> list[str]:
    """Delete this application's abandoned temporary files in `folder` (not below it): regular files (never a link,
    never a folder) owned by this user, named as `temp_name` / `open_exclusive_temp` name them, whose process died
    (a kill during a backup, an export, a save) or started after they were written. Everything else is left alone.
    Returns the names removed (the application's own names: no beneficiary data)."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        match = OWN_TEMP_PATTERN.match(entry.name)
        if not match:
            continue
        with contextlib.suppress(OSError):
            info = os.lstat(entry.path)
            if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
                continue
            if _abandoned(int(match.group(1)), info.st_mtime):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed
