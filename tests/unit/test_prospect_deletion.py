"""Issue 14: a prospect who never came back, or a dossier entered by mistake, is deleted outright (GDPR storage
limitation) — only before the bilan has started, with a register entry that names nobody, nothing left in the
file's pages."""

from __future__ import annotations

import datetime as dt

import pytest

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.registry import EntryKind
from bilan_desktop.domain.seances import Seance
from bilan_desktop.domain.sections import EntretienPrealable, PremierContact
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.storage.retention import RetentionEngine

NOW = dt.datetime(2026, 11, 25, 10)
CANARY = "Prospect-Zéphyrin-Quasimodo"


def _prospect(service: BilanService, name: str = CANARY) -> int:
    bilan_id = service.create(Beneficiary(name, "Élodie", email="elodie@exemple.fr"), Funding.CPF, NOW)
    service.save_section(bilan_id, PremierContact(date=NOW.date(), situation=f"Situation {name}"), NOW)
    return bilan_id


def test_a_prospect_is_deleted_with_an_anonymous_register_entry(vault):
    service = BilanService(vault)
    keep = _prospect(service, "Gardée")
    gone = _prospect(service)
    reference = service.delete_prospect(gone, NOW)
    assert service.summary(gone) is None and service.summary(keep) is not None
    assert vault.conn.execute("SELECT count(*) FROM beneficiary").fetchone()[0] == 1
    assert vault.conn.execute("SELECT count(*) FROM bilan_section WHERE bilan_id = ?", (gone,)).fetchone()[0] == 0
    (entry,) = RetentionEngine(vault).register()
    assert entry.reference == reference and "RGPD" in entry.legal_basis
    assert entry.kind is EntryKind.SUPPRESSION_DOSSIER and entry.categories == []  # a kind of its own, no category
    assert entry.labels == ["Dossier entier, identité comprise (prospect supprimé avant le bilan)"]
    row = " ".join(str(v) for v in vault.conn.execute("SELECT * FROM destruction_register").fetchone())
    assert CANARY not in row and "Élodie" not in row
    vault.lock()
    raw = (vault.folder / "coffre.db").read_bytes()
    assert CANARY.encode() not in raw  # encrypted anyway; and compacted


def test_the_deleted_dossier_leaves_nothing_in_the_decrypted_pages(vault):
    from tests.conftest import PASSPHRASE
    from tests.helpers.sqlcipher_pages import occurrences
    service = BilanService(vault)
    gone = _prospect(service)
    assert occurrences(vault.db_path, vault.raw_key, CANARY) > 0  # the check sees it while it is there
    service.delete_prospect(gone, NOW)
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert occurrences(vault.db_path, vault.raw_key, CANARY) == 0


def test_only_before_the_bilan_has_started(vault):
    service = BilanService(vault)
    started = _prospect(service)
    service.save_section(started, EntretienPrealable(consentement_libre=True, consentement_le=NOW.date()), NOW)
    service.dossiers.set_step(started, Step.PHASE_PRELIMINAIRE, NOW)
    with pytest.raises(RuleViolation, match="a commencé"):
        service.delete_prospect(started, NOW)
    planned = _prospect(service, "Planifiée")
    service.save_section(planned, EntretienPrealable(consentement_libre=True, consentement_le=NOW.date()), NOW)
    service.dossiers.save_seance(planned, Seance(date=NOW.date(), etape=Step.PHASE_PRELIMINAIRE), NOW)
    with pytest.raises(RuleViolation, match="séances du bilan"):
        service.delete_prospect(planned, NOW)
    assert service.summary(started) is not None and service.summary(planned) is not None
    assert RetentionEngine(vault).register() == []
