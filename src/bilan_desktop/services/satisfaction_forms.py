"""The fillable six-month questionnaire: issued for one bilan (a token drawn and kept in the vault), and the returned
file imported into the vault after checks (issue 15)."""

from __future__ import annotations

import datetime as dt
import hmac
import os
from pathlib import Path

from ..documents import satisfaction_form
from ..domain.stats import SATISFACTION_QUESTIONS
from ..domain.workflow import RuleViolation
from ..storage.exports import ProviderRepository
from ..storage.form_tokens import FormTokens
from .bilans import BilanService

FOREIGN = "Ce fichier n'est pas un questionnaire de satisfaction de Bilan Desktop : rien n'a été importé."
MAX_FORM_BYTES = 5_000_000  # a filled questionnaire is a few tens of kilobytes
TOO_BIG = ("Ce fichier est trop gros pour être un questionnaire rempli (plus de 5 Mo ; un questionnaire en fait "
           "quelques dizaines de kilo-octets) : rien n'a été importé.")
_LIMIT = f"{satisfaction_form.COMMENT_MAX:,}".replace(",", "\u202f")
COMMENT_TOO_LONG = (f"Le commentaire de ce questionnaire dépasse les {_LIMIT} caractères que le formulaire permet de "
                    "saisir : le fichier a été modifié hors d'un lecteur PDF. Rien n'a été importé ; demandez au "
                    "bénéficiaire de remplir à nouveau le questionnaire envoyé.")


class SatisfactionForms:
    def __init__(self, bilans: BilanService):
        self.bilans = bilans

    def issue(self, bilan_id: int, today: dt.date) -> bytes:
        """The PDF to send; its token stays the same for the bilan (issuing it again gives the same form)."""
        token = FormTokens(self.bilans.vault).issue(bilan_id, today)
        reference = self.bilans.load(bilan_id).reference
        return satisfaction_form.build(ProviderRepository(self.bilans.vault).load(), reference, token)

    def import_file(self, path: str | Path, today: dt.date) -> tuple[str, list[int]]:
        """Import a returned form from its file, the window's way and any other: the size is looked at before
        anything is read, and never more than the limit is read (a file can grow between the two). OSError when the
        file cannot be read."""
        with open(path, "rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_FORM_BYTES:
                raise RuleViolation([TOO_BIG])
            data = file.read(MAX_FORM_BYTES + 1)
        if len(data) > MAX_FORM_BYTES:
            raise RuleViolation([TOO_BIG])
        return self.import_(data, today)

    def import_(self, data: bytes, today: dt.date) -> tuple[str, list[int]]:
        """Check and record a returned form; (the bilan's reference, the marks). RuleViolation (French) otherwise."""
        try:
            fields = satisfaction_form.read(data)
        except ValueError:
            raise RuleViolation([FOREIGN]) from None
        if len(data) > MAX_FORM_BYTES:
            raise RuleViolation([TOO_BIG])
        if fields.get("formulaire") != satisfaction_form.FORM_ID:
            raise RuleViolation([FOREIGN])
        reference = fields.get("reference", "")
        received = fields.get("jeton", "")
        bilan_id = self.bilans.bilan_id_of(reference) if len(reference) <= satisfaction_form.ID_MAX else None
        token = FormTokens(self.bilans.vault).of(bilan_id)
        # Compared as bytes: hmac.compare_digest refuses str holding anything but ASCII (a TypeError).
        if token is None or not hmac.compare_digest(token.encode("utf-8"), received.encode("utf-8", "replace")):
            raise RuleViolation(["Ce questionnaire ne vient pas de ce coffre, ou il a été modifié : rien n'a été "
                                 "importé. Envoyez au bénéficiaire le questionnaire produit pour son bilan."])
        count = len(SATISFACTION_QUESTIONS["suivi"])
        marks = [int(v) if (v := fields.get(f"q{i}", "")) in {"1", "2", "3", "4", "5"} else 0
                 for i in range(1, count + 1)]
        missing = [str(i) for i, mark in enumerate(marks, start=1) if not mark]
        if missing:
            raise RuleViolation([f"Questions sans réponse : {', '.join(missing)}. Le bénéficiaire peut compléter le "
                                 "formulaire et le renvoyer ; rien n'a été importé."])
        comment = fields.get("commentaire", "")
        # Refused rather than cut: the form lets no one type more, so a longer comment was written by another tool,
        # and a cut comment would keep a text its writer never saw end there.
        if len(comment) > satisfaction_form.COMMENT_MAX:
            raise RuleViolation([COMMENT_TOO_LONG])
        assert bilan_id is not None
        self.bilans.save_satisfaction(bilan_id, "suivi", marks, comment, today)
        return reference, marks
