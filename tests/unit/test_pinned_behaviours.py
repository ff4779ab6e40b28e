"""Behaviours that a one-line mutation could break without any other test noticing (review of 2026-11-29)."""

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bilan_desktop.documents import base, synthese
from bilan_desktop.domain import calendar_fr
from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.questionnaires import Questionnaires
from bilan_desktop.domain.retention import due_now
from bilan_desktop.domain.sections import Conservation, EntretienPrealable
from bilan_desktop.domain.synthese import SyntheseDraft
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.dossiers import DossierRepository
from bilan_desktop.storage.retention import RetentionEngine
from tests.unit import documents_fixtures as fx
from tests.unit.test_retention_engine import NOW, fill_bilan


def _new_bilan(vault) -> int:
    return BilanRepository(vault).create(Beneficiary("Lefèvre", "Élodie"), Funding.CPF, NOW)


@pytest.mark.parametrize("section", [SyntheseDraft(projet="Formateur"), Questionnaires(riasec=[5, 4, 3])])
def test_consent_gate_covers_the_synthese_draft_and_questionnaire_answers(vault, section):
    from bilan_desktop.services.bilans import BilanService
    repo = BilanService(vault)
    bilan_id = _new_bilan(vault)
    with pytest.raises(RuleViolation):
        repo.save_section(bilan_id, section, NOW)
    assert vault.conn.execute("SELECT count(*) FROM bilan_section WHERE kind = 'content'").fetchone()[0] == 0
    repo.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=NOW.date()), NOW)
    repo.save_section(bilan_id, section, NOW)  # accepted once consent is recorded


def test_questionnaire_answers_are_destroyed_at_the_end(vault):
    bilan_id = fill_bilan(vault)
    DossierRepository(vault).save_section(bilan_id, Questionnaires(riasec=[5] * 48, bigfive=[3] * 20), NOW)
    RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert DossierRepository(vault).load(bilan_id).questionnaires == Questionnaires()
    assert vault.conn.execute("SELECT count(*) FROM bilan_section WHERE section = 'questionnaires'").fetchone()[0] == 0


def test_destruction_never_touches_the_administrative_record(vault):
    bilan_id = fill_bilan(vault)
    before = DossierRepository(vault).load(bilan_id)
    admin_rows = vault.conn.execute("SELECT section, data FROM bilan_section WHERE kind = 'admin' ORDER BY section"
                                    ).fetchall()
    RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    after = DossierRepository(vault).load(bilan_id)
    assert after.entretien_prealable.consentement_libre  # the proof of free consent stays
    assert vault.conn.execute("SELECT section, data FROM bilan_section WHERE kind = 'admin' ORDER BY section"
                              ).fetchall() == admin_rows
    assert [(s.date, s.debut, s.fin, s.statut, s.signatures) for s in after.seances] == \
        [(s.date, s.debut, s.fin, s.statut, s.signatures) for s in before.seances]


def test_an_agreement_withdrawn_before_the_end_destroys_nothing_before_the_end(vault):
    end = dt.date(2026, 6, 30)
    bilan_id = fill_bilan(vault, end=end, conservation=Conservation.ACCORD_SUIVI,
                          accord_signe_le=dt.date(2026, 6, 1), accord_retire_le=dt.date(2026, 6, 10))
    DossierRepository(vault).set_step(bilan_id, Step.PHASE_CONCLUSION, NOW)  # the end is not validated yet
    dossier = DossierRepository(vault).load(bilan_id)
    assert due_now(dossier, dt.date(2026, 6, 29)) == []
    assert RetentionEngine(vault).run(dt.date(2026, 6, 29), NOW).destroyed == []
    assert {d.category.value for d in due_now(dossier, dt.date(2026, 7, 1))} == {"contenu", "synthese", "suivi"}


def test_freed_pages_are_wiped_by_compaction(vault):
    bilan_id = fill_bilan(vault)
    for seance in DossierRepository(vault).load(bilan_id).seances:
        seance.notes = "notes longues " * 2000  # several pages each
        DossierRepository(vault).save_seance(bilan_id, seance, NOW)
    pages_before = vault.conn.execute("PRAGMA page_count").fetchone()[0]
    RetentionEngine(vault).run(dt.date(2026, 5, 30), NOW)
    assert vault.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert vault.conn.execute("PRAGMA page_count").fetchone()[0] < pages_before - 20


def test_line_breaks_typed_by_the_user_survive_in_the_pdf():
    d = fx.dossier("texte")
    draft = dataclasses.replace(fx.draft(d), projet="Première ligne\nDeuxième ligne\n\nNouveau paragraphe")
    pdf = synthese.build(fx.provider("p"), fx.beneficiary("b"), d, draft, dt.date(2026, 5, 29))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Première ligne\nDeuxième ligne\nNouveau paragraphe" in text


def test_pasted_lines_are_laid_out_one_paragraph_each():
    """One paragraph of N `<br/>` splits across pages in time quadratic in N: each line is its own paragraph."""
    flowables = base.paragraphs("\n".join(f"ligne {i}" for i in range(500)) + "\n\nfin")
    assert len(flowables) == 501
    assert all("<br/>" not in f.text for f in flowables)


FIXED_HOLIDAYS = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]


@pytest.mark.parametrize("year", range(2024, 2033))
def test_every_public_holiday_is_in_the_table(year):
    holidays = calendar_fr.public_holidays(year)
    for month, day in FIXED_HOLIDAYS:
        assert dt.date(year, month, day) in holidays, (year, month, day)
    assert len(holidays) == 11


def test_moveable_holidays_of_2026():
    holidays = calendar_fr.public_holidays(2026)
    assert {dt.date(2026, 4, 6), dt.date(2026, 5, 14), dt.date(2026, 5, 25)} <= holidays  # Pâques, Ascension, Pentecôte
    assert calendar_fr.convention_last_day(dt.date(2026, 11, 1)) == dt.date(2026, 11, 12)  # day 10 is 11 November
