"""Process hardening, applied first thing at start (before any vault file is touched).

- umask 077: every file and folder the application creates is private to the user (0600 / 0700), the log and
  backups included, whatever the desktop's default umask is.
- No core dump: a crashed process must not leave its memory (typed text, the raw vault key) on disk.
  RLIMIT_CORE 0 stops the kernel writing a core file; PR_SET_DUMPABLE 0 also keeps systemd-coredump, ptrace by
  other processes of the same user and /proc/<pid>/mem away from it (Linux).
- Stale temporary files of dead processes (`.coffre.db.1234.tmp`, left by a kill during a backup or a restore)
  are removed: they are encrypted, but with a key that an old key file copy may still open.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def disable_core_dumps() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        libc = _libc()
        if libc is not None:
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def is_dumpable() -> bool | None:
    """Linux only: the PR_GET_DUMPABLE flag (None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    return None if libc is None else bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def private_umask() -> None:
    os.umask(0o077)


def harden_process() -> None:
    private_umask()
    disable_core_dumps()


def sweep_stale_temp_files(folder: Path) -> list[str]:
    """Delete `.NAME.PID.tmp` files whose process is gone (see `storage.atomic.sweep_own_temp_files`). Returns the
    names removed (no beneficiary data: these names are the application's own)."""
    from .storage.atomic import sweep_own_temp_files
    return sweep_own_temp_files(folder)
