"""The contract of a bilan that is not under a tripartite convention: the contrat de formation professionnelle of a
person paying alone (L6353-3 to L6353-7: every mention of L6353-4 on pain of nullity, the withdrawal period, payment
only after it and at most 30 % then) and the convention of L6353-1 with another buyer (OPCO, France Travail,
Transitions Pro, an employer outside the plan de développement: the mentions of D6353-1)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..domain.beneficiary import one_line
from ..domain.contract_terms import buyer_period, contract_of, employer_name, employer_pays, funding_of
from ..domain.contracts import days_in_words, payment_text, schedule_lines, withdrawal_last_day
from ..domain.dates import long_date
from ..domain.funding import Contract
from ..domain.seances import MAX_HOURS
from ..domain.sections import Financement
from ..domain.workflow import Dossier
from .base import (
    STYLES,
    build_pdf,
    date_text,
    esc,
    header_line,
    heading,
    hours,
    markup,
    money,
    paragraphs,
    provider_block,
    signature_blocks,
)
from .convention import provider_party, vat

PERSONAL_KIND = "Contrat de formation professionnelle"
BUYER_KIND = "Convention de formation professionnelle"
PROGRAMME = ("Le bilan comprend, sous la conduite du prestataire, les trois phases de l'article R6313-4 du Code du "
             "travail : une phase préliminaire (analyser la demande et le besoin, déterminer le format le plus adapté, "
             "définir les modalités de déroulement) ; une phase d'investigation (construire un projet professionnel "
             "et en vérifier la pertinence, ou élaborer une ou plusieurs alternatives) ; une phase de conclusion "
             "(s'approprier les résultats détaillés, recenser les conditions et moyens de réalisation du projet, "
             "prévoir les principales modalités et étapes du projet, dont un entretien de suivi).")
MEANS = ("Entretiens individuels avec le consultant, questionnaires d'intérêts et de personnalité utilisés comme "
         "supports d'échange, recherches documentaires et enquêtes auprès de professionnels, travail personnel entre "
         "les séances. Les séances à distance se tiennent en visioconférence ; l'assiduité y est attestée par les "
         "relevés de connexion.")
ASSESSMENT = ("Le bilan ne comporte pas d'évaluation des connaissances et ne donne lieu à aucune certification : il "
              "se conclut par la remise au bénéficiaire, et à lui seul, des résultats détaillés et d'un document de "
              "synthèse (art. L6313-4 et R6313-4).")


COUNTING = ("Le jour de la signature n'est pas compté ; un dernier jour tombant un samedi, un dimanche ou un jour "
            "férié est reporté au premier jour ouvrable suivant.")
# The model withdrawal form of the annex to article R221-1 of the Code de la consommation, word for word.
FORM_TITLE = "Annexe — Modèle de formulaire de rétractation"
FORM_LINES = ("(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du "
              "contrat.)",
              "A l'attention de {pro} :",
              "Je/nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant "
              "sur la vente du bien (*)/pour la prestation de services (*) ci-dessous :",
              "Commandé le (*)/reçu le (*) :",
              "Nom du (des) consommateur(s) :",
              "Adresse du (des) consommateur(s) :",
              "Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur "
              "papier) :",
              "Date :",
              "(*) Rayez la mention inutile.")


def _withdrawal(provider, f: Financement) -> list:
    """Article 7 of a personal contract: one number of days throughout, the form at a distance or off premises."""
    last = withdrawal_last_day(f.contrat_signe_le, f.signe_a_distance) if f.contrat_signe_le else None
    until = f", soit jusqu'au {long_date(last)} inclus" if last else ""
    days = days_in_words(f.signe_a_distance)
    if not f.signe_a_distance:
        story = [markup("Dans un délai de {j} jours à compter de la signature du présent contrat{u}, le bénéficiaire "
                        "peut se rétracter par lettre recommandée avec avis de réception (art. L6353-5 du Code du "
                        "travail). {c}", j=days, u=until, c=COUNTING)]
    else:
        story = [markup("Le présent contrat est signé à distance ou hors établissement : le bénéficiaire dispose d'un "
                        "délai de {j} jours à compter de sa conclusion{u} pour se rétracter, sans avoir à motiver sa "
                        "décision (art. L221-18 du Code de la consommation). {c}", j=days, u=until, c=COUNTING),
                 markup("Pour exercer ce droit, le bénéficiaire informe le prestataire de sa décision avant "
                        "l'expiration de ce délai, en lui adressant le formulaire de rétractation annexé ou toute "
                        "autre déclaration dénuée d'ambiguïté exprimant sa volonté de se rétracter (art. L221-21).")]
    story.append(markup("Aucune somme ne peut être exigée avant l'expiration de ce délai de {j} jours "
                        "(art. L6353-6).", j=days))
    if f.debut_anticipe_le is not None:
        story.append(markup("À la demande expresse du bénéficiaire, reçue le {d}, le bilan peut commencer avant "
                            "l'expiration du délai de {j} jours ; le droit de rétractation demeure.",
                            d=long_date(f.debut_anticipe_le), j=days))
    return story


def withdrawal_form(provider) -> list:
    contact = ", ".join(p for p in (provider.nom, provider.address_line, provider.email) if p.strip()) or "—"
    story = [heading(FORM_TITLE)]
    for line in FORM_LINES:
        story.append(markup(esc(line), pro=contact) if "{pro}" in line else Paragraph(esc(line), STYLES["body"]))
        if line.endswith(":") and "{pro}" not in line and "ci-dessous" not in line:
            story.append(Spacer(1, 7 * mm))  # room to fill in
    return story


def _schedule(f: Financement) -> list:
    lines = schedule_lines(f.echeancier)
    if not lines:
        return [markup("Échéancier de paiement : —")]
    return [markup("Échéancier de paiement :"), *(markup("– {e}", e=line) for line in lines)]


def _terms(dossier: Dossier, provider) -> list:
    f = dossier.financement
    duration = hours(f.duree_heures) if f.duree_heures else f"{int(MAX_HOURS)} h au plus"
    return [heading("Article 1 — Nature, objet et durée de l'action"),
            markup("Nature : <b>bilan de compétences</b> (art. L6313-1 2° du Code du travail), action individuelle "
                   "(un bénéficiaire). Objet : permettre au bénéficiaire d'analyser ses compétences professionnelles "
                   "et personnelles, ses aptitudes et ses motivations afin de définir un projet professionnel et, le "
                   "cas échéant, un projet de formation (art. L6313-4)."),
            markup("Durée : {d}, dans la limite de vingt-quatre heures (art. L6313-4), réparties en séances.",
                   d=duration),
            heading("Article 2 — Programme"), Paragraph(esc(PROGRAMME), STYLES["body"]),
            heading("Article 3 — Prérequis"),
            Paragraph("Aucun niveau de connaissances préalable n'est requis.", STYLES["body"]),
            heading("Article 4 — Conditions de déroulement et moyens"), Paragraph(esc(MEANS), STYLES["body"]),
            Paragraph(esc(ASSESSMENT), STYLES["body"]),
            heading("Article 5 — Consultant chargé du bilan"),
            markup("{c}. Titres et références : {t}.", c=provider.consultant or "—",
                   t=provider.consultant_titres or "—")]


def build(provider, beneficiary, dossier: Dossier) -> bytes:
    f = dossier.financement
    personal = contract_of(dossier) is Contract.CONTRAT
    kind = PERSONAL_KIND if personal else BUYER_KIND
    parties = [heading("Entre les soussignés"), provider_party(provider)]
    if personal:
        parties.append(markup("<b>Le bénéficiaire :</b> {n}, {a}, qui entreprend ce bilan à titre individuel et à "
                              "ses frais (art. L6353-3).", n=beneficiary.full_name,
                              a=beneficiary.address_line or "adresse non renseignée"))
    else:
        employer = employer_name(dossier) or (beneficiary.employeur.strip() if employer_pays(dossier) else "")
        parties += [markup("<b>L'acheteur :</b> {e}, {a}, représenté par {r}{d}", e=f.acheteur or "—",
                           a=one_line(f.acheteur_adresse) or "—", r=f.acheteur_representant or "—",
                           d=f", dossier n° {f.dossier_numero}" if f.dossier_numero.strip() else ""),
                    markup("<b>Au bénéfice de :</b> {n}{e}{p}", n=beneficiary.full_name,
                           e=f", salarié·e de l'entreprise {employer}" if employer else "",
                           p=f", {beneficiary.poste}" if beneficiary.poste.strip() else "")]
    terms = _terms(dossier, provider)
    story = [*provider_block(provider), Spacer(1, 6 * mm), Paragraph(esc(kind), STYLES["title"]),
             Paragraph("art. L6353-3 à L6353-7 du Code du travail" if personal else
                       "art. L6353-1 et D6353-1 du Code du travail", STYLES["subtitle"]),
             *parties, *terms,
             heading("Article 6 — Prix et modalités de paiement"),
             markup("Prix : {p}.{v}", p=money(f.prix_euros), v=vat(provider)), *_schedule(f),
             *(paragraphs(f.modalites_reglement) if f.modalites_reglement.strip() else [])]
    if personal:
        story += [Paragraph(esc(payment_text(funding_of(dossier), f)), STYLES["body"]),
                  markup("En cas de cessation anticipée du bilan du fait du prestataire, ou d'abandon par le "
                         "bénéficiaire pour un motif de force majeure dûment reconnu, seules les heures réalisées "
                         "sont dues, au prorata du prix convenu. En cas d'abandon pour un autre motif, les heures "
                         "réalisées restent dues."),
                  heading("Article 7 — Délai de rétractation"), *_withdrawal(provider, f)]
    else:
        period = buyer_period(dossier)
        story += [markup("Période de réalisation : du {a} au {b}.", a=long_date(period[0]) if period else "—",
                         b=long_date(period[1]) if period else "—"),
                  Paragraph("Les résultats détaillés et le document de synthèse sont remis au seul bénéficiaire ; ils "
                            "ne peuvent être communiqués à l'acheteur qu'avec l'accord écrit du bénéficiaire "
                            "(art. L6313-4). Le prestataire adresse à l'acheteur le certificat de réalisation et les "
                            "feuilles d'émargement.", STYLES["body"])]
    story += [Spacer(1, 8 * mm), markup("Fait en deux exemplaires, le {d}.", d=date_text(f.contrat_signe_le,
                                                                                              "……………………")),
              KeepTogether([signature_blocks(["Le bénéficiaire" if personal else "L'acheteur", "Le prestataire"])])]
    if personal and f.signe_a_distance:
        story += [Spacer(1, 10 * mm), KeepTogether(withdrawal_form(provider))]
    return build_pdf(story, kind=kind, header=header_line(provider, dossier.reference),
                     footer=f"{kind} — bilan de compétences")
