"""Before a restored file takes the vault's place, every row is read the way the application will read it, with the
repositories' own decoders (no second decoder to drift from them): a backup with an unknown step, a malformed JSON
section or an impossible date is refused with the reason, instead of being swapped in and breaking every later
start."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, cast

from .bilans import BilanRepository
from .dossiers import DossierRepository
from .exports import ProviderRepository
from .library import ParagraphLibrary, PersonalDictionary
from .registers import KINDS, RegisterRepository
from .vault import Vault

log = logging.getLogger(__name__)

UNREADABLE = ("Cette sauvegarde contient des données que Bilan Desktop ne sait pas lire ({where}) : elle est "
              "endommagée ou a été modifiée en dehors de l'application. Rien n'a été restauré.")


class _Reader:
    """What the repositories need of a vault: its connection (here, the restored file's)."""

    def __init__(self, conn):
        self.conn = conn


def _attempts(vault: Vault) -> list[tuple[str, Callable[[], Any]]]:
    from .retention import RetentionEngine
    bilans, dossiers = BilanRepository(vault), DossierRepository(vault)
    checks: list[tuple[str, Callable[[], Any]]] = [
        ("la liste des bilans", lambda: bilans.summaries(strict=True)),
        ("les étapes, conventions et séances des bilans", lambda: dossiers.overview(strict=True)),
        ("le journal des destructions", lambda: RetentionEngine(vault).register()),
        ("les réponses de satisfaction", dossiers.all_satisfaction),
        ("les coordonnées de l'organisme", ProviderRepository(vault).load),
        ("le dictionnaire personnel", PersonalDictionary(vault).words),
        ("la bibliothèque de paragraphes", ParagraphLibrary(vault).all),
    ]
    registers = RegisterRepository(vault)
    checks += [(f"le registre « {name} »", partial(registers.load, name)) for name in KINDS]

    def whole(bilan_id: int) -> None:
        dossiers.load(bilan_id)  # sections (admin and content), sessions, notes, signatures
        bilans.beneficiary(bilan_id)

    for bilan_id, reference in vault.conn.execute("SELECT id, reference FROM bilan ORDER BY id").fetchall():
        checks.append((f"le bilan {reference}", partial(whole, bilan_id)))
    return checks


def unreadable_part(conn) -> str | None:
    """None when every row decodes; otherwise what could not be read, in French (never any content)."""
    vault = cast(Vault, _Reader(conn))
    for where, attempt in _attempts(vault):
        try:
            attempt()
        except Exception as exc:  # noqa: BLE001 - whatever the decoders raise, the data is unreadable
            log.warning("unreadable rows: %s", type(exc).__name__)
            return where
    return None


def unreadable_reason(conn) -> str | None:
    """For a restored file: None when every row decodes, otherwise why the backup is refused (French)."""
    where = unreadable_part(conn)
    return UNREADABLE.format(where=where) if where else None
