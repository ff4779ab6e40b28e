"""Issue 19 §6: satisfaction answers are detached from the person at the content's destruction (their month and funding
route kept for the figures, the free comment gone), and stored detached at once when they come after it; a bilan's
reference is never given twice."""

from __future__ import annotations

import datetime as dt
import json
import secrets

import pytest
import sqlcipher3

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Conservation, EntretienPrealable, FinDuBilan, Suivi
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.services.satisfaction_forms import SatisfactionForms
from bilan_desktop.services.stats import StatsService
from bilan_desktop.storage.keyfile import KeyFile, new_recovery_code
from bilan_desktop.storage.migrations import CURRENT_VERSION, migrate
from bilan_desktop.storage.retention import RetentionEngine
from bilan_desktop.storage.vault import Vault, configure, raw_key_pragma
from tests.fixtures.make_vault_fixtures import FIXTURE_KDF, FIXTURE_PASSPHRASE, ROWS_V1
from tests.helpers.sqlcipher_pages import occurrences
from tests.unit.test_retention_engine import CANARY, NOW, fill_bilan
from tests.unit.test_satisfaction_form import fill

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _rows(vault) -> list[tuple]:
    return vault.conn.execute("SELECT bilan_id, kind, answered_month, comment, funding FROM satisfaction "
                              "ORDER BY id").fetchall()


def _figures(vault, today=dt.date(2026, 12, 31)) -> list:
    return StatsService(BilanService(vault)).figures(*YEAR, today)


def _by(found, section: str) -> dict:
    return {f.label: f.value for f in found if f.section == section}


def test_answers_detached_when_content_is_destroyed_while_the_synthese_is_kept(vault):
    """The synthèse sent to the CEP operator is kept three years: the content goes at the end, and the answers lose
    their link and their comment then, not three years later."""
    bilan_id = fill_bilan(vault, conservation=Conservation.SYNTHESE_CEP, synthese_cep_transmise_le=dt.date(2026, 5, 29))
    assert _rows(vault) == [(bilan_id, "fin", "2026-05", f"Merci {CANARY}", "plan_developpement")]
    before = _figures(vault)
    RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert set(RetentionEngine(vault).register()[0].categories) == {"contenu"}  # the synthèse is still there
    assert _rows(vault) == [(None, "fin", "2026-05", "", "plan_developpement")]
    assert _figures(vault) == before  # the figures are those of before, by period and by funding
    found = _by(before, "Par financement — Plan de développement des compétences")
    assert found["Réponses de satisfaction à chaud"] == 1 and found["Réponses de satisfaction à froid"] == 0
    assert _by(before, "Satisfaction à chaud")["Réponses"] == 1
    assert occurrences(vault.db_path, vault.raw_key, f"Merci {CANARY}") == 0


def _after_follow_up(vault) -> tuple[BilanService, int]:
    """Ended on 29 May (content destroyed the next day); follow-up held on 20 November, its notes destroyed the next
    day: the six-month questionnaire comes back after that."""
    bilan_id = fill_bilan(vault)
    engine = RetentionEngine(vault)
    engine.run(dt.date(2026, 5, 30), NOW)
    service = BilanService(vault)
    service.dossiers.set_step(bilan_id, Step.ENTRETIEN_SUIVI, NOW)
    service.save_section(bilan_id, Suivi(realise_le=dt.date(2026, 11, 20), mis_en_place="Notes du suivi"),
                         dt.datetime(2026, 11, 20, 17))
    engine.run(dt.date(2026, 11, 21), NOW)
    assert set(service.destroyed_on(bilan_id)) == {"contenu", "synthese", "suivi"}
    return service, bilan_id


def test_a_form_imported_after_the_follow_up_notes_destruction_is_stored_detached_at_once(vault):
    service, bilan_id = _after_follow_up(vault)
    forms = SatisfactionForms(service)
    pdf = forms.issue(bilan_id, dt.date(2026, 11, 20))
    filled = fill(pdf, {f"q{i}": "4" for i in range(1, 9)}, comment="Merci Zéphyrine pour tout")
    reference, marks = forms.import_(filled, dt.date(2026, 12, 2))
    assert (reference, marks) == ("BC-2026-0001", [4] * 8)
    assert _rows(vault)[-1] == (None, "suivi", "2026-12", "", "plan_developpement")
    assert service.satisfaction(bilan_id, "suivi") is None  # nothing of it is linked to the person
    assert occurrences(vault.db_path, vault.raw_key, "Zéphyrine") == 0
    cold = _by(_figures(vault), "Satisfaction à froid")
    assert cold["Réponses"] == 1 and cold["Votre satisfaction globale"] == 4.0
    assert _by(_figures(vault), "Par financement — Plan de développement des compétences")[
        "Réponses de satisfaction à froid"] == 1
    with pytest.raises(RuleViolation) as twice:  # imported again: not counted twice
        forms.import_(filled, dt.date(2026, 12, 3))
    assert twice.value.problems == ["Les réponses à ce questionnaire sont déjà enregistrées, détachées du dossier dont "
                                    "le contenu est détruit : elles ne peuvent plus être modifiées."]
    assert len(_rows(vault)) == 2


def test_answers_typed_after_the_destruction_are_stored_detached_at_once(vault):
    service, bilan_id = _after_follow_up(vault)
    assert service.save_satisfaction(bilan_id, "suivi", [3] * 8, "Un commentaire", dt.date(2026, 12, 1)) is True
    assert _rows(vault)[-1] == (None, "suivi", "2026-12", "", "plan_developpement")
    with pytest.raises(RuleViolation):
        service.save_satisfaction(bilan_id, "fin", [3] * 8, "", dt.date(2026, 12, 1))  # answered, since detached


def test_before_any_destruction_answers_stay_linked_and_can_be_corrected(vault):
    service = BilanService(vault)
    bilan_id = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    assert service.save_satisfaction(bilan_id, "fin", [2] * 8, "Premier jet", NOW.date()) is False
    assert service.save_satisfaction(bilan_id, "fin", [5] * 8, "Corrigé", NOW.date()) is False
    assert _rows(vault) == [(bilan_id, "fin", "2026-05", "Corrigé", "cpf")]


def test_migration_detaches_the_answers_of_bilans_already_destroyed(tmp_path, monkeypatch):
    """A vault of the version before: one bilan destroyed with its answer still linked, another not. (Its key file is
    made with the fixtures' passphrase, written before today's strength rule, as the fixtures are.)"""
    monkeypatch.setattr("bilan_desktop.storage.keyfile.check_new_passphrase", lambda _p: None)
    folder = tmp_path / "ancien"
    folder.mkdir()
    key = secrets.token_bytes(32)
    KeyFile.create(key, FIXTURE_PASSPHRASE, new_recovery_code(), FIXTURE_KDF).save(folder / "coffre.key")
    conn = sqlcipher3.connect(str(folder / "coffre.db"), isolation_level=None)
    conn.execute(raw_key_pragma(key))
    conn.execute("PRAGMA cipher_compatibility = 4")
    configure(conn)
    migrate(conn, target=1)
    for statement in ROWS_V1:
        conn.execute(statement)
    migrate(conn, target=8)
    for bilan_id, comment in ((1, "Merci Élodie"), (2, "Très bien")):
        conn.execute("INSERT INTO satisfaction (bilan_id, kind, answered_month, answers, comment) VALUES "
                     "(?, 'fin', '2026-03', ?, ?)", (bilan_id, json.dumps([5] * 8), comment))
    conn.execute("INSERT INTO destruction_register (bilan_id, reference, destroyed_on, legal_basis, categories, "
                 "recorded_at) VALUES (1, 'BC-2026-0001', '2026-04-01', 'R6313-7', '[\"contenu\"]', "
                 "'2026-04-01T09:00:00')")
    conn.close()
    vault = Vault(folder)
    vault.unlock(FIXTURE_PASSPHRASE)
    assert vault.schema_version() == CURRENT_VERSION
    assert _rows(vault) == [(None, "fin", "2026-03", "", "cpf"), (2, "fin", "2026-03", "Très bien",
                                                                 "plan_developpement")]
    assert BilanService(vault).dossiers.satisfaction_answered(1, "fin")
    vault.lock()


# -- references ------------------------------------------------------------------------------------------------------
def test_a_deleted_prospects_reference_is_never_given_again(vault):
    service = BilanService(vault)
    first = service.create(Beneficiary("Martin", "Paul"), Funding.CPF, NOW)
    second = service.create(Beneficiary("Durand", "Zoé"), Funding.CPF, NOW)
    assert service.delete_prospect(second, NOW) == "BC-2026-0002"
    third = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    assert service.summary(third).reference == "BC-2026-0003"
    assert service.destroyed_on(third) == {}  # the new bilan is not taken for the deleted one
    service.delete_prospect(third, NOW)
    service.delete_prospect(first, NOW)  # even with no bilan left at all
    fourth = service.create(Beneficiary("Petit", "Noé"), Funding.CPF, NOW)
    assert service.summary(fourth).reference == "BC-2026-0004"
    later = service.create(Beneficiary("Roux", "Léa"), Funding.CPF, dt.datetime(2027, 1, 4, 9))
    assert service.summary(later).reference == "BC-2027-0001"  # numbered per year, as before


def test_a_new_bilan_after_a_deletion_can_be_worked_on(vault):
    """Its content is not refused as « destroyed » and its procès-verbal does not say its dossier was deleted."""
    from bilan_desktop.services.documents import DocumentUnavailable, produce
    service = BilanService(vault)
    gone = service.create(Beneficiary("Durand", "Zoé"), Funding.CPF, NOW)
    service.delete_prospect(gone, NOW)
    bilan_id = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    service.save_section(bilan_id, EntretienPrealable(consentement_libre=True), NOW)
    service.save_section(bilan_id, FinDuBilan(), NOW)
    with pytest.raises(DocumentUnavailable) as none:
        produce(vault, bilan_id, "pv_destruction", NOW.date())
    assert none.value.problems == ["Rien n'a encore été détruit pour ce bilan : pas de procès-verbal."]


def test_a_reference_is_not_given_again_after_restoring_an_older_backup(vault, tmp_path):
    """The deletion is carried into the restored content with its register entry, and its reference with it."""
    from bilan_desktop.storage.backup import restore_backup, write_backup
    service = BilanService(vault)
    service.create(Beneficiary("Martin", "Paul"), Funding.CPF, NOW)
    backup = tmp_path / "ancienne.bdsave"
    write_backup(vault, backup, "phrase de la sauvegarde ocre et quinoa", NOW)
    prospect = service.create(Beneficiary("Durand", "Zoé"), Funding.CPF, NOW)
    service.delete_prospect(prospect, NOW)
    restore_backup(vault, backup, "phrase de la sauvegarde ocre et quinoa", NOW)
    service = BilanService(vault)
    again = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    assert service.summary(again).reference == "BC-2026-0003"


def test_a_reference_is_not_given_again_after_restoring_a_backup_holding_the_deleted_prospect(vault, tmp_path):
    from bilan_desktop.storage.backup import restore_backup, write_backup
    service = BilanService(vault)
    service.create(Beneficiary("Martin", "Paul"), Funding.CPF, NOW)
    prospect = service.create(Beneficiary("Durand", "Zoé"), Funding.CPF, NOW)
    backup = tmp_path / "ancienne.bdsave"
    write_backup(vault, backup, "phrase de la sauvegarde ocre et quinoa", NOW)
    service.delete_prospect(prospect, NOW)
    restore_backup(vault, backup, "phrase de la sauvegarde ocre et quinoa", NOW)
    service = BilanService(vault)
    assert service.bilan_id_of("BC-2026-0002") is None  # deleted again
    again = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    assert service.summary(again).reference == "BC-2026-0003"
