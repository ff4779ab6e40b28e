"""`bilan-desktop --demo`: a throwaway vault in a temporary folder, with three fictional bilans at different
moments, deleted at exit. Its passphrase is shown on the unlock screen."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from .domain.beneficiary import Beneficiary
from .domain.contracts import withdrawal_last_day
from .domain.funding import Funding
from .domain.lifecycle import Step
from .domain.provider import Provider
from .domain.seances import Seance, StatutSeance
from .domain.sections import (
    Adaptation,
    Alternative,
    Conservation,
    Convention,
    Echeance,
    EntretienPrealable,
    EtapePlan,
    Experience,
    Financement,
    FinDuBilan,
    Libelle,
    PhaseConclusion,
    PhaseInvestigation,
    PhasePreliminaire,
    PremierContact,
    Suivi,
    VerificationProjet,
)

DEMO_PASSPHRASE = "girafe fictive et lampion de démonstration"
BANNER = "Mode démonstration — données fictives"


def _schedule(signed: dt.date, price: float, balance: dt.date) -> list[Echeance]:
    """30 % the day after the withdrawal period (L6353-6), the balance later."""
    first = withdrawal_last_day(signed, False) + dt.timedelta(days=1)
    return [Echeance(first, round(price * 0.3, 2)), Echeance(max(balance, first), round(price * 0.7, 2))]


def _consented(day: dt.date) -> EntretienPrealable:
    return EntretienPrealable(date=day, cadre_legal_presente=True, objectifs_presentes=True, deroulement_presente=True,
                              deontologie_presentee=True, prestation_adaptee=Adaptation.OUI,
                              justification="Projet de reconversion encore flou, forte motivation.",
                              consentement_libre=True, consentement_le=day, prestataire_non_employeur=True)


def _weekday(today: dt.date, day: dt.date) -> dt.date:
    """A demo session falls on a weekday: a weekend one moves to the Friday before (past) or the Monday after."""
    if day.weekday() < 5:
        return day
    return day - dt.timedelta(days=day.weekday() - 4) if day < today else day + dt.timedelta(days=7 - day.weekday())


def fill(vault, today: dt.date) -> None:
    """Three fictional bilans: a CPF one in investigation, an employer-funded one whose convention awaits the
    employee's signature, an ended one with consent and a follow-up due."""
    from .storage.bilans import BilanRepository
    from .storage.dossiers import DossierRepository
    from .storage.exports import ProviderRepository
    bilans, dossiers = BilanRepository(vault), DossierRepository(vault)
    now = dt.datetime.combine(today, dt.time(9, 0))
    ProviderRepository(vault).save(Provider(nom="Cabinet Horizon (fictif)", adresse="12 rue des Lilas\n69003 Lyon",
                                            numero_declaration="84690000069", qualiopi="DEMO-0001",
                                            consultant="Claire Martin", ville="Lyon", siret="73282932000074",
                                            telephone="04 78 00 00 00", email="contact@horizon.exemple",
                                            representant="Claire Martin", representant_qualite="gérante",
                                            consultant_titres="Master de psychologie du travail, 12 ans de "
                                                              "pratique du bilan de compétences",
                                            accessibilite="Claire Martin, référente handicap, 04 78 00 00 00"))
    day = lambda days: today + dt.timedelta(days=days)  # noqa: E731

    # 1. CPF, phase d'investigation
    first = bilans.create(Beneficiary("Lefèvre", "Élodie", dt.date(1986, 3, 14), "elodie.lefevre@exemple.fr",
                                      "06 12 34 56 78", "3 rue des Lilas, 69003 Lyon"), Funding.CPF, now)
    dossiers.save_section(first, PremierContact(date=day(-40), origine="Bouche à oreille",
                                                situation="Comptable depuis douze ans, envie d'un métier plus concret."),
                          now)
    dossiers.save_section(first, _consented(day(-33)), now)
    dossiers.save_section(first, PhasePreliminaire(analyse_demande="Explorer une reconversion vers les métiers du bois.",
                                                   seances_prevues=8, rythme="Hebdomadaire", heures_prevues=20,
                                                   objectifs=[Libelle("Identifier des métiers compatibles"),
                                                              Libelle("Vérifier la faisabilité d'une formation")]), now)
    dossiers.save_section(first, PhaseInvestigation(
        experiences=[Experience("Comptable", "Cabinet Durand", dt.date(2013, 9, 1), None, "Paie, bilans")],
        competences_pro=[Libelle("Rigueur"), Libelle("Maîtrise des tableurs")],
        projet_intitule="Ébéniste", projet_code_rome="H2206",
        projet_verifications=[VerificationProjet(realisee_le=day(-5), detail="Rencontre avec deux artisans")],
        alternatives=[Alternative("Contrôleuse de gestion", "M1204", "Proche du métier actuel")]), now)
    for offset, step in ((-26, Step.PHASE_PRELIMINAIRE), (-19, Step.PHASE_INVESTIGATION),
                         (-12, Step.PHASE_INVESTIGATION), (2, Step.PHASE_INVESTIGATION)):
        dossiers.save_seance(first, Seance(date=_weekday(today, day(offset)), debut=dt.time(9), fin=dt.time(12), etape=step,
                                           statut=StatutSeance.REALISEE if offset < 0 else StatutSeance.PLANIFIEE), now)
    dossiers.set_step(first, Step.PHASE_INVESTIGATION, now)

    # 2. Plan de développement: convention transmitted, employee's signature awaited
    second = bilans.create(Beneficiary("Martin", "Jérôme", dt.date(1979, 11, 2), "jerome.martin@exemple.fr",
                                       "06 98 76 54 32", "8 avenue Foch, 69006 Lyon"), Funding.PLAN_DEVELOPPEMENT, now)
    dossiers.save_section(second, PremierContact(date=day(-10), origine="Service RH de son employeur"), now)
    dossiers.save_section(second, _consented(day(-6)), now)
    dossiers.save_section(second, Convention(
        employeur="Transports Rhône SA", employeur_adresse="1 quai Perrache, 69002 Lyon",
        employeur_representant="Mme Dubois, DRH", objectif="Définir un projet d'évolution interne",
        contenu="Phases préliminaire, d'investigation et de conclusion", moyens="Entretiens, tests, enquêtes métier",
        duree_heures=24, periode_debut=day(14), periode_fin=day(90), modalites_deroulement="Séances hebdomadaires",
        modalites_remise="Remise en main propre au salarié", prix_euros=1800, modalites_reglement="À réception",
        transmis_le=day(-3), signe_employeur_le=day(-3), signe_prestataire_le=day(-3)), now)
    dossiers.set_step(second, Step.CONVENTION, now)

    # 3. Ended with the beneficiary's written agreement; follow-up due
    third = bilans.create(Beneficiary("N'Diaye", "Aïssata", dt.date(1990, 6, 21), "aissata.ndiaye@exemple.fr",
                                      "07 11 22 33 44", "5 place Bellecour, 69002 Lyon"), Funding.PERSONNEL, now)
    end = day(-175)
    dossiers.save_section(third, PremierContact(date=day(-260)), now)
    dossiers.save_section(third, _consented(day(-250)), now)
    dossiers.save_section(third, PhasePreliminaire(objectifs=[Libelle("Valider un projet dans le soin")]), now)
    dossiers.save_section(third, PhaseInvestigation(projet_intitule="Aide-soignante", projet_code_rome="J1501"), now)
    dossiers.save_section(third, PhaseConclusion(plan_action=[EtapePlan("S'inscrire en IFAS", day(-120))],
                                                 suivi_propose=True, suivi_accepte=True, synthese_remise_le=end), now)
    for offset in (-240, -225, -210, -195, -180, -175):
        dossiers.save_seance(third, Seance(date=_weekday(today, day(offset)), debut=dt.time(14), fin=dt.time(17),
                                           etape=Step.PHASE_INVESTIGATION if offset < -180 else Step.PHASE_CONCLUSION,
                                           statut=StatutSeance.REALISEE), now)
    dossiers.save_section(third, FinDuBilan(date_fin=end, conservation=Conservation.ACCORD_SUIVI,
                                            accord_signe_le=end, duree_conservation_ans=1), now)
    dossiers.save_section(third, Suivi(date_prevue=day(8)), now)
    dossiers.save_satisfaction(third, "fin", [5, 5, 4, 5, 4, 4, 5, 5], "", end)  # the statistics have figures
    dossiers.set_step(third, Step.ENTRETIEN_SUIVI, now)
    dossiers.save_section(third, Financement(duree_heures=18, prix_euros=1500, contrat_signe_le=day(-248),
                                             echeancier=_schedule(day(-248), 1500, end),
                                             modalites_reglement="Par virement."), now)
    dossiers.save_section(first, Financement(dossier_numero="DEMO-CPF-0001", cpf_entree_declaree_le=day(-26)), now)
    fill_more(vault, today)


class DemoFolder:
    """A temporary folder for the demo vault, removed at exit."""

    def __init__(self):
        self.path = Path(tempfile.mkdtemp(prefix="bilan-demo-"))

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def create_demo_vault(folder: Path, today: dt.date, kdf=None, vault_folder: Path | None = None):
    from .storage.vault import Vault
    vault = Vault(vault_folder or folder / "coffre")
    vault.create(DEMO_PASSPHRASE, kdf)
    fill(vault, today)
    vault.lock()
    return vault


def fill_more(vault, today: dt.date) -> None:
    """Bilans at the remaining steps, funded the remaining ways, with realised, planned and cancelled sessions."""
    from .storage.bilans import BilanRepository
    from .storage.dossiers import DossierRepository
    bilans, dossiers = BilanRepository(vault), DossierRepository(vault)
    now = dt.datetime.combine(today, dt.time(9, 0))
    day = lambda days: today + dt.timedelta(days=days)  # noqa: E731
    people = [("Bernard", "Lucie", Funding.OPCO, Step.PHASE_PRELIMINAIRE),
              ("Petit", "Karim", Funding.FRANCE_TRAVAIL, Step.PREMIER_CONTACT),
              ("Roux", "Mathilde", Funding.TRANSITIONS_PRO, Step.ENTRETIEN_PREALABLE),
              ("Garnier", "Hugo", Funding.CONGE_RECLASSEMENT, Step.PHASE_CONCLUSION),
              ("Fontaine", "Inès", Funding.EMPLOYEUR, Step.FIN_DU_BILAN),
              ("Chevalier", "Paul", Funding.AUTRE, Step.PHASE_INVESTIGATION),
              ("Morel", "Camille", Funding.PERSONNEL, Step.PHASE_PRELIMINAIRE)]
    for index, (nom, prenom, funding, step) in enumerate(people):
        bilan = bilans.create(Beneficiary(nom, prenom, dt.date(1975 + index, 1 + index, 10), "", "", ""), funding, now)
        dossiers.save_section(bilan, PremierContact(date=day(-60 + index)), now)
        if step is Step.PREMIER_CONTACT:
            continue
        dossiers.save_section(bilan, _consented(day(-50)), now)
        if funding.requires_convention:
            dossiers.save_section(bilan, Convention(employeur="Industries du Rhône (fictif)", duree_heures=24,
                                                    transmis_le=day(-48), signe_employeur_le=day(-48),
                                                    signe_salarie_le=day(-45), signe_prestataire_le=day(-48)), now)
        elif funding is Funding.PERSONNEL:
            dossiers.save_section(bilan, Financement(duree_heures=20, prix_euros=1600, contrat_signe_le=day(-3),
                                                     echeancier=_schedule(day(-3), 1600, day(60))), now)
        else:
            dossiers.save_section(bilan, Financement(
                acheteur=f"{funding.label} (fictif)", acheteur_adresse="1 place de la Démo\n69000 Lyon",
                acheteur_representant="Camille Exemple (fictive)", employeur="Industries du Rhône (fictif)",
                periode_debut=day(-45), periode_fin=day(60), duree_heures=24, prix_euros=1900,
                contrat_signe_le=day(-47), echeancier=[Echeance(day(60), 1900)]), now)
        if step is Step.ENTRETIEN_PREALABLE:
            dossiers.set_step(bilan, step, now)
            continue
        statuses = [(-40, StatutSeance.REALISEE), (-33, StatutSeance.ANNULEE), (-26, StatutSeance.REALISEE),
                    (5, StatutSeance.PLANIFIEE)] if funding is not Funding.PERSONNEL else [(12, StatutSeance.PLANIFIEE)]
        if step is Step.FIN_DU_BILAN:  # ended: nothing planned any more
            statuses = [(offset, status) for offset, status in statuses if offset < 0]
        for offset, status in statuses:
            hour = 9 + 3 * (index % 3)  # the demo's sessions do not all fall at the same time
            dossiers.save_seance(bilan, Seance(date=_weekday(today, day(offset + index % 2)), debut=dt.time(hour),
                                               fin=dt.time(hour + 2, 30),
                                               etape=Step.PHASE_PRELIMINAIRE, statut=status), now)
        if step is Step.FIN_DU_BILAN:
            dossiers.save_section(bilan, PhaseConclusion(synthese_remise_le=day(-20)), now)  # as the workflow asks
            dossiers.save_section(bilan, FinDuBilan(date_fin=day(-20), conservation=Conservation.AUCUNE), now)
            dossiers.save_satisfaction(bilan, "fin", [4, 5, 4, 3, 4, 5, 5, 4], "", day(-20))
        dossiers.set_step(bilan, step, now)
