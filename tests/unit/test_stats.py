"""Issue 15: a year of bilans (every funding route, an abandon, a refus réputé, satisfaction at both times, an outcome
at six months) and every figure checked against a count made by hand here."""

from __future__ import annotations

import csv
import datetime as dt
import io

from pypdf import PdfReader

from bilan_desktop.documents.stats_pdf import build as stats_pdf
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Issue, Step
from bilan_desktop.domain.provider import Provider
from bilan_desktop.domain.seances import Seance, StatutSeance
from bilan_desktop.domain.sections import Cloture, Convention, Financement, FinDuBilan, Suivi
from bilan_desktop.domain.stats import Answer, figures, to_csv
from bilan_desktop.domain.workflow import Dossier

D = dt.date
START, END, TODAY = D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31)
R, P, A = StatutSeance.REALISEE, StatutSeance.PLANIFIEE, StatutSeance.ANNULEE


def _s(day, hours, status=R):
    return Seance(date=day, debut=dt.time(9), fin=dt.time(9 + hours), statut=status, etape=Step.PHASE_INVESTIGATION)


def year() -> dict[int, Dossier]:
    return {
        1: Dossier(1, "BC-1", Funding.CPF, Step.ENTRETIEN_SUIVI, seances=[_s(D(2026, 2, 2), 3), _s(D(2026, 2, 9), 3)],
                   fin_du_bilan=FinDuBilan(date_fin=D(2026, 3, 1)), suivi=Suivi(realise_le=D(2026, 9, 1)),
                   cloture=Cloture(clos_le=D(2026, 9, 2), issue_six_mois=Issue.EMPLOI_PROJET)),
        2: Dossier(2, "BC-2", Funding.PLAN_DEVELOPPEMENT, Step.CONVENTION,
                   convention=Convention(transmis_le=D(2026, 4, 1), prix_euros=2000)),
        3: Dossier(3, "BC-3", Funding.PERSONNEL, Step.PHASE_PRELIMINAIRE, seances=[_s(D(2026, 5, 4), 2)],
                   financement=Financement(prix_euros=1500), cloture=Cloture(abandon_le=D(2026, 5, 20))),
        4: Dossier(4, "BC-4", Funding.OPCO, Step.FIN_DU_BILAN, seances=[_s(D(2026, 6, 1), 3), _s(D(2026, 6, 8), 3)],
                   financement=Financement(prix_euros=1900), fin_du_bilan=FinDuBilan(date_fin=D(2026, 7, 1))),
        5: Dossier(5, "BC-5", Funding.FRANCE_TRAVAIL, Step.FIN_DU_BILAN,
                   seances=[_s(D(2025, 12, 15), 3), _s(D(2026, 1, 5), 2)], financement=Financement(prix_euros=1700),
                   fin_du_bilan=FinDuBilan(date_fin=D(2026, 1, 20))),
        6: Dossier(6, "BC-6", Funding.EMPLOYEUR, Step.PHASE_PRELIMINAIRE, seances=[_s(D(2026, 12, 1), 2, P)]),
        7: Dossier(7, "BC-7", Funding.TRANSITIONS_PRO, Step.PHASE_PRELIMINAIRE, seances=[_s(D(2026, 3, 2), 2, A)]),
        8: Dossier(8, "BC-8", Funding.AUTRE, Step.PHASE_PRELIMINAIRE, seances=[_s(D(2027, 1, 5), 2)]),
    }


ANSWERS = [Answer(1, "fin", "2026-03", (5,) * 8), Answer(4, "fin", "2026-07", (3,) * 8),
           Answer(1, "suivi", "2026-09", (4,) * 7 + (5,)), Answer(None, "fin", "2025-11", (1,) * 8)]


def _by(found, section):
    return {f.label: f.value for f in found if f.section == section}


def test_every_figure_against_a_count_by_hand():
    found = figures(year(), ANSWERS, START, END, TODAY)
    activity = _by(found, "Activité")
    assert activity == {"Bilans commencés": 3,  # 1 (February), 3 (May), 4 (June); 5 began in 2025
                        "Bilans terminés": 3,  # 1, 4, 5
                        "Abandons": 1,  # 3
                        "Refus réputés": 1,  # 2: transmitted 1 April, last day Monday 13 April, never signed
                        "Taux d'achèvement": 75.0,  # 3 ÷ (3 + 1)
                        "Heures réalisées": 16.0,  # 6 + 2 + 6 + 2 (the 3 h of 2025 and the planned 2 h left out)
                        "Durée moyenne d'un bilan": 31.0}  # (27 + 30 + 36) ÷ 3 days
    warm = _by(found, "Satisfaction à chaud")
    assert warm["Réponses"] == 2 and round(warm["Taux de réponse"], 1) == 66.7  # 2 answers ÷ 3 ended
    assert warm["Votre satisfaction globale"] == 4.0  # (5 + 3) ÷ 2; the answer of November 2025 left out
    cold = _by(found, "Satisfaction à froid")
    assert (cold["Réponses"], cold["Taux de réponse"]) == (1, 100.0)
    assert cold["La mise en œuvre de votre projet"] == 4.0 and cold["Votre satisfaction globale"] == 5.0
    outcomes = _by(found, "Situation à six mois (dossiers clos)")
    assert outcomes["En emploi dans le projet"] == 1 and sum(outcomes.values()) == 1
    cpf = _by(found, "Par financement — CPF (Mon Compte Formation)")
    assert cpf == {"Bilans commencés": 1, "Bilans terminés": 1, "Heures réalisées": 6.0,
                   "Réponses de satisfaction à chaud": 1, "Réponses de satisfaction à froid": 1}  # bilan 1's answers
    detached = figures(year(), [*ANSWERS, Answer(None, "fin", "2026-04", (4,) * 8, "cpf")], START, END, TODAY)
    assert _by(detached, "Par financement — CPF (Mon Compte Formation)")["Réponses de satisfaction à chaud"] == 2
    assert _by(detached, "Satisfaction à chaud")["Réponses"] == 3  # an answer detached from the person still counts
    assert _by(found, "Par financement — Transitions Pro")["Heures réalisées"] == 0  # a cancelled session
    bpf = {section: _by(found, f"BPF — {section}") for section in (
        "Employeurs, pour leurs salariés", "OPCO", "CPF (Caisse des Dépôts)", "Pouvoirs publics (France Travail)",
        "Transitions Pro", "Particuliers à leurs frais", "Autres")}
    assert bpf["OPCO"] == {"Bénéficiaires": 1, "Heures réalisées": 6.0, "Produits (prix convenus)": 1900.0}
    assert bpf["Particuliers à leurs frais"] == {"Bénéficiaires": 1, "Heures réalisées": 2.0,
                                                "Produits (prix convenus)": 1500.0}
    assert bpf["Pouvoirs publics (France Travail)"] == {"Bénéficiaires": 1, "Heures réalisées": 2.0,
                                                       "Produits (prix convenus)": 0.0}  # begun in 2025
    assert bpf["Employeurs, pour leurs salariés"] == {"Bénéficiaires": 0, "Heures réalisées": 0.0,
                                                     "Produits (prix convenus)": 0.0}
    assert bpf["CPF (Caisse des Dépôts)"]["Bénéficiaires"] == 1 and bpf["Autres"]["Heures réalisées"] == 0


def test_nothing_to_divide_by_reads_as_a_dash_and_the_refus_waits_for_its_day():
    empty = figures({}, [], START, END, TODAY)
    rate = next(f for f in empty if f.label == "Taux d'achèvement")
    assert rate.value is None and rate.text == "—"
    before = figures(year(), [], START, D(2026, 4, 13), D(2026, 4, 13))  # the last day itself: not yet refused
    assert _by(before, "Activité")["Refus réputés"] == 0
    after = figures(year(), [], START, D(2026, 4, 14), D(2026, 4, 14))
    assert _by(after, "Activité")["Refus réputés"] == 1


def test_csv_one_row_a_figure_with_french_labels_and_the_pdf_publishes_counts_only():
    found = figures(year(), ANSWERS, START, END, TODAY)
    rows = list(csv.reader(io.StringIO(to_csv(found)), delimiter=";"))
    assert rows[0] == ["Rubrique", "Indicateur", "Valeur", "Unité"] and len(rows) == len(found) + 1
    labels = {row[1]: row[2] for row in rows[1:]}
    assert labels["Heures réalisées — CPF (Caisse des Dépôts)"] == "6"
    assert labels["Taux d'achèvement"] == "75" and labels["Durée moyenne d'un bilan"] == "31"
    assert labels["Produits (prix convenus) — OPCO"] == "1900"
    pdf = stats_pdf(Provider(nom="Cabinet Horizon"), found, START, END, TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(reader.pages[0].extract_text().split()).replace("\u00a0", " ")
    assert len(reader.pages) == 1
    for mention in ("Résultats de l'organisme", "du jeudi 1er janvier 2026 au jeudi 31 décembre 2026",
                    "Bilans terminés 3", "Taux d'achèvement 75 %", "2 réponses ; taux de réponse : 67 %",
                    "En emploi dans le projet 1", "aucune donnée personnelle"):
        assert mention in text, mention
    assert "BC-1" not in text


def test_complaint_register_rules():
    from bilan_desktop.domain.registers import Reclamation, complaint_problems
    today = D(2026, 11, 25)
    good = Reclamation(recue_le=D(2026, 11, 2), objet="Retard", reponse="Excuses", close_le=D(2026, 11, 3))
    assert complaint_problems([good, Reclamation(recue_le=today)], today) == []
    assert complaint_problems([Reclamation()], today) == ["Réclamation 1 : la date de réception est obligatoire."]
    assert complaint_problems([good, Reclamation(recue_le=D(2026, 11, 5), close_le=D(2026, 11, 4), reponse="x")],
                              today) == ["Réclamation 2 : elle ne peut pas être close avant d'avoir été reçue."]
    assert complaint_problems([Reclamation(recue_le=D(2026, 11, 5), close_le=D(2026, 11, 5))], today) == [
        "Réclamation 1 : une réclamation close porte la réponse apportée."]
    assert complaint_problems([Reclamation(recue_le=D(2026, 11, 26))], today) == [
        "Réclamation 1 : la date de réception est dans le futur."]
