import datetime as dt

from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.retention import Category, due_now, next_due
from bilan_desktop.domain.sections import Conservation, Convention, FinDuBilan
from bilan_desktop.domain.workflow import Dossier

D = dt.date
ALL = {Category.CONTENU, Category.SYNTHESE, Category.SUIVI}


def _ended(conservation=Conservation.AUCUNE, end=D(2026, 6, 30), step=Step.FIN_DU_BILAN, **fin) -> Dossier:
    return Dossier(step=step, fin_du_bilan=FinDuBilan(date_fin=end, conservation=conservation, **fin))


def cats(d, today):
    return {due.category for due in due_now(d, today)}


def test_nothing_is_due_before_the_end():
    assert cats(Dossier(step=Step.PHASE_INVESTIGATION), D(2030, 1, 1)) == set()
    assert cats(_ended(end=D(2026, 7, 10)), D(2026, 7, 1)) == set()  # a planned end


def test_no_consent_everything_is_due_at_the_end():
    d = _ended()
    assert cats(d, D(2026, 6, 30)) == set()  # the end day itself, while the consultant finishes
    assert cats(d, D(2026, 7, 1)) == {Category.CONTENU, Category.SYNTHESE}
    d.step = Step.ENTRETIEN_SUIVI  # the end validated on the end day: due at once
    assert cats(d, D(2026, 6, 30)) == {Category.CONTENU, Category.SYNTHESE}
    d.fin_du_bilan.conservation = Conservation.NON_DECIDEE  # no written agreement is no agreement
    assert cats(d, D(2026, 6, 30)) == {Category.CONTENU, Category.SYNTHESE}


def test_follow_up_notes_without_consent_go_the_day_after_the_follow_up():
    d = _ended(step=Step.ENTRETIEN_SUIVI)
    d.suivi.realise_le = D(2026, 12, 30)
    assert Category.SUIVI not in cats(d, D(2026, 12, 30))
    assert Category.SUIVI in cats(d, D(2026, 12, 31))


def test_consent_keeps_everything_through_the_last_day():
    d = _ended(Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 30), step=Step.ENTRETIEN_SUIVI)
    assert cats(d, D(2027, 6, 30)) == set()
    assert next_due(d, D(2027, 6, 30)) == D(2027, 7, 1)
    assert cats(d, D(2027, 7, 1)) == ALL
    d.fin_du_bilan.duree_conservation_ans = 3
    assert cats(d, D(2029, 6, 30)) == set() and cats(d, D(2029, 7, 1)) == ALL
    d.fin_du_bilan.duree_conservation_ans = 5  # never beyond three years
    assert cats(d, D(2029, 7, 1)) == ALL


def test_29_february_plus_one_year():
    d = _ended(Conservation.ACCORD_SUIVI, end=D(2028, 2, 29), accord_signe_le=D(2028, 2, 29))
    assert cats(d, D(2029, 2, 28)) == set() and cats(d, D(2029, 3, 1)) == ALL


def test_withdrawn_consent_is_due_at_once():
    d = _ended(Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 30), accord_retire_le=D(2026, 9, 15))
    assert cats(d, D(2026, 9, 14)) == set()
    assert cats(d, D(2026, 9, 15)) == ALL


def test_synthese_sent_to_the_cep_operator_is_kept_three_years():
    d = _ended(Conservation.SYNTHESE_CEP, synthese_cep_transmise_le=D(2026, 6, 30), step=Step.ENTRETIEN_SUIVI)
    assert cats(d, D(2026, 7, 1)) == {Category.CONTENU}
    assert cats(d, D(2029, 6, 30)) == {Category.CONTENU, Category.SUIVI}  # follow-up never done: bounded
    assert cats(d, D(2029, 7, 1)) == ALL


def test_abandon_and_refus_repute_are_due_at_once():
    d = Dossier(step=Step.PHASE_INVESTIGATION)
    d.cloture.abandon_le = D(2026, 3, 10)
    assert cats(d, D(2026, 3, 10)) == ALL
    r = Dossier(funding=Funding.PLAN_DEVELOPPEMENT, step=Step.CONVENTION,
                convention=Convention(transmis_le=D(2026, 2, 20)))
    assert cats(r, D(2026, 3, 2)) == set()
    assert cats(r, D(2026, 3, 3)) == set()  # refus réputé: nothing destroyed until the consultant confirms it
    r.cloture.refus_confirme_le = D(2026, 3, 5)
    assert cats(r, D(2026, 3, 4)) == set() and cats(r, D(2026, 3, 5)) == ALL
    r.convention.signe_salarie_le = D(2026, 3, 1)  # a signature given in time, recorded late, lifts it
    assert cats(r, D(2026, 3, 5)) == set()


def test_cep_exception_and_agreement_are_independent():
    d = _ended(Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 30), synthese_cep_transmise_le=D(2026, 6, 30),
               step=Step.ENTRETIEN_SUIVI)
    assert cats(d, D(2027, 7, 1)) == {Category.CONTENU, Category.SUIVI}  # the agreement's year is over
    assert cats(d, D(2029, 7, 1)) == ALL  # the synthèse sent to the CEP operator: three years
    d.fin_du_bilan.accord_retire_le = D(2026, 9, 15)  # withdrawing the agreement leaves the CEP exception alone
    assert cats(d, D(2026, 9, 15)) == {Category.CONTENU, Category.SUIVI}
    assert cats(d, D(2029, 6, 30)) == {Category.CONTENU, Category.SUIVI}


def test_an_agreement_signed_after_the_end_keeps_nothing():
    d = _ended(Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 7, 15), step=Step.ENTRETIEN_SUIVI)
    assert cats(d, D(2026, 7, 1)) == {Category.CONTENU, Category.SYNTHESE}


def test_follow_up_notes_of_an_interview_never_marked_done_are_bounded():
    d = _ended(step=Step.ENTRETIEN_SUIVI)  # planned: 2026-12-30; limit: 2027-03-30
    assert Category.SUIVI not in cats(d, D(2027, 3, 30))
    assert Category.SUIVI in cats(d, D(2027, 3, 31))
    d.suivi.date_prevue = D(2027, 1, 15)  # moved by the consultant
    assert Category.SUIVI not in cats(d, D(2027, 4, 15)) and Category.SUIVI in cats(d, D(2027, 4, 16))


def test_kept_until_is_capped_at_three_years_everywhere():
    from bilan_desktop.domain.workflow import retention_end
    fin = FinDuBilan(date_fin=D(2026, 6, 30), conservation=Conservation.ACCORD_SUIVI, accord_signe_le=D(2026, 6, 1),
                     duree_conservation_ans=5)
    assert retention_end(fin) == D(2029, 6, 30)
