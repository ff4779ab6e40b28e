"""Search the ROME 4.0 repository as you type, read a fiche, and take a code or skills into the bilan."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..storage.rome import ATTRIBUTION, RUBRIQUE_LABELS, Fiche, RomeCatalog

SKILL_ROLE = Qt.ItemDataRole.UserRole + 1


class RomeDialog(QDialog):
    """`choice` after accept: ("projet" | "alternative" | "competences", fiche, [(rubrique, label), …])."""

    def __init__(self, catalog: RomeCatalog, editable: bool, parent=None, code: str | None = None,
                 hits=None, title: str = "Répertoire des métiers (ROME 4.0)"):
        super().__init__(parent)
        self.setObjectName("romeDialog")
        self.setWindowTitle(title)
        self.catalog = catalog
        self.choice: tuple[str, Fiche, list[tuple[str, str]]] | None = None
        self.fiche: Fiche | None = None
        self.query = QLineEdit()
        self.query.setAccessibleName("Rechercher un métier")
        self.query.setPlaceholderText("Un métier, une appellation… (ex. : aide-soignante, développeur)")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName("Métiers trouvés")
        self.view = QTextBrowser()
        self.view.setAccessibleName("Fiche métier")
        self.view.setOpenLinks(False)
        self.skills = QListWidget()
        self.skills.setAccessibleName("Compétences de la fiche")
        self.buttons = {}
        row = QHBoxLayout()
        for key, text in (("projet", "Choisir comme projet principal"), ("alternative", "Ajouter comme alternative"),
                          ("competences", "Ajouter aux compétences à acquérir")):
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, k=key: self._choose(k))
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        close = QPushButton("Fermer")
        close.clicked.connect(self.reject)
        row.addWidget(close)
        self.editable = editable
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.query)
        left_layout.addWidget(self.results, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.view)
        right.addWidget(self.skills)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([360, 640])
        attribution = QLabel(ATTRIBUTION)
        attribution.setObjectName("romeAttribution")
        attribution.setWordWrap(True)
        attribution.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        layout.addWidget(attribution)
        self.resize(1100, 720)
        self.query.textChanged.connect(self.search)
        self.results.currentItemChanged.connect(lambda item, _prev: self.show_fiche(item.data(Qt.ItemDataRole.UserRole))
                                                if item else None)
        if hits is not None:
            self._fill(hits)
        if code:
            self.show_fiche(code)

    def search(self, text: str) -> None:
        self._fill(self.catalog.search(text))

    def _fill(self, hits) -> None:
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.libelle}  ({hit.code})")
            item.setData(Qt.ItemDataRole.UserRole, hit.code)
            self.results.addItem(item)

    def show_fiche(self, code: str) -> None:
        fiche = self.catalog.fiche(code)
        if fiche is None:
            return
        self.fiche = fiche
        self.view.setHtml(fiche_html(fiche))
        self.skills.clear()
        for rubrique, labels in fiche.skills.items():
            for label in labels:
                item = QListWidgetItem(f"{RUBRIQUE_LABELS[rubrique]} — {label}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(SKILL_ROLE, (rubrique, label))
                self.skills.addItem(item)
        for button in self.buttons.values():
            button.setEnabled(self.editable)

    def checked_skills(self) -> list[tuple[str, str]]:
        return [self.skills.item(i).data(SKILL_ROLE) for i in range(self.skills.count())
                if self.skills.item(i).checkState() == Qt.CheckState.Checked]

    def _choose(self, key: str) -> None:
        if self.fiche is None:
            return
        self.choice = (key, self.fiche, self.checked_skills())
        self.accept()


def fiche_html(f: Fiche) -> str:
    e = html.escape
    definition = "".join(f"<li>{e(p)}</li>" for p in f.definition[1:])
    first = f"<p>{e(f.definition[0])}</p>" if f.definition else ""
    riasec = " – ".join(f.riasec) or "non renseigné"
    appellations = ", ".join(e(a) for a in f.appellations[:25]) + (" …" if len(f.appellations) > 25 else "")
    return (f"<h2>{e(f.libelle)} <small>({e(f.code)})</small></h2>"
            f"<p><b>Domaine :</b> {e(f.grand_domaine)} › {e(f.domaine)}<br/><b>Profil RIASEC :</b> {e(riasec)}</p>"
            f"<h3>Définition</h3>{first}<ul>{definition}</ul>"
            f"<h3>Accès au métier</h3><p>{e(f.acces) or '—'}</p>"
            f"<h3>Appellations</h3><p>{appellations}</p>"
            f"<p style='color:#555'>{e(ATTRIBUTION)}</p>")
