"""Exporting a document: who may receive it (L6313-4), an exclusive private temporary file renamed into place, and the
export logged (what, when, to whom — never the content; every copy, whoever it is for, keeps its path and hash so
that the destruction engine can find it). The synthèse sent to the CEP operator records the exception of R6313-7."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from pathlib import Path

from ..domain.sections import Conservation
from ..domain.sharing import COPIES_DESTROYED_WITH, Destination, export_problems
from ..domain.workflow import Dossier, RuleViolation
from ..storage.dossiers import DossierRepository
from ..storage.exports import ExportLog
from ..storage.output_guard import write_output
from ..storage.vault import Vault

log = logging.getLogger(__name__)


class DocumentService:
    def __init__(self, vault: Vault):
        self.vault = vault

    def export(self, document: str, data: bytes, bilan_id: int | None, reference: str, destination: Destination,
               written_agreement: bool, path: Path, now: dt.datetime, replace: bool = False) -> Path:
        # checked again here, at the moment of writing, whoever built `data` and whenever (window or command line)
        problems = document_problems(self.vault, bilan_id, document) if bilan_id is not None else []
        problems = problems or export_problems(document, destination, written_agreement)
        if problems:
            raise RuleViolation(problems)
        write_output(path, data, self.vault.folder, replace)  # never the vault, never a file not to replace
        ExportLog(self.vault).record(bilan_id, reference, document, destination, str(path),
                                     hashlib.sha256(data).hexdigest(), now, len(data))
        if document == "synthese" and destination is Destination.CEP and bilan_id is not None:
            self._record_cep_transmission(bilan_id, now)
        log.info("document exported: %s, %s", document, destination.value)
        return path

    def _record_cep_transmission(self, bilan_id: int, now: dt.datetime) -> None:
        """R6313-7: the synthèse transmitted to the CEP operator at the beneficiary's request is kept."""
        dossiers = DossierRepository(self.vault)
        fin = dossiers.load(bilan_id).fin_du_bilan
        if fin.synthese_cep_transmise_le is not None:
            return
        conservation = fin.conservation if fin.conservation is Conservation.ACCORD_SUIVI else Conservation.SYNTHESE_CEP
        dossiers.save_section(bilan_id, dataclasses.replace(fin, conservation=conservation,
                                                            synthese_cep_transmise_le=now.date()), now)


def availability(document: str, dossier: Dossier, destroyed: dict[str, dt.date]) -> list[str]:
    """Why `document` of this dossier cannot be produced or written now ([] when it can): its content destroyed
    (`destroyed`: the register's category value -> day), then the document's own conditions (consent, contract,
    sessions…). The one answer for the documents page's buttons, `produce` and `DocumentService.export`."""
    from ..documents.catalog import DocumentKind, unavailable_reason
    category = COPIES_DESTROYED_WITH.get(document)
    if category is not None and category.value in destroyed:
        return [f"Détruit le {destroyed[category.value]:%d/%m/%Y} (art. R6313-7)."]
    if document == "pv_destruction" and not destroyed:
        return [NOTHING_DESTROYED]
    kind = DocumentKind(document) if document in {k.value for k in DocumentKind} else None
    reason = unavailable_reason(kind, dossier) if kind is not None else ""
    return [reason] if reason else []


def document_problems(vault: Vault, bilan_id: int, document: str) -> list[str]:
    """`availability`, read afresh from the vault (a deleted dossier has no document any more)."""
    from ..storage.bilans import BilanRepository
    from ..storage.retention import RetentionEngine
    if BilanRepository(vault).summary(bilan_id) is None:
        return [GONE]
    dossier = DossierRepository(vault).load(bilan_id)
    return availability(document, dossier, RetentionEngine(vault).destroyed_on(dossier.reference))


def destroyed_on(vault: Vault, bilan_id: int) -> dict[str, dt.date]:
    """The register's category value -> day for this bilan ({} when nothing was destroyed, or no such bilan)."""
    from ..storage.bilans import BilanRepository
    from ..storage.retention import RetentionEngine
    summary = BilanRepository(vault).summary(bilan_id)
    return RetentionEngine(vault).destroyed_on(summary.reference) if summary is not None else {}


NOTHING_DESTROYED = "Rien n'a encore été détruit pour ce bilan : pas de procès-verbal."
GONE = "Ce dossier a été supprimé : aucun de ses documents ne peut plus être écrit."


class DocumentUnavailable(Exception):
    """A document this bilan cannot have yet; `problems` are French sentences."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def produce(vault: Vault, bilan_id: int, document: str, today: dt.date, extension: str = ".pdf") -> bytes:
    """One document of one bilan, as the window builds it (the command line's `export`): the convocation is to the
    next planned session, the procès-verbal that of the bilan's last destruction; the synthèse and the detailed
    results also as `.docx` and `.odt`."""
    from ..documents import office
    if extension not in office.FORMATS or (extension != ".pdf" and document not in office.EDITABLE):
        raise DocumentUnavailable(["Format non pris en charge : le document de synthèse et les résultats détaillés "
                                   "s'exportent en .pdf, .docx ou .odt ; les autres documents en .pdf."])
    from ..documents import convocation, pv_destruction
    from ..documents.catalog import DocumentContext, DocumentKind, build
    from ..domain.seances import StatutSeance
    from ..storage.bilans import BilanRepository
    from ..storage.exports import ProviderRepository
    from ..storage.retention import RetentionEngine
    problems = document_problems(vault, bilan_id, document)
    if problems:
        raise DocumentUnavailable(problems)
    dossier = DossierRepository(vault).load(bilan_id)
    provider, beneficiary = ProviderRepository(vault).load(), BilanRepository(vault).beneficiary(bilan_id)
    if document == "convocation":
        upcoming = [s for s in dossier.seances if s.statut is StatutSeance.PLANIFIEE and s.date and s.date >= today]
        if not upcoming:
            raise DocumentUnavailable(["Aucune séance planifiée à venir : pas de convocation à produire."])
        return convocation.build(provider, beneficiary, dossier.reference, upcoming[0], convocation.DEFAULT_TO_BRING,
                                 today)
    if document == "pv_destruction":
        entries = [e for e in RetentionEngine(vault).register() if e.reference == dossier.reference]
        if not entries:
            raise DocumentUnavailable([NOTHING_DESTROYED])
        e = entries[0]
        return pv_destruction.build(provider, pv_destruction.DestructionRecord(
            e.reference, e.destroyed_on, e.legal_basis, e.labels))
    kind = DocumentKind(document)
    context = DocumentContext(provider, beneficiary, dossier, today)
    return build(kind, context) if extension == ".pdf" else office.render(document, context, extension)
