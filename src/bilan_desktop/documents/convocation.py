"""A convocation to a session: date, time, address or visio link, what to bring."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import long_date
from ..domain.seances import Seance
from ..domain.sections import ModaliteSeance
from .base import NBSP, STYLES, build_pdf, esc, fait_a, header_line, markup, paragraphs, provider_block

KIND = "Convocation"
DEFAULT_TO_BRING = "Votre CV à jour, vos diplômes et attestations de formation, et de quoi prendre des notes."


def clock_time(value: dt.time) -> str:
    """9:00 -> « 9 h », 14:30 -> « 14 h 30 » (French usage in running text)."""
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}" if value.minute else f"{value.hour}{NBSP}h"


def build(provider, beneficiary, reference: str, seance: Seance, to_bring: str, today: dt.date) -> bytes:
    if seance.modalite is ModaliteSeance.VISIO:
        where = [markup("La séance se tiendra en visioconférence, avec le lien suivant (à copier dans votre "
                        "navigateur) :"),
                 Paragraph(esc(seance.lien_visio or "le lien vous sera communiqué avant la séance"), STYLES["body"])]
    elif seance.modalite is ModaliteSeance.TELEPHONE:
        where = [markup("La séance se tiendra par téléphone : votre consultant vous appellera au {t}.",
                        t=beneficiary.telephone or "numéro que vous nous avez indiqué")]
    else:
        where = [markup("La séance se tiendra à l'adresse suivante : {a}.", a=provider.address_line or "—")]
    salutation = f"{beneficiary.civilite.label}," if beneficiary.civilite.value else "Madame, Monsieur,"
    contact = ", ".join(x for x in (provider.telephone, provider.email) if x.strip())
    story = [*provider_block(provider), Spacer(1, 8 * mm),
             markup("{n}<br/>{a}", n=beneficiary.full_name, a=beneficiary.adresse),
             Spacer(1, 6 * mm), fait_a(provider, today), Spacer(1, 4 * mm),
             markup("<b>Objet :</b> convocation à une séance de votre bilan de compétences (réf. {r})", r=reference),
             Spacer(1, 4 * mm), markup("{s}", s=salutation),
             markup("J'ai le plaisir de vous convier à la prochaine séance de votre bilan de compétences, "
                    "<b>le {d}, de {a} à {b}</b> ({e}).", d=long_date(seance.date) if seance.date else "—",
                    a=clock_time(seance.debut), b=clock_time(seance.fin), e=seance.etape.label.lower()),
             *where, markup("Pensez à apporter :"), *paragraphs(to_bring or DEFAULT_TO_BRING),
             markup("En cas d'empêchement, merci de me prévenir dès que possible{c}.",
                    c=f" ({contact})" if contact else ""),
             markup("Si vous avez besoin d'un aménagement lié à un handicap, {a}.",
                    a=f"contactez {provider.accessibilite}" if provider.accessibilite.strip()
                    else "dites-le-moi : nous l'organiserons ensemble"),
             markup("Je vous prie d'agréer, {s} l'expression de mes salutations distinguées.",
                    s=salutation),
             Spacer(1, 10 * mm), markup("{c}<br/>Consultant·e en bilan de compétences, {p}",
                                        c=provider.consultant or "Votre consultant", p=provider.nom or "")]
    return build_pdf(story, kind=KIND, header=header_line(provider, reference), footer="Convocation")
