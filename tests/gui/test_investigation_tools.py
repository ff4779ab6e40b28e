"""The investigation tools through the UI: a questionnaire answered with the keyboard, paused, resumed and
scored; a ROME code set on the main project from the search."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel

from bilan_desktop.domain.synthese import prefill as _prefill
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.storage.rome import ATTRIBUTION
from tests.gui.conftest import by_accessible_name, type_text
from tests.gui.workflow_helpers import bilan_at


def _investigation(window, script):
    return bilan_at(window, script, Step.PHASE_INVESTIGATION)


def test_questionnaire_with_the_keyboard_paused_resumed_scored(window, script):
    bw, repo = _investigation(window, script)
    keys = [Qt.Key_1, Qt.Key_2, Qt.Key_3, Qt.Key_4, Qt.Key_5]
    # answers by type, 8 items each: R=1, I=4, A=4, S=5, E=2, C=3 -> R 8, I 32, A 32, S 40, E 16, C 24
    plan = [1] * 8 + [4] * 8 + [4] * 8 + [5] * 8 + [2] * 8 + [3] * 8

    def first_half(dialog):
        dialog.show()
        for value in plan[:10]:
            QTest.keyClick(dialog, keys[value - 1])
        QTest.keyClick(dialog, Qt.Key_Left)  # back one item, change it, go on
        QTest.keyClick(dialog, keys[plan[9] - 1])
        assert dialog.progress.text().startswith("Question 11 sur 48")
        # turned round to the beneficiary: full screen, larger type; Échap leaves full screen only
        by_accessible_name(dialog, "Plein écran pour le bénéficiaire").click()
        assert dialog.windowState() & Qt.WindowFullScreen and "24pt" in dialog.item_text.styleSheet()
        QTest.keyClick(dialog, Qt.Key_Escape)
        assert not dialog.windowState() & Qt.WindowFullScreen and dialog.isVisible()
        QTest.keyClick(dialog, Qt.Key_F11)
        assert dialog.windowState() & Qt.WindowFullScreen
        by_accessible_name(dialog, "Mettre en pause").click()
        return dialog.result()

    script.expect(first_half)
    by_accessible_name(bw, "Questionnaire d'intérêts (RIASEC)").click()
    assert repo.load(1).questionnaires.riasec[:11] == plan[:10] + [0]
    assert "10 réponses sur 48" in bw.tools.summary.text()

    def second_half(dialog):
        dialog.show()
        assert dialog.progress.text().startswith("Question 11 sur 48")  # resumes where it stopped
        for value in plan[10:]:
            QTest.keyClick(dialog, keys[value - 1])
        return dialog.result()

    script.expect(second_half)
    by_accessible_name(bw, "Questionnaire d'intérêts (RIASEC)").click()
    assert repo.load(1).questionnaires.riasec == plan
    assert "Code Holland : S (I = A)" in bw.tools.summary.text()

    seen = {}

    def results(dialog):
        seen["summary"] = dialog.summary.text()
        seen["matches"] = dialog.matches.count()
        seen["traits before"] = dialog.include_traits.isEnabled()
        dialog.include.setChecked(True)
        seen["traits after"] = dialog.include_traits.isEnabled()
        return QDialog.Accepted

    script.expect(results)
    by_accessible_name(bw, "Résultats").click()
    assert "S (I = A)" in seen["summary"] and "Social 40" in seen["summary"] and seen["matches"] > 0
    assert repo.load(1).questionnaires.graphiques_dans_synthese
    assert not repo.load(1).questionnaires.personnalite_dans_synthese  # the five traits only when chosen apart
    assert (seen["traits before"], seen["traits after"]) == (False, True)

    def with_traits(dialog):
        dialog.include_traits.setChecked(True)
        return QDialog.Accepted

    script.expect(with_traits)
    by_accessible_name(bw, "Résultats").click()
    assert repo.load(1).questionnaires.personnalite_dans_synthese


def test_rome_code_set_on_the_main_project_from_the_search(window, script):
    bw, repo = _investigation(window, script)
    seen = {}

    def rome(dialog):
        dialog.show()
        type_text(by_accessible_name(dialog, "Rechercher un métier"), "développeur")
        results = by_accessible_name(dialog, "Métiers trouvés")
        seen["first"] = results.item(0).text()
        results.setCurrentRow(0)
        seen["fiche"] = by_accessible_name(dialog, "Fiche métier").toPlainText()
        seen["attribution"] = dialog.findChild(QLabel, "romeAttribution").text()
        by_accessible_name(dialog, "Choisir comme projet principal").click()
        return dialog.result()

    script.expect(rome)
    by_accessible_name(bw, "Rechercher dans le ROME").click()
    assert seen["first"] == "Développeur / Développeuse informatique  (M1805)"
    assert "Accès au métier" in seen["fiche"] and ATTRIBUTION in seen["fiche"] and seen["attribution"] == ATTRIBUTION
    investigation = repo.load(1).phase_investigation
    assert (investigation.projet_code_rome, investigation.projet_intitule) == (
        "M1805", "Développeur / Développeuse informatique")
    page = bw.page_for(Step.PHASE_INVESTIGATION)
    assert by_accessible_name(page, "Code ROME").text() == "M1805"


def test_skills_picked_from_a_fiche(window, script):
    bw, repo = _investigation(window, script)

    def rome(dialog):
        type_text(dialog.query, "aide soignant")
        dialog.results.setCurrentRow(0)
        for row in (0, 1):
            dialog.skills.item(row).setCheckState(Qt.Checked)
        savoir_etre = [i for i in range(dialog.skills.count()) if dialog.skills.item(i).text().startswith("Savoir-être")]
        dialog.skills.item(savoir_etre[0]).setCheckState(Qt.Checked)
        by_accessible_name(dialog, "Ajouter aux compétences à acquérir").click()
        return dialog.result()

    script.expect(rome)
    by_accessible_name(bw, "Rechercher dans le ROME").click()
    inv = repo.load(1).phase_investigation
    # a target job's skills are to be acquired: the person's own skills are left as they were
    assert len(inv.competences_a_acquerir) == 3 and inv.competences_pro == [] and inv.competences_perso == []
    assert "Compétences à acquérir pour le projet :" in _prefill(inv_dossier(repo)).formation


def test_about_shows_version_licences_and_the_rome_attribution(window, script):
    from bilan_desktop import __version__
    texts = []
    script.expect(lambda dialog: texts.append(dialog.text.toPlainText()) or QDialog.Rejected)
    window.about_action.trigger()
    assert __version__ in texts[0] and ATTRIBUTION in texts[0] and "R6313-7" in texts[0] and "DejaVu" in texts[0]


def inv_dossier(repo):
    return repo.load(1)
