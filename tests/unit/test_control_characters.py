"""Issue 19, point 9: text pasted from a PDF keeps control characters (a form feed, NUL, escape…); a crafted backup's
JSON can hold lone surrogates. Every format (PDF with reportlab, DOCX with python-docx, ODT with odfpy) builds, reads
back, keeps the text around them, and keeps what a line break and a tab mean."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import docx
import pytest
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt
from pypdf import PdfReader

from bilan_desktop.documents import convocation, office, pv_destruction, registers_pdf, satisfaction_form
from bilan_desktop.documents.catalog import BILAN_DOCUMENTS, DocumentContext, DocumentKind, build
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.registers import Reclamation
from bilan_desktop.domain.seances import StatutSeance
from bilan_desktop.domain.text import printable
from tests.unit.documents_fixtures import beneficiary, dossier, provider

TODAY = dt.date(2026, 5, 29)
CONTROLS = "".join(chr(i) for i in range(32) if chr(i) not in "\t\n") + "\x7f\x85\ufffe\uffff"
HOSTILE = f"avant{CONTROLS}\ud800\udfffaprès"
SEPARATORS = "\x00\x01\x08\x0e\x1b\x1f\x7f\ufffe\uffff"  # removed, never shown


def context(text: str = HOSTILE, funding: Funding = Funding.PLAN_DEVELOPPEMENT) -> DocumentContext:
    return DocumentContext(provider(text), beneficiary(text), dossier(text, funding), TODAY)


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_printable_by_hand():
    assert printable("a\x00b\x1bc\x7fd\ufffee\uffff") == "abcde"
    assert printable("un\x0cdeux\x0btrois\r\nquatre\rcinq") == "un\ndeux\ntrois\nquatre\ncinq"
    assert printable("col\tcol\nligne") == "col\tcol\nligne"
    assert printable("x\ud800y") == "x\ufffdy"
    assert printable("Élodie « 14 h » ✓ 𝔘") == "Élodie « 14 h » ✓ 𝔘"


@pytest.mark.parametrize("kind", BILAN_DOCUMENTS, ids=lambda k: k.value)
def test_every_pdf_builds_and_keeps_the_text_around(kind):
    ctx = context(funding=Funding.PERSONNEL if kind is DocumentKind.CONTRAT else Funding.PLAN_DEVELOPPEMENT)
    ctx.dossier.seances[-1] = dataclasses.replace(ctx.dossier.seances[-1], statut=StatutSeance.PLANIFIEE)
    text = pdf_text(build(kind, ctx))
    assert "avant" in text and "après" in text
    assert not set(SEPARATORS) & set(text)


def test_the_other_pdfs_build():
    ctx = context()
    record = pv_destruction.DestructionRecord("BC-2026-0001", TODAY, f"Art. R6313-7 {HOSTILE}", [HOSTILE])
    built = [pv_destruction.build(ctx.provider, record),
             convocation.build(ctx.provider, ctx.beneficiary, "BC-2026-0001", ctx.dossier.seances[1], HOSTILE, TODAY),
             satisfaction_form.build(ctx.provider, "BC-2026-0001", "jeton"),
             registers_pdf.build(ctx.provider, [Reclamation(recue_le=TODAY, objet=HOSTILE, reponse=HOSTILE)], [],
                                 TODAY)]
    for pdf in built:
        assert "avant" in pdf_text(pdf) and "après" in pdf_text(pdf)


@pytest.mark.parametrize("document", ["synthese", "resultats"])
def test_docx_and_odt_build_and_read_back(document):
    ctx = context(f"{HOSTILE}\tcolonne\nligne suivante")
    data = office.render(document, ctx, ".docx")
    read = docx.Document(io.BytesIO(data))
    cells = [c.text for table in read.tables for row in table.rows for c in row.cells]
    texts = [p.text for p in read.paragraphs] + cells
    assert any("avant" in t and "après" in t for t in texts)
    assert not set(SEPARATORS) & set("".join(texts))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:br/>" in xml and "<w:tab/>" in xml  # the line break and the tab typed keep their meaning
    data = office.render(document, ctx, ".odt")
    read_odt = load_odt(io.BytesIO(data))
    texts = [teletype.extractText(p) for p in read_odt.getElementsByType(odf_text.P)]
    assert any("avant" in t and "après" in t for t in texts)
    assert not set(SEPARATORS) & set("".join(texts))
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode()
    assert "<text:line-break/>" in content and "<text:tab/>" in content
