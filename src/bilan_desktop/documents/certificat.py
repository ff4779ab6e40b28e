"""Certificat de réalisation, after the model of the ministry of labour (2020) that OPCOs and the Caisse des Dépôts
ask for: the provider's legal representative certifies that the beneficiary (and their employer) followed a bilan
de compétences, from the first to the last session actually held, for the hours actually realised. Planned sessions
never count. Before the bilan's end it is an « attestation intermédiaire » of what is realised to date; after an
abandon or an interruption (pause) it is a final certificate of the hours held, with that end and its reason."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.contract_terms import employer_name, funding_of
from ..domain.dates import long_date, short_date
from ..domain.seances import plural, realised_minutes
from ..domain.workflow import Dossier
from .base import NBSP, STYLES, build_pdf, esc, fait_a, header_line, hours, markup, provider_block, scaled_image, table

KIND = "Certificat de réalisation"
INTERIM_KIND = "Attestation intermédiaire de réalisation"
KEEPING = ("Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m'engage à "
           "conserver l'ensemble des pièces justificatives qui ont permis d'établir le présent certificat pendant "
           "une durée de 3 ans à compter de la fin de l'année du dernier paiement. En cas de cofinancement des fonds "
           "européens, la durée de conservation est étendue conformément aux obligations conventionnelles "
           "spécifiques.")
NATURES = ("action de formation", "bilan de compétences", "action de VAE", "action de formation par apprentissage")


def early_end(dossier: Dossier) -> tuple[dt.date, str] | None:
    """An end other than the bilan's own, and its reason: the abandon, else the interruption (pause)."""
    if dossier.cloture.abandon_le is not None:
        return dossier.cloture.abandon_le, "abandon du bilan"
    if dossier.cloture.suspendu_le is not None:
        return dossier.cloture.suspendu_le, "interruption du bilan (mise en pause)"
    return None


def is_final(dossier: Dossier, today: dt.date) -> bool:
    end = dossier.fin_du_bilan.date_fin
    return (end is not None and end <= today) or early_end(dossier) is not None


def _image(data: bytes, width: float, height: float) -> list:
    image = scaled_image(data, width, height)
    return [image] if image is not None else []


def build(provider, beneficiary, dossier: Dossier, today: dt.date) -> bytes:
    realised = [s for s in dossier.seances if s.realised and s.date is not None and s.date <= today]
    final = is_final(dossier, today)
    kind = KIND if final else INTERIM_KIND
    first = min((s.date for s in realised if s.date), default=None)
    last = max((s.date for s in realised if s.date), default=None)
    minutes = realised_minutes(realised)
    remote = realised_minutes([s for s in realised if s.remote])
    company = employer_name(dossier, beneficiary.employeur)
    employer = f", salarié·e de l'entreprise {company}" if company else ""
    boxes = "<br/>".join(("☒" if nature == "bilan de compétences" else "☐") + NBSP + nature for nature in NATURES)
    rows = [[short_date(s.date), f"{s.debut:%H:%M} – {s.fin:%H:%M}", hours(s.minutes / 60), s.modalite.label,
             s.etape.label] for s in realised]
    signatory = provider.representant.strip() or "—"
    quality = provider.representant_qualite.strip() or "représentant légal"
    story = [*provider_block(provider), Spacer(1, 8 * mm), Paragraph(esc(kind), STYLES["title"]), Spacer(1, 4 * mm),
             markup("Je soussigné·e <b>{s}</b>, {q} du dispensateur de l'action concourant au développement des "
                    "compétences <b>{p}</b>, atteste que :", s=signatory, q=quality, p=provider.nom or "—"),
             markup("<b>{n}</b>{e}", n=beneficiary.full_name, e=employer),
             markup("a suivi l'action : <b>Bilan de compétences</b> (réf. {r})", r=dossier.reference),
             markup("Nature de l'action concourant au développement des compétences :"),
             Paragraph(boxes, STYLES["body"]),
             markup("qui s'est déroulée du <b>{a}</b> au <b>{z}</b>, pour une durée de <b>{h}</b> réalisée{x}.",
                    a=long_date(first) if first else "—", z=long_date(last) if last else "—",
                    h=hours(minutes / 60), x="s" if minutes >= 120 else "")]
    if remote:
        story.append(markup("Dont {h} à distance (preuves de présence sur la feuille d'émargement).",
                            h=hours(remote / 60)))
    stopped = early_end(dossier)
    end = dossier.fin_du_bilan.date_fin
    if stopped is not None and not (end is not None and end <= today and dossier.cloture.abandon_le is None):
        story.append(markup("<b>Fin anticipée du bilan le {d} — motif : {r}.</b> Le présent certificat est "
                            "définitif : il atteste des seules heures réalisées jusqu'à cette date ({k} {s}).",
                            d=long_date(stopped[0]),
                            r=stopped[1], k=str(len(realised)), s=plural(len(realised), "séance")))
    if not final:
        story.append(markup("<b>Le bilan est en cours</b> : ce document atteste des seules séances réalisées à ce "
                            "jour ({k} {s}).", k=str(len(realised)), s=plural(len(realised), "séance")))
    story += [markup("Financement : {f}.", f=funding_of(dossier).label), Spacer(1, 3 * mm),
              *table(["Date", "Horaires", "Durée", "Modalité", "Phase"], rows,
                     [25 * mm, 30 * mm, 20 * mm, 35 * mm, 60 * mm]),
              Spacer(1, 3 * mm), Paragraph(esc(KEEPING), STYLES["small"]), Spacer(1, 6 * mm),
              KeepTogether([fait_a(provider, today), Spacer(1, 2 * mm),
                            markup("<b>Cachet et signature du responsable du dispensateur</b> ({s}, {q}) :",
                                   s=signatory, q=quality),
                            *_image(provider.signature, 50 * mm, 20 * mm), *_image(provider.cachet, 40 * mm, 30 * mm),
                            Spacer(1, 20 * mm)])]
    return build_pdf(story, kind=kind, header=header_line(provider, dossier.reference),
                     footer=f"{kind} — bilan de compétences")
