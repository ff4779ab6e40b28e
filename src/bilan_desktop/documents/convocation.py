"""A convocation to a session: date, time, address or visio link, what to bring."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import long_date
from ..domain.seances import Seance
from ..domain.sections import ModaliteSeance
from .base import STYLES, build_pdf, esc, fait_a, header_line, markup, paragraphs, provider_block

KIND = "Convocation"
DEFAULT_TO_BRING = "Votre CV à jour, vos diplômes et attestations de formation, et de quoi prendre des notes."


def build(provider, beneficiary, reference: str, seance: Seance, to_bring: str, today: dt.date) -> bytes:
    if seance.modalite is ModaliteSeance.VISIO:
        where = [markup("<b>Lieu :</b> en visioconférence, avec le lien suivant (à copier dans votre navigateur) :"),
                 Paragraph(esc(seance.lien_visio or "le lien vous sera communiqué avant la séance"), STYLES["body"])]
    elif seance.modalite is ModaliteSeance.TELEPHONE:
        where = [markup("<b>Modalité :</b> par téléphone ; votre consultant vous appellera au numéro {t}.",
                        t=beneficiary.telephone or "que vous nous avez indiqué")]
    else:
        where = [markup("<b>Lieu :</b> {a}", a=provider.adresse or "—")]
    story = [*provider_block(provider), Spacer(1, 10 * mm),
             markup("{n}<br/>{a}", n=f"{beneficiary.prenom} {beneficiary.nom}", a=beneficiary.adresse),
             Spacer(1, 8 * mm), Paragraph(esc(KIND), STYLES["title"]),
             markup("Madame, Monsieur,<br/>Nous avons le plaisir de vous convier à la prochaine séance de votre bilan "
                    "de compétences (référence {r}).", r=reference),
             markup("<b>Date :</b> {d}", d=long_date(seance.date) if seance.date else "—"),
             markup("<b>Horaires :</b> de {a} à {b}", a=f"{seance.debut:%H:%M}", b=f"{seance.fin:%H:%M}"),
             *where, markup("<b>Étape :</b> {e}", e=seance.etape.label),
             markup("<b>À apporter :</b>"), *paragraphs(to_bring or DEFAULT_TO_BRING),
             markup("En cas d'empêchement, merci de prévenir {c}.", c=provider.consultant or "votre consultant"),
             Spacer(1, 6 * mm), fait_a(provider, today)]
    return build_pdf(story, kind=KIND, header=header_line(provider, reference), footer="Convocation")
