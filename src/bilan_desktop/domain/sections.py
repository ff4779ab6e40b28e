"""Every field of the bilan's steps (DESIGN.md §2), as typed sections. Fields marked `content(...)`
are bilan content, destroyed at the end of the bilan; the others are the administrative record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .choice import Choice
from .codec import content
from .lifecycle import Issue


class Canal(Choice):
    TELEPHONE = "telephone", "Téléphone"
    EMAIL = "email", "E-mail"
    PRESENTIEL = "presentiel", "Sur place"
    SITE = "site", "Site internet"
    AUTRE = "autre", "Autre"


class Modalite(Choice):
    PRESENTIEL = "presentiel", "Présentiel"
    DISTANCIEL = "distanciel", "Distanciel"
    MIXTE = "mixte", "Mixte"


class ModaliteSeance(Choice):
    PRESENTIEL = "presentiel", "Présentiel"
    VISIO = "visio", "Visioconférence"
    TELEPHONE = "telephone", "Téléphone"


class Adaptation(Choice):
    A_DETERMINER = "a_determiner", "À déterminer"
    OUI = "oui", "Oui"
    NON = "non", "Non"


class Verification(Choice):
    ENQUETE = "enquete", "Enquête métier"
    RENCONTRE = "rencontre", "Rencontre avec un professionnel"
    MARCHE = "marche", "Données du marché du travail"
    IMMERSION = "immersion", "Stage ou immersion"
    AUTRE = "autre", "Autre"


class StatutEtape(Choice):
    A_FAIRE = "a_faire", "À faire"
    EN_COURS = "en_cours", "En cours"
    FAIT = "fait", "Fait"


class RemiseSynthese(Choice):
    MAIN_PROPRE = "main_propre", "En main propre"
    COURRIER = "courrier", "Par courrier"
    CLE_USB = "cle_usb", "Sur clé USB"
    EMAIL = "email", "Par e-mail chiffré"


class Conservation(Choice):
    NON_DECIDEE = "non_decidee", "Décision à prendre"
    AUCUNE = "aucune", "Pas d'accord : tout est détruit à la fin du bilan"
    ACCORD_SUIVI = "accord_suivi", "Accord écrit du bénéficiaire pour le suivi de sa situation"
    SYNTHESE_CEP = "synthese_cep", "Synthèse transmise à l'opérateur du CEP à sa demande"


# -- list items ---------------------------------------------------------------------------------
@dataclass
class Libelle:
    libelle: str = ""


@dataclass
class Experience:
    poste: str = ""
    employeur: str = ""
    debut: dt.date | None = None
    fin: dt.date | None = None
    description: str = ""


@dataclass
class Formation:
    intitule: str = ""
    organisme: str = ""
    obtenu_le: dt.date | None = None
    diplome: str = ""


@dataclass
class TestPsychometrique:
    nom: str = ""
    passe_le: dt.date | None = None
    synthese: str = ""
    analyse: str = ""


@dataclass
class VerificationProjet:
    moyen: Verification = Verification.ENQUETE
    realisee_le: dt.date | None = None
    detail: str = ""


@dataclass
class Alternative:
    intitule: str = ""
    code_rome: str = ""
    description: str = ""


@dataclass
class BesoinFormation:
    formation: str = ""
    organisme: str = ""
    duree_heures: float = 0.0
    financement: str = ""
    code_rncp: str = ""


@dataclass
class EtapePlan:
    action: str = ""
    echeance: dt.date | None = None
    statut: StatutEtape = StatutEtape.A_FAIRE


# -- sections -------------------------------------------------------------------------------------
@dataclass
class PremierContact:
    date: dt.date | None = None
    canal: Canal = Canal.TELEPHONE
    origine: str = ""
    situation: str = content("")


@dataclass
class EntretienPrealable:
    date: dt.date | None = None
    cadre_legal_presente: bool = False
    objectifs_presentes: bool = False
    deroulement_presente: bool = False
    deontologie_presentee: bool = False
    prestation_adaptee: Adaptation = Adaptation.A_DETERMINER
    justification: str = content("")
    modalite: Modalite = Modalite.PRESENTIEL
    amenagements: str = content("")
    precision_financement: str = ""
    consentement_libre: bool = False
    consentement_le: dt.date | None = None
    prestataire_non_employeur: bool = False


@dataclass
class Convention:
    employeur: str = ""
    employeur_adresse: str = ""
    employeur_representant: str = ""
    intitule: str = "Bilan de compétences"
    objectif: str = ""
    contenu: str = ""
    moyens: str = ""
    duree_heures: float = 0.0
    periode_debut: dt.date | None = None
    periode_fin: dt.date | None = None
    modalites_deroulement: str = ""
    modalites_remise: str = ""
    prix_euros: float = 0.0
    modalites_reglement: str = ""
    transmis_le: dt.date | None = None
    signe_employeur_le: dt.date | None = None
    signe_salarie_le: dt.date | None = None
    signe_prestataire_le: dt.date | None = None
    departement: str = ""  # of the workplace: its local public holidays lengthen the signature delay


@dataclass
class Echeance:
    """One payment of the schedule (L6353-6): its date and its amount."""
    date: dt.date | None = None
    montant_euros: float = 0.0


@dataclass
class Financement:
    """The contract of every funding route but the tripartite convention (which has its own step): the buyer of
    a convention of L6353-1, the contrat of L6353-3 signed by a person paying alone, the CPF declarations."""
    acheteur: str = ""  # OPCO, France Travail, Transitions Pro, the employer…
    acheteur_adresse: str = ""
    acheteur_representant: str = ""
    dossier_numero: str = ""  # the buyer's file number, or the CPF dossier number
    duree_heures: float = 0.0
    prix_euros: float = 0.0
    modalites_reglement: str = ""
    contrat_signe_le: dt.date | None = None
    signe_a_distance: bool = False  # signed at a distance: 14 days of withdrawal (Code de la consommation L221-18)
    debut_anticipe_le: dt.date | None = None  # the person asked in writing to start before the withdrawal ends
    cpf_entree_declaree_le: dt.date | None = None  # declared on the platform: entry into training
    cpf_service_fait_le: dt.date | None = None  # declared on the platform: service fait
    echeancier: list[Echeance] = field(default_factory=list)  # the payment schedule (L6353-6), printed
    periode_debut: dt.date | None = None  # period of realisation of a buyer convention (D6353-1)
    periode_fin: dt.date | None = None
    employeur: str = ""  # the beneficiary's employer, named in a buyer convention the employer or its OPCO pays


@dataclass
class PhasePreliminaire:
    analyse_demande: str = content("")
    analyse_besoin: str = content("")
    format_retenu: str = content("")
    seances_prevues: int = content(0)
    rythme: str = content("")
    heures_prevues: float = content(0.0)
    objectifs: list[Libelle] = content(default_factory=list)


@dataclass
class PhaseInvestigation:
    experiences: list[Experience] = content(default_factory=list)
    formations: list[Formation] = content(default_factory=list)
    personnalite: str = content("")
    tests: list[TestPsychometrique] = content(default_factory=list)
    competences_pro: list[Libelle] = content(default_factory=list)
    competences_perso: list[Libelle] = content(default_factory=list)
    aptitudes: list[Libelle] = content(default_factory=list)
    motivations: list[Libelle] = content(default_factory=list)
    interets: list[Libelle] = content(default_factory=list)
    valeurs: list[Libelle] = content(default_factory=list)
    projet_intitule: str = content("")
    projet_code_rome: str = content("")
    projet_description: str = content("")
    projet_verifications: list[VerificationProjet] = content(default_factory=list)
    competences_a_acquerir: list[Libelle] = content(default_factory=list)  # for the project (from its ROME fiche)
    alternatives: list[Alternative] = content(default_factory=list)
    besoins_formation: list[BesoinFormation] = content(default_factory=list)


@dataclass
class PhaseConclusion:
    resultats_remis_le: dt.date | None = content(None)
    resultats_commentaires: str = content("")
    conditions_moyens: list[Libelle] = content(default_factory=list)
    plan_action: list[EtapePlan] = content(default_factory=list)
    suivi_propose: bool = False
    suivi_accepte: bool = False
    synthese_remise_le: dt.date | None = None
    synthese_remise: RemiseSynthese = RemiseSynthese.MAIN_PROPRE
    commentaires_beneficiaire: str = content("")


@dataclass
class FinDuBilan:
    date_fin: dt.date | None = None
    conservation: Conservation = Conservation.NON_DECIDEE
    accord_signe_le: dt.date | None = None
    duree_conservation_ans: int = 1
    synthese_cep_transmise_le: dt.date | None = None
    accord_retire_le: dt.date | None = None


@dataclass
class Suivi:
    date_prevue: dt.date | None = None
    modalite: ModaliteSeance = ModaliteSeance.PRESENTIEL
    realise_le: dt.date | None = None
    mis_en_place: str = content("")
    difficultes: str = content("")
    conseils: str = content("")


@dataclass
class Cloture:
    abandon_le: dt.date | None = None
    refus_confirme_le: dt.date | None = None  # the consultant confirmed the refus réputé: destruction may run
    suspendu_le: dt.date | None = None  # paused (« mis en pause »): nothing is destroyed for it
    clos_le: dt.date | None = None  # closed after the follow-up
    issue_six_mois: Issue = Issue.NON_RENSEIGNEE
