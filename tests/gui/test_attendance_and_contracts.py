"""Issue 12 in the window: a session signed on screen by both people (then printed as images), the session's status
and remote proof, the « Contrat et financement » page of each funding route, the export dialog's destinations, and
what the documents still need said right after the vault is created."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QDialog, QMessageBox

from bilan_desktop.documents import emargement
from bilan_desktop.documents.catalog import DocumentKind
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.seances import Attestation, Role, StatutSeance
from bilan_desktop.domain.sections import Financement, ModaliteSeance
from bilan_desktop.domain.sharing import Destination
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.exports import ProviderRepository
from bilan_desktop.ui.documents_page import ExportDialog
from bilan_desktop.ui.signature_pad import SignatureDialog
from tests.gui.conftest import PASSPHRASE, by_accessible_name, type_text
from tests.gui.workflow_helpers import bilan_at


def _shot(widget, name):
    folder = os.environ.get("BILAN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _draw(dialog: SignatureDialog, offset: float = 0) -> int:
    """A signature drawn with the mouse: two strokes."""
    dialog.show()
    pad = dialog.pad
    pad.start(QPointF(30, 100 + offset))
    for x in range(30, 300, 15):
        pad.extend(QPointF(x, 100 + offset + (x % 40) - 20))
    pad.start(QPointF(320, 80))
    pad.extend(QPointF(360, 130))
    _shot(dialog, "41-signature")
    dialog.accept()
    return dialog.result()


def test_a_session_signed_on_screen_by_both_is_printed_with_their_signatures(window, script, clock):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    today = clock.today()

    def session(dialog):
        dialog.show()
        dialog.date.clear()
        type_text(dialog.date, today.strftime("%d/%m/%Y"))
        dialog.step.setCurrentIndex(dialog.step.findText("Phase préliminaire"))
        assert not dialog.form.isRowVisible(dialog.link)  # in person: no visio link asked
        empty = SignatureDialog("Bénéficiaire", "séance")
        empty.show()
        empty.accept()
        assert empty.result() != QDialog.DialogCode.Accepted and "vide" in empty.error.text()
        empty.deleteLater()
        by_accessible_name(dialog, "Signature du bénéficiaire").click()
        by_accessible_name(dialog, "Signature du consultant").click()
        assert dialog.status.currentData() == StatutSeance.REALISEE.value  # signed: the session was held
        assert "signée le" in dialog.sign_labels[Role.BENEFICIAIRE].text()
        _shot(dialog, "40-seance-signee")
        dialog.accept()
        return dialog.result()

    script.expect(session)
    script.expect(_draw)
    script.expect(lambda d: _draw(d, 10))
    bw.seances.add()
    (seance,) = repo.load(1).seances
    assert seance.statut is StatutSeance.REALISEE and {s.role for s in seance.signatures} == set(Role)
    assert all(s.image.startswith(b"\x89PNG") and s.signed_at == clock.now() for s in seance.signatures)
    assert "signée : bénéficiaire et consultant" in bw.seances.table.item(0, 6).text()
    assert "réalisée" in bw.header.text()
    provider = ProviderRepository(window.vault).load()
    pdf = emargement.build(provider, BilanRepository(window.vault).beneficiary(1), repo.load(1))
    assert pdf.count(b"/SMask") == 2 and pdf.count(b"/Subtype /Image") == 4  # two signatures, each with its alpha


def test_a_future_session_cannot_be_signed_and_a_remote_one_records_its_proof(window, script, clock):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    later = clock.today() + dt.timedelta(days=7)

    def future(dialog):
        dialog.show()
        dialog.date.clear()
        type_text(dialog.date, later.strftime("%d/%m/%Y"))
        by_accessible_name(dialog, "Signature du bénéficiaire").click()  # refused before any pad opens
        assert "le jour de la séance ou après" in dialog.error.text()
        dialog.modality.setCurrentIndex(dialog.modality.findData(ModaliteSeance.VISIO.value))
        assert dialog.form.isRowVisible(dialog.link) and dialog.form.isRowVisible(dialog.attestation)
        dialog.reject()
        return dialog.result()

    script.expect(future)
    bw.seances.add()

    def remote(dialog):
        dialog.show()
        dialog.date.clear()
        type_text(dialog.date, clock.today().strftime("%d/%m/%Y"))
        dialog.step.setCurrentIndex(dialog.step.findText("Phase préliminaire"))
        dialog.modality.setCurrentIndex(dialog.modality.findData(ModaliteSeance.VISIO.value))
        dialog.status.setCurrentIndex(dialog.status.findData(StatutSeance.REALISEE.value))
        dialog.connected.setChecked(True)
        dialog.attestation.setCurrentIndex(dialog.attestation.findData(Attestation.JOURNAL.value))
        dialog.accept()
        return dialog.result()

    script.expect(remote)
    bw.seances.add()
    (seance,) = repo.load(1).seances
    assert seance.attestation is Attestation.JOURNAL and seance.connexion_debut is not None
    assert bw.seances.table.item(0, 6).text() == Attestation.JOURNAL.label


def test_the_contract_page_shows_the_fields_of_the_funding_route(window, script, clock):
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    page = bw.financement
    form = page.form

    def visible(name):
        return form._layout.isRowVisible(form.rows[name])

    assert visible("dossier_numero") and visible("cpf_service_fait_le") and not visible("prix_euros")  # CPF
    assert "Numéro du dossier Mon Compte Formation" in page.banner.text()
    repo.set_funding(1, Funding.PERSONNEL, clock.now())
    repo.save_section(1, Financement(contrat_signe_le=clock.today()), clock.now())
    bw.refresh()
    assert visible("contrat_signe_le") and visible("signe_a_distance") and not visible("acheteur")
    assert not visible("cpf_service_fait_le") and "Délai de rétractation de dix jours" in page.info.text()
    bw.stepper.setCurrentRow(1)
    _shot(bw, "42-contrat-et-financement")
    repo.set_funding(1, Funding.OPCO, clock.now())
    bw.refresh()
    assert visible("acheteur") and not visible("signe_a_distance") and "acheteur" in page.banner.text()
    repo.set_funding(1, Funding.PLAN_DEVELOPPEMENT, clock.now())
    bw.refresh()
    assert not any(visible(n) for n in form.rows) and "convention tripartite" in page.intro.text()


def test_the_export_dialog_offers_each_document_its_own_recipients(qtbot):
    certificate = ExportDialog(DocumentKind.CERTIFICAT)
    qtbot.addWidget(certificate)
    certificate.show()
    labels = [b.text() for b in certificate.group.buttons()]
    assert labels == [d.label for d in (Destination.BENEFICIAIRE, Destination.EMPLOYEUR, Destination.FINANCEUR,
                                        Destination.TRAVAIL)]
    certificate.group.button(1).setChecked(True)
    assert not certificate.agreement.isVisible()  # the payer receives the certificate without any agreement
    certificate.accept()
    assert certificate.result() == QDialog.DialogCode.Accepted
    synthesis = ExportDialog(DocumentKind.SYNTHESE)
    qtbot.addWidget(synthesis)
    synthesis.show()
    cep = [d.label for d in synthesis.choices].index(Destination.CEP.label)
    synthesis.group.button(cep).setChecked(True)
    assert synthesis.agreement.isVisible() and synthesis.cep_note.isVisible()
    synthesis.accept()
    assert synthesis.result() != QDialog.DialogCode.Accepted and "L6313-4" in synthesis.error.text()
    synthesis.agreement.setChecked(True)
    synthesis.accept()
    assert synthesis.result() == QDialog.DialogCode.Accepted


def test_right_after_creation_the_app_says_what_the_documents_need(window, script):
    page = window.setup_page
    type_text(by_accessible_name(page, "Mot de passe du coffre"), PASSPHRASE)
    type_text(by_accessible_name(page, "Confirmation du mot de passe"), PASSPHRASE)
    page.create_button.click()
    window.recovery_page.written.setChecked(True)
    seen = []

    def notice(box):
        seen.append(box.text())
        return QMessageBox.StandardButton.Yes

    def settings(dialog):
        seen.append(dialog.objectName())
        dialog.reject()
        return QDialog.DialogCode.Rejected

    script.expect(notice)
    script.expect(settings)
    window.recovery_page.continue_button.click()
    assert "SIRET" in seen[0] and "représentant légal" in seen[0] and seen[1] == "settingsDialog"


def test_a_session_planned_during_the_withdrawal_period_is_flagged_on_the_sessions_page(window, script, clock):
    from bilan_desktop.domain.seances import Seance
    bw, repo = bilan_at(window, script, Step.PHASE_PRELIMINAIRE)
    repo.set_funding(1, Funding.PERSONNEL, clock.now())
    repo.save_section(1, Financement(contrat_signe_le=clock.today()), clock.now())
    repo.save_seance(1, Seance(date=clock.today() + dt.timedelta(days=3), etape=Step.PHASE_PRELIMINAIRE),
                     clock.now())
    bw.refresh()
    assert not bw.seances.warning.isHidden() and "délai de rétractation" in bw.seances.warning.text()
    assert "Fin du délai de rétractation" in bw.header.text()
    repo.save_section(1, Financement(contrat_signe_le=clock.today(), debut_anticipe_le=clock.today()), clock.now())
    bw.refresh()
    assert bw.seances.warning.isHidden()


def test_a_signature_drawn_with_a_finger(qtbot):
    """Touch events as the platform delivers them to the pad (offscreen Qt cannot route a synthetic touch to a
    child widget, so they are sent to the pad itself)."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QEventPoint, QTouchEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    dialog = SignatureDialog("Bénéficiaire", "séance")
    qtbot.addWidget(dialog)
    dialog.show()
    device, pad = QTest.createTouchDevice(), dialog.pad

    def touch(kind, state, x, y):
        point = QEventPoint(0, state, QPointF(x, y), QPointF(x, y))
        QApplication.sendEvent(pad, QTouchEvent(kind, device, Qt.KeyboardModifier.NoModifier, [point]))

    touch(QEvent.Type.TouchBegin, QEventPoint.State.Pressed, 20, 60)
    for x in range(30, 200, 10):
        touch(QEvent.Type.TouchUpdate, QEventPoint.State.Updated, x, 60 + x % 30)
    touch(QEvent.Type.TouchEnd, QEventPoint.State.Released, 200, 70)
    assert pad.is_signed and len(pad.strokes) == 1 and pad.points == 19
    assert pad.png().startswith(b"\x89PNG")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    pad.clear()
    assert not pad.is_signed and pad.png() == b""
