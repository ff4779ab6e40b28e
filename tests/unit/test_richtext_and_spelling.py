"""Issue 13, the pieces under the editor: the synthèse's safe text format, French spell checking, the personal
dictionary and the paragraph library in the vault, a validated synthèse becoming a draft again when edited."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bilan_desktop.documents.base import rich_paragraphs
from bilan_desktop.domain.richtext import Line, Run, escape, fill_fields, parse, plain, unparse, word_count
from bilan_desktop.domain.synthese import SyntheseDraft, after_edit, is_empty
from bilan_desktop.spelling import SpellChecker
from bilan_desktop.storage.library import Paragraph, ParagraphLibrary, PersonalDictionary

NOW = dt.datetime(2026, 11, 29, 10)


@pytest.mark.parametrize("text", [
    "Un **mot** et *deux*", "***les deux*** puis rien", "- puce\n- autre\n\n1. un\n2. deux", "5 \\* 3 \\* 2",
    "\\- pas une puce", "ligne\n\nparagraphe", "a\\\\b", "",
])
def test_the_format_reads_back_what_it_wrote(text):
    assert unparse(parse(text)) == text


def test_parse_finds_lists_bold_italic_and_leaves_anything_else_as_text():
    lines = parse("Avant **gras** et *italique*\n- puce\n• autre puce\n3) numéro\n<b>pas du HTML</b>\n")
    assert [line.kind for line in lines] == ["p", "ul", "ul", "ol", "p"]
    assert lines[0].runs == (Run("Avant "), Run("gras", bold=True), Run(" et "), Run("italique", italic=True))
    assert lines[4].runs == (Run("<b>pas du HTML</b>"),)
    assert parse("5 * 3 * 2")[0].runs == (Run("5 * 3 * 2"),)  # a lone asterisk is an asterisk


def test_escape_keeps_typed_markup_characters():
    for typed in ("*étoile*", "- tiret en tête", "1. numéro tapé", "anti\\slash", "**"):
        assert plain(escape(typed)) == typed
    assert unparse([Line("p", (Run("a*b", bold=True),))]) == "**a\\*b**"


def test_plain_text_word_count_and_fields():
    assert plain("**Bonjour** *à* vous\n- et toi") == "Bonjour à vous\net toi"
    assert word_count("L'entreprise a **vingt-deux** salariés.\n- aujourd'hui") == 5
    assert fill_fields("{prénom} termine le {date_fin} ; {inconnu} reste.", {"prénom": "Élodie",
                                                                              "date_fin": "5 juin"}) \
        == "Élodie termine le 5 juin ; {inconnu} reste."


def test_rich_paragraphs_escape_user_text_and_number_items():
    flowables = rich_paragraphs("1. <b>un</b>\n2. **deux**\n\n- puce")
    texts = [f.text for f in flowables]
    assert texts == ["&lt;b&gt;un&lt;/b&gt;", "<b>deux</b>", "puce"]
    assert [f.bulletText for f in flowables] == ["1.", "2.", "•"]
    assert len(rich_paragraphs("")) == 1


def test_spell_checker_french_acronyms_apostrophes_and_personal_words():
    checker = SpellChecker({"Ebénistrix"})
    text = "L’entreprise aujourd'hui : la comptabilitée du CPF avec Ebénistrix, 3e étage, RH."
    assert checker.misspelt(text) == [(text.index("comptabilitée"), len("comptabilitée"))]
    assert "comptabilité" in checker.suggest("comptabilitée")
    checker.add("Comptabilitée")
    assert checker.misspelt(text) == []
    assert checker.is_correct("a") and checker.is_correct("RNCP")


def test_the_personal_dictionary_and_the_library_live_in_the_vault(vault):
    words = PersonalDictionary(vault)
    words.add("Lefèvre")
    words.add("Lefèvre")
    words.add("  ")
    assert words.words() == {"Lefèvre"}
    words.remove("Lefèvre")
    assert words.words() == set()
    library = ParagraphLibrary(vault)
    first = library.save(Paragraph(None, "Suivi", "{prénom} sera revue."), NOW)
    library.save(Paragraph(None, "accueil", "Bienvenue."), NOW)
    library.save(Paragraph(first, "Suivi à six mois", "{prénom} sera revue à six mois."), NOW)
    assert [(p.titre, p.texte) for p in library.all()] == [("accueil", "Bienvenue."),
                                                          ("Suivi à six mois", "{prénom} sera revue à six mois.")]
    library.delete(first)
    assert [p.titre for p in library.all()] == ["accueil"]


def test_a_validated_synthese_edited_is_a_draft_again():
    day = dt.date(2026, 11, 29)
    validated = SyntheseDraft(projet="Ébéniste", validee_le=day)
    assert after_edit(validated, dataclasses.replace(validated, projet="Menuisier")).validee_le is None
    assert after_edit(validated, validated).validee_le == day  # nothing changed
    draft = SyntheseDraft(projet="Ébéniste")
    assert after_edit(draft, dataclasses.replace(draft, validee_le=day)).validee_le == day  # the validation itself
    assert is_empty(SyntheseDraft(validee_le=day)) and not is_empty(SyntheseDraft(suivi="x"))


def test_nested_and_escaped_markup_keeps_every_format():
    assert parse("**a *b* c**")[0].runs == (Run("a ", bold=True), Run("b", bold=True, italic=True),
                                           Run(" c", bold=True))
    # the editor writes italic-around-bold as separate runs (« *a* ***b*** *c* »), which read back exactly
    three = (Run("a", italic=True), Run(" "), Run("b", bold=True, italic=True), Run(" "), Run("c", italic=True))
    assert parse(unparse([Line("p", three)]))[0].runs == three
    assert parse("**a\\*b**")[0].runs == (Run("a*b", bold=True),)
    assert parse("*x\\*y*")[0].runs == (Run("x*y", italic=True),)
    assert parse("**a** **b**")[0].runs == (Run("a", bold=True), Run(" "), Run("b", bold=True))
    assert parse("***a*** ***b***")[0].runs == (Run("a", True, True), Run(" "), Run("b", True, True))
    assert parse("un\r\ndeux") == [Line("p", (Run("un"),)), Line("p", (Run("deux"),))]
    assert unparse([Line("p", (Run("a"), Run(" "), Run("b", bold=True)))]) == "a **b**"
    assert unparse([Line("p", (Run(" b ", bold=True),))]) == " **b** "
    assert unparse([Line("ol", (Run("x"),)), Line("ol", (Run("y"),)), Line("p", ()), Line("ol", (Run("z"),))]) \
        == "1. x\n2. y\n\n1. z"


def test_dates_in_words_and_two_digit_years():
    from bilan_desktop.domain.dates import in_words, month_year, parse_short_date
    assert in_words(dt.date(2026, 1, 1)) == "1er janvier 2026" and in_words(dt.date(2026, 12, 25)) == \
        "25 décembre 2026"
    assert month_year(dt.date(2013, 9, 1)) == "septembre 2013" and month_year(dt.date(2020, 8, 31)) == "août 2020"
    assert parse_short_date("12/4/83") == dt.date(1983, 4, 12) and parse_short_date("3.1.27") == dt.date(2027, 1, 3)
    assert parse_short_date("1/1/40") == dt.date(2040, 1, 1) and parse_short_date("1/1/41") == dt.date(1941, 1, 1)
    assert parse_short_date("1-1-00") == dt.date(2000, 1, 1) and parse_short_date("1 1 99") == dt.date(1999, 1, 1)
    assert parse_short_date("  ") is None
    for wrong in ("1/1/123", "31/2/2026", "1/13/26", "hier"):
        with pytest.raises(ValueError):
            parse_short_date(wrong)


def test_library_fields_come_from_the_record():
    from bilan_desktop.domain.beneficiary import Beneficiary
    from bilan_desktop.domain.provider import Provider
    from bilan_desktop.domain.seances import Seance, StatutSeance
    from bilan_desktop.domain.synthese import field_values
    from tests.unit.documents_fixtures import dossier
    d = dossier("x")
    d.seances = [Seance(date=dt.date(2026, 3, 16), statut=StatutSeance.REALISEE),
                 Seance(date=dt.date(2026, 3, 9), statut=StatutSeance.PLANIFIEE),
                 Seance(date=dt.date(2026, 3, 2), statut=StatutSeance.ANNULEE)]
    values = field_values(Beneficiary("Lefèvre", "Élodie"), d, Provider(consultant="Claire Martin"))
    assert values == {"prénom": "Élodie", "prenom": "Élodie", "nom": "Lefèvre", "consultant": "Claire Martin",
                      "projet": "Projet x", "date_début": "lundi 9 mars 2026", "date_debut": "lundi 9 mars 2026",
                      "date_fin": "vendredi 29 mai 2026"}
    d.seances, d.fin_du_bilan.date_fin = [], None
    empty = field_values(Beneficiary("", ""), d, Provider())
    assert empty == {"projet": "Projet x"}


def test_prefill_writes_career_dates_in_words_and_what_to_acquire_first():
    from bilan_desktop.domain.sections import Experience, Formation, Libelle
    from bilan_desktop.domain.synthese import prefill
    from tests.unit.documents_fixtures import dossier
    d = dossier("x")
    d.phase_investigation.experiences = [Experience("Comptable", "Durand", dt.date(2013, 9, 1), None, ""),
                                         Experience("Aide", "", None, None, "Stage")]
    d.phase_investigation.formations = [Formation("BTS", "", None, "")]
    d.phase_investigation.competences_a_acquerir = [Libelle("Lire un plan"), Libelle("Affûter")]
    draft = prefill(d)
    assert draft.parcours.splitlines()[:3] == ["Votre parcours professionnel :",
                                               "- Comptable chez Durand, depuis septembre 2013", "- Aide : Stage"]
    assert "Vos formations :\n- BTS" in draft.parcours
    assert draft.formation.startswith("Compétences à acquérir pour le projet :\n- Lire un plan\n- Affûter\n\n"
                                      "Les formations envisagées :\n- ")
    assert draft.projet.startswith("Votre projet : Projet x (code ROME M1805).")
    assert draft.suivi == "Un entretien de suivi vous a été proposé, environ six mois après la fin du bilan, et vous " \
                          "l'avez accepté."
