"""The six-month (« à froid ») satisfaction questionnaire as a fillable PDF form: the beneficiary fills it in any PDF
reader and sends it back; the app imports it (issue 15). The form carries its bilan's reference and a token drawn for
it, so that a foreign or altered form is recognised; it carries no name."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from ..domain.stats import SATISFACTION_QUESTIONS
from .base import BOLD, FONT, one_line

FORM_ID = "bilan-desktop/satisfaction-suivi/1"
TITLE = "Questionnaire de satisfaction, six mois après votre bilan"
COMMENT_MAX = 2000  # the comment field's /MaxLen: a PDF reader stops typing there
ID_MAX = 80  # the /MaxLen of the form's read-only fields (form id, reference, token)


def build(provider, reference: str, token: str) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, initialFontName=FONT)
    c.setTitle(TITLE)
    c.setAuthor("")
    c.setSubject("")
    width, height = A4
    y = height - 22 * mm
    c.setFont(BOLD, 13)
    c.drawString(20 * mm, y, one_line(provider.nom) or "Bilan de compétences")
    y -= 10 * mm
    c.setFont(BOLD, 15)
    c.drawString(20 * mm, y, TITLE)
    c.setFont(FONT, 9)
    for line in ("Vos réponses sont confidentielles : seul votre consultant·e les lit ; elles ne servent qu'à améliorer "
                 "nos bilans.", "Cochez une case par ligne, de 1 (pas du tout satisfait·e) à 5 (très satisfait·e), "
                 "enregistrez le fichier puis renvoyez-le.", f"Référence : {reference}"):
        y -= 6 * mm
        c.drawString(20 * mm, y, line)
    y -= 10 * mm
    c.setFont(BOLD, 9)
    for value in range(1, 6):
        c.drawCentredString(123.5 * mm + (value - 1) * 14 * mm, y, str(value))
    form = c.acroForm
    c.setFont(FONT, 9)
    for index, question in enumerate(SATISFACTION_QUESTIONS["suivi"], start=1):
        y -= 11 * mm
        c.drawString(20 * mm, y + 2 * mm, question)
        for value in range(1, 6):
            form.radio(name=f"q{index}", value=str(value), selected=False, x=121 * mm + (value - 1) * 14 * mm,
                       y=y, size=14, buttonStyle="circle", shape="circle", borderColor=colors.HexColor("#1f3b5a"),
                       fillColor=colors.white, fieldFlags="noToggleToOff radio",
                       tooltip=f"{question} : {value}")
    y -= 14 * mm
    c.drawString(20 * mm, y, "Un commentaire (facultatif) :")
    form.textfield(name="commentaire", value="", x=20 * mm, y=y - 42 * mm, width=170 * mm, height=38 * mm,
                   fieldFlags="multiline", maxlen=COMMENT_MAX, fontName="Helvetica", fontSize=10,
                   tooltip="Commentaire", borderColor=colors.HexColor("#8899aa"))
    for name, text, offset in (("formulaire", FORM_ID, 0), ("reference", reference, 62), ("jeton", token, 112)):
        form.textfield(name=name, value=text, x=20 * mm + offset * mm, y=14 * mm, width=58 * mm if offset else 60 * mm,
                       height=6 * mm, fieldFlags="readOnly", maxlen=ID_MAX, fontName="Helvetica", fontSize=6,
                       borderWidth=0, fillColor=colors.white, textColor=colors.HexColor("#888888"))
    c.showPage()
    c.save()
    return buffer.getvalue()


def read(data: bytes) -> dict[str, str]:
    """The form's fields as text (a radio group as the value chosen, '' when none); ValueError for a file that is
    not a PDF form."""
    from pypdf import PdfReader
    try:
        fields = PdfReader(io.BytesIO(data)).get_fields() or {}
    except Exception as exc:  # noqa: BLE001 — any parsing failure of a foreign file
        raise ValueError("not a pdf") from exc
    values = {}
    for name, field in fields.items():
        raw = field.get("/V")
        values[name] = "" if raw is None else str(raw).lstrip("/")
    return values
