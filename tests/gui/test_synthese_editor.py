"""Issue 13, writing the synthèse: headings, a list, bold, a paragraph from the library, a misspelling corrected
from the context menu, a word added to the personal dictionary, the live preview, validation, and exports in PDF,
DOCX and ODT whose texts match (and hold no beneficiary data in their properties)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
from odf import teletype, text as odf_text
from odf.opendocument import load as load_odt
from pypdf import PdfReader
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox

from bilan_desktop.documents.catalog import DocumentKind
from bilan_desktop.domain.richtext import plain
from bilan_desktop.domain.synthese import DRAFT_MARK, TITLES
from bilan_desktop.storage.exports import Destination, ExportLog
from bilan_desktop.storage.library import PersonalDictionary
from tests.gui.conftest import by_accessible_name, type_text
from tests.gui.test_documents_ui import _bilan, _select
from tests.gui.workflow_helpers import choose_file


def _shot(widget, name):
    folder = os.environ.get("BILAN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _go_to(editor, heading: str) -> None:
    """The cursor at the start of the first line under a heading."""
    document = editor.document()
    block = document.begin()
    while block.isValid() and block.text() != heading:
        block = block.next()
    assert block.isValid(), heading
    cursor = QTextCursor(block.next())
    editor.setTextCursor(cursor)


def _menu_for(editor, word: str) -> QMenu:
    position = editor.toPlainText().index(word) + 1
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    menu = QMenu()
    editor.spell_actions(menu, cursor)
    return menu


def test_write_preview_validate_and_export_the_synthese(window, script, qtbot, tmp_path):
    bw, repo = _bilan(window, script)
    page = _select(bw, "Rédaction de la synthèse")
    editor = page.editor
    bw.resize(1360, 720)

    # a heading's text, then a list typed under « Objectifs du bilan »
    _go_to(editor, "Circonstances et demande")
    type_text(editor, "Après vingt ans de comptabilité, une envie de métier manuel. ")
    by_accessible_name(page, "Gras").click()
    type_text(editor, "Le bois")
    by_accessible_name(page, "Gras").click()
    type_text(editor, " l'attire dépuis longtemps.")
    _go_to(editor, "Objectifs du bilan")
    by_accessible_name(page, "• Liste").click()
    type_text(editor, "Explorer les métiers du bois")
    editor.textCursor().insertBlock()
    type_text(editor, "Vérifier la faisabilité d'une formation")

    # a paragraph of the library, its fields filled from the record
    def library(dialog):
        dialog.show()
        dialog.new()
        type_text(dialog.title, "Suivi proposé")
        type_text(dialog.text, "{prénom} bénéficiera d'un entretien de suivi, environ six mois après le bilan.")
        dialog.insert()
        return dialog.result()

    _go_to(editor, "Entretien de suivi")
    script.expect(library)
    by_accessible_name(page, "Bibliothèque de paragraphes…").click()
    assert "Élodie bénéficiera d'un entretien de suivi" in editor.toPlainText()

    # a misspelling underlined, corrected from the context menu; a name added to the personal dictionary
    qtbot.waitUntil(lambda: page.editor.checker.is_correct("longtemps"), timeout=2000)
    assert not editor.checker.is_correct("dépuis") and editor.checker.is_correct("comptabilité")
    menu = _menu_for(editor, "dépuis")
    labels = [a.text() for a in menu.actions()]
    assert "depuis" in labels and "Ajouter au dictionnaire" in labels
    next(a for a in menu.actions() if a.text() == "depuis").trigger()
    assert "l'attire depuis longtemps" in editor.toPlainText()
    _go_to(editor, "Motivations, intérêts et valeurs")
    type_text(editor, "Travailler avec Ébénistrix.")
    menu = _menu_for(editor, "Ébénistrix")
    next(a for a in menu.actions() if a.text() == "Ajouter au dictionnaire").trigger()
    assert "Ébénistrix" in PersonalDictionary(window.vault).words() and editor.checker.is_correct("Ébénistrix")

    # paste keeps the text only
    mime = QMimeData()
    mime.setHtml("<b>gras</b><img src='x'><a href='http://x'>lien</a>")
    mime.setText("texte collé")
    editor.insertFromMimeData(mime)
    assert "texte collé" in editor.toPlainText() and "<" not in editor.toPlainText()

    # saved as you type, in the safe format; undo works across the whole document
    page.save_now()
    draft = repo.load(1).synthese
    assert draft.circonstances.startswith("Après vingt ans de comptabilité, une envie de métier manuel. **Le bois** "
                                          "l'attire depuis longtemps.")
    assert draft.objectifs.splitlines()[:2] == ["- Explorer les métiers du bois",
                                                "- Vérifier la faisabilité d'une formation"]
    assert "Élodie bénéficiera" in draft.suivi and "Travailler avec Ébénistrix.texte collé" in draft.motivations
    words = int(page.words.text().split()[0])
    assert words >= 40

    # the live preview: pages rendered beside the editor, from a worker thread
    page.refresh_preview()
    qtbot.waitUntil(lambda: bool(page.preview_images) and not page.preview_images[0].pixmap().isNull(),
                    timeout=5000)
    _shot(bw, "50-redaction-synthese")
    assert DRAFT_MARK in page.draft_state.text()

    # PDF of a draft carries the mark; validation removes it; an edit makes it a draft again
    documents = _select(bw, "Documents")
    bw.refresh()
    assert "Projet" in documents.rows[DocumentKind.SYNTHESE][0].text()
    draft_pdf = documents._build(DocumentKind.SYNTHESE)
    pages = PdfReader(io.BytesIO(draft_pdf)).pages
    assert all(DRAFT_MARK in p.extract_text() for p in pages)
    by_accessible_name(page, "Valider la synthèse").click()
    assert repo.load(1).synthese.validee_le == window.clock.today()
    final_pdf = documents._build(DocumentKind.SYNTHESE)
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(final_pdf)).pages)
    assert DRAFT_MARK not in pdf_text and "Le bois l'attire depuis longtemps" in pdf_text
    assert "• Explorer les métiers du bois" in pdf_text

    # exports: PDF, DOCX, ODT, each logged as a working copy; their texts match
    exported = {}
    for extension in (".pdf", ".docx", ".odt"):
        target = tmp_path / f"synthese{extension}"

        def destination(dialog):
            by_accessible_name(dialog, Destination.TRAVAIL.label).click()
            dialog.accept()
            return dialog.result()

        for handler in (destination, choose_file(target), lambda box: QMessageBox.Ok):
            script.expect(handler)
        documents._export(DocumentKind.SYNTHESE, final_pdf)
        exported[extension] = target.read_bytes()
    word = docx.Document(io.BytesIO(exported[".docx"]))
    word_text = "\n".join(p.text for p in word.paragraphs)
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Circonstances et demande", "Objectifs du bilan", "Parcours professionnel et formation"]
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["Explorer les métiers du bois", "Vérifier la faisabilité d'une formation"]
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    assert "Le bois" in bold
    odt = load_odt(io.BytesIO(exported[".odt"]))
    odt_text = "\n".join(teletype.extractText(p) for p in odt.getElementsByType(odf_text.P))
    odt_headings = [teletype.extractText(h) for h in odt.getElementsByType(odf_text.H)]
    assert odt_headings == headings[:len(odt_headings)] and len(odt_headings) == 11
    for needle in ("Le bois l'attire depuis longtemps", "Élodie bénéficiera d'un entretien de suivi",
                   "Vérifier la faisabilité d'une formation"):
        assert needle in word_text and needle in odt_text and needle in pdf_text
    saved = repo.load(1).synthese
    for name in TITLES:  # every section's every line, in both editable files
        for line in plain(getattr(saved, name)).splitlines():
            if line.strip():
                assert line in word_text and line in odt_text, (name, line)
    # no beneficiary data in the files' properties
    properties = word.core_properties
    assert (properties.title, properties.author, properties.last_modified_by) == ("Document de synthèse", "", "")
    for data in (exported[".docx"], exported[".odt"]):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if "meta" in name or "core" in name or "app.xml" in name:
                    assert b"Lef" not in archive.read(name) and "Élodie".encode() not in archive.read(name)
    copies = [e for e in ExportLog(window.vault).entries(1) if e.destination is Destination.TRAVAIL]
    assert sorted(Path(e.path).suffix for e in copies) == [".docx", ".odt", ".pdf"]

    # an edit after validation makes it a draft again
    _go_to(editor, "Pistes alternatives")
    type_text(editor, "Menuiserie.")
    page.save_now()
    assert repo.load(1).synthese.validee_le is None


def test_headings_survive_enter_and_the_format_round_trips(window, script):
    bw, repo = _bilan(window, script)
    page = _select(bw, "Rédaction de la synthèse")
    editor = page.editor
    cursor = QTextCursor(editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)  # end of the first heading
    editor.setTextCursor(cursor)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    QTest.keyClick(editor, Qt.Key_Return)
    type_text(editor, "Une ligne sous le titre, avec *astérisques* tapés.")
    page.save_now()
    assert repo.load(1).synthese.circonstances.startswith("Une ligne sous le titre, avec \\*astérisques\\* tapés.")
    bw.close()
    window.open_bilan(1)
    reopened = window.bilan_windows[1].redaction.editor.toPlainText()
    assert "Une ligne sous le titre, avec *astérisques* tapés." in reopened
    assert QApplication.instance() is not None and QDialog is not None


def test_undo_spans_the_whole_document_and_the_editor_works_without_spell_checking(window, script, monkeypatch):
    bw, repo = _bilan(window, script)
    page = _select(bw, "Rédaction de la synthèse")
    editor = page.editor
    _go_to(editor, "Circonstances et demande")
    type_text(editor, "Premier")
    _go_to(editor, "Entretien de suivi")
    type_text(editor, "Second")
    editor.undo()
    assert "Second" not in editor.toPlainText() and "Premier" in editor.toPlainText()
    editor.undo()
    assert "Premier" not in editor.toPlainText()
    import builtins

    from bilan_desktop import spelling
    real_import = builtins.__import__

    def no_hunspell(name, *args, **kwargs):
        if name == "hunspell":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_hunspell)
    assert spelling.spell_checker(set()) is None


def test_an_empty_library_offers_starter_paragraphs_spelt_right(window, script):
    import re

    from bilan_desktop.domain.synthese import STARTER_PARAGRAPHS
    from bilan_desktop.spelling import SpellChecker
    from bilan_desktop.storage.library import ParagraphLibrary
    from bilan_desktop.ui.paragraph_library import ParagraphLibraryDialog
    from tests.gui.conftest import create_vault
    create_vault(window)
    dialog = ParagraphLibraryDialog(ParagraphLibrary(window.vault), window.clock)
    dialog.show()
    starters = dialog.buttons["starters"]
    assert starters.isVisible() and dialog.list.count() == 0
    type_text(dialog.text, "Un texte commencé")  # no title yet: nothing is overwritten, the reason is given
    starters.click()
    assert dialog.text.toPlainText() == "Un texte commencé" and "titre" in dialog.error.text()
    type_text(dialog.title, "Le mien")
    starters.click()  # saved first, then the three models
    assert sorted(p.titre for p in ParagraphLibrary(window.vault).all()) == ["Cadre du bilan", "Entretien de suivi",
                                                                               "Le mien", "Projet retenu"]
    assert not starters.isVisible() and dialog.list.count() == 4
    checker = SpellChecker()
    words = [w for _, text in STARTER_PARAGRAPHS for w in re.findall(r"[\w’'-]+", re.sub(r"\{\w+\}", "", text))]
    assert [w for w in words if not checker.is_correct(w.strip("'-"))] == []
    dialog.deleteLater()
