"""A complete bilan whose every user field holds a given text, for the document tests."""

from __future__ import annotations

import datetime as dt

from bilan_desktop.domain.beneficiary import Beneficiary
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.provider import Provider
from bilan_desktop.domain.seances import Seance, StatutSeance
from bilan_desktop.domain.sections import (Alternative, BesoinFormation, Conservation, Convention, EtapePlan,
                                           Experience, FinDuBilan, Formation, Libelle, ModaliteSeance,
                                           PhaseConclusion, PhaseInvestigation, PhasePreliminaire, PremierContact,
                                           TestPsychometrique, VerificationProjet)
from bilan_desktop.domain.synthese import SyntheseDraft, prefill
from bilan_desktop.domain.workflow import Dossier

D = dt.date
CORPUS = ['voir <Jean> et <nom@x.fr>', 'AT&T &eacute;', '<b>jamais fermé', '<img src="/etc/hostname"/>',
          '<a href="javascript:alert(1)">x</a>', 'ğ ≥ → ✓']
TEXT = " ".join(CORPUS)


def provider(text: str = "Cabinet Horizon") -> Provider:
    return Provider(nom=text, adresse=f"{text}, 12 rue des Lilas, 69003 Lyon", numero_declaration="84 69 12345 69",
                    qualiopi="QUA-2026-001", consultant=f"Claire {text}", ville="Lyon")


def beneficiary(text: str = TEXT) -> Beneficiary:
    return Beneficiary(nom=f"Lefèvre {text}", prenom="Élodie", date_naissance=D(1985, 3, 14),
                       email="elodie@exemple.fr", telephone="0612345678", adresse=f"3 rue {text}")


def dossier(text: str = TEXT, funding: Funding = Funding.PLAN_DEVELOPPEMENT) -> Dossier:
    d = Dossier(bilan_id=1, reference="BC-2026-0001", funding=funding, step=Step.ENTRETIEN_SUIVI)
    d.premier_contact = PremierContact(date=D(2026, 1, 5), situation=f"Situation {text}")
    d.convention = Convention(employeur=f"ACME {text}", employeur_adresse=f"1 avenue {text}",
                              employeur_representant=f"M. {text}", objectif=f"Objectif {text}",
                              contenu=f"Contenu {text}", moyens=f"Moyens {text}", duree_heures=24,
                              periode_debut=D(2026, 3, 9), periode_fin=D(2026, 5, 29),
                              modalites_deroulement=f"Déroulement {text}", modalites_remise=f"Remise {text}",
                              prix_euros=1234.5, modalites_reglement=f"Règlement {text}", transmis_le=D(2026, 2, 20),
                              signe_salarie_le=D(2026, 2, 25))
    d.phase_preliminaire = PhasePreliminaire(analyse_demande=f"Demande {text}", objectifs=[Libelle(f"Objectif {text}")])
    d.phase_investigation = PhaseInvestigation(
        experiences=[Experience(f"Poste {text}", f"Employeur {text}", D(2010, 1, 1), D(2020, 6, 30), f"Desc {text}")],
        formations=[Formation(f"Formation {text}", "CNAM", D(2008, 6, 1), "Licence")],
        tests=[TestPsychometrique(f"Test {text}", D(2026, 3, 20), f"Synthèse {text}", f"Analyse {text}")],
        competences_pro=[Libelle(f"Compétence {text}")], competences_perso=[Libelle(f"Qualité {text}")],
        aptitudes=[Libelle(f"Aptitude {text}")], motivations=[Libelle(f"Motivation {text}")],
        interets=[Libelle(f"Intérêt {text}")], valeurs=[Libelle(f"Valeur {text}")],
        projet_intitule=f"Projet {text}", projet_code_rome="M1805", projet_description=f"Description {text}",
        projet_verifications=[VerificationProjet(detail=f"Vérif {text}", realisee_le=D(2026, 4, 2))],
        alternatives=[Alternative(f"Alternative {text}", "M1204", f"Plan B {text}")],
        besoins_formation=[BesoinFormation(f"Besoin {text}", "AFPA", 400, "CPF", "RNCP31114")])
    d.phase_conclusion = PhaseConclusion(conditions_moyens=[Libelle(f"Condition {text}")],
                                         plan_action=[EtapePlan(f"Action {text}", D(2026, 9, 1))],
                                         suivi_propose=True, suivi_accepte=True, synthese_remise_le=D(2026, 5, 29))
    d.fin_du_bilan = FinDuBilan(date_fin=D(2026, 5, 29), conservation=Conservation.ACCORD_SUIVI,
                                accord_signe_le=D(2026, 5, 29))
    d.seances = [Seance(id=i, date=D(2026, 3, 9) + dt.timedelta(days=7 * i), debut=dt.time(9), fin=dt.time(12),
                        modalite=ModaliteSeance.VISIO if i == 1 else ModaliteSeance.PRESENTIEL,
                        lien_visio=f"https://visio.exemple.fr/{text}", etape=Step.PHASE_INVESTIGATION,
                        statut=StatutSeance.REALISEE) for i in range(8)]
    return d


def draft(d: Dossier) -> SyntheseDraft:
    return prefill(d)
