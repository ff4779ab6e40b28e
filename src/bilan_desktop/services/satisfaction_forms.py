"""The fillable six-month questionnaire: issued for one bilan (a token drawn and kept in the vault), and the returned
file imported into the vault after checks (issue 15)."""

from __future__ import annotations

import datetime as dt
import secrets

from ..documents import satisfaction_form
from ..domain.stats import SATISFACTION_QUESTIONS
from ..domain.workflow import RuleViolation
from ..storage.exports import ProviderRepository
from ..storage.form_tokens import FormTokens
from .bilans import BilanService

FOREIGN = "Ce fichier n'est pas un questionnaire de satisfaction de Bilan Desktop : rien n'a été importé."


class SatisfactionForms:
    def __init__(self, bilans: BilanService):
        self.bilans = bilans

    def issue(self, bilan_id: int, today: dt.date) -> bytes:
        """The PDF to send; its token stays the same for the bilan (issuing it again gives the same form)."""
        token = FormTokens(self.bilans.vault).issue(bilan_id, today)
        reference = self.bilans.load(bilan_id).reference
        return satisfaction_form.build(ProviderRepository(self.bilans.vault).load(), reference, token)

    def import_(self, data: bytes, today: dt.date) -> tuple[str, list[int]]:
        """Check and record a returned form; (the bilan's reference, the marks). RuleViolation (French) otherwise."""
        try:
            fields = satisfaction_form.read(data)
        except ValueError:
            raise RuleViolation([FOREIGN]) from None
        if fields.get("formulaire") != satisfaction_form.FORM_ID:
            raise RuleViolation([FOREIGN])
        reference = fields.get("reference", "")
        bilan_id = self.bilans.bilan_id_of(reference)
        token = FormTokens(self.bilans.vault).of(bilan_id)
        if token is None or not secrets.compare_digest(token, fields.get("jeton", "")):
            raise RuleViolation(["Ce questionnaire ne vient pas de ce coffre, ou il a été modifié : rien n'a été "
                                 "importé. Envoyez au bénéficiaire le questionnaire produit pour son bilan."])
        count = len(SATISFACTION_QUESTIONS["suivi"])
        marks = [int(v) if (v := fields.get(f"q{i}", "")) in {"1", "2", "3", "4", "5"} else 0
                 for i in range(1, count + 1)]
        missing = [str(i) for i, mark in enumerate(marks, start=1) if not mark]
        if missing:
            raise RuleViolation([f"Questions sans réponse : {', '.join(missing)}. Le bénéficiaire peut compléter le "
                                 "formulaire et le renvoyer ; rien n'a été importé."])
        assert bilan_id is not None
        self.bilans.save_satisfaction(bilan_id, "suivi", marks, fields.get("commentaire", ""), today)
        return reference, marks
