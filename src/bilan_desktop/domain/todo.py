"""« À faire »: everything that needs the consultant across all bilans, sorted by date (issue 14). Pure: the dossiers
(their administrative parts), the names, today's date and the destructions pending are passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .choice import Choice
from .contracts import contract_warnings, contract_withdrawal_end
from .dates import long_date
from .funding import Contract
from .lifecycle import Step
from .registry import ORDER
from .seances import StatutSeance
from .sections import Conservation
from .workflow import (
    CLOSED,
    Dossier,
    convention_last_day,
    convention_required,
    effective_step,
    follow_up_planned,
    retention_end,
)

FOLLOW_UP_WINDOW = 30  # days
SUSPENDED_FOR = 30  # days
AGREEMENT_WINDOW = 30  # days before an agreement to keep documents ends


class TodoKind(Choice):
    CONVENTION = "convention", "Convention à faire signer"
    RETRACTATION = "retractation", "Délai de rétractation"
    SEANCE = "seance", "Séance"
    SUIVI = "suivi", "Entretien de suivi"
    SYNTHESE = "synthese", "Synthèse à remettre"
    ACCORD = "accord", "Fin d'un accord de conservation"
    CPF = "cpf", "Déclaration Mon Compte Formation"
    DESTRUCTION = "destruction", "Destruction en attente"
    PAUSE = "pause", "Bilan en pause"


# The page of the bilan window each kind opens (the stepper's step value, or a page's name).
PAGE = {TodoKind.CONVENTION: Step.CONVENTION.value, TodoKind.RETRACTATION: "financement",
        TodoKind.SEANCE: "seances", TodoKind.SUIVI: Step.ENTRETIEN_SUIVI.value, TodoKind.SYNTHESE: "redaction",
        TodoKind.ACCORD: Step.FIN_DU_BILAN.value, TodoKind.CPF: "financement", TodoKind.DESTRUCTION: "",
        TodoKind.PAUSE: ""}


@dataclass(frozen=True)
class Todo:
    day: dt.date
    kind: TodoKind
    bilan_id: int
    reference: str
    who: str  # the beneficiary's name, shown on screen only (never in a file or a log)
    text: str

    @property
    def page(self) -> str:
        return PAGE[self.kind]


def _week_end(today: dt.date) -> dt.date:
    """The Sunday ending this week; at the weekend, the one ending the week ahead (preparing Monday)."""
    return today + dt.timedelta(days=6 - today.weekday() + (7 if today.weekday() >= 5 else 0))


def todos_of(d: Dossier, who: str, today: dt.date) -> list[Todo]:
    """What one bilan asks of the consultant now."""
    found: list[Todo] = []

    def add(day: dt.date, kind: TodoKind, text: str) -> None:
        found.append(Todo(day, kind, d.bilan_id, d.reference, who, text))

    current = effective_step(d, today)
    if current in CLOSED or d.cloture.clos_le is not None:
        return found
    last = convention_last_day(d)
    if convention_required(d) and last is not None and d.convention.signe_salarie_le is None and last >= today:
        add(last, TodoKind.CONVENTION, f"Signature du salarié attendue, au plus tard le {long_date(last)}.")
    withdrawal = contract_withdrawal_end(d.funding, d.financement)
    if withdrawal is not None and withdrawal >= today:
        add(withdrawal, TodoKind.RETRACTATION, f"Délai de rétractation jusqu'au {long_date(withdrawal)} inclus : "
                                               "aucun paiement avant.")
    for s in d.seances:
        if s.date is not None and today <= s.date <= _week_end(today) and s.statut is StatutSeance.PLANIFIEE:
            add(s.date, TodoKind.SEANCE, f"{'Aujourd’hui' if s.date == today else long_date(s.date).capitalize()}, "
                                         f"{s.debut:%H:%M} – {s.fin:%H:%M}, {s.etape.label.lower()} "
                                         f"({s.modalite.label.lower()}).")
    planned = follow_up_planned(d)
    end = d.fin_du_bilan.date_fin
    if end is not None and planned is not None and d.suivi.realise_le is None \
            and planned <= today + dt.timedelta(days=FOLLOW_UP_WINDOW):
        late = " (en retard)" if planned < today else ""
        add(planned, TodoKind.SUIVI, f"Entretien de suivi prévu le {long_date(planned)}{late}.")
    if ORDER.index(current) >= ORDER.index(Step.PHASE_CONCLUSION) and d.phase_conclusion.synthese_remise_le is None:
        add(end or today, TodoKind.SYNTHESE, "Document de synthèse pas encore remis au bénéficiaire.")
    kept = retention_end(d.fin_du_bilan)
    if d.fin_du_bilan.conservation is Conservation.ACCORD_SUIVI and kept is not None \
            and today <= kept <= today + dt.timedelta(days=AGREEMENT_WINDOW):
        add(kept, TodoKind.ACCORD, f"Les documents conservés avec l'accord du bénéficiaire seront détruits après le "
                                   f"{long_date(kept)}.")
    if d.funding.contract is Contract.PLATEFORME:
        days = [s.date for s in d.seances if s.realised and s.date is not None]
        for warning in contract_warnings(d.funding, d.financement, days, today, end):
            if "déclarer" in warning:
                add(today, TodoKind.CPF, warning)
    paused = d.cloture.suspendu_le
    if paused is not None and paused <= today - dt.timedelta(days=SUSPENDED_FOR):
        add(paused, TodoKind.PAUSE, f"En pause depuis le {long_date(paused)} : reprendre ou clore le bilan ?")
    return found


def todos(dossiers: dict[int, Dossier], names: dict[int, str], today: dt.date,
          pending: frozenset[str] | set[str] = frozenset()) -> list[Todo]:
    """Every item, sorted by date then kind; `pending`: references whose destruction failed and will be retried."""
    found = [t for bilan_id, d in dossiers.items() for t in todos_of(d, names.get(bilan_id, ""), today)]
    for bilan_id, d in dossiers.items():
        if d.reference in pending:
            found.append(Todo(today, TodoKind.DESTRUCTION, bilan_id, d.reference, names.get(bilan_id, ""),
                              "La destruction réglementaire a échoué ; elle est retentée toutes les heures. Vérifiez "
                              "l'espace disque."))
    kinds = list(TodoKind)
    return sorted(found, key=lambda t: (t.day, kinds.index(t.kind), t.reference))
