"""Issue 19 §6: what was destroyed does not come back. The document service checks, at the moment of writing, that
the document may still be written (every kind); the service refuses follow-up notes typed after their destruction,
with the rule the page uses to show them read-only."""

from __future__ import annotations

import datetime as dt

import pytest

from bilan_desktop.documents.catalog import DocumentKind
from bilan_desktop.domain import rules
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.sections import Suivi
from bilan_desktop.domain.sharing import Destination
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.bilans import BilanService
from bilan_desktop.services.documents import DocumentService, DocumentUnavailable, produce
from bilan_desktop.storage.retention import RetentionEngine
from tests.unit.test_retention_engine import NOW, fill_bilan

END = dt.date(2026, 5, 29)
DESTROYED = dt.date(2026, 5, 30)

# Written by hand, one per document kind (checked against DocumentKind below): why a bilan just created, financed by
# the CPF, with no consent, no session and nothing destroyed, cannot have this document yet ('' when it can).
FRESH_CPF_BILAN = {
    "synthese": "Le consentement libre du bénéficiaire n'est pas enregistré.",
    "resultats": "Le consentement libre du bénéficiaire n'est pas enregistré.",
    "convention": "Pas de convention tripartite pour ce financement (art. R6313-8).",
    "contrat": "Financement CPF : les conditions de la plateforme Mon Compte Formation s'appliquent.",
    "emargement_vierge": "Aucune séance planifiée.",
    "emargement": "Aucune séance réalisée.",
    "certificat": "Aucune séance du bilan n'est réalisée : seules les heures réalisées sont certifiées.",
    "accord_conservation": "Aucun accord de conservation n'est choisi à l'étape « Fin du bilan ».",
    "pv_destruction": "Rien n'a encore été détruit pour ce bilan : pas de procès-verbal.",
    "convocation": "",
    "questionnaire_suivi": "",
}
GONE = "Ce dossier a été supprimé : aucun de ses documents ne peut plus être écrit."


def test_the_hand_list_covers_every_document_kind():
    assert set(FRESH_CPF_BILAN) == {kind.value for kind in DocumentKind}


def _export(vault, bilan_id, document, path, reference="BC-2026-0001"):
    return DocumentService(vault).export(document, b"%PDF-1.4 any bytes", bilan_id, reference,
                                         Destination.BENEFICIAIRE if document != "pv_destruction"
                                         else Destination.TRAVAIL, False, path, NOW)


@pytest.mark.parametrize("document", ["synthese", "resultats"])
def test_destroyed_content_is_refused_at_the_moment_of_writing(vault, tmp_path, document):
    """The bytes were built before the destruction (a preview left open, a command started earlier): the service
    still refuses to write them."""
    bilan_id = fill_bilan(vault, end=END)
    assert _export(vault, bilan_id, document, tmp_path / "avant.pdf").exists()  # allowed before
    RetentionEngine(vault).run(DESTROYED, NOW)
    target = tmp_path / "apres.pdf"
    before = set(tmp_path.iterdir())
    with pytest.raises(RuleViolation) as refused:
        _export(vault, bilan_id, document, target)
    assert refused.value.problems == ["Détruit le 30/05/2026 (art. R6313-7)."]
    assert set(tmp_path.iterdir()) == before
    with pytest.raises(DocumentUnavailable) as unavailable:  # the command line's path says the same
        produce(vault, bilan_id, document, DESTROYED)
    assert unavailable.value.problems == ["Détruit le 30/05/2026 (art. R6313-7)."]


@pytest.mark.parametrize("document", sorted(FRESH_CPF_BILAN))
def test_every_document_checked_again_by_the_service(vault, tmp_path, document):
    service = BilanService(vault)
    bilan_id = service.create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "doc.pdf"
    if FRESH_CPF_BILAN[document]:
        with pytest.raises(RuleViolation) as refused:
            _export(vault, bilan_id, document, target)
        assert refused.value.problems == [FRESH_CPF_BILAN[document]]
        assert not target.exists()
    service.delete_prospect(bilan_id, NOW)  # then the dossier is gone: nothing of it is written any more
    with pytest.raises(RuleViolation) as refused:
        _export(vault, bilan_id, document, target)
    assert refused.value.problems == [GONE]
    assert list(out.iterdir()) == []


def _follow_up_destroyed(vault) -> tuple[BilanService, int]:
    """A bilan ended on 29 May 2026 (content destroyed the next day), whose follow-up took place on 20 November
    2026: its notes are destroyed on the 21st."""
    bilan_id = fill_bilan(vault, end=END)
    engine = RetentionEngine(vault)
    engine.run(DESTROYED, NOW)
    service = BilanService(vault)
    service.dossiers.set_step(bilan_id, Step.ENTRETIEN_SUIVI, NOW)
    later = dt.datetime(2026, 11, 20, 17, 0)
    service.save_section(bilan_id, Suivi(realise_le=dt.date(2026, 11, 20), mis_en_place="Formation en cours"), later)
    assert engine.run(dt.date(2026, 11, 21), later).destroyed == ["BC-2026-0001"]
    assert service.load(bilan_id).suivi.mis_en_place == ""
    return service, bilan_id


def test_follow_up_notes_typed_again_after_their_destruction_are_refused(vault):
    service, bilan_id = _follow_up_destroyed(vault)
    now = dt.datetime(2026, 11, 23, 10, 0)
    stored = service.load(bilan_id).suivi
    with pytest.raises(RuleViolation) as refused:
        service.save_section(bilan_id, Suivi(date_prevue=stored.date_prevue, realise_le=stored.realise_le,
                                             mis_en_place="Tapé de nouveau"), now)
    assert refused.value.problems == ["Contenu détruit le samedi 21 novembre 2026 (art. R6313-7)."]
    assert service.load(bilan_id).suivi.mis_en_place == ""
    # and the page is told the same, by the same rule
    mode = rules.edit_mode(service.load(bilan_id), "suivi", now.date(), True,
                           rules.destroyed_day("suivi", service.destroyed_on(bilan_id)))
    assert not mode.editable and mode.message == "Contenu détruit le samedi 21 novembre 2026 (art. R6313-7)."


def test_a_section_whose_category_was_not_destroyed_is_still_recorded(vault):
    """The rule is by category: the end decision (administrative) may still note a withdrawal after the content's
    destruction."""
    service, bilan_id = _follow_up_destroyed(vault)
    fin = service.load(bilan_id).fin_du_bilan
    fin.accord_retire_le = dt.date(2026, 11, 23)
    service.save_section(bilan_id, fin, dt.datetime(2026, 11, 23, 10, 0))
    assert service.load(bilan_id).fin_du_bilan.accord_retire_le == dt.date(2026, 11, 23)


def test_session_notes_typed_after_the_content_destruction_are_refused(vault):
    from bilan_desktop.domain.seances import Seance
    bilan_id = fill_bilan(vault, end=END)
    RetentionEngine(vault).run(DESTROYED, NOW)
    service = BilanService(vault)
    later = dt.datetime(2026, 11, 20, 17, 0)
    held = service.seances(bilan_id)[0]
    assert held.notes == ""
    with pytest.raises(RuleViolation) as refused:
        service.save_seance(bilan_id, Seance(id=held.id, date=held.date, debut=held.debut, fin=held.fin,
                                             etape=held.etape, statut=held.statut, notes="Tapé de nouveau"), later)
    assert refused.value.problems == ["Contenu détruit le samedi 30 mai 2026 (art. R6313-7). Les notes de séance ne "
                                      "sont plus enregistrées."]
    assert all(s.notes == "" for s in service.seances(bilan_id))
    # the session itself (the proof of the service) is still recorded, without notes
    service.dossiers.set_step(bilan_id, Step.ENTRETIEN_SUIVI, NOW)
    service.save_seance(bilan_id, Seance(date=dt.date(2026, 11, 20), etape=Step.ENTRETIEN_SUIVI), later)
    assert len(service.seances(bilan_id)) == 9
