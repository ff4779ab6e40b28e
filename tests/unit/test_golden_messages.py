"""Every French reason the rules give, for a set of situations, compared with tests/unit/golden_messages.json.

What the consultant reads is part of the behaviour (legal references, dates in words): a changed message must be a
decision, seen in review. After an intended change: BILAN_GOLDEN_UPDATE=1 ./run-tests tests/unit/test_golden_messages.py
then read the diff of the JSON file."""

import datetime as dt
import json
import os
from pathlib import Path

from bilan_desktop.domain import rules, workflow
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Issue, Step
from bilan_desktop.domain.retention import follow_up_info, schedule
from bilan_desktop.domain.seances import Seance, format_hours, seance_problems
from bilan_desktop.domain.sections import (Adaptation, Cloture, Conservation, Convention, EntretienPrealable,
                                           FinDuBilan, PhaseInvestigation, PhasePreliminaire, Suivi)
from bilan_desktop.domain.workflow import Dossier

GOLDEN = Path(__file__).with_name("golden_messages.json")
D = dt.date
TODAY = D(2026, 3, 3)


def _convention(**values) -> Dossier:
    return Dossier(funding=Funding.PLAN_DEVELOPPEMENT, step=Step.CONVENTION, convention=Convention(**values))


def _session(day, step=Step.PHASE_PRELIMINAIRE, start=9, end=11, sid=None) -> Seance:
    return Seance(id=sid, date=day, debut=dt.time(start), fin=dt.time(end), etape=step)


def scenarios() -> dict[str, object]:
    out: dict[str, object] = {}
    blank = Dossier(funding=Funding.AUTRE)
    for step in workflow.ORDER:
        out[f"exit/{step.value}/vide"] = workflow.exit_problems(Dossier(funding=Funding.AUTRE, step=step), step, TODAY)
    out["exit/convention/sans intitulé, 30 h, refus"] = workflow.exit_problems(
        _convention(intitule="", duree_heures=30, transmis_le=D(2026, 2, 20)), Step.CONVENTION, TODAY)
    out["exit/convention/complète"] = workflow.exit_problems(_convention(
        employeur="A", objectif="o", contenu="c", moyens="m", duree_heures=24, periode_debut=D(2026, 3, 1),
        periode_fin=D(2026, 5, 1), modalites_deroulement="x", modalites_remise="y", prix_euros=10,
        modalites_reglement="z", transmis_le=D(2026, 2, 20), signe_salarie_le=D(2026, 2, 25),
        signe_employeur_le=D(2026, 2, 20), signe_prestataire_le=D(2026, 2, 20)), Step.CONVENTION, TODAY)
    consented = Dossier(step=Step.ENTRETIEN_PREALABLE, entretien_prealable=EntretienPrealable(
        consentement_libre=True, prestation_adaptee=Adaptation.NON))
    out["exit/entretien_prealable/consentement non daté"] = workflow.exit_problems(
        consented, Step.ENTRETIEN_PREALABLE, TODAY)
    out["exit/phase_preliminaire/25 h"] = workflow.exit_problems(
        Dossier(phase_preliminaire=PhasePreliminaire(heures_prevues=25)), Step.PHASE_PRELIMINAIRE, TODAY)
    for label, fin in {
        "accord sans date": FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI,
                                       duree_conservation_ans=4),
        "accord après la fin": FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI,
                                          accord_signe_le=D(2026, 7, 1)),
        "CEP sans date": FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.SYNTHESE_CEP),
    }.items():
        out[f"conservation/{label}"] = workflow.retention_problems(fin)
    out["avancer/abandon"] = workflow.advance(Dossier(cloture=Cloture(abandon_le=D(2026, 1, 1))), TODAY)[1]
    out["avancer/refus"] = workflow.advance(_convention(transmis_le=D(2026, 2, 20)), TODAY)[1]
    out["avancer/suivi"] = workflow.advance(Dossier(step=Step.ENTRETIEN_SUIVI), TODAY)[1]
    out["étapes/phase préliminaire"] = [[s.step.value, s.state, s.reason] for s in workflow.step_states(
        Dossier(step=Step.PHASE_PRELIMINAIRE), TODAY)]
    out["étapes/abandon"] = [[s.step.value, s.state, s.reason] for s in workflow.step_states(
        Dossier(step=Step.PHASE_INVESTIGATION, cloture=Cloture(abandon_le=D(2026, 1, 1))), TODAY)]
    seances = Dossier(step=Step.PHASE_INVESTIGATION, seances=[_session(D(2026, 3, 2))])
    out["échéance/séance"] = workflow.next_deadline(seances, D(2026, 3, 1))
    out["échéance/signature"] = workflow.next_deadline(_convention(transmis_le=D(2026, 2, 27)), TODAY)
    out["échéance/suivi"] = workflow.next_deadline(Dossier(step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(
        date_fin=D(2026, 6, 30))), D(2026, 7, 1))
    out["séance/vide"] = seance_problems(Seance(etape=Step.CONVENTION, debut=dt.time(10), fin=dt.time(9)), [])
    full = [_session(D(2026, 3, day), start=9, end=12, sid=day) for day in range(1, 9)]
    out["séance/25 h"] = seance_problems(_session(D(2026, 3, 10), end=10), full)
    out["heures"] = [format_hours(m) for m in (0, 59, 60, 61, 1410, 1440)]
    ended = Dossier(step=Step.ENTRETIEN_SUIVI, entretien_prealable=EntretienPrealable(consentement_libre=True),
                    fin_du_bilan=FinDuBilan(date_fin=D(2026, 2, 27), conservation=Conservation.AUCUNE))
    refused = _convention(transmis_le=D(2026, 2, 20))
    out["règles/verrou"] = {
        "abandon": rules.section_lock(Dossier(cloture=Cloture(abandon_le=D(2026, 1, 1))), "phase_preliminaire", TODAY),
        "refus": rules.section_lock(refused, "phase_preliminaire", TODAY),
        "refus convention": rules.section_lock(refused, "convention", TODAY),
        "terminé": rules.section_lock(ended, "phase_investigation", TODAY),
        "terminé fin": rules.section_lock(ended, "fin_du_bilan", TODAY),
        "terminé suivi": rules.section_lock(ended, "suivi", TODAY),
    }
    out["règles/section"] = {
        "consentement": rules.section_problems(blank, "phase_investigation", PhaseInvestigation(projet_intitule="x"),
                                               TODAY),
        "refus convention": rules.section_problems(refused, "convention", Convention(transmis_le=D(2026, 2, 20),
                                                                                     employeur="B"), TODAY),
        "fin modifiée après la fin": rules.section_problems(ended, "fin_du_bilan", FinDuBilan(
            date_fin=D(2026, 2, 28), conservation=Conservation.AUCUNE), TODAY),
    }
    out["règles/champs"] = {
        "refus": sorted(rules.editable_fields(refused, "convention", TODAY) or []),
        "terminé": sorted(rules.editable_fields(ended, "fin_du_bilan", TODAY) or []),
        "en cours": rules.editable_fields(blank, "fin_du_bilan", TODAY),
    }
    signing = Dossier(funding=Funding.PLAN_DEVELOPPEMENT, step=Step.PHASE_PRELIMINAIRE,
                      entretien_prealable=EntretienPrealable(consentement_libre=True),
                      convention=Convention(transmis_le=D(2026, 3, 1)),
                      seances=[_session(D(2026, 2, 2), Step.ENTRETIEN_PREALABLE, sid=1),
                               _session(D(2026, 2, 10), sid=2)],
                      fin_du_bilan=FinDuBilan(date_fin=D(2026, 4, 30)))
    out["règles/séances"] = {
        "refus": rules.seance_record_problems(refused, _session(D(2026, 3, 4)), TODAY),
        "abandon": rules.seance_record_problems(Dossier(cloture=Cloture(abandon_le=D(2026, 1, 1))),
                                                _session(D(2026, 3, 4)), TODAY),
        "non signée, sans consentement": rules.seance_record_problems(
            Dossier(funding=Funding.PLAN_DEVELOPPEMENT, convention=Convention(transmis_le=D(2026, 3, 1))),
            _session(D(2026, 3, 4)), TODAY),
        "préalable après les phases": rules.seance_record_problems(
            signing, _session(D(2026, 2, 12), Step.ENTRETIEN_PREALABLE), TODAY),
        "phase avant le préalable": rules.seance_record_problems(signing, _session(D(2026, 2, 1)), TODAY),
        "phase après la fin": rules.seance_record_problems(signing, _session(D(2026, 5, 2)), TODAY),
        "suivi avant la fin": rules.seance_record_problems(signing, _session(D(2026, 4, 2), Step.ENTRETIEN_SUIVI),
                                                           TODAY),
        "suivi sans fin": rules.seance_record_problems(blank, _session(D(2026, 4, 2), Step.ENTRETIEN_SUIVI), TODAY),
        "plus de 10 h": rules.seance_record_problems(blank, _session(D(2026, 3, 4), start=8, end=19), TODAY),
    }
    from bilan_desktop.domain.agenda import Event
    from bilan_desktop.domain.session_checks import session_warnings
    other = Event(2, "BC-2026-0002", "", "", D(2026, 4, 3), dt.time(10), dt.time(12), "", "", seance_id=9)
    out["séances/avertissements"] = {
        "dimanche": session_warnings(_session(D(2026, 4, 5)), []),
        "férié local, chevauchement, 8 h": session_warnings(_session(D(2026, 4, 3), start=9, end=17), [other], "57"),
        "préalable de 4 h": session_warnings(_session(D(2026, 3, 4), Step.ENTRETIEN_PREALABLE, 9, 13), []),
        "suivi de 4 h": session_warnings(_session(D(2026, 3, 4), Step.ENTRETIEN_SUIVI, 9, 13), []),
    }
    out["règles/pause"] = {
        "terminé": rules.suspend_problems(ended, TODAY),
        "déjà": rules.suspend_problems(Dossier(cloture=Cloture(suspendu_le=D(2026, 3, 1))), TODAY),
        "clos": rules.suspend_problems(Dossier(cloture=Cloture(abandon_le=D(2026, 3, 1))), TODAY),
        "texte 1 jour": rules.suspended_text(Dossier(cloture=Cloture(suspendu_le=D(2026, 3, 2))), TODAY),
        "texte 2 jours": rules.suspended_text(Dossier(cloture=Cloture(suspendu_le=D(2026, 3, 1))), TODAY),
    }
    out["règles/clore"] = {
        "en cours": rules.close_problems(blank, Issue.NON_RENSEIGNEE, TODAY),
        "suivi réalisé": rules.close_problems(Dossier(step=Step.ENTRETIEN_SUIVI, suivi=Suivi(realise_le=D(2026, 3, 1))),
                                              Issue.FORMATION, TODAY),
        "déjà clos": rules.close_problems(Dossier(cloture=Cloture(clos_le=D(2026, 3, 1))), Issue.FORMATION, TODAY),
    }
    out["règles/financement"] = [rules.funding_lock(Dossier(step=Step.PHASE_PRELIMINAIRE), TODAY),
                                 rules.funding_lock(refused, TODAY), rules.funding_lock(blank, TODAY)]
    out["règles/états"] = [rules.dossier_state(d, TODAY, destroyed).value for d, destroyed in (
        (blank, False), (ended, False), (ended, True), (refused, False),
        (Dossier(cloture=Cloture(suspendu_le=D(2026, 3, 1))), False),
        (Dossier(cloture=Cloture(clos_le=D(2026, 3, 1))), True))]
    out["règles/modes"] = {label: [m.editable, m.message, sorted(m.only) if m.only is not None else None]
                           for label, m in {
        "en cours": rules.edit_mode(blank, "phase_investigation", TODAY),
        "pas encore": rules.edit_mode(blank, "phase_investigation", TODAY, False, None, "Terminez d'abord…"),
        "détruit": rules.edit_mode(ended, "phase_investigation", TODAY, True, D(2026, 2, 28)),
        "terminé": rules.edit_mode(ended, "phase_investigation", TODAY),
        "fin après la fin": rules.edit_mode(ended, "fin_du_bilan", TODAY),
        "refus": rules.edit_mode(refused, "convention", TODAY),
        "sans consentement": rules.edit_mode(Dossier(), "phase_investigation", TODAY),
        "premier contact sans consentement": rules.edit_mode(Dossier(), "premier_contact", TODAY),
    }.items()}
    from bilan_desktop.domain import contracts, sharing

    from bilan_desktop.domain.seances import StatutSeance, hours_summary
    from bilan_desktop.domain.contract_terms import contract_refusal
    from bilan_desktop.domain.sections import Echeance, Financement
    out["partage"] = {f"{doc} → {dest.value}": sharing.export_problems(doc, dest, False)
                      for doc in sharing.DESTINATIONS for dest in sharing.Destination}
    out["partage/accord"] = sharing.export_problems("synthese", sharing.Destination.EMPLOYEUR, True)
    signed = Financement(contrat_signe_le=D(2026, 3, 2), prix_euros=1800)
    remote = Financement(contrat_signe_le=D(2026, 3, 2), signe_a_distance=True)
    out["contrats"] = {
        "sans contrat": contracts.contract_warnings(Funding.PERSONNEL, Financement(), [], TODAY, None),
        "séance pendant le délai": contracts.contract_warnings(Funding.PERSONNEL, signed, [D(2026, 3, 10)], TODAY,
                                                                None),
        "acheteur manquant": contracts.contract_warnings(Funding.OPCO, Financement(), [], TODAY, None),
        "cpf": contracts.contract_warnings(Funding.CPF, Financement(), [D(2026, 3, 1)], TODAY, D(2026, 3, 2)),
        "délai": contracts.withdrawal_text(Funding.PERSONNEL, signed),
        "délai à distance": contracts.withdrawal_text(Funding.PERSONNEL, remote),
        "paiement": contracts.payment_text(Funding.PERSONNEL, signed),
        "paiement sans signature": contracts.payment_text(Funding.PERSONNEL, Financement()),
        "paiement sans signature à distance": contracts.payment_text(Funding.PERSONNEL,
                                                                     Financement(signe_a_distance=True)),
        "échéancier": contracts.schedule_problems(Financement(
            contrat_signe_le=D(2026, 3, 2), prix_euros=1000, echeancier=[
                Echeance(D(2026, 3, 12), 100), Echeance(D(2026, 3, 13), 400), Echeance(None, 0),
                Echeance(D(2026, 4, 1), 600)]), personal=True),
        "échéancier sans prix": contracts.schedule_problems(Financement(echeancier=[Echeance(D(2026, 4, 1), 9)]),
                                                            personal=True),
        "demande avant le contrat": contracts.early_start_problems(Financement(
            contrat_signe_le=D(2026, 3, 2), debut_anticipe_le=D(2026, 3, 1))),
        "contrat incomplet": contract_refusal(Dossier(funding=Funding.OPCO)),
        "durée de l'accord": workflow.agreement_years_problems(FinDuBilan(duree_conservation_ans=5)),
    }
    out["séances/heures"] = hours_summary([
        Seance(date=D(2026, 3, 1), fin=dt.time(12), statut=StatutSeance.REALISEE),
        Seance(date=D(2026, 3, 8), statut=StatutSeance.PLANIFIEE),
        Seance(date=D(2026, 3, 9), statut=StatutSeance.ANNULEE)])
    out["conservation/suivi"] = follow_up_info(ended)
    out.update(_texts())
    out["conservation/raisons"] = sorted({due.reason for due in schedule(ended)})
    return out


def _texts() -> dict[str, object]:
    """Prose and small texts: the synthèse prefilled from a record, identity messages, folding, dates, scores."""
    import dataclasses as dc
    from bilan_desktop.domain import calendar_fr, text
    from bilan_desktop.domain.beneficiary import Beneficiary, normalize_phone, validate
    from bilan_desktop.domain.dates import parse_short_date
    from bilan_desktop.domain.questionnaires import BIGFIVE, RIASEC, holland_code, item_score, scale_scores
    from bilan_desktop.domain.synthese import is_empty, prefill
    from tests.unit import documents_fixtures as fx
    out: dict[str, object] = {}
    full = fx.dossier("Horizon")
    out["synthèse/pré-remplie"] = dc.asdict(prefill(full))
    sparse = Dossier(step=Step.PHASE_CONCLUSION)
    sparse.phase_investigation = PhaseInvestigation(projet_intitule="Ébéniste", projet_code_rome="H2206")
    out["synthèse/pré-remplie, dossier mince"] = dc.asdict(prefill(sparse))
    out["synthèse/vide"] = [is_empty(prefill(Dossier())), is_empty(prefill(full))]
    out["identité/erreurs"] = validate(Beneficiary(" ", "", D(2030, 1, 1), "pas-un-mail", "12"), TODAY)
    out["identité/avant 1900"] = validate(Beneficiary("A", "B", D(1899, 12, 31), "a@b.fr", "+33612345678"), TODAY)
    out["identité/téléphones"] = [normalize_phone(p) for p in ("06 12 34 56 78", "+33 6 12 34 56 78", "+44 20 7946 0958",
                                                               "0012345678", "+3361234567", "06-12-34-56-7")]
    out["recherche/plis"] = [text.fold(t) for t in ("Élodie D’Arc-Dupont", "ŒUVRAY Noël", "Cœur_de-lion.fr, Æ")]
    out["recherche/mots"] = [text.matches(text.fold("Lefèvre Élodie BC-2026-0001"), q) for q in
                             ("lefevre", "élo 0001", "martin", "")]
    dates = []
    for t in ("26/11/2026", "1.2.2026", "01-02-2026", " 3 4 2026 ", "", "2026-11-26", "31/02/2026"):
        try:
            dates.append(parse_short_date(t))
        except ValueError as exc:
            dates.append(f"ValueError: {exc}")
    out["dates/saisies"] = dates
    out["départements"] = [calendar_fr.normalize_departement(t) for t in ("057", "57", "Moselle (57)", "974", "", None,
                                                                          "2A")]
    out["questionnaires/items"] = [item_score(a, k) for a in (1, 3, 5) for k in ("+", "-")]
    out["questionnaires/riasec"] = scale_scores(RIASEC, [1, 2, 3, 4, 5, 4, 3, 2] * 6)
    out["questionnaires/bigfive"] = scale_scores(BIGFIVE, [5, 4, 3, 2, 1] * 4)
    out["questionnaires/holland"] = dc.asdict(holland_code({"R": 10, "I": 30, "A": 30, "S": 20, "E": 20, "C": 5}))
    out["questionnaires/premier sans réponse"] = [RIASEC.first_unanswered(q) for q in (
        __import__("bilan_desktop.domain.questionnaires", fromlist=["Questionnaires"]).Questionnaires(riasec=r)
        for r in ([], [3, 0, 2], [3] * 48))]
    from bilan_desktop.domain.passphrase import estimate
    out["mot de passe/estimations"] = {p: [e.acceptable, round(e.bits), e.message] for p in (
        "court", "azertyuip12", "aaaaaaaaaaaa", "douze carac", "douze caract", "girafe lampion escalier brume", "a" * 100,
        "a" * 101, "le chat dort sur le canapé") for e in [estimate(p)]}
    return out


def _jsonable(value):
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v),
                                 ensure_ascii=False))


def test_messages_are_the_reviewed_ones():
    found = _jsonable(scenarios())
    if os.environ.get("BILAN_GOLDEN_UPDATE"):
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert found.keys() == expected.keys()
    for key in expected:
        assert found[key] == expected[key], key
