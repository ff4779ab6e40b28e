"""The destruction schedule, exactly: every category with its first day and the reason written in the register."""

import datetime as dt

from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.retention import Category, due_now, end_reached, next_due, schedule
from bilan_desktop.domain.sections import Cloture, Conservation, Convention, FinDuBilan, Suivi
from bilan_desktop.domain.workflow import Dossier

D = dt.date
C, S, F = Category.CONTENU, Category.SYNTHESE, Category.SUIVI
NO_AGREEMENT = "fin du bilan, sans accord de conservation"
KEPT = "fin de la conservation pour le suivi (accord écrit)"
CEP = "fin de la conservation de la synthèse transmise au CEP"
WITHDRAWN = "accord de conservation retiré par le bénéficiaire"


def table(d: Dossier) -> list[tuple[Category, dt.date, str, bool]]:
    return sorted((due.category, due.since, due.reason, due.at_end) for due in schedule(d))


def ended(**fin) -> Dossier:
    return Dossier(step=Step.ENTRETIEN_SUIVI, fin_du_bilan=FinDuBilan(date_fin=D(2026, 6, 30), **fin))


def test_without_agreement():
    assert table(ended(conservation=Conservation.AUCUNE)) == sorted([
        (C, D(2026, 6, 30), NO_AGREEMENT, True), (S, D(2026, 6, 30), NO_AGREEMENT, True),
        (F, D(2027, 3, 31), "entretien de suivi non réalisé 3 mois après sa date prévue", False)])
    done = ended(conservation=Conservation.AUCUNE)
    done.suivi = Suivi(realise_le=D(2026, 12, 30))
    assert (F, D(2026, 12, 31), "entretien de suivi réalisé, sans accord de conservation", False) in table(done)


def test_with_agreement_and_cep():
    d = ended(conservation=Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 30), duree_conservation_ans=2)
    assert table(d) == sorted([(C, D(2028, 7, 1), KEPT, False), (F, D(2028, 7, 1), KEPT, False),
                               (S, D(2028, 7, 1), KEPT, False)])
    d.fin_du_bilan.synthese_cep_transmise_le = D(2026, 6, 30)
    assert (S, D(2029, 7, 1), CEP, False) in table(d)
    d.fin_du_bilan.duree_conservation_ans = 3  # both end the same day: the agreement's reason
    assert (S, D(2029, 7, 1), KEPT, False) in table(d)


def test_cep_alone_and_withdrawn_agreement():
    d = ended(conservation=Conservation.SYNTHESE_CEP, synthese_cep_transmise_le=D(2026, 6, 30))
    assert (S, D(2029, 7, 1), CEP, False) in table(d) and (C, D(2026, 6, 30), NO_AGREEMENT, True) in table(d)
    w = ended(conservation=Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 1), accord_retire_le=D(2026, 9, 1))
    assert table(w) == sorted([(C, D(2026, 9, 1), WITHDRAWN, True), (F, D(2026, 9, 1), WITHDRAWN, True),
                               (S, D(2026, 9, 1), WITHDRAWN, True)])
    w.fin_du_bilan.accord_retire_le = D(2026, 5, 1)  # withdrawn before the end: due from the end
    assert {since for _c, since, _r, _e in table(w)} == {D(2026, 6, 30)}


def test_abandon_and_refus():
    a = Dossier(step=Step.PHASE_INVESTIGATION, cloture=Cloture(abandon_le=D(2026, 3, 10)))
    assert table(a) == sorted((c, D(2026, 3, 10), "abandon du bilan", False) for c in Category)
    r = Dossier(funding=Funding.PLAN_DEVELOPPEMENT, step=Step.CONVENTION, convention=Convention(transmis_le=D(2026, 2, 20)),
                cloture=Cloture(refus_confirme_le=D(2026, 3, 1)))
    assert table(r) == sorted((c, D(2026, 3, 3), "refus réputé de la convention (art. R6313-8)", False)
                              for c in Category)
    r.cloture.refus_confirme_le = D(2026, 3, 9)
    assert {since for _c, since, _r, _e in table(r)} == {D(2026, 3, 9)}


def test_end_reached_and_due_now_and_next_due():
    d = ended(conservation=Conservation.AUCUNE)
    d.step = Step.FIN_DU_BILAN
    assert not end_reached(d, D(2026, 6, 30)) and end_reached(d, D(2026, 7, 1))
    d.step = Step.ENTRETIEN_SUIVI
    assert end_reached(d, D(2026, 6, 30))
    d.fin_du_bilan.date_fin = None
    assert not end_reached(d, D(2030, 1, 1)) and schedule(d) == []
    e = ended(conservation=Conservation.AUCUNE)
    e.step = Step.FIN_DU_BILAN  # the end not validated yet: content waits, the suivi bound does not
    assert [due.category for due in due_now(e, D(2026, 6, 30))] == []
    assert {due.category for due in due_now(e, D(2027, 3, 31))} == {C, S, F}
    assert next_due(e, D(2026, 6, 29)) == D(2026, 6, 30)
    assert next_due(e, D(2026, 6, 30)) == D(2027, 3, 31)  # the day itself is not "upcoming"
    assert next_due(e, D(2027, 3, 31)) is None
