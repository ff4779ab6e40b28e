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


def _block(lead: str, items: list[str]) -> str:
    """« Lead : » and its bulleted items ('' when there are none)."""
    lines = _lines(items)
    return f"{lead}\n{lines}" if lines else ""


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p.strip())


def prefill(dossier) -> SyntheseDraft:
    """A first wording of every section from what was recorded during the bilan, addressed to the beneficiary
    (« vous ») in sentences and lists, with dates in words; the consultant rewrites it, then validates it."""
    pc, pre, inv, con = (dossier.premier_contact, dossier.phase_preliminaire, dossier.phase_investigation,
                         dossier.phase_conclusion)
    circonstances = _paragraphs(pc.situation, pre.analyse_demande, pre.analyse_besoin)
    jobs = [" chez ".join(x for x in (e.poste, e.employeur) if x) + (f", {_period(e.debut, e.fin)}"
                                                                      if _period(e.debut, e.fin) else "")
            + (f" : {e.description}" if e.description else "") for e in inv.experiences]
    studies = [", ".join(x for x in (f.intitule, f.organisme, f.diplome, month_year(f.obtenu_le) if f.obtenu_le
                                     else "") if x) for f in inv.formations]
    parcours = _paragraphs(_block("Votre parcours professionnel :", jobs), _block("Vos formations :", studies))
    competences = _paragraphs(
        _block("Vos compétences professionnelles :", [c.libelle for c in inv.competences_pro]),
        _block("Vos qualités personnelles :", [c.libelle for c in inv.competences_perso]),
        _block("Vos aptitudes :", [c.libelle for c in inv.aptitudes]), inv.personnalite)
    motivations = _paragraphs(_block("Ce qui vous motive :", [m.libelle for m in inv.motivations]),
                              _block("Vos centres d'intérêt :", [m.libelle for m in inv.interets]),
                              _block("Les valeurs qui comptent pour vous :", [m.libelle for m in inv.valeurs]))
    projet = ""
    if inv.projet_intitule.strip():
        title = inv.projet_intitule + (f" (code ROME {inv.projet_code_rome})" if inv.projet_code_rome else "")
        checks = [f"{v.moyen.label}{' le ' + in_words(v.realisee_le) if v.realisee_le else ''}"
                  f"{' : ' + v.detail if v.detail else ''}" for v in inv.projet_verifications]
        projet = _paragraphs(f"Votre projet : {title}.", inv.projet_description,
                             _block("Vous en avez vérifié la pertinence :", checks))
    alternatives = _block("Les pistes que vous gardez en réserve :", [
        a.intitule + (f" (code ROME {a.code_rome})" if a.code_rome else "") + (f" : {a.description}" if a.description
                                                                              else "") for a in inv.alternatives])
    trainings = [", ".join(x for x in (b.formation, b.organisme, f"{b.duree_heures:g} h" if b.duree_heures else "",
                                       b.financement, rncp(b.code_rncp)) if x) for b in inv.besoins_formation]
    formation = _paragraphs(_block("Compétences à acquérir pour le projet :",
                                   [c.libelle for c in inv.competences_a_acquerir]),
                            _block("Les formations envisagées :", trainings))
    conditions = _block("Ce qui favorisera la réussite de votre projet :", [c.libelle for c in con.conditions_moyens])
    suivi = ""
    if con.suivi_propose:
        suivi = ("Un entretien de suivi vous a été proposé, environ six mois après la fin du bilan"
                 + (", et vous l'avez accepté." if con.suivi_accepte else "."))
    return SyntheseDraft(circonstances=circonstances,
                         objectifs=_block("Les objectifs que nous avons fixés ensemble :",
                                          [o.libelle for o in pre.objectifs]),
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


# Offered when the library is empty, as a word processor offers templates: the consultant edits or deletes them.
STARTER_PARAGRAPHS: tuple[tuple[str, str], ...] = (
    ("Cadre du bilan",
     "Ce bilan de compétences s'est déroulé du {date_début} au {date_fin}, dans le respect de la confidentialité "
     "(art. L6313-4 du Code du travail). Ce document vous appartient : il ne peut être communiqué à un tiers "
     "qu'avec votre accord."),
    ("Projet retenu",
     "Au terme de ce bilan, vous avez retenu le projet suivant : **{projet}**. Les étapes ci-dessous en précisent "
     "la mise en œuvre :\n- \n- "),
    ("Entretien de suivi",
     "Nous ferons le point ensemble environ six mois après la fin du bilan, lors d'un entretien de suivi. "
     "D'ici là, n'hésitez pas à me contacter.\n{consultant}"),
)
