"""The bilan window's header (beneficiary, funding, step, state, hours out of 24, next deadline) and the information
lines of its pages (the convention's last day, how long documents are kept, the fate of the follow-up notes), with
the defaults they fill in (end date from the last session, follow-up date, the workplace's département)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel

from ..domain.clock import Clock
from ..domain.dates import long_date
from ..domain.lifecycle import State, Step
from ..domain.retention import follow_up_info
from ..domain.rules import dossier_state, suspended_text
from ..domain.seances import format_hours, hours_summary
from ..domain.workflow import (
    Dossier,
    convention_last_day,
    follow_up_planned,
    last_session_date,
    minutes_used,
    next_deadline,
    retention_end,
)
from ..services.bilans import BilanService
from ..storage.exports import ProviderRepository
from .section_page import SectionPage


class HeaderAndInfos:
    """Mixed into the bilan window, which provides what is declared here."""

    dossier: Dossier
    dossiers: BilanService
    repository: BilanService
    bilan_id: int
    clock: Clock
    header: QLabel
    pages: dict[Step, SectionPage]
    _destroyed: dict

    def _update_infos(self, current: Step) -> None:
        d = self.dossier
        last = convention_last_day(d)
        if current is Step.REFUS_REPUTE:
            text = ""  # the banner says it
        elif last is not None:
            text = f"Signature du salarié : <b>jusqu'au {long_date(last)} inclus</b>."
        else:
            text = "Le délai de dix jours apparaîtra dès la date de transmission saisie."
        self.pages[Step.CONVENTION].set_info(text)
        fin = d.fin_du_bilan
        end = retention_end(fin)
        if fin.date_fin and end:
            info = f"Documents conservés jusqu'au <b>{long_date(end)} inclus</b>, puis détruits."
        elif fin.date_fin and fin.conservation.value == "aucune":
            info = "Tous les documents du bilan seront détruits à la fin du bilan."
        else:
            info = ""
        self.pages[Step.FIN_DU_BILAN].set_info(info)
        fin_page, suivi_page = self.pages[Step.FIN_DU_BILAN], self.pages[Step.ENTRETIEN_SUIVI]
        last_session = last_session_date(d)
        if current is Step.FIN_DU_BILAN and fin.date_fin is None and last_session and fin_page.form.isEnabled():
            fin_page.form.set_text("date_fin", last_session.strftime("%d/%m/%Y"))
        planned = follow_up_planned(d)
        if current is Step.ENTRETIEN_SUIVI and d.suivi.date_prevue is None and planned and suivi_page.form.isEnabled():
            suivi_page.form.set_text("date_prevue", planned.strftime("%d/%m/%Y"))
        suivi_page.set_info(follow_up_info(d))
        convention_page = self.pages[Step.CONVENTION]
        if current is Step.CONVENTION and not d.convention.departement and convention_page.form.isEnabled():
            default = ProviderRepository(self.repository.vault).load().departement
            if default:
                convention_page.form.set_text("departement", default)

    def _update_header(self, current: Step) -> None:
        d = self.dossier
        summary = self.repository.summary(self.bilan_id)
        name = summary.display_name if summary is not None else self.dossier.reference
        parts = [f"<b>{html.escape(name)}</b>", html.escape(d.funding.label), f"Étape : <b>{current.label}</b>",
                 f"Heures : {hours_summary(d.seances)} ({format_hours(minutes_used(d))} sur 24 h)"]
        state = dossier_state(d, self.clock.today(), "contenu" in self._destroyed)
        if state not in (State.EN_COURS, State.ABANDON, State.REFUS_REPUTE):
            parts.append(f"État : <b>{state.label}</b>")
        pause = suspended_text(d, self.clock.today())
        if pause and state is State.SUSPENDU:
            parts.append(html.escape(pause))
        deadline = next_deadline(d, self.clock.today())
        if deadline:
            parts.append(f"{deadline[0]} : <b>{long_date(deadline[1])}</b>")
        self.header.setText(" — ".join(parts) + f" — réf. {d.reference}")

