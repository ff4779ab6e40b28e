"""The documents of a bilan: their names, when they make sense, how they are built, their neutral file names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.beneficiary import Beneficiary
from ..domain.choice import Choice
from ..domain.contract_terms import contract_refusal
from ..domain.funding import Contract
from ..domain.provider import Provider
from ..domain.seances import StatutSeance
from ..domain.sections import Conservation
from ..domain.synthese import is_empty, prefill
from ..domain.workflow import Dossier, agreement_years_problems, consent_recorded, convention_required
from . import accord_conservation, certificat, contrat, convention, emargement, resultats, synthese


class DocumentKind(Choice):
    SYNTHESE = "synthese", "Document de synthèse"
    RESULTATS = "resultats", "Résultats détaillés"
    CONVENTION = "convention", "Convention tripartite"
    CONTRAT = "contrat", "Contrat ou convention de formation"
    EMARGEMENT_VIERGE = "emargement_vierge", "Feuille d'émargement à signer"
    EMARGEMENT = "emargement", "Feuille d'émargement signée"
    CERTIFICAT = "certificat", "Certificat de réalisation"
    ACCORD = "accord_conservation", "Accord écrit de conservation"
    CONVOCATION = "convocation", "Convocation"
    PV = "pv_destruction", "Procès-verbal de destruction"
    QUESTIONNAIRE = "questionnaire_suivi", "Questionnaire de satisfaction à froid (à remplir)"


BILAN_DOCUMENTS = (DocumentKind.CONTRAT, DocumentKind.CONVENTION, DocumentKind.EMARGEMENT_VIERGE,
                   DocumentKind.EMARGEMENT, DocumentKind.CERTIFICAT, DocumentKind.RESULTATS, DocumentKind.SYNTHESE,
                   DocumentKind.ACCORD)


@dataclass
class DocumentContext:
    provider: Provider
    beneficiary: Beneficiary
    dossier: Dossier
    today: dt.date


def unavailable_reason(kind: DocumentKind, dossier: Dossier) -> str:
    """Why this document cannot be produced for this bilan yet ('' when it can)."""
    if kind in (DocumentKind.SYNTHESE, DocumentKind.RESULTATS) and not consent_recorded(dossier):
        return "Le consentement libre du bénéficiaire n'est pas enregistré."
    if kind is DocumentKind.CONVENTION and not convention_required(dossier):
        return "Pas de convention tripartite pour ce financement (art. R6313-8)."
    if kind is DocumentKind.CONTRAT and dossier.funding.contract in (Contract.TRIPARTITE, Contract.PLATEFORME):
        return ("La convention tripartite tient lieu de contrat." if dossier.funding.contract is Contract.TRIPARTITE
                else "Financement CPF : les conditions de la plateforme Mon Compte Formation s'appliquent.")
    if kind is DocumentKind.CONTRAT and contract_refusal(dossier):
        return contract_refusal(dossier)
    if kind is DocumentKind.EMARGEMENT_VIERGE and not any(s.statut is StatutSeance.PLANIFIEE
                                                          for s in dossier.seances):
        return "Aucune séance planifiée."
    if kind is DocumentKind.EMARGEMENT and not any(s.statut is StatutSeance.REALISEE for s in dossier.seances):
        return "Aucune séance réalisée."
    if kind is DocumentKind.CERTIFICAT and not any(s.realised for s in dossier.seances):
        return "Aucune séance du bilan n'est réalisée : seules les heures réalisées sont certifiées."
    if kind is DocumentKind.ACCORD and dossier.fin_du_bilan.conservation not in (Conservation.ACCORD_SUIVI,
                                                                                   Conservation.SYNTHESE_CEP):
        return "Aucun accord de conservation n'est choisi à l'étape « Fin du bilan »."
    if kind is DocumentKind.ACCORD and dossier.fin_du_bilan.conservation is Conservation.ACCORD_SUIVI:
        return " ".join(agreement_years_problems(dossier.fin_du_bilan))
    return ""


def build(kind: DocumentKind, ctx: DocumentContext) -> bytes:
    p, b, d, today = ctx.provider, ctx.beneficiary, ctx.dossier, ctx.today
    if kind is DocumentKind.SYNTHESE:
        draft = d.synthese if not is_empty(d.synthese) else prefill(d)
        return synthese.build(p, b, d, draft, today)
    if kind is DocumentKind.RESULTATS:
        return resultats.build(p, b, d)
    if kind is DocumentKind.CONVENTION:
        return convention.build(p, b, d)
    if kind is DocumentKind.CONTRAT:
        return contrat.build(p, b, d)
    if kind in (DocumentKind.EMARGEMENT, DocumentKind.EMARGEMENT_VIERGE):
        return emargement.build(p, b, d, blank=kind is DocumentKind.EMARGEMENT_VIERGE)
    if kind is DocumentKind.CERTIFICAT:
        return certificat.build(p, b, d, today)
    if kind is DocumentKind.ACCORD:
        return accord_conservation.build(p, b, d, today)
    raise ValueError(kind.value)


def file_name(kind: DocumentKind, reference: str) -> str:
    """A neutral name: the document and the bilan's reference, never the beneficiary's name."""
    return f"{kind.value.replace('_', '-')}-{reference}.pdf"
