"""The synthèse and the detailed results as a list of blocks, for the editable exports (DOCX, ODT): the same
structure and wording as the PDF, headings as real headings, lists as real lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..domain.dates import long_date, short_date
from ..domain.richtext import Line, Run, parse
from ..domain.seances import plural, realised_minutes
from ..domain.synthese import DRAFT_MARK, TITLES, SyntheseDraft, rncp
from ..domain.workflow import Dossier
from .synthese import NOTICE, bilan_period


@dataclass
class Block:
    kind: str  # title, subtitle, notice, h1, h2, line, table
    text: str = ""
    line: Line | None = None
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Office:
    """A document to write: its blocks, the running header, and the only metadata (its kind, never a name)."""
    kind: str
    header: str
    blocks: list[Block]


def _p(text: str) -> Block:
    return Block("line", line=Line("p", (Run(text),)))


def _labelled(label: str, value: str) -> Block:
    return Block("line", line=Line("p", (Run(f"{label} : ", bold=True), Run(value))))


def _rich(text: str) -> list[Block]:
    lines = parse(text)
    return [Block("line", line=line) for line in lines] or [_p("—")]


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def synthese_office(provider, beneficiary, dossier: Dossier, draft: SyntheseDraft, today: dt.date) -> Office:
    start, end = bilan_period(dossier)
    realised = [s for s in dossier.seances if s.realised]
    handed = dossier.phase_conclusion.synthese_remise_le or today
    blocks = [Block("title", "Document de synthèse"),
              Block("subtitle", "Bilan de compétences (art. L6313-1 2° et R6313-4 du Code du travail)")]
    if not draft.validee_le:
        blocks.append(Block("notice", DRAFT_MARK))
    blocks += [Block("notice", NOTICE), _labelled("Bénéficiaire", beneficiary.full_name),
               _labelled("Consultant", provider.consultant or "—"),
               _labelled("Période", f"du {long_date(start) if start else '—'} au {long_date(end) if end else '—'}"),
               _labelled("Durée", f"{_hours(realised_minutes(dossier.seances))} en {len(realised)} "
                                  f"{plural(len(realised), 'séance')}"),
               _labelled("Référence", dossier.reference)]
    for name, title in TITLES.items():
        blocks.append(Block("h1", title))
        blocks += _rich(getattr(draft, name))
        if name == "conditions":
            plan = sorted(dossier.phase_conclusion.plan_action, key=lambda s: (s.echeance is None, s.echeance))
            blocks.append(Block("h2", "Plan d'action"))
            blocks.append(Block("table", headers=["Étape", "Échéance"],
                                rows=[[s.action, short_date(s.echeance) or "à fixer"] for s in plan])
                          if plan else _p("Aucune étape enregistrée."))
    place = f"Fait à {provider.ville}, le" if provider.ville.strip() else "Fait le"
    blocks += [_p(f"{place} {long_date(handed)}."), _p("Le bénéficiaire                              Le consultant")]
    return Office("Document de synthèse", f"{provider.nom or 'Bilan de compétences'} — réf. {dossier.reference}",
                  blocks)


def _labels(title: str, items) -> list[Block]:
    values = [i.libelle for i in items if i.libelle.strip()]
    return [Block("h2", title)] + ([Block("line", line=Line("ul", (Run(v),))) for v in values] or [_p("—")])


def resultats_office(provider, beneficiary, dossier: Dossier) -> Office:
    inv, con = dossier.phase_investigation, dossier.phase_conclusion
    blocks = [Block("title", "Résultats détaillés du bilan"), Block("notice", NOTICE),
              _labelled("Bénéficiaire", beneficiary.full_name), _labelled("Référence", dossier.reference),
              Block("h1", "Parcours professionnel"),
              Block("table", headers=["Poste", "Employeur", "Période", "Description"],
                    rows=[[e.poste, e.employeur, f"{short_date(e.debut) or '?'} – {short_date(e.fin) or 'ce jour'}",
                           e.description] for e in inv.experiences]),
              Block("h1", "Formations"),
              Block("table", headers=["Intitulé", "Organisme", "Obtenu le", "Diplôme"],
                    rows=[[f.intitule, f.organisme, short_date(f.obtenu_le), f.diplome] for f in inv.formations]),
              Block("h1", "Compétences, aptitudes et motivations"),
              *_labels("Compétences professionnelles", inv.competences_pro),
              *_labels("Compétences personnelles", inv.competences_perso), *_labels("Aptitudes", inv.aptitudes),
              *_labels("Motivations", inv.motivations), *_labels("Centres d'intérêt", inv.interets),
              *_labels("Valeurs", inv.valeurs),
              *_labels("Compétences à acquérir pour le projet", inv.competences_a_acquerir),
              Block("h1", "Personnalité"), *_rich(inv.personnalite)]
    if inv.tests:
        blocks += [Block("h2", "Tests et questionnaires"),
                   Block("table", headers=["Outil", "Passé le", "Résultat", "Analyse"],
                         rows=[[t.nom, short_date(t.passe_le), t.synthese, t.analyse] for t in inv.tests])]
    blocks += [Block("h1", "Projet professionnel"),
               _p((inv.projet_intitule or "—") + (f" (code ROME {inv.projet_code_rome})" if inv.projet_code_rome
                                                  else "")),
               *_rich(inv.projet_description),
               Block("table", headers=["Vérification", "Réalisée le", "Détail"],
                     rows=[[v.moyen.label, short_date(v.realisee_le), v.detail] for v in inv.projet_verifications]),
               Block("h2", "Alternatives"),
               Block("table", headers=["Piste", "Code ROME", "Description"],
                     rows=[[a.intitule, a.code_rome, a.description] for a in inv.alternatives]),
               Block("h2", "Besoins de formation"),
               Block("table", headers=["Formation", "Organisme", "Durée", "Code RNCP"],
                     rows=[[b.formation, b.organisme, f"{b.duree_heures:g} h" if b.duree_heures else "",
                            rncp(b.code_rncp)] for b in inv.besoins_formation])]
    if con.resultats_commentaires.strip():
        blocks += [Block("h1", "Commentaires sur les résultats"), *_rich(con.resultats_commentaires)]
    return Office("Résultats détaillés du bilan", f"{provider.nom or 'Bilan de compétences'} — réf. "
                                                  f"{dossier.reference}", blocks)
