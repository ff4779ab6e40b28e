"""Attendance sheets (feuilles d'émargement). The blank sheet is printed before the sessions: dates and times filled,
signature cells empty, to be signed by hand. The signed sheet reproduces the signatures drawn on screen (images,
with when they were drawn) and, for a remote session, the connection times and how attendance was attested. No word
is ever printed in a signature cell: an empty cell is unsigned. A signature whose image cannot be read (cut short,
damaged, or too large to decode safely) leaves its cell empty and is said so beside it, « signature … illisible »,
so that the sheet is still built and the session not taken for unsigned."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ..domain.dates import short_date
from ..domain.seances import COUNTED_STEPS, Role, Seance, StatutSeance, format_hours, hours_summary
from ..domain.workflow import Dossier
from .base import (
    FONT_COMMAND,
    STYLES,
    build_pdf,
    esc,
    header_line,
    hours,
    markup,
    provider_block,
    readable_image,
    scaled_image,
)

KIND = "Feuille d'émargement"
BLANK_KIND = "Feuille d'émargement à signer"
HEADERS = ["Date", "Horaires", "Durée", "Modalité et présence", "Signature du bénéficiaire",
           "Signature du consultant"]
WIDTHS = [22 * mm, 24 * mm, 17 * mm, 39 * mm, 34 * mm, 34 * mm]
SIGNATURE_BOX = (32 * mm, 13 * mm)
_OF = {Role.BENEFICIAIRE: "du bénéficiaire", Role.CONSULTANT: "du consultant"}


def _cell(text: str, style: str = "cellsmall") -> Paragraph:
    return Paragraph(esc(text), STYLES[style])


def _date_cell(s: Seance) -> Paragraph:
    """The date; for the entretien préalable or de suivi, which it is: their hours are not the bilan's 24 hours and
    are not on the certificate (issue 20 §6)."""
    text = esc(short_date(s.date))
    if s.etape not in COUNTED_STEPS:
        text += "<br/>" + esc(f"{s.etape.label.lower()}, hors des 24 h")
    return Paragraph(text, STYLES["cellsmall"])


def _room() -> Spacer:
    """An empty signature cell: room to sign by hand, and nothing written."""
    return Spacer(SIGNATURE_BOX[0], SIGNATURE_BOX[1] + 2 * mm)


def _signature(seance: Seance, role: Role, unreadable: set[Role]):
    signature = seance.signature(role)
    if signature is None or role in unreadable:  # unsigned, or said unreadable beside: the cell stays empty
        return _room()
    image = scaled_image(signature.image, *SIGNATURE_BOX, checked=True)
    if image is None:
        return _room()
    image.hAlign = "CENTER"
    return image


def _presence(s: Seance, blank: bool, unreadable: set[Role]) -> str:
    """The modality, and for a realised session what proves attendance (outside the signature cells)."""
    lines = [s.modalite.label]
    if blank:
        return lines[0]
    if s.statut is not StatutSeance.REALISEE:
        lines.append(s.statut.label)
    elif s.remote:
        if s.connexion_debut and s.connexion_fin:
            lines.append(f"Connexion de {format_hours(s.connexion_debut.hour * 60 + s.connexion_debut.minute)} à "
                         f"{format_hours(s.connexion_fin.hour * 60 + s.connexion_fin.minute)}")
        if s.attestation.value:
            lines.append(f"Présence attestée par : {s.attestation.label.lower()}")
    stamps = sorted(sig.signed_at for sig in s.signatures)
    if stamps:
        lines.append(f"Signé à l'écran le {stamps[-1]:%d/%m/%Y à %H:%M}")
    lines.extend(f"Signature {_OF[role]} illisible (image endommagée ou trop grande)"
                 for role in (Role.BENEFICIAIRE, Role.CONSULTANT) if role in unreadable)
    return "\n".join(lines)


def _readable(image: bytes, known: dict[bytes, bool]) -> bool:
    if image not in known:
        known[image] = readable_image(image)
    return known[image]


def _sheet(rows_of: list[Seance], blank: bool) -> Table:
    rows: list[list] = [[_cell(h, "cellhead") for h in HEADERS]]
    known: dict[bytes, bool] = {}  # the same image checked once per sheet
    for s in rows_of:
        unreadable = set() if blank else {sig.role for sig in s.signatures if not _readable(sig.image, known)}
        rows.append([_date_cell(s), _cell(f"{s.debut:%H:%M} – {s.fin:%H:%M}"),
                     _cell(hours(s.minutes / 60)), _cell(_presence(s, blank, unreadable)),
                     _room() if blank else _signature(s, Role.BENEFICIAIRE, unreadable),
                     _room() if blank else _signature(s, Role.CONSULTANT, unreadable)])
    sheet = Table(rows, colWidths=WIDTHS, repeatRows=1)  # a row grows with its text, never under the room to sign
    sheet.setStyle(TableStyle([FONT_COMMAND, ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("VALIGN", (4, 1), (5, -1), "MIDDLE"),
                               ("ALIGN", (4, 1), (5, -1), "CENTER")]))
    return sheet


def build(provider, beneficiary, dossier: Dossier, blank: bool = False) -> bytes:
    """`blank`: the sheet to sign by hand, listing the planned sessions; otherwise the sessions held or missed, with
    the signatures drawn on screen."""
    if blank:
        shown = [s for s in dossier.seances if s.statut is StatutSeance.PLANIFIEE]
    else:
        shown = [s for s in dossier.seances if s.statut in (StatutSeance.REALISEE, StatutSeance.ABSENCE,
                                                             StatutSeance.ABSENCE_EXCUSEE)]
    kind = BLANK_KIND if blank else KIND
    story = [*provider_block(provider), Spacer(1, 6 * mm), Paragraph(esc(kind), STYLES["title"]),
             markup("<b>Action :</b> bilan de compétences — <b>Référence :</b> {r}", r=dossier.reference),
             markup("<b>Bénéficiaire :</b> {n} — <b>Consultant :</b> {c}", n=beneficiary.full_name,
                    c=provider.consultant or "—"),
             Spacer(1, 4 * mm), _sheet(shown, blank) if shown else
             markup("Aucune séance planifiée." if blank else "Aucune séance réalisée."), Spacer(1, 4 * mm)]
    if blank:
        story.append(markup("Chaque personne signe dans sa case le jour de la séance, à la fin de celle-ci."))
    else:
        story.append(markup("<b>Heures du bilan :</b> {t}. Les séances de l'entretien préalable et de l'entretien de "
                            "suivi ne sont pas comptées dans les vingt-quatre heures de l'art. L6313-4.",
                            t=hours_summary(dossier.seances)))
    return build_pdf(story, kind=kind, header=header_line(provider, dossier.reference),
                     footer="Feuille d'émargement — bilan de compétences")
