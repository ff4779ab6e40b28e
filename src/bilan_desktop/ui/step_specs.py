"""What each step's page shows: its title, introduction and the French labels of its section's fields (DESIGN.md §2).
Which section a step's page edits comes from the registry (domain/registry.py)."""

from __future__ import annotations

from ..domain.lifecycle import Step
from .forms import F, Heading

LIB = (("libelle", "Libellé"),)

PAGES: dict[Step, tuple[str, str, list]] = {
    Step.PREMIER_CONTACT: ("Premier contact", "", [
        F("date", "Date du premier contact"), F("canal", "Canal"),
        F("origine", "Comment nous a-t-il connus ?"),
        F("situation", "Situation actuelle (résumé)", multiline=True)]),
    Step.ENTRETIEN_PREALABLE: ("Entretien préalable",
                               "Gratuit et sans engagement. Le bilan ne peut être réalisé qu'avec le consentement "
                               "du bénéficiaire (art. L6313-4).", [
        F("date", "Date de l'entretien"),
        Heading("Ce qui a été présenté"),
        F("cadre_legal_presente", "Cadre légal du bilan de compétences présenté"),
        F("objectifs_presentes", "Objectifs du bilan présentés"),
        F("deroulement_presente", "Déroulement (trois phases, 24 heures au plus) présenté"),
        F("deontologie_presentee", "Déontologie et confidentialité présentées"),
        Heading("Adéquation et modalités"),
        F("prestation_adaptee", "La prestation est-elle adaptée au besoin ?"),
        F("justification", "Pourquoi", multiline=True), F("modalite", "Modalité"),
        F("amenagements", "Accessibilité, aménagements liés à un handicap", multiline=True),
        F("precision_financement", "Précision sur le financement (si « Autre »)"),
        Heading("Attestations du consultant"),
        F("consentement_libre", "Le bénéficiaire donne son consentement libre : aucune contrainte n'est exercée "
                                "(art. L6313-4)"),
        F("consentement_le", "Consentement recueilli le"),
        F("prestataire_non_employeur", "Le prestataire n'est pas l'employeur du bénéficiaire (art. R6313-5)")]),
    Step.CONVENTION: ("Convention tripartite (art. R6313-8)",
                      "Le salarié dispose de dix jours à compter de la transmission du projet par son employeur pour "
                      "signer. L'absence de réponse dans ce délai vaut refus.", [
        Heading("Employeur"),
        F("employeur", "Raison sociale de l'employeur"), F("employeur_adresse", "Adresse de l'employeur"),
        F("employeur_representant", "Représentant de l'employeur"),
        Heading("Mentions 1° : l'action"),
        F("intitule", "Intitulé"), F("objectif", "Objectif", multiline=True), F("contenu", "Contenu", multiline=True),
        F("moyens", "Moyens prévus", multiline=True), F("duree_heures", "Durée", suffix=" h", maximum=24),
        F("periode_debut", "Période : du"), F("periode_fin", "Période : au"),
        F("modalites_deroulement", "Modalités de déroulement et de suivi", multiline=True),
        F("modalites_remise", "Modalités de remise des résultats détaillés et du document de synthèse",
          multiline=True),
        Heading("Mentions 2° : le prix"),
        F("prix_euros", "Prix", suffix=" €"), F("modalites_reglement", "Modalités de règlement", multiline=True),
        Heading("Transmission et signatures"),
        F("departement", "Département du lieu de travail (jours fériés locaux : Alsace-Moselle, outre-mer)"),
        F("transmis_le", "Projet transmis au salarié par l'employeur le"),
        F("signe_salarie_le", "Signée par le salarié le"), F("signe_employeur_le", "Signée par l'employeur le"),
        F("signe_prestataire_le", "Signée par le prestataire le")]),
    Step.PHASE_PRELIMINAIRE: ("Phase préliminaire (art. R6313-4 1°)", "", [
        F("analyse_demande", "a) Analyse de la demande", multiline=True),
        F("analyse_besoin", "a) Analyse du besoin", multiline=True),
        F("format_retenu", "b) Format retenu", multiline=True),
        Heading("c) Modalités définies conjointement"),
        F("seances_prevues", "Nombre de séances prévues", maximum=50), F("rythme", "Rythme"),
        F("heures_prevues", "Heures prévues", suffix=" h", maximum=24),  # L6313-4: 24 hours at most
        F("objectifs", "Objectifs du bénéficiaire", columns=(("libelle", "Objectif"),))]),
    Step.PHASE_INVESTIGATION: ("Phase d'investigation (art. R6313-4 2°)", "", [
        Heading("Parcours"),
        F("experiences", "Expériences professionnelles", columns=(
            ("poste", "Poste"), ("employeur", "Employeur"), ("debut", "Début"), ("fin", "Fin"),
            ("description", "Description"))),
        F("formations", "Formations et diplômes", columns=(
            ("intitule", "Formation"), ("organisme", "Organisme"), ("obtenu_le", "Date"), ("diplome", "Diplôme"))),
        Heading("Personnalité et tests"),
        F("personnalite", "Personnalité et profil", multiline=True),
        F("tests", "Tests psychométriques", columns=(
            ("nom", "Test"), ("passe_le", "Date"), ("synthese", "Synthèse"), ("analyse", "Analyse"))),
        Heading("Compétences, aptitudes, motivations"),
        F("competences_pro", "Compétences professionnelles", columns=LIB),
        F("competences_perso", "Compétences personnelles", columns=LIB),
        F("aptitudes", "Aptitudes", columns=LIB), F("motivations", "Motivations", columns=LIB),
        F("interets", "Centres d'intérêt", columns=LIB), F("valeurs", "Valeurs", columns=LIB),
        Heading("Projet professionnel principal"),
        F("projet_intitule", "Intitulé du projet"), F("projet_code_rome", "Code ROME"),
        F("projet_description", "Description du projet", multiline=True),
        F("projet_verifications", "Vérification de la pertinence", columns=(
            ("moyen", "Moyen"), ("realisee_le", "Date"), ("detail", "Détail"))),
        F("competences_a_acquerir", "Compétences à acquérir pour le projet", columns=LIB),
        Heading("Alternatives (plan B)"),
        F("alternatives", "Alternatives", columns=(
            ("intitule", "Intitulé"), ("code_rome", "Code ROME"), ("description", "Description"))),
        Heading("Besoins de formation"),
        F("besoins_formation", "Besoins de formation", columns=(
            ("formation", "Formation"), ("organisme", "Organisme"), ("duree_heures", "Durée (h)"),
            ("financement", "Financement"), ("code_rncp", "Code RNCP")))]),
    Step.PHASE_CONCLUSION: ("Phase de conclusion (art. R6313-4 3°)", "", [
        F("resultats_remis_le", "a) Résultats détaillés remis et discutés le"),
        F("resultats_commentaires", "a) Échanges sur les résultats", multiline=True),
        F("conditions_moyens", "b) Conditions et moyens favorisant le projet", columns=(("libelle", "Condition ou moyen"),)),
        F("plan_action", "c) Plan d'action", columns=(("action", "Étape"), ("echeance", "Échéance"),
                                                      ("statut", "Statut"))),
        F("suivi_propose", "Entretien de suivi proposé"), F("suivi_accepte", "Entretien de suivi accepté"),
        Heading("Document de synthèse"),
        F("synthese_remise_le", "Synthèse remise le"), F("synthese_remise", "Mode de remise"),
        F("commentaires_beneficiaire", "Commentaires du bénéficiaire", multiline=True)]),
    Step.FIN_DU_BILAN: ("Fin du bilan et conservation des documents (art. R6313-7)",
                        "À la fin du bilan, tous les documents élaborés pour sa réalisation sont détruits, sauf accord "
                        "écrit du bénéficiaire pour le suivi de sa situation (un an par défaut, trois ans au plus) ou "
                        "synthèse transmise à sa demande à l'opérateur du conseil en évolution professionnelle.", [
        F("date_fin", "Date de fin du bilan"), F("conservation", "Décision de conservation"),
        F("accord_signe_le", "Accord écrit signé le"),
        F("duree_conservation_ans", "Durée de conservation (en années)", minimum=1, maximum=3),
        F("synthese_cep_transmise_le", "Synthèse transmise à l'opérateur du CEP le"),
        F("accord_retire_le", "Accord retiré par le bénéficiaire le")]),
    Step.ENTRETIEN_SUIVI: ("Entretien de suivi (environ six mois après la fin)", "", [
        F("date_prevue", "Date prévue"), F("modalite", "Modalité"), F("realise_le", "Réalisé le"),
        F("mis_en_place", "Ce qui a été mis en place", multiline=True),
        F("difficultes", "Difficultés rencontrées", multiline=True), F("conseils", "Conseils", multiline=True)]),
}
