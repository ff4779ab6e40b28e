"""« Contrat et financement »: the contract of the bilan's funding route (the contrat of a person paying alone with its
withdrawal period, the buyer of a convention of L6353-1, the CPF dossier and its declarations). Only the fields of
the route chosen are shown; what the consultant must not forget is said above them."""

from __future__ import annotations

import html

from ..domain.clock import Clock
from ..domain.contract_terms import contract_missing, contract_of, funding_of
from ..domain.contracts import contract_warnings, payment_text, withdrawal_text
from ..domain.funding import Contract
from ..domain.sections import Financement
from ..domain.workflow import Dossier
from ..services.bilans import BilanService
from .forms import F, Heading
from .section_page import SectionPage

SPECS = [Heading("Dossier de financement"),
         F("acheteur", "Acheteur (OPCO, France Travail, Transitions Pro, employeur…)"),
         F("acheteur_adresse", "Adresse de l'acheteur", multiline=True),
         F("acheteur_representant", "Représentant de l'acheteur"),
         F("dossier_numero", "Numéro de dossier (chez l'acheteur, ou sur Mon Compte Formation)"),
         F("employeur", "Employeur du bénéficiaire (nommé dans la convention quand l'employeur ou son OPCO paie)"),
         F("periode_debut", "Période de réalisation : du (à défaut, la première séance planifiée)"),
         F("periode_fin", "Période de réalisation : au (à défaut, la dernière séance planifiée)"),
         Heading("Contrat"),
         F("duree_heures", "Durée prévue", suffix=" h", maximum=24),
         F("prix_euros", "Prix", suffix=" €"),
         F("echeancier", "Échéancier de paiement (art. L6353-6)",
           columns=(("date", "Date (jj/mm/aaaa)"), ("montant_euros", "Montant (€)"))),
         F("modalites_reglement", "Modalités de paiement (moyen de paiement, précisions)", multiline=True),
         F("contrat_signe_le", "Contrat signé le"),
         F("signe_a_distance", "Contrat signé à distance ou hors établissement (délai de rétractation de quatorze "
                               "jours, art. L221-18 du Code de la consommation)"),
         F("debut_anticipe_le", "Demande expresse du bénéficiaire de commencer pendant le délai, reçue le (le jour "
                                "du contrat ou après)"),
         Heading("Déclarations sur Mon Compte Formation"),
         F("cpf_entree_declaree_le", "Entrée en formation déclarée le"),
         F("cpf_service_fait_le", "Service fait déclaré le")]
FIELDS_OF: dict[Contract, frozenset[str]] = {
    Contract.CONTRAT: frozenset({"duree_heures", "prix_euros", "echeancier", "modalites_reglement",
                                 "contrat_signe_le", "signe_a_distance", "debut_anticipe_le"}),
    Contract.CONVENTION_ACHETEUR: frozenset({"acheteur", "acheteur_adresse", "acheteur_representant",
                                             "dossier_numero", "employeur", "periode_debut", "periode_fin",
                                             "duree_heures", "prix_euros", "echeancier", "modalites_reglement",
                                             "contrat_signe_le"}),
    Contract.PLATEFORME: frozenset({"dossier_numero", "cpf_entree_declaree_le", "cpf_service_fait_le"}),
    Contract.TRIPARTITE: frozenset(),
}
INTRO = {
    Contract.CONTRAT: "Le bénéficiaire finance seul son bilan : un contrat de formation professionnelle est signé "
                      "avant la première séance et avant tout paiement (art. L6353-3 à L6353-7).",
    Contract.CONVENTION_ACHETEUR: "Un acheteur finance le bilan : une convention est conclue avec lui "
                                  "(art. L6353-1). Les résultats ne lui sont pas transmis sans l'accord écrit du "
                                  "bénéficiaire (art. L6313-4).",
    Contract.PLATEFORME: "Financement CPF : les conditions générales de la plateforme Mon Compte Formation tiennent "
                         "lieu de contrat. Déclarez l'entrée en formation puis le service fait.",
    Contract.TRIPARTITE: "Ce financement passe par la convention tripartite de l'étape « Convention » "
                         "(art. R6313-8) : rien à saisir ici.",
}


class FinancementPage(SectionPage):
    def __init__(self, repository: BilanService, bilan_id: int, clock: Clock, parent=None):
        super().__init__("financement", Financement, "Contrat et financement", "", SPECS, repository, bilan_id,
                         clock, parent)
        self.next_button.hide()

    def show_route(self, dossier: Dossier) -> None:
        """The fields of this funding route only, and what must not be forgotten."""
        contract = contract_of(dossier)
        self.form.show_only(FIELDS_OF[contract])
        self.intro.setText(f"<b>{html.escape(contract.label)}</b> — {html.escape(INTRO[contract])}")
        self.intro.setVisible(True)
        f = dossier.financement
        today = self.clock.today()
        sessions = [s.date for s in dossier.seances if s.counted and s.date is not None]
        notes = contract_warnings(funding_of(dossier), f, sessions, today, dossier.fin_du_bilan.date_fin)
        missing = contract_missing(dossier)
        if missing:
            notes = [*notes, "Le contrat ne peut pas encore être exporté ; il manque : " + ", ".join(missing) + "."]
        info = [withdrawal_text(funding_of(dossier), f)] if contract is Contract.CONTRAT else []
        if contract is Contract.CONTRAT:
            info.append(payment_text(funding_of(dossier), f))
        self.set_info("<br/>".join(html.escape(t) for t in info if t))
        self.warnings = notes
        if notes and not self.banner.isVisible():  # a lock message, when there is one, comes first
            self.banner.setText("\n".join(f"• {n}" for n in notes))
            self.banner.setVisible(True)
