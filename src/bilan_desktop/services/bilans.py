"""The use cases of one bilan: create, save a section, record a session, change the funding, advance, end, abandon,
confirm a refus réputé. Rules come from the domain (domain/rules.py, domain/workflow.py); nothing here is SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from ..domain.agenda import events as agenda_events
from ..domain.beneficiary import Beneficiary
from ..domain.funding import Funding
from ..domain.lifecycle import Issue, State, Step
from ..domain.registry import SECTION_NAMES
from ..domain.rules import (
    PROSPECT_BASIS,
    SATISFACTION_ALREADY,
    close_problems,
    deletion_problems,
    destroyed_day,
    dossier_state,
    funding_lock,
    satisfaction_detached,
    seance_change_lock,
    seance_record_problems,
    section_problems,
    suspend_problems,
)
from ..domain.seances import Seance, StatutSeance, hours_of
from ..domain.session_checks import session_warnings
from ..domain.synthese import SyntheseDraft, after_edit
from ..domain.workflow import Dossier, RuleViolation, advance, effective_step, next_deadline
from ..storage.bilans import BilanRepository, BilanSummary
from ..storage.dossiers import DossierRepository
from ..storage.exports import ProviderRepository
from ..storage.retention import RetentionEngine
from ..storage.vault import Vault

log = logging.getLogger(__name__)


class BilanService:
    """One object per open vault. Reading methods delegate; writing methods refuse with French reasons."""

    def __init__(self, vault: Vault):
        self.vault = vault
        self.bilans = BilanRepository(vault)
        self.dossiers = DossierRepository(vault)

    # -- reading --------------------------------------------------------------------------------------
    def load(self, bilan_id: int) -> Dossier:
        return self.dossiers.load(bilan_id)

    def seances(self, bilan_id: int) -> list[Seance]:
        return self.dossiers.seances(bilan_id)

    def overview(self) -> dict[int, Dossier]:
        return self.dossiers.overview()

    def content_texts(self) -> dict[int, str]:
        return self.dossiers.content_texts()

    def summaries(self) -> list[BilanSummary]:
        return self.bilans.summaries()

    def list_rows(self, today: dt.date, overview: dict[int, Dossier] | None = None) -> list[BilanSummary]:
        """Every bilan as the list shows it: its step as of today (a convention past its delay reads « Refus
        réputé »), its state, next deadline and hours realised and planned. `overview`: already read (the list,
        « À faire » and the agenda share one reading of 2,000 bilans)."""
        overview = overview if overview is not None else self.overview()
        states = self.states(today, overview)
        return [dataclasses.replace(s, step=effective_step(overview[s.id], today), state=states[s.id],
                                    deadline=next_deadline(overview[s.id], today), hours=hours_of(overview[s.id]))
                for s in self.summaries() if s.id in overview]  # a bilan with an unreadable row is left out

    def summary(self, bilan_id: int) -> BilanSummary | None:
        return self.bilans.summary(bilan_id)

    def bilan_id_of(self, reference: str) -> int | None:
        return self.bilans.id_of(reference)

    def beneficiary(self, bilan_id: int) -> Beneficiary:
        return self.bilans.beneficiary(bilan_id)

    def destroyed_on(self, bilan_id: int) -> dict[str, dt.date]:
        """Category value ("contenu", "synthese", "suivi") -> the day it was destroyed, for this bilan."""
        summary = self.summary(bilan_id)
        return RetentionEngine(self.vault).destroyed_on(summary.reference) if summary else {}

    def states(self, today: dt.date, overview: dict[int, Dossier] | None = None) -> dict[int, State]:
        """Every bilan's state for the list, from the administrative record and the destruction register."""
        destroyed = RetentionEngine(self.vault).destroyed_references()
        dossiers = overview if overview is not None else self.overview()
        return {bilan_id: dossier_state(d, today, d.reference in destroyed) for bilan_id, d in dossiers.items()}

    def satisfaction(self, bilan_id: int, kind: str) -> tuple[list[int], str] | None:
        return self.dossiers.satisfaction(bilan_id, kind)

    # -- writing --------------------------------------------------------------------------------------
    def create(self, beneficiary: Beneficiary, funding: Funding, now: dt.datetime) -> int:
        return self.bilans.create(beneficiary, funding, now)

    def update_beneficiary(self, bilan_id: int, beneficiary: Beneficiary, now: dt.datetime) -> None:
        self.bilans.update_beneficiary(bilan_id, beneficiary, now)

    def save_section(self, bilan_id: int, section, now: dt.datetime) -> None:
        dossier = self.load(bilan_id)
        name = SECTION_NAMES[type(section)]
        problems = section_problems(dossier, name, section, now.date(),
                                    destroyed_day(name, self.destroyed_on(bilan_id)))
        if problems:
            raise RuleViolation(problems)
        if isinstance(section, SyntheseDraft):
            section = after_edit(dossier.synthese, section)
        self.dossiers.save_section(bilan_id, section, now)

    def seance_refusals(self, bilan_id: int, seance: Seance, today: dt.date) -> list[str]:
        """Why this session cannot be recorded (empty: it can)."""
        return seance_record_problems(self.load(bilan_id), seance, today, self.destroyed_on(bilan_id))

    def save_seance(self, bilan_id: int, seance: Seance, now: dt.datetime) -> int:
        problems = self.seance_refusals(bilan_id, seance, now.date())
        if problems:
            raise RuleViolation(problems)
        return self.dossiers.save_seance(bilan_id, seance, now)

    def seance_warnings(self, bilan_id: int, seance: Seance) -> list[str]:
        """What the consultant confirms before this session is recorded (the same list at every entry point):
        the day's sessions of every bilan, and the workplace's département (the convention's, else the usual
        one of the provider's settings)."""
        if seance.date is None:
            return []
        overview = self.overview()
        found = agenda_events(overview, {}, seance.date, seance.date)
        dossier = overview.get(bilan_id) or self.load(bilan_id)
        departement = dossier.convention.departement or ProviderRepository(self.vault).load().departement
        return session_warnings(seance, found, departement)

    def cancel_future_seances(self, bilan_id: int, after: dt.date, now: dt.datetime) -> int:
        """Cancel the planned sessions dated after `after` (an abandon, a pause): they leave the agenda and the
        calendar export. Returns how many."""
        future = [s for s in self.seances(bilan_id)
                  if s.statut is StatutSeance.PLANIFIEE and s.date is not None and s.date > after]
        for seance in future:
            self.dossiers.save_seance(bilan_id, dataclasses.replace(seance, statut=StatutSeance.ANNULEE), now)
        if future:
            log.info("future sessions cancelled: %d", len(future))
        return len(future)

    def delete_seance(self, bilan_id: int, seance_id: int, now: dt.datetime) -> None:
        lock = seance_change_lock(self.load(bilan_id), now.date())
        if lock:
            raise RuleViolation([lock])
        self.dossiers.delete_seance(bilan_id, seance_id, now)

    def set_funding(self, bilan_id: int, funding: Funding, now: dt.datetime) -> None:
        lock = funding_lock(self.load(bilan_id), now.date())
        if lock:
            raise RuleViolation([lock])
        self.dossiers.set_funding(bilan_id, funding, now)

    def save_satisfaction(self, bilan_id: int, kind: str, answers: list[int], comment: str, today: dt.date) -> bool:
        """Returns True when the answers were stored detached from the person (the content is destroyed: no
        comment, no link; recorded once)."""
        if not satisfaction_detached(self.destroyed_on(bilan_id)):
            self.dossiers.save_satisfaction(bilan_id, kind, answers, comment, today)
            return False
        if self.dossiers.satisfaction_answered(bilan_id, kind):
            raise RuleViolation([SATISFACTION_ALREADY])
        self.dossiers.save_satisfaction(bilan_id, kind, answers, "", today, detached=True)
        return True

    def next_step(self, bilan_id: int, today: dt.date) -> Step:
        """The step the bilan may move to, or RuleViolation with the reasons. Nothing is changed."""
        target, problems = advance(self.load(bilan_id), today)
        if target is None:
            raise RuleViolation(problems)
        return target

    def advance(self, bilan_id: int, now: dt.datetime) -> Step:
        """Move to the next step. Moving past « Fin du bilan » ends the bilan: the caller has shown what will be
        destroyed and runs the destruction engine right after (R6313-7)."""
        target = self.next_step(bilan_id, now.date())
        self.dossiers.set_step(bilan_id, target, now)
        log.info("bilan moved to %s", target.value)
        return target

    def abandon(self, bilan_id: int, day: dt.date, now: dt.datetime, cancel_future: bool = False) -> None:
        """`cancel_future`: the sessions planned after the day of the abandon are cancelled with it."""
        dossier = self.load(bilan_id)
        if effective_step(dossier, now.date()) in (Step.ABANDON, Step.REFUS_REPUTE):
            raise RuleViolation(["Le dossier est déjà clos."])
        if day > now.date():
            raise RuleViolation(["La date d'abandon ne peut pas être dans le futur."])
        if cancel_future:
            self.cancel_future_seances(bilan_id, day, now)
        cloture = dossier.cloture
        cloture.abandon_le = day
        self.dossiers.save_section(bilan_id, cloture, now)

    def delete_prospect(self, bilan_id: int, now: dt.datetime, unreached: list[str] | None = None) -> str:
        """GDPR storage limitation: a prospect who never came back, or a dossier entered by mistake, deleted before
        the bilan started. Returns the reference (kept in the register, with no name). Its copies outside the vault
        are deleted; the paths of those changed or not found are added to `unreached` (to show once: they are
        forgotten)."""
        dossier = self.load(bilan_id)
        problems = deletion_problems(dossier, now.date())
        if problems:
            raise RuleViolation(problems)
        copies = RetentionEngine(self.vault).delete_prospect(bilan_id, dossier.reference, PROSPECT_BASIS, now.date(),
                                                             now)
        if unreached is not None:
            unreached += copies.changed + copies.missing
        log.info("prospect deleted")
        return dossier.reference

    def suspend(self, bilan_id: int, now: dt.datetime, cancel_future: bool = False) -> None:
        """« Mettre en pause »: nothing is destroyed, the pause shows how long it lasts. `cancel_future`: the
        sessions planned after today are cancelled."""
        dossier = self.load(bilan_id)
        problems = suspend_problems(dossier, now.date())
        if problems:
            raise RuleViolation(problems)
        if cancel_future:
            self.cancel_future_seances(bilan_id, now.date(), now)
        dossier.cloture.suspendu_le = now.date()
        self.dossiers.save_section(bilan_id, dossier.cloture, now)

    def resume(self, bilan_id: int, now: dt.datetime) -> None:
        dossier = self.load(bilan_id)
        if dossier.cloture.suspendu_le is None:
            raise RuleViolation(["Le bilan n'est pas en pause."])
        dossier.cloture.suspendu_le = None
        self.dossiers.save_section(bilan_id, dossier.cloture, now)

    def close(self, bilan_id: int, issue: Issue, now: dt.datetime) -> None:
        """« Clore le dossier » after the follow-up, with the situation at six months (for the Qualiopi figures)."""
        dossier = self.load(bilan_id)
        problems = close_problems(dossier, issue, now.date())
        if problems:
            raise RuleViolation(problems)
        dossier.cloture.clos_le = now.date()
        dossier.cloture.issue_six_mois = issue
        self.dossiers.save_section(bilan_id, dossier.cloture, now)

    def confirm_refus(self, bilan_id: int, now: dt.datetime) -> None:
        """The consultant confirms the refus réputé: from today, its content may be destroyed."""
        dossier = self.load(bilan_id)
        if effective_step(dossier, now.date()) is not Step.REFUS_REPUTE:
            raise RuleViolation(["Le bilan n'est pas en refus réputé."])
        cloture = dossier.cloture
        cloture.refus_confirme_le = now.date()
        self.dossiers.save_section(bilan_id, cloture, now)
