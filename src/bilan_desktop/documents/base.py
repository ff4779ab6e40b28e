"""What every document shares: DejaVu fonts, French typography, escaping of user text, page furniture
("page 2 / 5", header, footer), tables that split and repeat their headings, neutral metadata."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain import images
from ..domain.dates import long_date
from ..domain.richtext import parse as parse_rich
from ..domain.text import NBSP, NNBSP, french_spacing, money, printable  # noqa: F401 (money: re-exported)
from ..paths import resource_path

FONT, BOLD, ITALIC, BOLD_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"
FONT_COMMAND = ("FONTNAME", (0, 0), (-1, -1), FONT)  # a table's own default font is Helvetica
LONG_CELL = 500  # characters: a longer answer leaves the table for paragraphs (a row taller than a page fails)
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    _registered = True


register_fonts()  # before any style or paragraph refers to DejaVu


def _style(name: str, **kw) -> ParagraphStyle:
    base = dict(fontName=FONT, fontSize=10, leading=13.5, spaceAfter=4, bulletFontName=FONT)
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES = {
    "body": _style("body"),
    "small": _style("small", fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")),
    "cell": _style("cell", fontSize=9, leading=11.5, spaceAfter=0),
    "cellsmall": _style("cellsmall", fontSize=8, leading=10, spaceAfter=0),
    "cellhead": _style("cellhead", fontName=BOLD, fontSize=9, leading=11.5, spaceAfter=0),
    "title": _style("title", fontName=BOLD, fontSize=18, leading=23, spaceAfter=10, alignment=TA_CENTER),
    "subtitle": _style("subtitle", fontSize=11, leading=15, alignment=TA_CENTER, spaceAfter=6),
    "h1": _style("h1", fontName=BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=6,
                 textColor=colors.HexColor("#1f3b5a"), keepWithNext=1),
    "h2": _style("h2", fontName=BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1),
    "notice": _style("notice", fontName=BOLD, fontSize=10, leading=14, alignment=TA_CENTER, borderPadding=6,
                     borderColor=colors.HexColor("#1f3b5a"), borderWidth=1, spaceBefore=8, spaceAfter=12),
}


def esc(text: str | None) -> str:
    """User text as reportlab markup that shows exactly what was typed (no tag, entity or link survives; the
    control characters a paste keeps removed, see domain.text.printable)."""
    if not text:
        return ""
    return escape(french_spacing(printable(str(text)))).replace("\r\n", "\n").replace("\n", "<br/>").replace("\t", "    ")


def one_line(text: str | None) -> str:
    """User text drawn straight on the page (running header, footer): printable, on one line."""
    return printable(text or "").replace("\n", " ").replace("\t", " ")


def para(text: str | None, style: str = "body") -> Paragraph:
    """A paragraph of user text, escaped."""
    return Paragraph(esc(text), STYLES[style])


def markup(template: str, style: str = "body", **values) -> Paragraph:
    """Our own markup with user values escaped: markup("<b>Nom :</b> {nom}", nom=user_text)."""
    return Paragraph(french_spacing(template).format(**{k: esc(v) for k, v in values.items()}), STYLES[style])


def hours(value: float) -> str:
    minutes = round(value * 60)
    h, m = divmod(minutes, 60)
    return f"{h}{NBSP}h{NBSP}{m:02d}" if m else f"{h}{NBSP}h"


def date_text(day: dt.date | None, empty: str = "non renseignée") -> str:
    return long_date(day) if day else empty


def table(headers: list[str], rows: Iterable[list[str]], widths: list[float]) -> list:
    """Rows of user text as tables that split across pages with their headings repeated. A row with a
    very long answer is set as paragraphs instead, so that no row is taller than a page."""
    flowables: list = []
    pending: list[list[str]] = []

    def flush():
        if pending:
            data = [[Paragraph(esc(h), STYLES["cellhead"]) for h in headers]]
            data += [[Paragraph(esc(c), STYLES["cell"]) for c in row] for row in pending]
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([
                FONT_COMMAND, ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8899aa")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
            flowables.extend([t, Spacer(1, 4)])
            pending.clear()

    for row in rows:
        cells = ["" if c is None else str(c) for c in row]
        if any(len(c) > LONG_CELL for c in cells):
            flush()
            for header, cell in zip(headers, cells, strict=True):
                flowables.append(markup("<b>{h} :</b>", h=header))
                flowables.extend(paragraphs(cell))
            flowables.append(Spacer(1, 4))
        else:
            pending.append(cells)
    flush()
    return flowables


class _NumberedCanvas(canvas.Canvas):
    """Draws « page i / n » once the number of pages is known."""

    def __init__(self, *args, furniture=None, **kwargs):
        kwargs["initialFontName"] = FONT  # no Helvetica declared, even unused
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []
        self._furniture = furniture

    def showPage(self):  # noqa: N802 (reportlab name)
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            if self._furniture:
                self._furniture(self, self._pageNumber, total)
            super().showPage()
        super().save()


def build_pdf(story: list, *, kind: str, header: str, footer: str, watermark: str = "") -> bytes:
    """The PDF bytes. `kind` (the document type) is the only metadata: never a name. `watermark`: a mark across
    every page (« Projet — non remis » on a synthèse not yet validated)."""
    buffer = io.BytesIO()
    width, height = A4
    kind, header, footer, watermark = (one_line(t) for t in (kind, header, footer, watermark))

    def furniture(c, number, total):
        if watermark:
            c.saveState()
            c.setFont(BOLD, 46)
            c.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.16))
            c.translate(width / 2, height / 2)
            c.rotate(45)
            c.drawCentredString(0, 0, watermark)
            c.restoreState()
        c.saveState()
        c.setFont(FONT, 8)
        c.setFillColor(colors.HexColor("#555555"))
        c.drawString(18 * mm, height - 12 * mm, header)
        c.drawRightString(width - 18 * mm, height - 12 * mm, kind)
        c.setStrokeColor(colors.HexColor("#c0c8d0"))
        c.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
        c.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
        c.drawString(18 * mm, 9 * mm, footer)
        c.drawRightString(width - 18 * mm, 9 * mm, f"page {number} / {total}")
        c.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=22 * mm, title=kind, author="", subject="", creator="Bilan Desktop",
                            keywords="", lang="fr-FR")
    doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, furniture=furniture, **k))
    return buffer.getvalue()


def signature_blocks(labels: list[str]) -> Table:
    """Side-by-side boxes to sign in."""
    cells = [[markup("<b>{l}</b><br/>Date et signature :", "cell", l=label) for label in labels]]
    t = Table(cells, colWidths=[170 * mm / len(labels)] * len(labels), rowHeights=[32 * mm])
    t.setStyle(TableStyle([FONT_COMMAND, ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                           ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def readable_image(data: bytes) -> bool:
    """True when the image decodes whole. Its header is checked first (bytes, width × height: domain.images), so
    that a crafted image never reaches the decoder; then it is decoded once, so that a truncated one is found here
    rather than while the PDF is drawn, where it would stop the whole document."""
    if not images.within_bounds(data):
        return False
    from PIL import Image as PILImage
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:  # noqa: BLE001 — any decoding failure of the image library
        return False
    return True


def scaled_image(data: bytes, width: float, height: float, checked: bool = False):
    """An image (logo, signature, stamp) fitted in width x height, left-aligned; None when there is none or it
    cannot be read (an unreadable image is left out, and its bytes never reach a message). `checked`: the caller
    has already found it readable (readable_image), so that it is not decoded once more for that."""
    from reportlab.platypus import Image
    if not data or not (checked or readable_image(data)):
        return None
    try:
        image = Image(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — any decoding failure of the image library
        return None
    ratio = min(width / image.imageWidth, height / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * ratio, image.imageHeight * ratio
    image.hAlign = "LEFT"
    return image


def provider_block(provider) -> list:
    """The provider's identity (and logo, when set) at the top of a document."""
    flowables: list = []
    logo = scaled_image(provider.logo, 40 * mm, 18 * mm)
    if logo is not None:
        flowables.append(logo)
    lines = [markup("<b>{nom}</b>", nom=provider.nom or "Organisme prestataire")]
    if provider.adresse:
        lines.append(para(provider.adresse, "small"))
    if provider.siret:
        lines.append(markup("SIRET {n}", "small", n=provider.siret))
    if provider.numero_declaration:
        lines.append(markup("Déclaration d'activité n° {n} (cet enregistrement ne vaut pas agrément de l'État)",
                            "small", n=provider.numero_declaration))
    contact = " — ".join(x for x in (provider.telephone, provider.email, provider.site) if x.strip())
    if contact:
        lines.append(para(contact, "small"))
    if provider.qualiopi:
        lines.append(markup("Certificat Qualiopi n° {n}", "small", n=provider.qualiopi))
    return flowables + lines


def fait_a(provider, day: dt.date) -> Paragraph:
    place = f"Fait à {provider.ville}, le" if provider.ville.strip() else "Fait le"
    return markup("{place} {day}.", place=place, day=long_date(day))


def heading(text: str, level: str = "h1") -> Paragraph:
    return Paragraph(esc(text), STYLES[level])


def _line_style(style: str) -> ParagraphStyle:
    name = f"{style}-line"
    if name not in STYLES:
        STYLES[name] = ParagraphStyle(name, parent=STYLES[style], spaceBefore=0, spaceAfter=0)
    return STYLES[name]


def paragraphs(text: str, style: str = "body") -> list:
    """Long user text as flowables that flow across pages: blocks apart (blank lines), and inside a block one
    paragraph per line rather than one paragraph of `<br/>`: reportlab splits the latter in time quadratic in its
    number of lines (2,000 pasted lines: 6 s), the former in linear time. Every line break typed is kept."""
    flowables: list = []
    blocks = [b for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    for block in blocks:
        lines = block.split("\n")
        for line in lines[:-1]:
            flowables.append(Paragraph(esc(line) or "&nbsp;", _line_style(style)))
        flowables.append(Paragraph(esc(lines[-1]) or "&nbsp;", STYLES[style]))
    return flowables or [para("—", style)]


def run_markup(items) -> str:
    """Runs of the synthèse's format as reportlab markup, the text escaped."""
    out = []
    for run in items:
        text = esc(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _list_style(style: str) -> ParagraphStyle:
    name = f"{style}-item"
    if name not in STYLES:
        STYLES[name] = ParagraphStyle(name, parent=STYLES[style], leftIndent=14, bulletIndent=3, spaceBefore=0,
                                      spaceAfter=1)
    return STYLES[name]


def rich_paragraphs(text: str, style: str = "body") -> list:
    """The synthèse's format (domain/richtext.py) as flowables: one per line (linear time, as `paragraphs`),
    bulleted and numbered items, bold and italic; an empty line is a paragraph gap."""
    flowables: list = []
    lines = parse_rich(text)
    number = 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        last_of_block = following is None or not following.runs
        if not line.runs:
            number = 0
            continue
        body = run_markup(line.runs)
        if line.kind == "ul":
            number = 0
            flowables.append(Paragraph(body, _list_style(style), bulletText="•"))
        elif line.kind == "ol":
            number += 1
            flowables.append(Paragraph(body, _list_style(style), bulletText=f"{number}."))
        else:
            number = 0
            flowables.append(Paragraph(body, STYLES[style] if last_of_block else _line_style(style)))
    return flowables or [para("—", style)]


def header_line(provider, reference: str) -> str:
    return f"{provider.nom or 'Bilan de compétences'} — réf. {reference}"
