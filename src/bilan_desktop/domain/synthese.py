"""The document de synthèse's wording: prefilled from the structured record, then edited by the consultant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .codec import content
from .dates import in_words, month_year

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
    validee_le: dt.date | None = None  # validated by the consultant: no longer a draft (« Projet — non remis »)


DRAFT_MARK = "Projet — non remis"


def after_edit(stored: SyntheseDraft, new: SyntheseDraft) -> SyntheseDraft:
    """A validated synthèse whose text changes is a draft again (unless this very change is the validation)."""
    if new.validee_le is not None and new.validee_le == stored.validee_le and text_of(new) != text_of(stored):
        return replace(new, validee_le=None)
    return new


def text_of(draft: SyntheseDraft) -> tuple[str, ...]:
    return tuple(getattr(draft, name) for name in TITLES)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    """In words, for prose: « de janvier 2010 à juin 2020 », « depuis septembre 2013 »."""
    if start and end:
        return f"de {month_year(start)} à {month_year(end)}"
    if start:
        return f"depuis {month_year(start)}"
    return ""


def _lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items if item.strip())


def prefill(dossier) -> SyntheseDraft:
    """A first wording of every section from what was recorded during the bilan."""
    pc, pre, inv, con = (dossier.premier_contact, dossier.phase_preliminaire, dossier.phase_investigation,
                         dossier.phase_conclusion)
    circonstances = "\n\n".join(t for t in (pc.situation, pre.analyse_demande, pre.analyse_besoin) if t.strip())
    parcours = _lines([", ".join(x for x in (e.poste, e.employeur, _period(e.debut, e.fin)) if x)
                       + (f" : {e.description}" if e.description else "") for e in inv.experiences])
    formations = _lines([", ".join(x for x in (f.intitule, f.organisme, f.diplome,
                                               month_year(f.obtenu_le) if f.obtenu_le else "") if x)
                          for f in inv.formations])
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
        checks = _lines([f"{v.moyen.label}{' le ' + in_words(v.realisee_le) if v.realisee_le else ''}"
                         f"{' : ' + v.detail if v.detail else ''}" for v in inv.projet_verifications])
        if checks:
            projet += "\n\nVérification de la pertinence :\n" + checks
    alternatives = _lines([a.intitule + (f" (code ROME {a.code_rome})" if a.code_rome else "")
                           + (f" : {a.description}" if a.description else "") for a in inv.alternatives])
    formation = _lines([", ".join(x for x in (b.formation, b.organisme, f"{b.duree_heures:g} h" if b.duree_heures
                                              else "", b.financement, rncp(b.code_rncp))
                                  if x) for b in inv.besoins_formation])
    to_acquire = _lines([c.libelle for c in inv.competences_a_acquerir])
    if to_acquire:
        formation = ("Compétences à acquérir pour le projet :\n" + to_acquire + ("\n\n" + formation if formation
                                                                                else "")).strip()
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
    return all(not getattr(draft, name).strip() for name in TITLES)


def rncp(code: str) -> str:
    """« 37275 », « RNCP37275 » or « RNCP 37275 » → « RNCP37275 » (as France compétences writes it)."""
    digits = code.strip().upper().removeprefix("RNCP").strip()
    return f"RNCP{digits}" if digits else ""


def field_values(beneficiary, dossier, provider) -> dict[str, str]:
    """What the fields of a library paragraph stand for in this bilan (domain/richtext.fill_fields)."""
    from .dates import long_date
    days = sorted(s.date for s in dossier.seances if s.counted and s.date)
    end = dossier.fin_du_bilan.date_fin
    values = {"prénom": beneficiary.prenom, "nom": beneficiary.nom, "consultant": provider.consultant,
              "projet": dossier.phase_investigation.projet_intitule,
              "date_début": long_date(days[0]) if days else "", "date_fin": long_date(end) if end else ""}
    values.update({"prenom": values["prénom"], "date_debut": values["date_début"]})
    return {k: v for k, v in values.items() if v}
