import datetime as dt

import pytest

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance
from bilan_desktop.domain.sections import Convention, Libelle, PhasePreliminaire, PremierContact
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.services.bilans import BilanService

NOW = dt.datetime(2026, 11, 26, 10)


@pytest.fixture
def repo(vault):
    bilan_id = BilanRepository(vault).create(Beneficiary("Lefèvre", "Élodie"), Funding.PLAN_DEVELOPPEMENT, NOW)
    return BilanService(vault), bilan_id  # the rules are the service's; storage only persists


def _consent(repo, bilan_id):
    dossier = repo.load(bilan_id)
    dossier.entretien_prealable.consentement_libre = True
    repo.save_section(bilan_id, dossier.entretien_prealable, NOW)


def test_no_content_before_free_consent(repo):
    repo, bilan_id = repo
    with pytest.raises(RuleViolation) as info:
        repo.save_section(bilan_id, PhasePreliminaire(objectifs=[Libelle("Changer de métier")]), NOW)
    assert "consentement libre" in info.value.problems[0]
    repo.save_section(bilan_id, PhasePreliminaire(), NOW)  # an empty form holds no content: allowed
    with pytest.raises(RuleViolation):
        repo.save_seance(bilan_id, Seance(date=dt.date(2026, 12, 1), etape=Step.PHASE_PRELIMINAIRE), NOW)
    repo.save_seance(bilan_id, Seance(date=dt.date(2026, 11, 20), etape=Step.ENTRETIEN_PREALABLE), NOW)
    _consent(repo, bilan_id)
    repo.save_section(bilan_id, PhasePreliminaire(objectifs=[Libelle("Changer de métier")]), NOW)
    assert repo.load(bilan_id).phase_preliminaire.objectifs == [Libelle("Changer de métier")]


def test_sections_round_trip_with_admin_and_content_rows_apart(repo, vault):
    repo, bilan_id = repo
    repo.save_section(bilan_id, PremierContact(date=dt.date(2026, 11, 2), origine="Bouche à oreille",
                                               situation="En poste, souhaite évoluer"), NOW)
    repo.save_section(bilan_id, Convention(employeur="ACME", transmis_le=dt.date(2026, 11, 3)), NOW)
    dossier = repo.load(bilan_id)
    assert dossier.premier_contact.situation == "En poste, souhaite évoluer"
    assert dossier.convention.transmis_le == dt.date(2026, 11, 3)
    rows = dict(((s, k), d) for s, k, d in vault.conn.execute("SELECT section, kind, data FROM bilan_section"))
    assert "situation" in rows[("premier_contact", "content")] and "situation" not in rows[("premier_contact", "admin")]
    assert ("convention", "content") not in rows


def test_sessions_24_hours_enforced_by_the_service(repo):
    repo, bilan_id = repo
    _consent(repo, bilan_id)
    repo.save_section(bilan_id, Convention(transmis_le=dt.date(2026, 11, 20), signe_salarie_le=dt.date(2026, 11, 25)),
                      NOW)
    for day in range(1, 9):  # 8 x 3 h = 24 h
        repo.save_seance(bilan_id, Seance(date=dt.date(2026, 12, day), debut=dt.time(9), fin=dt.time(12),
                                          etape=Step.PHASE_INVESTIGATION, notes=f"notes {day}"), NOW)
    with pytest.raises(RuleViolation) as info:
        repo.save_seance(bilan_id, Seance(date=dt.date(2026, 12, 10), debut=dt.time(9), fin=dt.time(9, 30),
                                          etape=Step.PHASE_CONCLUSION), NOW)
    assert "24 h 30" in info.value.problems[0]
    seances = repo.seances(bilan_id)
    assert len(seances) == 8 and seances[0].notes == "notes 1"
    first = seances[0]
    first.fin = dt.time(11)
    first.notes = ""
    repo.save_seance(bilan_id, first, NOW)
    assert repo.seances(bilan_id)[0].notes == "" and repo.seances(bilan_id)[0].hours == 2
    repo.delete_seance(bilan_id, first.id, NOW)
    assert len(repo.seances(bilan_id)) == 7


def test_overview_and_step(repo):
    repo, bilan_id = repo
    repo.save_section(bilan_id, Convention(transmis_le=dt.date(2026, 11, 3)), NOW)
    repo.dossiers.set_step(bilan_id, Step.CONVENTION, NOW)
    overview = repo.overview()[bilan_id]
    assert overview.step is Step.CONVENTION and overview.convention.transmis_le == dt.date(2026, 11, 3)
    assert overview.phase_preliminaire == PhasePreliminaire()  # no content loaded for the list


def test_satisfaction_is_stored_apart_with_the_month_only(repo, vault):
    repo, bilan_id = repo
    repo.save_satisfaction(bilan_id, "fin", [5, 4, 5, 3, 4, 5, 5, 4], "Très utile", dt.date(2026, 11, 26))
    assert repo.satisfaction(bilan_id, "fin") == ([5, 4, 5, 3, 4, 5, 5, 4], "Très utile")
    assert vault.conn.execute("SELECT answered_month FROM satisfaction").fetchone()[0] == "2026-11"
    assert repo.satisfaction(bilan_id, "suivi") is None
