"""Issue 12, the rules: withdrawal periods (from the texts), contract reminders per funding route, session statuses
and the 24 hours, who may receive which document, French typography, SIRET."""

from __future__ import annotations

import datetime as dt

import pytest

from bilan_desktop.domain import contracts, sharing
from bilan_desktop.domain.funding import Contract, Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.provider import Provider, siret_valid
from bilan_desktop.domain.rules import seance_record_problems
from bilan_desktop.domain.seances import (Role, Seance, Signature, StatutSeance, counted_minutes, hours_summary,
                                          next_session, realised_minutes, rhythm_days)
from bilan_desktop.domain.sections import Financement
from bilan_desktop.domain.text import NBSP, french_spacing
from tests.unit.documents_fixtures import dossier

D = dt.date


@pytest.mark.parametrize("signed,last", [
    (D(2026, 11, 2), D(2026, 11, 12)),  # Monday → Thursday: the day of signature not counted
    (D(2026, 11, 4), D(2026, 11, 16)),  # the tenth day is Saturday 14: moved to Monday 16 (issue 20 §4 reading)
    (D(2026, 11, 5), D(2026, 11, 16)),  # Sunday 15 → Monday 16
    (D(2026, 4, 21), D(2026, 5, 4)),  # Friday 1 May, a public holiday → Monday 4 May
    (D(2026, 12, 22), D(2027, 1, 4)),  # across the year, Friday 1 January → Monday 4 January
    (D(2026, 11, 3), D(2026, 11, 13)),  # Friday 13: a working day, unchanged
])
def test_withdrawal_of_the_code_du_travail_moves_to_the_next_working_day_like_r6313_8(signed, last):
    assert contracts.withdrawal_last_day(signed, at_distance=False) == last


@pytest.mark.parametrize("signed,last", [
    (D(2026, 11, 2), D(2026, 11, 16)),  # Monday + 14 = Monday
    (D(2026, 11, 5), D(2026, 11, 19)),
    (D(2026, 11, 7), D(2026, 11, 23)),  # ends Saturday 21 → Monday 23 (L221-19)
    (D(2026, 4, 17), D(2026, 5, 4)),  # ends Friday 1 May, a public holiday → Monday 4 May
    (D(2026, 4, 30), D(2026, 5, 15)),  # ends Thursday 14 May, Ascension → Friday 15 May
])
def test_withdrawal_at_a_distance_is_fourteen_days_extended_to_a_working_day(signed, last):
    assert contracts.withdrawal_last_day(signed, at_distance=True) == last


def test_the_contract_of_each_funding_route():
    assert {f: f.contract for f in Funding} == {
        Funding.CPF: Contract.PLATEFORME, Funding.PLAN_DEVELOPPEMENT: Contract.TRIPARTITE,
        Funding.CONGE_RECLASSEMENT: Contract.TRIPARTITE, Funding.PERSONNEL: Contract.CONTRAT,
        Funding.OPCO: Contract.CONVENTION_ACHETEUR, Funding.FRANCE_TRAVAIL: Contract.CONVENTION_ACHETEUR,
        Funding.TRANSITIONS_PRO: Contract.CONVENTION_ACHETEUR, Funding.EMPLOYEUR: Contract.CONVENTION_ACHETEUR,
        Funding.AUTRE: Contract.CONVENTION_ACHETEUR}


def test_a_session_planned_during_the_withdrawal_period_is_flagged_until_the_early_start_is_recorded():
    f = Financement(contrat_signe_le=D(2026, 11, 2))
    today = D(2026, 11, 3)
    warn = contracts.contract_warnings
    assert "pendant le délai de rétractation" in " ".join(warn(Funding.PERSONNEL, f, [D(2026, 11, 12)], today, None))
    assert warn(Funding.PERSONNEL, f, [D(2026, 11, 13)], today, None) == []  # the day after the last day
    early = Financement(contrat_signe_le=D(2026, 11, 2), debut_anticipe_le=D(2026, 11, 2))
    assert warn(Funding.PERSONNEL, early, [D(2026, 11, 5)], today, None) == []
    assert "n'est pas signé" in warn(Funding.PERSONNEL, Financement(), [], today, None)[0]
    assert warn(Funding.PLAN_DEVELOPPEMENT, Financement(), [D(2026, 11, 5)], today, None) == []


def test_payment_waits_for_the_end_of_withdrawal_then_thirty_percent():
    f = Financement(contrat_signe_le=D(2026, 11, 2), prix_euros=2000)
    text = contracts.payment_text(Funding.PERSONNEL, f)
    assert "avant le vendredi 13 novembre 2026" in text and "30 %" in text and f"600,00{NBSP}€" in text
    assert contracts.contract_withdrawal_end(Funding.OPCO, f) is None


def test_cpf_reminders_entry_then_service_fait():
    today = D(2026, 11, 20)
    warn = contracts.contract_warnings
    f = Financement(dossier_numero="123")
    assert warn(Funding.CPF, f, [D(2026, 11, 25)], today, None) == []  # nothing held yet
    assert "Entrée en formation" in warn(Funding.CPF, f, [D(2026, 11, 19)], today, None)[0]
    declared = Financement(dossier_numero="123", cpf_entree_declaree_le=D(2026, 11, 19))
    assert warn(Funding.CPF, declared, [D(2026, 11, 19)], today, None) == []
    assert "Service fait" in warn(Funding.CPF, declared, [D(2026, 11, 19)], today, D(2026, 11, 20))[0]
    assert "acheteur" in warn(Funding.OPCO, Financement(), [], today, None)[0]


def test_cancelled_and_missed_sessions_hold_no_hours_planned_and_realised_count_together():
    base = dict(date=D(2026, 11, 2), debut=dt.time(9), fin=dt.time(12))
    sessions = [Seance(id=i, statut=s, **base) for i, s in enumerate(StatutSeance)]
    assert counted_minutes(sessions) == 360 and realised_minutes(sessions) == 180
    assert hours_summary(sessions) == "3 h réalisées, 3 h planifiées"
    assert hours_summary([Seance(statut=StatutSeance.REALISEE, **base, id=1)]).startswith("3 h réalisées")
    assert hours_summary([]) == "0 h réalisée, 0 h planifiée"


def test_the_24_hours_apply_to_planned_and_realised_together_not_to_cancelled():
    d = dossier("x")
    d.seances = [Seance(id=i, date=D(2026, 3, 9) + dt.timedelta(days=7 * i), debut=dt.time(9), fin=dt.time(12),
                        statut=StatutSeance.PLANIFIEE if i % 2 else StatutSeance.REALISEE) for i in range(8)]
    extra = Seance(date=D(2026, 5, 20), debut=dt.time(9), fin=dt.time(10))
    assert any("24 heures" in p for p in seance_record_problems(d, extra, D(2026, 3, 1)))
    d.seances[3].statut = StatutSeance.ANNULEE
    assert not any("24 heures" in p for p in seance_record_problems(d, extra, D(2026, 3, 1)))


def test_a_future_session_is_only_planned_and_signed_on_its_day_or_after():
    d = dossier("x")
    d.seances = []
    today = D(2026, 3, 9)
    future = Seance(date=D(2026, 3, 16), debut=dt.time(9), fin=dt.time(12), statut=StatutSeance.REALISEE)
    assert any("ne peut être que planifiée" in p for p in seance_record_problems(d, future, today))
    signed = Seance(date=D(2026, 3, 16), debut=dt.time(9), fin=dt.time(12), signatures=(
        Signature(Role.BENEFICIAIRE, b"png", dt.datetime(2026, 3, 9, 10)),))
    assert any("le jour de la séance ou après" in p for p in seance_record_problems(d, signed, today))
    held = Seance(date=today, debut=dt.time(9), fin=dt.time(12), statut=StatutSeance.REALISEE,
                  signatures=signed.signatures)
    problems = " ".join(seance_record_problems(d, held, today))
    assert "planifiée" not in problems and "jour de la séance" not in problems


def test_connection_times_come_in_pairs():
    d = dossier("x")
    d.seances = []
    half = Seance(date=D(2026, 3, 9), connexion_debut=dt.time(9, 2))
    assert any("déconnexion" in p for p in seance_record_problems(d, half, D(2026, 3, 9)))
    reversed_ = Seance(date=D(2026, 3, 9), connexion_debut=dt.time(11), connexion_fin=dt.time(9))
    assert any("déconnexion" in p for p in seance_record_problems(d, reversed_, D(2026, 3, 9)))


def test_new_sessions_follow_the_rhythm_of_the_phase_preliminaire():
    today = D(2026, 11, 2)
    assert next_session([], "", today) == (today, dt.time(9), dt.time(11))
    last = Seance(date=D(2026, 11, 5), debut=dt.time(14), fin=dt.time(16, 30))
    assert next_session([last], "Hebdomadaire", today) == (D(2026, 11, 12), dt.time(14), dt.time(16, 30))
    assert next_session([last], "tous les 15 jours", today)[0] == D(2026, 11, 19)
    cancelled = Seance(date=D(2026, 11, 20), statut=StatutSeance.ANNULEE)
    assert next_session([last, cancelled], "une séance par mois", today)[0] == D(2026, 12, 3)
    assert next_session([Seance(date=D(2026, 1, 5))], "hebdo", today)[0] == today  # never in the past
    assert [rhythm_days(r) for r in ("", "Quotidien", "bimensuel", "mensuel")] == [7, 1, 14, 28]


@pytest.mark.parametrize("document", sorted(sharing.DESTINATIONS))
def test_who_may_receive_each_document(document):
    for destination in sharing.Destination:
        allowed = destination in sharing.destinations(document)
        without = sharing.export_problems(document, destination, False)
        with_agreement = sharing.export_problems(document, destination, True)
        if not allowed:
            assert without and with_agreement
        elif document in ("synthese", "resultats") and destination is not sharing.Destination.BENEFICIAIRE \
                and destination is not sharing.Destination.TRAVAIL:
            assert without == [sharing.SECRECY] and with_agreement == []
        else:
            assert without == [] and with_agreement == []  # the certificate goes to the payer without any agreement


def test_the_synthese_alone_goes_to_the_cep_operator():
    assert sharing.Destination.CEP in sharing.destinations("synthese")
    assert all(sharing.Destination.CEP not in sharing.destinations(d) for d in sharing.DESTINATIONS if d != "synthese")
    assert sharing.destinations("certificat")[:3] == (sharing.Destination.BENEFICIAIRE, sharing.Destination.EMPLOYEUR,
                                                      sharing.Destination.FINANCEUR)


@pytest.mark.parametrize("typed,printed", [
    ("Nom : X", f"Nom{NBSP}: X"), ("le « projet » ; fin", f"le «{NBSP}projet{NBSP}»{NBSP}; fin"),
    ("Vraiment ? Oui !", f"Vraiment{NBSP}? Oui{NBSP}!"), ("à 14 h 30 et 9 h", f"à 14{NBSP}h{NBSP}30 et 9{NBSP}h"),
    ("https://visio.exemple.fr/a:b", "https://visio.exemple.fr/a:b"), ("14:30", "14:30"), ("", ""),
    ("RNCP:37275", "RNCP:37275"), ("a  : b", f"a{NBSP}: b"),
])
def test_french_spacing(typed, printed):
    assert french_spacing(typed) == printed


def test_siret_key_and_provider_problems():
    assert siret_valid("732 829 320 00074") and not siret_valid("73282932000075") and not siret_valid("123")
    assert siret_valid("35600000000048") and siret_valid("35600000012340")  # La Poste: Luhn, or a sum of 5s
    assert not siret_valid("35600000012345")
    assert set(Provider(siret="73282932000075", numero_declaration="12").problems) == {"siret",
                                                                                        "numero_declaration"}
    assert Provider(siret="73282932000074", numero_declaration="84 69 12345 69").problems == {}
    assert "SIRET" in Provider().missing and "représentant légal" in Provider().missing


def test_the_last_day_of_withdrawal_is_the_next_deadline_until_it_passes():
    from bilan_desktop.domain.lifecycle import Step
    from bilan_desktop.domain.workflow import next_deadline
    d = dossier("x", funding=Funding.PERSONNEL)
    d.step = Step.PHASE_PRELIMINAIRE
    d.seances = []
    d.financement = Financement(contrat_signe_le=D(2026, 11, 2))
    assert next_deadline(d, D(2026, 11, 12)) == ("Fin du délai de rétractation", D(2026, 11, 12))
    assert next_deadline(d, D(2026, 11, 13)) != ("Fin du délai de rétractation", D(2026, 11, 12))
    d.funding = Funding.OPCO
    assert next_deadline(d, D(2026, 11, 3)) is None or next_deadline(d, D(2026, 11, 3))[0] != \
        "Fin du délai de rétractation"


def test_siret_edge_cases_of_the_key():
    assert siret_valid("35600000010000")  # La Poste: not a Luhn key, digits add up to 10
    assert not siret_valid("35600000010001")
    assert siret_valid("53282932000102")  # a 5 doubled is 10, which counts as 1
    assert not siret_valid("53282932000103")


def test_counted_and_plural():
    from bilan_desktop.domain.text import counted, plural
    assert [counted(n, "bilan") for n in (0, 1, 2)] == ["0 bilan", "1 bilan", "2 bilans"]
    assert counted(3, "bilan affiché", "bilans affichés") == "3 bilans affichés"
    assert plural(-2, "an") == "ans" and plural(1, "an", "années") == "an"


def test_withdrawal_at_a_distance_changes_the_warning_and_texts_only_for_the_personal_contract():
    f = Financement(contrat_signe_le=D(2026, 11, 2), signe_a_distance=True)
    warn = contracts.contract_warnings
    assert warn(Funding.PERSONNEL, f, [D(2026, 11, 14)], D(2026, 11, 3), None)  # within 14 days, not 10
    assert contracts.withdrawal_text(Funding.OPCO, f) == "" and contracts.withdrawal_text(Funding.PERSONNEL,
                                                                                           Financement()) == ""
    unpriced = contracts.payment_text(Funding.PERSONNEL, Financement(contrat_signe_le=D(2026, 11, 2)))
    assert "convenu ;" in unpriced and "soit" not in unpriced
    cpf = Financement(dossier_numero="1")
    assert warn(Funding.CPF, cpf, [D(2026, 11, 3)], D(2026, 11, 3), None)  # the first session is today


def test_editing_a_session_counts_the_others_and_24_hours_exactly_is_allowed():
    d = dossier("x")
    d.seances = [Seance(id=i, date=D(2026, 3, 9) + dt.timedelta(days=7 * i), debut=dt.time(9), fin=dt.time(12),
                        statut=StatutSeance.PLANIFIEE) for i in range(8)]  # 24 h
    same = Seance(id=3, date=d.seances[3].date, debut=dt.time(9), fin=dt.time(12))
    assert not any("24 heures" in p for p in seance_record_problems(d, same, D(2026, 3, 1)))
    longer = Seance(id=3, date=d.seances[3].date, debut=dt.time(9), fin=dt.time(12, 1))
    assert any("24 h 01" in p for p in seance_record_problems(d, longer, D(2026, 3, 1)))
    minute = Seance(date=D(2026, 3, 2), debut=dt.time(9), fin=dt.time(9, 1), etape=Step.ENTRETIEN_PREALABLE)
    assert not any("postérieure" in p for p in seance_record_problems(d, minute, D(2026, 3, 1)))


def test_valid_connection_times_and_signatures_by_role():
    d = dossier("x")
    d.seances = []
    ok = Seance(date=D(2026, 3, 9), connexion_debut=dt.time(9, 2), connexion_fin=dt.time(10, 58))
    assert not any("déconnexion" in p for p in seance_record_problems(d, ok, D(2026, 3, 9)))
    mine = Signature(Role.BENEFICIAIRE, b"b", dt.datetime(2026, 3, 9, 12))
    theirs = Signature(Role.CONSULTANT, b"c", dt.datetime(2026, 3, 9, 12))
    seance = Seance(signatures=(mine, theirs))
    assert seance.signature(Role.CONSULTANT) is theirs and seance.signature(Role.BENEFICIAIRE) is mine
    assert Seance(signatures=(mine,)).signature(Role.CONSULTANT) is None


def test_the_last_of_several_sessions_sets_the_next_one_and_unknown_documents_go_to_the_beneficiary_only():
    today = D(2026, 11, 2)
    later = Seance(date=D(2026, 11, 12), debut=dt.time(10), fin=dt.time(12))
    earlier = Seance(date=D(2026, 11, 5), debut=dt.time(14), fin=dt.time(16))
    assert next_session([later, earlier], "", today) == (D(2026, 11, 19), dt.time(10), dt.time(12))
    assert sharing.destinations("inconnu") == (sharing.Destination.BENEFICIAIRE, sharing.Destination.TRAVAIL)


def test_hours_of_a_dossier():
    from bilan_desktop.domain.seances import hours_of
    d = dossier("x")
    d.seances = [Seance(date=D(2026, 3, 9), fin=dt.time(12), statut=StatutSeance.REALISEE),
                 Seance(date=D(2026, 3, 16), statut=StatutSeance.PLANIFIEE),
                 Seance(date=D(2026, 3, 23), statut=StatutSeance.REPORTEE)]
    assert hours_of(d) == (180, 120)


def test_a_connection_that_ends_when_it_starts_is_refused_with_the_exact_words():
    from bilan_desktop.domain.seances import seance_problems
    same = Seance(date=D(2026, 3, 9), connexion_debut=dt.time(9), connexion_fin=dt.time(9))
    assert seance_problems(same, []) == [
        "Indiquez l'heure de connexion et l'heure de déconnexion, la seconde après la première."]
