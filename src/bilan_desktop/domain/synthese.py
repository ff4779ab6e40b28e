"""The document de synthèse's wording: prefilled from the structured record, then edited by the consultant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from .codec import content
from .dates import short_date

TITLES = {
    "circonstances": "Circonstances et demande",
    "objectifs": "Objectifs du bilan",
    "parcours": "Parcours professionnel et formation",
    "competences": "Compétences et aptitudes",
    "motivations": "Motivations, intérêts et valeurs",
    "projet": "Projet professionnel et vérification de sa pertinence",
    "alternatives": "Pistes alternatives",
    "formation": "Besoins de formation",
    "conditions": "Conditions et moyens favorisant la réalisation du projet",
    "suivi": "Entretien de suivi",
}


@dataclass
class SyntheseDraft:
    circonstances: str = content("")
    objectifs: str = content("")
    parcours: str = content("")
    competences: str = content("")
    motivations: str = content("")
    projet: str = content("")
    alternatives: str = content("")
    formation: str = content("")
    conditions: str = content("")
    suivi: str = content("")


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"du {short_date(start)} au {short_date(end)}"
    if start:
        return f"depuis le {short_date(start)}"
    return ""


def _lines(items: list[str]) -> str:
    return "\n".join(f"– {item}" for item in items if item.strip())


def prefill(dossier) -> SyntheseDraft:
    """A first wording of every section from what was recorded during the bilan."""
    pc, pre, inv, con = (dossier.premier_contact, dossier.phase_preliminaire, dossier.phase_investigation,
                         dossier.phase_conclusion)
    circonstances = "\n\n".join(t for t in (pc.situation, pre.analyse_demande, pre.analyse_besoin) if t.strip())
    parcours = _lines([", ".join(x for x in (e.poste, e.employeur, _period(e.debut, e.fin)) if x)
                       + (f" : {e.description}" if e.description else "") for e in inv.experiences])
    formations = _lines([", ".join(x for x in (f.intitule, f.organisme, f.diplome,
                                               short_date(f.obtenu_le)) if x) for f in inv.formations])
    if formations:
        parcours = (parcours + "\n\nFormations :\n" + formations).strip()
    competences = "\n\n".join(t for t in (
        "Compétences professionnelles :\n" + _lines([c.libelle for c in inv.competences_pro]) if inv.competences_pro else "",
        "Compétences personnelles :\n" + _lines([c.libelle for c in inv.competences_perso]) if inv.competences_perso else "",
        "Aptitudes :\n" + _lines([c.libelle for c in inv.aptitudes]) if inv.aptitudes else "",
        inv.personnalite) if t.strip())
    motivations = "\n\n".join(t for t in (
        "Motivations :\n" + _lines([m.libelle for m in inv.motivations]) if inv.motivations else "",
        "Centres d'intérêt :\n" + _lines([m.libelle for m in inv.interets]) if inv.interets else "",
        "Valeurs :\n" + _lines([m.libelle for m in inv.valeurs]) if inv.valeurs else "") if t.strip())
    projet = ""
    if inv.projet_intitule.strip():
        projet = inv.projet_intitule + (f" (code ROME {inv.projet_code_rome})" if inv.projet_code_rome else "")
        projet = "\n\n".join(t for t in (projet, inv.projet_description) if t.strip())
        checks = _lines([f"{v.moyen.label}{' le ' + short_date(v.realisee_le) if v.realisee_le else ''}"
                         f"{' : ' + v.detail if v.detail else ''}" for v in inv.projet_verifications])
        if checks:
            projet += "\n\nVérification de la pertinence :\n" + checks
    alternatives = _lines([a.intitule + (f" (code ROME {a.code_rome})" if a.code_rome else "")
                           + (f" : {a.description}" if a.description else "") for a in inv.alternatives])
    formation = _lines([", ".join(x for x in (b.formation, b.organisme, f"{b.duree_heures:g} h" if b.duree_heures
                                              else "", b.financement, rncp(b.code_rncp))
                                  if x) for b in inv.besoins_formation])
    conditions = _lines([c.libelle for c in con.conditions_moyens])
    if con.suivi_propose:
        suivi = ("Un entretien de suivi a été proposé, environ six mois après la fin du bilan"
                 + (", et accepté." if con.suivi_accepte else "."))
    else:
        suivi = ""
    return SyntheseDraft(circonstances=circonstances, objectifs=_lines([o.libelle for o in pre.objectifs]),
                         parcours=parcours, competences=competences, motivations=motivations, projet=projet,
                         alternatives=alternatives, formation=formation, conditions=conditions, suivi=suivi)


def is_empty(draft: SyntheseDraft) -> bool:
    return all(not getattr(draft, f.name).strip() for f in fields(draft))


def rncp(code: str) -> str:
    """« 37275 », « RNCP37275 » or « RNCP 37275 » → « RNCP37275 » (as France compétences writes it)."""
    digits = code.strip().upper().removeprefix("RNCP").strip()
    return f"RNCP{digits}" if digits else ""
