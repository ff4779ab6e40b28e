import datetime as dt

import pytest

from bilan_desktop.domain import codec
from bilan_desktop.domain.calendar_fr import add_years, convention_last_day, follow_up_date, public_holidays
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Seance, format_hours, seance_problems
from bilan_desktop.domain.sections import (Adaptation, Alternative, Conservation, Convention, Experience, Libelle,
                                           PhaseInvestigation)
from bilan_desktop.domain.workflow import (Dossier, advance, applicable_steps, effective_step, exit_problems,
                                           next_deadline, retention_end, retention_problems, step_states)

D = dt.date


@pytest.mark.parametrize("sent, last", [
    (D(2026, 2, 20), D(2026, 3, 2)),   # Fri -> day 10 is Mon 2 March
    (D(2026, 3, 5), D(2026, 3, 16)),   # Thu -> day 10 is Sun 15 -> Mon 16
    (D(2026, 4, 21), D(2026, 5, 4)),   # Tue -> day 10 is Fri 1 May (holiday) -> Sat, Sun -> Mon 4
    (D(2026, 5, 4), D(2026, 5, 15)),   # Mon -> day 10 is Ascension Thu 14 May -> Fri 15
    (D(2026, 12, 15), D(2026, 12, 28)),  # day 10 is Fri 25 December -> Mon 28
])
def test_convention_last_day(sent, last):
    assert convention_last_day(sent) == last


def test_public_holidays_include_the_easter_based_ones():
    days = public_holidays(2026)
    assert len(days) == 11
    assert {D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25)} <= days  # Easter Monday, Ascension, Whit Monday


def test_follow_up_and_retention_dates():
    assert follow_up_date(D(2026, 8, 31)) == D(2027, 2, 28)
    assert follow_up_date(D(2026, 6, 30)) == D(2026, 12, 30)
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)


def _seance(day, start, end, step=Step.PHASE_INVESTIGATION, seance_id=None):
    return Seance(id=seance_id, date=day, debut=dt.time(*start), fin=dt.time(*end), etape=step)


def test_24_hours_reached_exactly_is_allowed_and_exceeded_is_refused():
    recorded = [_seance(D(2026, 1, day), (9, 0), (12, 0), seance_id=day) for day in range(1, 8)]  # 21 h
    assert seance_problems(_seance(D(2026, 1, 9), (14, 0), (17, 0)), recorded) == []  # 24 h exactly
    problems = seance_problems(_seance(D(2026, 1, 9), (14, 0), (17, 30)), recorded)
    assert len(problems) == 1 and "24 h 30" in problems[0] and "21 h" in problems[0] and "L6313-4" in problems[0]
    # editing an existing session does not count it twice
    assert seance_problems(_seance(D(2026, 1, 1), (9, 0), (12, 0), seance_id=1), recorded) == []
    # the free entretien préalable and the follow-up do not count
    assert seance_problems(_seance(D(2026, 1, 9), (14, 0), (18, 0), Step.ENTRETIEN_SUIVI), recorded) == []
    assert format_hours(1410) == "23 h 30" and format_hours(1440) == "24 h"


def test_session_needs_a_date_and_an_end_after_its_start():
    problems = seance_problems(Seance(date=None, debut=dt.time(10), fin=dt.time(9)), [])
    assert "La date de la séance est obligatoire." in problems
    assert "L'heure de fin doit être postérieure à l'heure de début." in problems


def _consented(funding=Funding.CPF) -> Dossier:
    d = Dossier(funding=funding, step=Step.ENTRETIEN_PREALABLE)
    d.premier_contact.date = D(2026, 1, 5)
    e = d.entretien_prealable
    e.date = D(2026, 1, 12)
    e.cadre_legal_presente = e.objectifs_presentes = e.deroulement_presente = e.deontologie_presentee = True
    e.prestation_adaptee = Adaptation.OUI
    e.consentement_libre = e.prestataire_non_employeur = True
    e.consentement_le = D(2026, 1, 12)
    return d


def test_entretien_prealable_guard_lists_every_missing_attestation():
    d = Dossier(step=Step.ENTRETIEN_PREALABLE)
    problems = exit_problems(d, Step.ENTRETIEN_PREALABLE, D(2026, 1, 1))
    assert "Le consentement libre du bénéficiaire n'est pas enregistré (art. L6313-4)." in problems
    assert any("R6313-5" in p for p in problems)
    assert any("adaptée" in p for p in problems)
    assert exit_problems(_consented(), Step.ENTRETIEN_PREALABLE, D(2026, 1, 1)) == []
    undated = _consented()
    undated.entretien_prealable.consentement_le = None  # the date of consent is mandatory too
    assert exit_problems(undated, Step.ENTRETIEN_PREALABLE, D(2026, 1, 1)) == [
        "Date à laquelle le consentement libre a été recueilli non renseignée (art. L6313-4)."]


def test_convention_step_exists_exactly_for_the_two_routes():
    assert Step.CONVENTION in applicable_steps(Dossier(funding=Funding.PLAN_DEVELOPPEMENT))
    assert Step.CONVENTION in applicable_steps(Dossier(funding=Funding.CONGE_RECLASSEMENT))
    for funding in (Funding.CPF, Funding.PERSONNEL, Funding.AUTRE):
        assert Step.CONVENTION not in applicable_steps(Dossier(funding=funding))
    assert advance(_consented(), D(2026, 1, 12)) == (Step.PHASE_PRELIMINAIRE, [])
    assert advance(_consented(Funding.PLAN_DEVELOPPEMENT), D(2026, 1, 12)) == (Step.CONVENTION, [])


def _convention(d: Dossier, sent: dt.date) -> Dossier:
    d.step = Step.CONVENTION
    d.convention = Convention(employeur="ACME", objectif="o", contenu="c", moyens="m", duree_heures=20,
                              periode_debut=D(2026, 3, 10), periode_fin=D(2026, 5, 30), modalites_deroulement="x",
                              modalites_remise="y", prix_euros=1800, modalites_reglement="z", transmis_le=sent,
                              signe_employeur_le=sent, signe_prestataire_le=sent)
    return d


def test_unsigned_convention_becomes_refus_repute_the_day_after_the_last_day():
    d = _convention(_consented(Funding.PLAN_DEVELOPPEMENT), D(2026, 2, 20))
    assert effective_step(d, D(2026, 3, 2)) is Step.CONVENTION
    assert advance(d, D(2026, 3, 2)) == (None, ["Convention non signée par le salarié."])
    assert next_deadline(d, D(2026, 3, 2)) == ("Signature du salarié", D(2026, 3, 2))
    assert effective_step(d, D(2026, 3, 3)) is Step.REFUS_REPUTE
    target, problems = advance(d, D(2026, 3, 3))
    assert target is None and "Refus réputé (art. R6313-8)" in problems[0] and "pas une faute" in problems[0]
    assert next_deadline(d, D(2026, 3, 3)) is None
    assert all(s.state in ("done", "closed") for s in step_states(d, D(2026, 3, 3)))


def test_convention_signed_in_time_or_late():
    d = _convention(_consented(Funding.CONGE_RECLASSEMENT), D(2026, 2, 20))
    d.convention.signe_salarie_le = D(2026, 3, 2)
    assert advance(d, D(2026, 4, 1)) == (Step.PHASE_PRELIMINAIRE, [])
    d.convention.signe_salarie_le = D(2026, 3, 3)  # signed after the last day: still a refusal
    assert effective_step(d, D(2026, 4, 1)) is Step.REFUS_REPUTE


def test_convention_mentions_are_required():
    d = _convention(_consented(Funding.PLAN_DEVELOPPEMENT), D(2026, 2, 20))
    d.convention.prix_euros = 0
    d.convention.moyens = ""
    d.convention.signe_salarie_le = D(2026, 2, 25)
    problems = exit_problems(d, Step.CONVENTION, D(2026, 2, 25))
    assert problems == ["Mentions obligatoires manquantes (art. R6313-8) : moyens, prix."]


def test_phase_guards():
    d = _consented()
    d.step = Step.PHASE_PRELIMINAIRE
    assert advance(d, D(2026, 2, 1)) == (None, ["Aucun objectif défini."])
    d.phase_preliminaire.objectifs = [Libelle("Changer de métier")]
    d.phase_preliminaire.heures_prevues = 25
    assert advance(d, D(2026, 2, 1)) == (None, ["La durée prévue dépasse 24 heures (art. L6313-4)."])
    d.phase_preliminaire.heures_prevues = 24
    assert advance(d, D(2026, 2, 1)) == (Step.PHASE_INVESTIGATION, [])
    d.step = Step.PHASE_INVESTIGATION
    assert "Ni projet" in advance(d, D(2026, 2, 1))[1][0]
    d.phase_investigation.alternatives = [Alternative("Plan B")]
    assert advance(d, D(2026, 2, 1)) == (Step.PHASE_CONCLUSION, [])
    d.step = Step.PHASE_CONCLUSION
    assert advance(d, D(2026, 2, 1)) == (None, ["Document de synthèse non remis."])
    d.phase_conclusion.synthese_remise_le = D(2026, 3, 1)
    assert advance(d, D(2026, 3, 1)) == (Step.FIN_DU_BILAN, [])
    d.step = Step.FIN_DU_BILAN
    assert advance(d, D(2026, 3, 1))[1] == ["Date de fin du bilan non renseignée.",
                                            "La décision de conservation des documents est obligatoire (art. R6313-7)."]
    d.fin_du_bilan.date_fin = D(2026, 8, 31)
    d.fin_du_bilan.conservation = Conservation.AUCUNE
    assert advance(d, D(2026, 9, 1)) == (Step.ENTRETIEN_SUIVI, [])
    d.step = Step.ENTRETIEN_SUIVI
    assert next_deadline(d, D(2026, 9, 1)) == ("Entretien de suivi", D(2027, 2, 28))
    assert advance(d, D(2026, 9, 1))[0] is None


def test_retention_decision_rules():
    d = _consented()
    fin = d.fin_du_bilan
    fin.date_fin = D(2026, 6, 30)
    fin.conservation = Conservation.ACCORD_SUIVI
    assert "Date de signature de l'accord écrit de conservation non renseignée." in retention_problems(fin)
    fin.accord_signe_le = D(2026, 6, 30)
    assert retention_problems(fin) == [] and fin.duree_conservation_ans == 1
    assert retention_end(fin) == D(2027, 6, 30)
    fin.duree_conservation_ans = 4
    assert retention_problems(fin) == ["La durée de conservation va d'un à trois ans, jamais au-delà (art. R6313-7)."]
    fin.duree_conservation_ans = 3
    assert retention_end(fin) == D(2029, 6, 30)
    fin.accord_retire_le = D(2026, 9, 1)
    assert retention_end(fin) is None
    fin.conservation, fin.accord_retire_le = Conservation.SYNTHESE_CEP, None
    assert "opérateur du CEP" in retention_problems(fin)[0]


def test_locked_steps_say_why():
    d = Dossier(step=Step.ENTRETIEN_PREALABLE)
    states = {s.step: s for s in step_states(d, D(2026, 1, 1))}
    assert states[Step.PREMIER_CONTACT].state == "done"
    assert states[Step.ENTRETIEN_PREALABLE].state == "current"
    assert "consentement libre" in states[Step.PHASE_PRELIMINAIRE].reason
    assert states[Step.PHASE_CONCLUSION].reason == "Terminez d'abord l'étape « Phase d'investigation »."


def test_sections_split_content_from_the_administrative_record():
    i = PhaseInvestigation(experiences=[Experience("Comptable", "ACME", D(2010, 1, 1), None, "paie")],
                           projet_intitule="Développeuse", projet_code_rome="M1805")
    admin, body = codec.split(i)
    assert admin == {} and body["experiences"][0]["debut"] == "2010-01-01"
    assert codec.join(PhaseInvestigation, admin, body) == i
    assert codec.has_content(i) and not codec.has_content(PhaseInvestigation())
    admin, body = codec.split(Convention(employeur="ACME"))
    assert body == {} and admin["employeur"] == "ACME"
