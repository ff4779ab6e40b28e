"""Issue 20 §6: one function says what a session about to be recorded is warned about (Sunday, public holiday of the
workplace's département, overlap, long day, long interview outside the 24 hours) and the service refuses a session
over ten hours; abandon and pause may cancel the sessions still planned. Expected values are written by hand."""

import datetime as dt

import pytest

from bilan_desktop.domain.agenda import Event
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.provider import Provider
from bilan_desktop.domain.seances import Seance, StatutSeance
from bilan_desktop.domain.sections import Convention, EntretienPrealable
from bilan_desktop.domain.session_checks import planned_step, session_warnings
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.storage.exports import ProviderRepository

D = dt.date
TUESDAY = D(2026, 3, 10)


def _s(day, start=(9, 0), end=(11, 0), step=Step.PHASE_PRELIMINAIRE, statut=StatutSeance.PLANIFIEE, id=None):
    return Seance(id=id, date=day, debut=dt.time(*start), fin=dt.time(*end), etape=step, statut=statut)


def _event(day, start, end, seance_id, reference="BC-2026-0002", active=True):
    return Event(2, reference, "", "", day, dt.time(*start), dt.time(*end), "Séance", "Planifiée",
                 seance_id=seance_id, active=active)


def test_an_ordinary_session_has_no_warning():
    assert session_warnings(_s(TUESDAY), []) == []
    assert session_warnings(_s(TUESDAY, (9, 0), (16, 0)), []) == []  # seven hours exactly
    assert session_warnings(_s(TUESDAY, (9, 0), (12, 0), Step.ENTRETIEN_PREALABLE), []) == []  # three hours exactly


def test_sunday_and_public_holidays_of_the_departement():
    assert session_warnings(_s(D(2026, 4, 5)), []) == ["La séance tombe un dimanche : dimanche 5 avril 2026."]
    assert session_warnings(_s(D(2026, 4, 6)), []) == [  # Easter Monday
        "La séance tombe un jour férié : lundi 6 avril 2026."]
    good_friday = D(2026, 4, 3)
    assert session_warnings(_s(good_friday), []) == []
    assert session_warnings(_s(good_friday), [], "Moselle (57)") == [
        "La séance tombe un jour férié (département 57) : vendredi 3 avril 2026."]
    assert session_warnings(_s(D(2026, 12, 26)), [], "67") == [
        "La séance tombe un jour férié (département 67) : samedi 26 décembre 2026."]
    assert session_warnings(_s(D(2026, 5, 22)), [], "972") == [
        "La séance tombe un jour férié (département 972) : vendredi 22 mai 2026."]
    assert session_warnings(_s(D(2026, 5, 22)), [], "974") == []


def test_an_overlap_with_another_session_but_not_with_itself_or_a_cancelled_one():
    found = [_event(TUESDAY, (10, 0), (12, 0), 7), _event(TUESDAY, (8, 0), (9, 30), 8, "BC-2026-0003", False),
             _event(TUESDAY, (11, 0), (12, 0), 9, "BC-2026-0001")]
    assert session_warnings(_s(TUESDAY, (9, 0), (11, 0)), found) == [
        "La séance chevauche celle de BC-2026-0002 (10:00–12:00)."]
    assert session_warnings(_s(TUESDAY, (10, 30), (11, 30), id=7), found) == [
        "La séance chevauche celle de BC-2026-0001 (11:00–12:00)."]
    assert session_warnings(_s(TUESDAY, (12, 0), (14, 0)), found) == []  # back to back is no overlap
    assert session_warnings(_s(TUESDAY, statut=StatutSeance.ANNULEE), found) == []  # a cancelled one warns of nothing


def test_long_days_and_long_interviews_outside_the_24_hours():
    assert session_warnings(_s(TUESDAY, (9, 0), (16, 30)), []) == [
        "La séance dure 7 h 30 : plus de 7 heures dans la journée."]
    assert session_warnings(_s(TUESDAY, (8, 0), (18, 0)), []) == [
        "La séance dure 10 h : plus de 7 heures dans la journée."]
    assert session_warnings(_s(TUESDAY, (9, 0), (12, 30), Step.ENTRETIEN_PREALABLE), []) == [
        "L'entretien préalable dure 3 h 30 : plus de 3 heures, hors des 24 heures du bilan (ses heures ne figurent "
        "pas sur le certificat de réalisation)."]
    assert session_warnings(_s(TUESDAY, (9, 0), (13, 0), Step.ENTRETIEN_SUIVI), [])[0].startswith(
        "L'entretien de suivi dure 4 h : plus de 3 heures")
    assert session_warnings(_s(TUESDAY, (9, 0), (13, 0), Step.PHASE_INVESTIGATION), []) == []


def test_a_session_from_the_agenda_never_defaults_to_the_entretien_prealable():
    assert planned_step(Step.PREMIER_CONTACT) is Step.PHASE_PRELIMINAIRE
    assert planned_step(Step.ENTRETIEN_PREALABLE) is Step.PHASE_PRELIMINAIRE
    assert planned_step(Step.CONVENTION) is Step.PHASE_PRELIMINAIRE
    assert planned_step(Step.PHASE_INVESTIGATION) is Step.PHASE_INVESTIGATION
    assert planned_step(Step.PHASE_CONCLUSION) is Step.PHASE_CONCLUSION
    assert planned_step(Step.FIN_DU_BILAN) is Step.ENTRETIEN_SUIVI
    assert planned_step(Step.ENTRETIEN_SUIVI) is Step.ENTRETIEN_SUIVI


# -- through the service -------------------------------------------------------------------------------------------

def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10))


@pytest.fixture
def service(vault):
    return BilanService(vault)


def _bilan(service, nom="Lefèvre") -> int:
    bilan_id = service.create(Beneficiary(nom, "Élodie"), Funding.CPF, at(D(2026, 2, 1)))
    service.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=D(2026, 2, 2)),
                         at(D(2026, 2, 2)))
    return bilan_id


def test_the_service_warns_with_the_workplace_departement_and_the_other_bilans(service, vault):
    first, second = _bilan(service), _bilan(service, "Martin")
    good_friday = D(2026, 4, 3)
    assert service.seance_warnings(first, _s(good_friday)) == []
    ProviderRepository(vault).save(Provider(departement="Bas-Rhin (67)"))  # the provider's usual département
    assert service.seance_warnings(first, _s(good_friday)) == [
        "La séance tombe un jour férié (département 67) : vendredi 3 avril 2026."]
    service.dossiers.save_section(second, Convention(departement="75"), at(D(2026, 2, 3)))  # the convention's wins
    assert service.seance_warnings(second, _s(good_friday)) == []
    service.save_seance(second, _s(TUESDAY, (10, 0), (12, 0)), at(D(2026, 3, 1)))
    assert service.seance_warnings(first, _s(TUESDAY)) == [
        "La séance chevauche celle de BC-2026-0002 (10:00–12:00)."]
    (own,) = service.seances(second)
    assert service.seance_warnings(second, own) == []  # a session never overlaps itself


def test_a_session_over_ten_hours_is_refused(service):
    bilan_id = _bilan(service)
    with pytest.raises(RuleViolation) as info:
        service.save_seance(bilan_id, _s(TUESDAY, (8, 0), (18, 30)), at(D(2026, 3, 1)))
    assert info.value.problems == ["Séance refusée : elle dure 10 h 30, plus que les 10 heures d'une journée de "
                                   "travail (art. L3121-18 du Code du travail). Répartissez-la sur plusieurs jours."]
    service.save_seance(bilan_id, _s(TUESDAY, (8, 0), (18, 0)), at(D(2026, 3, 1)))  # ten hours: asked, not refused


def _statuses(service, bilan_id):
    return {s.date: s.statut for s in service.seances(bilan_id)}


def test_abandon_may_cancel_the_sessions_planned_after_it(service):
    keep, cancel = _bilan(service), _bilan(service, "Martin")
    for bilan_id in (keep, cancel):
        service.save_seance(bilan_id, _s(D(2026, 3, 2), statut=StatutSeance.REALISEE), at(D(2026, 3, 2)))
        service.save_seance(bilan_id, _s(D(2026, 3, 3), (14, 0), (16, 0)), at(D(2026, 3, 2)))  # planned, not held
        service.save_seance(bilan_id, _s(D(2026, 3, 20)), at(D(2026, 3, 2)))
    service.abandon(keep, D(2026, 3, 2), at(D(2026, 3, 5)))
    assert set(_statuses(service, keep).values()) == {StatutSeance.REALISEE, StatutSeance.PLANIFIEE}
    service.abandon(cancel, D(2026, 3, 2), at(D(2026, 3, 5)), cancel_future=True)
    assert _statuses(service, cancel) == {D(2026, 3, 2): StatutSeance.REALISEE, D(2026, 3, 3): StatutSeance.ANNULEE,
                                          D(2026, 3, 20): StatutSeance.ANNULEE}


def test_a_pause_may_cancel_the_sessions_planned_after_today(service, tmp_path):
    from bilan_desktop.services.agenda import AgendaService
    bilan_id = _bilan(service)
    service.save_seance(bilan_id, _s(D(2026, 3, 5)), at(D(2026, 3, 2)))  # today's session stays
    service.save_seance(bilan_id, _s(D(2026, 3, 12)), at(D(2026, 3, 2)))
    service.suspend(bilan_id, at(D(2026, 3, 5)), cancel_future=True)
    assert _statuses(service, bilan_id) == {D(2026, 3, 5): StatutSeance.PLANIFIEE,
                                            D(2026, 3, 12): StatutSeance.ANNULEE}
    agenda = AgendaService(service)
    found = agenda.events(D(2026, 3, 1), D(2026, 3, 31))
    assert [(e.day, e.active) for e in found] == [(D(2026, 3, 5), True), (D(2026, 3, 12), False)]
    target = tmp_path / "agenda.ics"
    agenda.export_ics(found, target, at(D(2026, 3, 5)))
    assert target.read_bytes().count(b"STATUS:CANCELLED") == 1


def test_the_interviews_outside_the_24_hours_are_printed_apart():
    """The sheet names the entretien préalable and de suivi on their rows; the certificate leaves them out."""
    from bilan_desktop.documents import certificat, emargement
    from tests.unit.documents_fixtures import beneficiary, dossier, provider
    from tests.unit.test_documents import flat, text_of
    d = dossier()
    d.seances = [_s(D(2026, 2, 16), (9, 0), (13, 0), Step.ENTRETIEN_PREALABLE, StatutSeance.REALISEE, 1),
                 _s(D(2026, 3, 9), (9, 0), (12, 0), statut=StatutSeance.REALISEE, id=2)]
    sheet = flat(text_of(emargement.build(provider(), beneficiary(), d)))
    assert "16/02/2026 entretien préalable, hors des 24 h" in sheet
    assert "09/03/2026 09:00" in sheet and "09/03/2026 phase" not in sheet
    assert "Heures du bilan : 3 h réalisées, 0 h planifiée" in sheet
    attestation = flat(text_of(certificat.build(provider(), beneficiary(), d, D(2026, 3, 10))))
    assert "16/02/2026" not in attestation and "pour une durée de 3 h réalisées" in attestation
