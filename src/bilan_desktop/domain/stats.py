"""The provider's figures for a period (Qualiopi indicators 2 and 30, the yearly bilan pédagogique et financier),
computed only from the administrative record and the satisfaction answers, so that they survive the destruction of
the bilans' content (issue 15). Pure: the dossiers, the answers and the period are passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .funding import Funding
from .lifecycle import Issue
from .seances import realised_minutes
from .text import NBSP, money
from .workflow import Dossier, convention_last_day, convention_required

SATISFACTION_QUESTIONS = {
    "fin": ("L'accueil et l'information avant le bilan", "L'écoute et la disponibilité du consultant",
            "La clarté du déroulement et des objectifs", "L'intérêt des outils et des tests utilisés",
            "L'aide à l'élaboration de votre projet", "La qualité du document de synthèse",
            "Le respect de la confidentialité", "Votre satisfaction globale"),
    "suivi": ("L'utilité du bilan pour votre parcours depuis six mois", "La mise en œuvre de votre projet",
              "La pertinence du plan d'action", "L'aide apportée par l'entretien de suivi",
              "Les conseils reçus", "La disponibilité du consultant depuis la fin du bilan",
              "Votre envie de recommander ce bilan", "Votre satisfaction globale"),
}

# Sources of funding as the bilan pédagogique et financier groups them.
BPF_SOURCES: dict[str, tuple[Funding, ...]] = {
    "Employeurs, pour leurs salariés": (Funding.PLAN_DEVELOPPEMENT, Funding.CONGE_RECLASSEMENT, Funding.EMPLOYEUR),
    "OPCO": (Funding.OPCO,),
    "CPF (Caisse des Dépôts)": (Funding.CPF,),
    "Pouvoirs publics (France Travail)": (Funding.FRANCE_TRAVAIL,),
    "Transitions Pro": (Funding.TRANSITIONS_PRO,),
    "Particuliers à leurs frais": (Funding.PERSONNEL,),
    "Autres": (Funding.AUTRE,),
}
DEFINITIONS = (
    "Bilan commencé : sa première séance réalisée (phases préliminaire, d'investigation ou de conclusion) tombe "
    "dans la période. Bilan terminé : sa date de fin tombe dans la période. Abandon : la date d'abandon tombe dans la "
    "période. Refus réputé : le dernier jour de signature de la convention tombe dans la période sans signature du "
    "salarié. Taux d'achèvement : bilans terminés ÷ (terminés + abandons) de la période. Heures réalisées : les "
    "séances réalisées des trois phases dans la période (les entretiens préalable et de suivi n'y sont pas). Durée "
    "moyenne : de la première séance réalisée à la date de fin, pour les bilans terminés dans la période. "
    "Satisfaction : moyenne de 1 à 5 par question des réponses du mois de la période ; taux de réponse : réponses "
    "à chaud ÷ bilans terminés, réponses à froid ÷ entretiens de suivi réalisés ; après la destruction du contenu "
    "d'un bilan, ses réponses restent comptées, sans lien avec le bénéficiaire (seuls le mois et le financement sont "
    "gardés). BPF : bénéficiaires ayant au moins "
    "une heure réalisée dans la période, heures réalisées, et produits = prix convenu des bilans commencés dans la "
    "période (quand un prix est saisi), par source de financement.")


@dataclass(frozen=True)
class Figure:
    section: str
    label: str
    value: float | None  # None: not computable (nothing to divide by)
    unit: str = ""

    @property
    def text(self) -> str:
        """As a French reader expects it: « 3,5 / 5 », « 80 % », « 1 234,00 € », « 12 »."""
        if self.value is None:
            return "—"
        if self.unit == "€":
            return money(self.value)
        if self.unit == "%":
            return f"{self.value:.0f}{NBSP}%"
        number = f"{self.value:.1f}".replace(".", ",").removesuffix(",0")
        return f"{number}{NBSP}{self.unit}" if self.unit else number


@dataclass(frozen=True)
class Answer:
    bilan_id: int | None
    kind: str  # "fin" or "suivi"
    month: str  # "2026-11"
    answers: tuple[int, ...]
    funding: str | None = None  # the bilan's funding route, kept with an answer detached from the person


def _within(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _first_held(d: Dossier) -> dt.date | None:
    days = [s.date for s in d.seances if s.realised and s.date is not None]
    return min(days) if days else None


def _realised_in(d: Dossier, start: dt.date, end: dt.date) -> int:
    return realised_minutes([s for s in d.seances if _within(s.date, start, end)])


def _price(d: Dossier) -> float:
    return d.convention.prix_euros if convention_required(d) else d.financement.prix_euros


def figures(dossiers: dict[int, Dossier], answers: list[Answer], start: dt.date, end: dt.date,
            today: dt.date) -> list[Figure]:
    """Every figure of the period, in reading order; each label says what it counts."""
    out: list[Figure] = []
    started = [d for d in dossiers.values() if _within(_first_held(d), start, end)]
    ended = [d for d in dossiers.values() if _within(d.fin_du_bilan.date_fin, start, end)]
    abandoned = [d for d in dossiers.values() if _within(d.cloture.abandon_le, start, end)]
    refused = [d for d in dossiers.values() if convention_required(d) and d.convention.signe_salarie_le is None
               and _within(convention_last_day(d), start, min(end, today - dt.timedelta(days=1)))]
    minutes = sum(_realised_in(d, start, end) for d in dossiers.values())
    durations = [(d.fin_du_bilan.date_fin - first).days for d in ended
                 if d.fin_du_bilan.date_fin and (first := _first_held(d))]
    section = "Activité"
    out += [Figure(section, "Bilans commencés", len(started)), Figure(section, "Bilans terminés", len(ended)),
            Figure(section, "Abandons", len(abandoned)), Figure(section, "Refus réputés", len(refused)),
            Figure(section, "Taux d'achèvement", 100 * len(ended) / (len(ended) + len(abandoned))
                   if ended or abandoned else None, "%"),
            Figure(section, "Heures réalisées", minutes / 60, "h"),
            Figure(section, "Durée moyenne d'un bilan", sum(durations) / len(durations) if durations else None,
                   "jours")]
    in_period = [a for a in answers if _month_within(a.month, start, end)]
    follow_ups = [d for d in dossiers.values() if _within(d.suivi.realise_le, start, end)]
    for kind, title, base in (("fin", "Satisfaction à chaud", len(ended)), ("suivi", "Satisfaction à froid",
                                                                            len(follow_ups))):
        rows = [a for a in in_period if a.kind == kind]
        out.append(Figure(title, "Réponses", len(rows)))
        out.append(Figure(title, "Taux de réponse", 100 * len(rows) / base if base else None, "%"))
        for index, question in enumerate(SATISFACTION_QUESTIONS[kind]):
            values = [a.answers[index] for a in rows if index < len(a.answers) and 1 <= a.answers[index] <= 5]
            out.append(Figure(title, question, sum(values) / len(values) if values else None, "/ 5"))
    closed = [d for d in dossiers.values() if _within(d.cloture.clos_le, start, end)]
    for issue in Issue:
        out.append(Figure("Situation à six mois (dossiers clos)", issue.label,
                          sum(1 for d in closed if d.cloture.issue_six_mois is issue)))
    for funding in Funding:
        section = f"Par financement — {funding.label}"
        mine = {k: d for k, d in dossiers.items() if d.funding is funding}
        out += [Figure(section, "Bilans commencés", sum(1 for d in started if d.funding is funding)),
                Figure(section, "Bilans terminés", sum(1 for d in ended if d.funding is funding)),
                Figure(section, "Heures réalisées", sum(_realised_in(d, start, end) for d in mine.values()) / 60,
                       "h")]
        for kind, label in (("fin", "Réponses de satisfaction à chaud"), ("suivi", "Réponses de satisfaction à froid")):
            out.append(Figure(section, label, sum(1 for a in in_period if a.kind == kind
                                                  and _funding_of(a, dossiers) is funding)))
    for source, fundings in BPF_SOURCES.items():
        section = f"BPF — {source}"
        mine = {k: d for k, d in dossiers.items() if d.funding in fundings}
        out += [Figure(section, "Bénéficiaires", sum(1 for d in mine.values() if _realised_in(d, start, end))),
                Figure(section, "Heures réalisées", sum(_realised_in(d, start, end) for d in mine.values()) / 60,
                       "h"),
                Figure(section, "Produits (prix convenus)", sum(_price(d) for d in started if d.funding in fundings),
                       "€")]
    return out


def _funding_of(answer: Answer, dossiers: dict[int, Dossier]) -> Funding | None:
    """An answer's funding route: kept with it (detached from the person), or its bilan's."""
    if answer.funding is not None:
        return Funding(answer.funding) if answer.funding in {f.value for f in Funding} else None
    dossier = dossiers.get(answer.bilan_id) if answer.bilan_id is not None else None
    return dossier.funding if dossier is not None else None


def _month_within(month: str, start: dt.date, end: dt.date) -> bool:
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        return False
    return dt.date(start.year, start.month, 1) <= first <= end


def to_csv(found: list[Figure]) -> str:
    """One row per figure, its label in French (« Heures réalisées — CPF »), semicolons, a decimal comma."""
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Rubrique", "Indicateur", "Valeur", "Unité"])
    for figure in found:
        value = "" if figure.value is None else f"{figure.value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        writer.writerow([figure.section, f"{figure.label} — {figure.section.split(' — ')[-1]}"
                         if " — " in figure.section else figure.label, value, figure.unit])
    return buffer.getvalue()
