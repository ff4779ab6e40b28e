"""After a destruction: the application's backups pruned by their policy, and what could not be deleted outside the
vault said at once (the journal of destructions lists it until the consultant has dealt with it). No reportlab here:
this runs at every unlock."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

from ..domain.dates import short_date
from ..domain.text import counted
from ..services import backups, copies
from . import dialogs

log = logging.getLogger(__name__)


def outside_text(status: copies.OutsideStatus) -> str:
    """What is left outside the vault after destructions, in plain text: the paths are the consultant's own (shown
    here only, never logged)."""
    lines = ["Copies hors coffre"]
    if status.changed:
        lines.append("Modifiées depuis leur export (l'application ne les supprime pas : supprimez-les vous-même)\u00a0:")
        lines += [f"  • {path}" for path in status.changed]
    if status.missing:
        lines.append("Introuvables (ni à leur emplacement, ni par leur contenu dans les dossiers d'export, leurs "
                     "sous-dossiers et leurs voisins) : si vous les avez rangées ailleurs, supprimez-les\u00a0:")
        lines += [f"  • {path}" for path in status.missing]
    if not status.changed and not status.missing:
        lines.append("Aucune copie à supprimer vous-même.")
    lines += ["", "Sauvegardes de l'application"]
    if status.holding:
        lines.append("Faites avant une destruction, elles contiennent encore des documents détruits (art. R6313-7). "
                     "Elles seront supprimées dès qu'une sauvegarde plus récente aura été faite et vérifiée\u00a0:")
        lines += [f"  • du {short_date(r.created_at.date())} : {r.path}" + (
            " (introuvable à cet emplacement : supprimez-la là où vous l'avez rangée)" if r.status else "")
            for r in status.holding]
    else:
        lines.append("Aucune sauvegarde de l'application ne contient de documents détruits.")
    if status.replaced:
        lines.append("Remplacées à leur emplacement par un autre fichier (jamais supprimées par l'application)\u00a0:")
        lines += [f"  • du {short_date(r.created_at.date())} : {r.path}" for r in status.replaced]
    return "\n".join(lines)


def prune_backups(vault, clock) -> None:
    """R6313-7: the application's backups that expired or hold destroyed content go once a newer one exists."""
    try:
        removed = backups.prune(vault, clock.now())
    except OSError as exc:
        log.warning("backup pruning deferred: %s", type(exc).__name__)
        return
    if removed:
        log.info("old backups removed: %d", len(removed))


def tell_after_destruction(parent, vault, clock) -> None:
    """What a destruction could not reach: copies changed or not found, and the application's backups made before it
    (a new backup now lets the application delete them)."""
    if not vault.is_open:
        return
    status = copies.outside_status(vault)
    text = "La destruction est faite dans le coffre. " + (
        "Mais des copies n'ont pas pu être supprimées, ou des sauvegardes contiennent encore ce qui a été détruit"
        if status.holding else "Mais des copies n'ont pas pu être supprimées") + "\u00a0:\n\n" + outside_text(status)
    if not status.holding:
        dialogs.inform(parent, "Après la destruction", text)
        return
    if dialogs.confirm(parent, "Après la destruction", text + "\n\nFaire une sauvegarde maintenant ? Les sauvegardes "
                       "antérieures à la destruction seront alors supprimées."):
        from .backup_ui import backup_flow
        backup_flow(parent, vault, clock)


def after_retention(parent, vault, clock, report, later: bool) -> None:
    """Called after each run of the destruction engine in the window (unlock, hourly, end of a bilan)."""
    prune_backups(vault, clock)
    if report.destroyed and (report.unreached or backups.holding_destroyed(vault)):
        if later:
            QTimer.singleShot(0, lambda: tell_after_destruction(parent, vault, clock))
        else:
            tell_after_destruction(parent, vault, clock)


def status_text(report, offvault: list[str]) -> str:
    """The main window's line about the destruction engine: pending, unreadable bilans, or copies left outside."""
    if report.pending:
        return (f"Destruction en attente ({', '.join(report.pending)}) : nouvelle tentative automatique. Vérifiez "
                "l'espace disque.")
    if report.unreadable:  # left out of the list and of the destructions: a restore repairs them
        return "Bilans illisibles, restaurez une sauvegarde : " + ", ".join(report.unreadable)
    return f"{counted(len(offvault), 'copie')} hors coffre à détruire" if offvault else ""
