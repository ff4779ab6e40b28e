"""Issue 12, what is kept: session statuses, signatures and connection times, the beneficiary's civility and employer,
the provider's images, the schema migration from v5, the CEP transmission recorded by the export, working copies of
the detailed results destroyed with the content, and the command line's export and demo."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import sqlcipher3

from bilan_desktop.domain.beneficiary import Beneficiary, Civilite, Statut
from bilan_desktop.domain.funding import Funding
from bilan_desktop.domain.lifecycle import Step
from bilan_desktop.domain.provider import Provider
from bilan_desktop.domain.seances import Attestation, Role, Seance, Signature, StatutSeance
from bilan_desktop.domain.sections import Conservation, EntretienPrealable, FinDuBilan, ModaliteSeance
from bilan_desktop.domain.sharing import Destination
from bilan_desktop.domain.workflow import RuleViolation
from bilan_desktop.services.documents import DocumentService
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.dossiers import DossierRepository
from bilan_desktop.storage.exports import ExportLog, ProviderRepository
from bilan_desktop.storage.migrations import CURRENT_VERSION, migrate
from bilan_desktop.storage.retention import RetentionEngine
from tests.conftest import PASSPHRASE

NOW = dt.datetime(2026, 3, 9, 12, 0)


def _bilan(vault, funding=Funding.PERSONNEL) -> int:
    person = Beneficiary("Lefèvre", "Élodie", civilite=Civilite.MADAME, statut=Statut.DEMANDEUR_EMPLOI,
                         employeur="Transports Rhône", poste="Comptable", adresse="3 rue des Lilas\n69003 Lyon")
    return BilanRepository(vault).create(person, funding, NOW)


def test_sessions_keep_their_status_signatures_and_connection_times(vault):
    bilan_id = _bilan(vault)
    repo = DossierRepository(vault)
    signatures = (Signature(Role.BENEFICIAIRE, b"\x89PNG-b", dt.datetime(2026, 3, 9, 11, 58)),
                  Signature(Role.CONSULTANT, b"\x89PNG-c", dt.datetime(2026, 3, 9, 11, 59)))
    seance = Seance(date=dt.date(2026, 3, 9), debut=dt.time(9), fin=dt.time(12), modalite=ModaliteSeance.VISIO,
                    lien_visio="https://visio.exemple.fr/x", statut=StatutSeance.REALISEE,
                    connexion_debut=dt.time(9, 2), connexion_fin=dt.time(11, 57), attestation=Attestation.JOURNAL,
                    signatures=signatures)
    seance_id = repo.save_seance(bilan_id, seance, NOW)
    (stored,) = repo.load(bilan_id).seances
    assert stored == Seance(**{**seance.__dict__, "id": seance_id})
    # a session in person keeps no visio link; removing a signature removes it from the vault
    repo.save_seance(bilan_id, Seance(id=seance_id, date=seance.date, statut=StatutSeance.ANNULEE,
                                      lien_visio="https://oublie", signatures=signatures[1:]), NOW)
    (changed,) = repo.load(bilan_id).seances
    assert changed.lien_visio == "" and changed.statut is StatutSeance.ANNULEE
    assert [s.role for s in changed.signatures] == [Role.CONSULTANT]
    assert vault.conn.execute("SELECT count(*) FROM seance_signature").fetchone()[0] == 1
    overview = repo.overview()[bilan_id].seances[0]
    assert overview.statut is StatutSeance.ANNULEE and not overview.counted


def test_signatures_are_administrative_they_survive_the_destruction_of_content(vault):
    bilan_id = _bilan(vault)
    repo = DossierRepository(vault)
    repo.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=dt.date(2026, 3, 2)), NOW)
    repo.save_seance(bilan_id, Seance(date=dt.date(2026, 3, 9), statut=StatutSeance.REALISEE, notes="Notes privées",
                                      etape=Step.PHASE_PRELIMINAIRE, signatures=(
                                          Signature(Role.BENEFICIAIRE, b"sig", NOW),)), NOW)
    repo.save_section(bilan_id, FinDuBilan(date_fin=dt.date(2026, 3, 20), conservation=Conservation.AUCUNE), NOW)
    repo.set_step(bilan_id, Step.FIN_DU_BILAN, NOW)
    RetentionEngine(vault).run(dt.date(2026, 3, 21), NOW)
    (kept,) = repo.load(bilan_id).seances
    assert kept.notes == "" and kept.signatures[0].image == b"sig" and kept.realised


def test_the_beneficiary_and_the_provider_keep_what_the_documents_need(vault):
    bilan_id = _bilan(vault)
    person = BilanRepository(vault).beneficiary(bilan_id)
    assert (person.civilite, person.statut, person.employeur, person.poste) == (
        Civilite.MADAME, Statut.DEMANDEUR_EMPLOI, "Transports Rhône", "Comptable")
    assert person.full_name == "Madame Élodie Lefèvre" and person.address_line == "3 rue des Lilas, 69003 Lyon"
    provider = Provider(nom="Horizon", siret="73282932000074", representant="Claire", exonere_tva=False,
                        logo=b"L", signature=b"S", cachet=b"C")
    ProviderRepository(vault).save(provider)
    assert ProviderRepository(vault).load() == provider
    data = vault.conn.execute("SELECT data FROM provider").fetchone()[0]
    assert '"logo"' not in data and '"signature"' not in data  # images in their own columns, not in the JSON


def test_version_5_sessions_signed_become_realised(tmp_path):
    conn = sqlcipher3.connect(":memory:", isolation_level=None)
    migrate(conn, 5)
    conn.execute("INSERT INTO beneficiary VALUES (1, 'A', 'B', NULL, '', '', '', 'x', 'x')")
    conn.execute("INSERT INTO bilan VALUES (1, 1, 'cpf', 'phase_preliminaire', '2026-01-01', 'x', 'BC-2026-0001')")
    for sid, signed in ((1, 1), (2, 0)):
        conn.execute("INSERT INTO seance (id, bilan_id, date, debut, fin, modalite, etape, signe_beneficiaire, "
                     "updated_at) VALUES (?, 1, '2026-01-05', '09:00', '12:00', 'presentiel', 'phase_preliminaire', "
                     "?, 'x')", (sid, signed))
    conn.execute("INSERT INTO export_log (bilan_id, reference, document, exported_at, destination) VALUES "
                 "(1, 'BC-2026-0001', 'synthese', 'x', 'employeur')")
    assert migrate(conn) == CURRENT_VERSION
    assert conn.execute("SELECT id, statut FROM seance ORDER BY id").fetchall() == [(1, "realisee"), (2, "planifiee")]
    assert conn.execute("SELECT destination FROM export_log").fetchall() == [("employeur",)]
    conn.execute("INSERT INTO export_log (bilan_id, reference, document, exported_at, destination) VALUES "
                 "(1, 'BC-2026-0001', 'synthese', 'x', 'cep')")


def test_sending_the_synthese_to_the_cep_operator_records_the_exception_of_r6313_7(vault, tmp_path):
    bilan_id = _bilan(vault)
    repo = DossierRepository(vault)  # the service writes a synthèse only after consent, a certificate for held hours
    repo.save_section(bilan_id, EntretienPrealable(consentement_libre=True), NOW)
    repo.save_seance(bilan_id, Seance(date=dt.date(2026, 3, 9), statut=StatutSeance.REALISEE), NOW)
    service = DocumentService(vault)
    try:
        service.export("synthese", b"%PDF", bilan_id, "BC-2026-0001", Destination.CEP, False, tmp_path / "a.pdf", NOW)
        raise AssertionError("sent without the beneficiary's request")
    except RuleViolation as exc:
        assert "L6313-4" in exc.problems[0]
    assert not (tmp_path / "a.pdf").exists()
    service.export("synthese", b"%PDF", bilan_id, "BC-2026-0001", Destination.CEP, True, tmp_path / "a.pdf", NOW)
    fin = DossierRepository(vault).load(bilan_id).fin_du_bilan
    assert (fin.conservation, fin.synthese_cep_transmise_le) == (Conservation.SYNTHESE_CEP, NOW.date())
    service.export("certificat", b"%PDF", bilan_id, "BC-2026-0001", Destination.EMPLOYEUR, False, tmp_path / "c.pdf",
                   NOW)  # the certificate needs no agreement
    assert [e.destination for e in ExportLog(vault).entries(bilan_id)] == [Destination.CEP, Destination.EMPLOYEUR]


def test_a_working_copy_of_the_detailed_results_is_deleted_with_the_content(vault, tmp_path):
    bilan_id = _bilan(vault)
    repo = DossierRepository(vault)
    repo.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=dt.date(2026, 3, 2)), NOW)
    copy = tmp_path / "resultats.pdf"
    DocumentService(vault).export("resultats", b"%PDF-resultats", bilan_id, "BC-2026-0001", Destination.TRAVAIL,
                                  False, copy, NOW)
    repo.save_section(bilan_id, FinDuBilan(date_fin=dt.date(2026, 3, 20), conservation=Conservation.AUCUNE), NOW)
    repo.set_step(bilan_id, Step.FIN_DU_BILAN, NOW)
    report = RetentionEngine(vault).run(dt.date(2026, 3, 21), NOW)
    assert report.destroyed == ["BC-2026-0001"] and not copy.exists()


def _cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "bilan_desktop", *map(str, args)], input=stdin, text=True,
                          capture_output=True, env=os.environ.copy(), timeout=120)


def test_the_command_line_demo_then_export(tmp_path):
    folder = tmp_path / "demo"
    result = _cli("demo", folder)
    assert result.returncode == 0, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("Mot de passe : ")]
    passphrase = line.removeprefix("Mot de passe : ")
    listing = _cli("list", "--data-dir", folder, stdin=passphrase + "\n")
    assert listing.returncode == 0 and listing.stdout.count("BC-2026-") >= 10
    fundings = {row.split("\t")[2] for row in listing.stdout.splitlines()}
    assert fundings == {f.label for f in Funding}  # the demo is funded every way
    again = _cli("demo", folder)
    assert again.returncode == 9 and "pas vide" in again.stderr
    out = tmp_path / "out"
    out.mkdir()
    ok = _cli("export", "BC-2026-0004", "certificat", out / "c.pdf", "--destinataire", "financeur", "--data-dir",
              folder, stdin=passphrase + "\n")
    assert ok.returncode == 0, ok.stderr
    assert (out / "c.pdf").read_bytes().startswith(b"%PDF")
    refused = _cli("export", "BC-2026-0001", "synthese", out / "s.pdf", "--destinataire", "employeur", "--data-dir",
                   folder, stdin=passphrase + "\n")
    assert refused.returncode == 10 and "L6313-4" in refused.stderr and not (out / "s.pdf").exists()
    cpf = _cli("export", "BC-2026-0001", "contrat", out / "k.pdf", "--data-dir", folder, stdin=passphrase + "\n")
    assert cpf.returncode == 10 and "Mon Compte Formation" in cpf.stderr
    unknown = _cli("export", "BC-1999-0001", "certificat", out / "u.pdf", "--data-dir", folder,
                   stdin=passphrase + "\n")
    assert unknown.returncode == 10 and "Aucun bilan" in unknown.stderr
    exists = _cli("export", "BC-2026-0004", "certificat", out / "c.pdf", "--data-dir", folder,
                  stdin=passphrase + "\n")
    assert exists.returncode == 9 and "écrasé" in exists.stderr
    assert "Traceback" not in refused.stderr + cpf.stderr + unknown.stderr + exists.stderr
    assert PASSPHRASE not in ok.stdout


def test_the_detailed_results_export_to_docx_and_odt_and_other_documents_stay_pdf(vault):
    import io

    import docx

    from bilan_desktop.services.documents import DocumentUnavailable, produce
    from bilan_desktop.storage.dossiers import DossierRepository
    from tests.unit.documents_fixtures import dossier
    bilan_id = _bilan(vault)
    repo = DossierRepository(vault)
    source = dossier("Canari")
    repo.save_section(bilan_id, EntretienPrealable(consentement_libre=True, consentement_le=dt.date(2026, 3, 2)), NOW)
    repo.save_section(bilan_id, source.phase_investigation, NOW)
    word = docx.Document(io.BytesIO(produce(vault, bilan_id, "resultats", NOW.date(), ".docx")))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Poste Canari" in text and "Compétence Canari" in text and "Test Canari" in text
    assert word.core_properties.title == "Résultats détaillés du bilan" and word.core_properties.author == ""
    assert produce(vault, bilan_id, "resultats", NOW.date(), ".odt").startswith(b"PK")
    try:
        produce(vault, bilan_id, "certificat", NOW.date(), ".docx")
        raise AssertionError("a certificate is not editable")
    except DocumentUnavailable as exc:
        assert ".pdf" in exc.problems[0]
