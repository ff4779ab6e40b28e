"""« À propos »: version, licences of what is bundled, the legal notice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from .. import APP_NAME, __version__
from ..domain.questionnaire_items import NOT_VALIDATED
from ..storage.rome import ATTRIBUTION

ABOUT_HTML = f"""
<h2>{APP_NAME} {__version__}</h2>
<p>Application hors ligne pour conduire des bilans de compétences (Code du travail, art. L6313-1 2°, L6313-4,
R6313-4 à R6313-8). Les données des bénéficiaires restent sur cet ordinateur, dans un coffre chiffré
(SQLCipher 4, AES-256) ; l'application ne se connecte jamais au réseau.</p>
<h3>Mentions légales</h3>
<p>Le consultant reste responsable du traitement des données de ses bénéficiaires et tenu au secret
professionnel (Code pénal, art. 226-13). Les résultats détaillés et le document de synthèse ne peuvent être
communiqués qu'au bénéficiaire, sauf son accord (art. L6313-4). Les documents du bilan sont détruits à son terme,
sauf accord écrit de conservation pour le suivi, trois ans au plus (art. R6313-7) : l'application applique cette
règle d'elle-même.</p>
<h3>Données et licences</h3>
<ul>
<li>{ATTRIBUTION}.</li>
<li>Questionnaires : marqueurs RIASEC (Armstrong, Allison et Rounds, 2008) et Mini-IPIP (Donnellan et al., 2006),
International Personality Item Pool, domaine public. {NOT_VALIDATED}</li>
<li>Polices DejaVu Sans (licence Bitstream Vera et domaine public), intégrées aux PDF.</li>
<li>Dictionnaire orthographique français « classique » 7.5, Olivier R. — Grammalecte (Mozilla Public License 2.0) ;
Hunspell par chunspell (MPL 1.1 / GPL 2.0 / LGPL 2.1, MIT).</li>
<li>Liste des 20 000 mots français les plus fréquents, tirée des données de wordfreq 3.1.1, Robyn Speer et al.
(Creative Commons BY-SA 4.0), pour juger la force des mots de passe.</li>
<li>Qt et PySide6 (LGPL v3), SQLCipher (licence BSD), reportlab (licence BSD), pypdfium2 et PDFium (Apache 2.0,
BSD), cryptography (Apache 2.0 / BSD), argon2-cffi (MIT), platformdirs (MIT), python-dateutil (Apache 2.0 / BSD),
zxcvbn (MIT), python-docx (MIT), lxml (BSD), odfpy (Apache 2.0 / GPL / LGPL).</li>
</ul>
"""


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"À propos de {APP_NAME}")
        self.text = QTextBrowser()
        self.text.setHtml(ABOUT_HTML)
        self.text.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 560)
