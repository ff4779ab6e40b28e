"""Issue 11 §2: the legal holes the registry and the service close, each pinned through the service."""

import datetime as dt

import pytest

from bilan_desktop.domain import calendar_fr
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance
from bilan_desktop.domain.sections import Conservation, Convention, EntretienPrealable, FinDuBilan
from bilan_desktop.domain.workflow import RuleViolation, effective_step
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.storage.retention import RetentionEngine

D = dt.date
NOW = dt.datetime(2026, 3, 1, 10)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10))


@pytest.fixture
def service(vault):
    return BilanService(vault)


def _bilan(service, funding=Funding.CPF, consent=True) -> int:
    bilan_id = service.create(Beneficiary("Lefèvre", "Élodie"), funding, at(D(2026, 2, 1)))
    if consent:
        service.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=D(2026, 2, 2)),
                             at(D(2026, 2, 2)))
    return bilan_id


def _session(day, step=Step.PHASE_PRELIMINAIRE, start=9, end=11) -> Seance:
    return Seance(date=day, debut=dt.time(start), fin=dt.time(end), etape=step)


def _refused(callable_, *words):
    with pytest.raises(RuleViolation) as info:
        callable_()
    text = " ".join(info.value.problems)
    for word in words:
        assert word in text, text
    return text


def test_no_session_after_a_refus_repute_or_before_the_employee_signs(service):
    bilan_id = _bilan(service, Funding.PLAN_DEVELOPPEMENT)
    service.save_section(bilan_id, Convention(transmis_le=D(2026, 2, 20)), at(D(2026, 2, 20)))
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 2, 25)), at(D(2026, 2, 24))),
             "pas signée par le salarié", "R6313-8")
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 3, 4)), at(D(2026, 3, 3))), "Refus réputé",
             "aucune séance")


def test_no_session_after_an_abandon(service):
    bilan_id = _bilan(service)
    service.save_seance(bilan_id, _session(D(2026, 2, 10)), at(D(2026, 2, 10)))
    service.abandon(bilan_id, D(2026, 2, 12), at(D(2026, 2, 12)))
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 2, 20)), at(D(2026, 2, 13))), "abandonné")
    _refused(lambda: service.delete_seance(bilan_id, service.seances(bilan_id)[0].id, at(D(2026, 2, 13))),
             "abandonné")


def test_a_signature_dated_within_the_delay_lifts_the_refus_repute(service):
    bilan_id = _bilan(service, Funding.PLAN_DEVELOPPEMENT)
    service.save_section(bilan_id, Convention(transmis_le=D(2026, 2, 20)), at(D(2026, 2, 20)))
    today = at(D(2026, 3, 5))
    assert effective_step(service.load(bilan_id), today.date()) is Step.REFUS_REPUTE
    convention = service.load(bilan_id).convention
    convention.employeur = "Autre"  # nothing but the signature may change
    _refused(lambda: service.save_section(bilan_id, convention, today), "Refus réputé")
    convention = service.load(bilan_id).convention
    convention.signe_salarie_le = D(2026, 3, 4)  # late: the refus stays
    service.save_section(bilan_id, convention, today)
    assert effective_step(service.load(bilan_id), today.date()) is Step.REFUS_REPUTE
    convention.signe_salarie_le = D(2026, 3, 2)  # the last day: in time, recorded late
    service.save_section(bilan_id, convention, today)
    assert effective_step(service.load(bilan_id), today.date()) is Step.PREMIER_CONTACT


def test_a_refus_repute_destroys_nothing_until_confirmed(service, vault):
    bilan_id = _bilan(service, Funding.PLAN_DEVELOPPEMENT)
    prealable = service.load(bilan_id).entretien_prealable
    prealable.justification = "Besoin de faire le point"
    service.save_section(bilan_id, prealable, at(D(2026, 2, 2)))
    service.save_section(bilan_id, Convention(transmis_le=D(2026, 2, 20)), at(D(2026, 2, 20)))
    engine = RetentionEngine(vault)
    assert engine.run(D(2026, 3, 10), at(D(2026, 3, 10))).destroyed == []
    assert service.load(bilan_id).entretien_prealable.justification == "Besoin de faire le point"
    service.confirm_refus(bilan_id, at(D(2026, 3, 10)))
    assert engine.run(D(2026, 3, 10), at(D(2026, 3, 10))).destroyed == ["BC-2026-0001"]
    assert service.load(bilan_id).entretien_prealable.justification == ""
    assert service.load(bilan_id).entretien_prealable.consentement_libre  # the administrative record stays


def test_an_agreement_signed_after_the_end_is_refused(service):
    bilan_id = _bilan(service)
    fin = FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 7, 2))
    _refused(lambda: service.save_section(bilan_id, fin, at(D(2026, 7, 2))), "au plus tard à la fin du bilan")
    fin.accord_signe_le = D(2026, 6, 30)
    service.save_section(bilan_id, fin, at(D(2026, 7, 2)))


def test_after_the_end_only_the_withdrawal_can_change(service):
    bilan_id = _bilan(service)
    fin = FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 30))
    service.save_section(bilan_id, fin, at(D(2026, 6, 30)))
    service.dossiers.set_step(bilan_id, Step.ENTRETIEN_SUIVI, at(D(2026, 6, 30)))
    fin.duree_conservation_ans = 3
    _refused(lambda: service.save_section(bilan_id, fin, at(D(2026, 7, 5))), "lecture seule")
    fin.duree_conservation_ans = 1
    fin.accord_retire_le = D(2026, 7, 5)
    service.save_section(bilan_id, fin, at(D(2026, 7, 5)))
    phase = service.load(bilan_id).phase_investigation
    phase.projet_intitule = "Menuisier"
    _refused(lambda: service.save_section(bilan_id, phase, at(D(2026, 7, 5))), "lecture seule")


def test_prealable_and_follow_up_sessions_are_dated_by_the_bilan(service):
    bilan_id = _bilan(service)
    service.save_seance(bilan_id, _session(D(2026, 2, 3), Step.ENTRETIEN_PREALABLE), at(D(2026, 2, 3)))
    service.save_seance(bilan_id, _session(D(2026, 2, 10)), at(D(2026, 2, 10)))
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 2, 12), Step.ENTRETIEN_PREALABLE),
                                         at(D(2026, 2, 12))), "après le début des phases")
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 2, 1)), at(D(2026, 2, 12))),
             "précéder l'entretien préalable")
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 3, 1), Step.ENTRETIEN_SUIVI),
                                         at(D(2026, 3, 1))), "renseignez d'abord la date de fin")
    service.save_section(bilan_id, FinDuBilan(date_fin=D(2026, 4, 30), conservation=Conservation.AUCUNE),
                         at(D(2026, 4, 30)))
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 4, 20), Step.ENTRETIEN_SUIVI),
                                         at(D(2026, 4, 30))), "après la fin du bilan")
    _refused(lambda: service.save_seance(bilan_id, _session(D(2026, 5, 5)), at(D(2026, 4, 30))), "après sa fin")
    service.save_seance(bilan_id, _session(D(2026, 10, 30), Step.ENTRETIEN_SUIVI), at(D(2026, 4, 30)))


def test_funding_is_fixed_after_the_entretien_prealable(service):
    bilan_id = _bilan(service)
    service.set_funding(bilan_id, Funding.PERSONNEL, at(D(2026, 2, 2)))
    service.dossiers.set_step(bilan_id, Step.ENTRETIEN_PREALABLE, at(D(2026, 2, 2)))
    service.set_funding(bilan_id, Funding.PLAN_DEVELOPPEMENT, at(D(2026, 2, 2)))  # still chosen at the préalable
    service.dossiers.set_step(bilan_id, Step.PHASE_PRELIMINAIRE, at(D(2026, 2, 3)))
    _refused(lambda: service.set_funding(bilan_id, Funding.CPF, at(D(2026, 2, 3))), "ne change plus")


@pytest.mark.parametrize("departement,expected", [("", D(2024, 12, 26)), ("57", D(2024, 12, 27)),
                                                  ("067", D(2024, 12, 27)), ("68", D(2024, 12, 27)),
                                                  ("75", D(2024, 12, 26))])
def test_local_holidays_move_the_last_day(departement, expected):
    assert calendar_fr.convention_last_day(D(2024, 12, 16), departement) == expected


def test_local_holidays_of_each_place():
    assert D(2026, 4, 3) in calendar_fr.public_holidays(2026, "67")  # Vendredi saint, Alsace-Moselle
    assert D(2026, 4, 3) not in calendar_fr.public_holidays(2026, "69")
    assert D(2026, 12, 26) in calendar_fr.public_holidays(2026, "57")
    for code, (month, day) in {"971": (5, 27), "972": (5, 22), "973": (6, 10), "974": (12, 20),
                               "976": (4, 27)}.items():
        assert D(2026, month, day) in calendar_fr.public_holidays(2026, code)
        assert D(2026, month, day) not in calendar_fr.public_holidays(2026, "")


def test_the_convention_uses_the_workplace_departement(service):
    bilan_id = _bilan(service, Funding.PLAN_DEVELOPPEMENT)
    service.save_section(bilan_id, Convention(transmis_le=D(2024, 12, 16), departement="57"), at(D(2024, 12, 16)))
    dossier = service.load(bilan_id)
    assert effective_step(dossier, D(2024, 12, 27)) is not Step.REFUS_REPUTE  # 26 December is a holiday there
    assert effective_step(dossier, D(2024, 12, 30)) is Step.REFUS_REPUTE


def test_alsace_moselle_differs_on_23_dates_from_2024_to_2032():
    day, differ = D(2024, 1, 1), 0
    while day <= D(2032, 12, 31):
        differ += calendar_fr.convention_last_day(day) != calendar_fr.convention_last_day(day, "67")
        day += dt.timedelta(days=1)
    assert differ == 23


def test_the_follow_up_page_says_when_its_notes_go():
    from bilan_desktop.domain.retention import follow_up_info
    from bilan_desktop.domain.workflow import Dossier
    d = Dossier(step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(date_fin=D(2026, 6, 30),
                                                                     conservation=Conservation.AUCUNE))
    assert "30/03/2027" in follow_up_info(d)  # planned 30/12/2026, plus three months
    d.fin_du_bilan = FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI,
                                accord_signe_le=D(2026, 6, 30))
    assert follow_up_info(d) == ""  # kept with the other documents under the agreement


def test_secrecy_is_the_services_rule(vault, tmp_path):
    """Results and synthèse go to nobody but the beneficiary without their written agreement (L6313-4)."""
    from bilan_desktop.services.documents import DocumentService
    from bilan_desktop.storage.exports import Destination, ExportLog
    service = DocumentService(vault)
    target = tmp_path / "synthese.pdf"
    _refused(lambda: service.export("synthese", b"%PDF", None, "BC-2026-0001", Destination.EMPLOYEUR, False, target,
                                    NOW), "accord écrit")
    assert not target.exists()
    service.export("synthese", b"%PDF", None, "BC-2026-0001", Destination.EMPLOYEUR, True, target, NOW)
    assert target.read_bytes() == b"%PDF"
    assert vault.conn.execute("SELECT count(*) FROM export_log").fetchone()[0] == 1
    assert ExportLog(vault).entries(0) == []  # logged without a bilan: nothing attached to another one
