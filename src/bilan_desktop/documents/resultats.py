"""The résultats détaillés (L6313-4 names them beside the synthèse): what the investigation phase found, handed to
the beneficiary alone, like the synthèse."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import short_date
from ..domain.synthese import rncp
from ..domain.workflow import Dossier
from .base import STYLES, build_pdf, esc, header_line, heading, markup, paragraphs, provider_block, table
from .synthese import NOTICE, questionnaire_charts

KIND = "Résultats détaillés du bilan"


def _table(headers: list[str], rows: list[list[str]], widths: list[float]) -> list:
    return table(headers, rows, widths) if rows else [Paragraph("Aucun élément enregistré.", STYLES["body"])]


def _labels(title: str, items) -> list:
    values = [i.libelle for i in items if i.libelle.strip()]
    return [heading(title, "h2"), *paragraphs("\n".join(f"• {v}" for v in values) or "—")]


def build(provider, beneficiary, dossier: Dossier) -> bytes:
    inv, con = dossier.phase_investigation, dossier.phase_conclusion
    story = [*provider_block(provider), Spacer(1, 8 * mm), Paragraph(esc(KIND), STYLES["title"]),
             Paragraph(esc(NOTICE), STYLES["notice"]),
             markup("<b>Bénéficiaire :</b> {n} — <b>Référence :</b> {r}", n=beneficiary.full_name,
                    r=dossier.reference),
             heading("Parcours professionnel"),
             *_table(["Poste", "Employeur", "Période", "Description"],
                    [[e.poste, e.employeur, f"{short_date(e.debut) or '?'} – {short_date(e.fin) or 'ce jour'}",
                      e.description] for e in inv.experiences], [40 * mm, 35 * mm, 35 * mm, 60 * mm]),
             heading("Formations"),
             *_table(["Intitulé", "Organisme", "Obtenu le", "Diplôme"],
                    [[f.intitule, f.organisme, short_date(f.obtenu_le), f.diplome] for f in inv.formations],
                    [55 * mm, 45 * mm, 25 * mm, 45 * mm]),
             heading("Compétences, aptitudes et motivations"),
             *_labels("Compétences professionnelles", inv.competences_pro),
             *_labels("Compétences personnelles", inv.competences_perso), *_labels("Aptitudes", inv.aptitudes),
             *_labels("Motivations", inv.motivations), *_labels("Centres d'intérêt", inv.interets),
             *_labels("Valeurs", inv.valeurs),
             *_labels("Compétences à acquérir pour le projet", inv.competences_a_acquerir),
             heading("Personnalité"), *paragraphs(inv.personnalite), *questionnaire_charts(dossier)]
    if inv.tests:
        story += [heading("Tests et questionnaires", "h2"),
                  *_table(["Outil", "Passé le", "Résultat", "Analyse"],
                         [[t.nom, short_date(t.passe_le), t.synthese, t.analyse] for t in inv.tests],
                         [35 * mm, 24 * mm, 54 * mm, 57 * mm])]
    story += [heading("Projet professionnel"),
              markup("<b>{p}</b>{c}", p=inv.projet_intitule or "—",
                     c=f" (code ROME {inv.projet_code_rome})" if inv.projet_code_rome else ""),
              *paragraphs(inv.projet_description),
              *_table(["Vérification", "Réalisée le", "Détail"],
                     [[v.moyen.label, short_date(v.realisee_le), v.detail] for v in inv.projet_verifications],
                     [50 * mm, 25 * mm, 95 * mm]),
              heading("Alternatives", "h2"),
              *_table(["Piste", "Code ROME", "Description"],
                     [[a.intitule, a.code_rome, a.description] for a in inv.alternatives],
                     [55 * mm, 25 * mm, 90 * mm]),
              heading("Besoins de formation", "h2"),
              *_table(["Formation", "Organisme", "Durée", "Code RNCP"],
                     [[b.formation, b.organisme, f"{b.duree_heures:g} h" if b.duree_heures else "", rncp(b.code_rncp)]
                      for b in inv.besoins_formation], [65 * mm, 45 * mm, 20 * mm, 40 * mm])]
    if con.resultats_commentaires.strip():
        story += [heading("Commentaires sur les résultats"), *paragraphs(con.resultats_commentaires)]
    return build_pdf(story, kind=KIND, header=header_line(provider, dossier.reference),
                     footer="Document confidentiel — art. L6313-4 du Code du travail")
