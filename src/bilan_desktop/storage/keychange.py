"""The key change due after a destruction (issue 19): recorded in the same transaction as the destruction (or the
prospect's deletion), completed at the next unlock and before a lock when it was interrupted (a kill) or deferred (a
disk error), and forgotten only once the new master key is durable in `coffre.db` and in `coffre.key`. Until then, an
older copy of `coffre.db` would still open with today's key file: this mark is what closes that hole for good."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import sqlcipher3

log = logging.getLogger(__name__)


def mark_key_change_due(conn, since: dt.datetime | str) -> None:
    """Inside the caller's transaction (a destruction, a prospect's deletion): the master key must change."""
    stamp = since.isoformat() if isinstance(since, dt.datetime) else str(since)
    conn.execute("INSERT OR IGNORE INTO key_change_due (id, since) VALUES (1, ?)", (stamp,))


class KeyChange:
    """The vault's side of it (a mixin of `Vault`)."""

    if TYPE_CHECKING:
        _conn: sqlcipher3.Connection | None
        _wrapping: bytes | None

        @property
        def conn(self): ...

        @property
        def raw_key(self) -> bytes: ...

        def rotate_master_key(self) -> bool: ...

        def _open_with_key(self, key: bytes) -> None: ...

    def key_change_due(self) -> bool:
        return self.conn.execute("SELECT 1 FROM key_change_due").fetchone() is not None

    def finish_key_change(self) -> bool:
        """Complete a key change left undone: at every unlock, and before a lock. False when still due."""
        if self._conn is None:
            return True
        try:
            return not self.key_change_due() or self.rotate_master_key()
        except (sqlcipher3.DatabaseError, OSError) as exc:
            log.warning("key rotation deferred: %s", type(exc).__name__)
            if isinstance(exc, sqlcipher3.DatabaseError):
                self.reopen()
            return False

    def reopen(self) -> None:
        """A fresh connection: a damaged page read first leaves the connection that read it unusable."""
        key, wrapping = self.raw_key, self._wrapping
        self._open_with_key(key)
        self._wrapping = wrapping

    def _key_changed(self) -> None:
        """The last step of a rotation (`Vault._rotate`): the new key is durable in both files, the mark goes."""
        self.conn.execute("DELETE FROM key_change_due")
