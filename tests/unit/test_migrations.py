"""Every earlier schema version, as a committed fixture vault, opens and migrates to the current one."""

import shutil
from pathlib import Path

import pytest

from bilan_desktop.domain.funding import Funding
from bilan_desktop.storage.bilans import BilanRepository
from bilan_desktop.storage.errors import MigrationFailed
from bilan_desktop.storage.migrations import APPLICATION_ID, CURRENT_VERSION, MIGRATIONS
from bilan_desktop.storage.vault import Vault
from tests.fixtures.make_vault_fixtures import FIXTURE_PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EARLIER = list(range(1, CURRENT_VERSION))


def test_there_is_a_fixture_for_every_earlier_version():
    assert CURRENT_VERSION == len(MIGRATIONS)
    for version in EARLIER:
        assert (FIXTURES / f"schema_v{version}" / "coffre.db").exists(), version


@pytest.mark.parametrize("version", EARLIER)
def test_fixture_of_each_earlier_version_opens_and_migrates(tmp_path, version):
    folder = tmp_path / f"v{version}"
    shutil.copytree(FIXTURES / f"schema_v{version}", folder)
    vault = Vault(folder)
    vault.unlock(FIXTURE_PASSPHRASE)
    assert vault.schema_version() == CURRENT_VERSION
    assert vault.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert vault.check() == []
    summaries = {s.nom: s for s in BilanRepository(vault).summaries()}
    assert set(summaries) == {"Dupont", "N'Diaye"}
    assert summaries["Dupont"].prenom == "Élodie"
    assert summaries["N'Diaye"].funding is Funding.PLAN_DEVELOPPEMENT
    # v2: references numbered per opening year, in opening order
    assert summaries["N'Diaye"].reference == "BC-2025-0001"
    assert summaries["Dupont"].reference == "BC-2026-0001"
    vault.lock()
    vault.unlock(FIXTURE_PASSPHRASE)  # reopening a migrated vault is a no-op
    assert vault.schema_version() == CURRENT_VERSION
    vault.lock()


def test_a_failing_migration_leaves_the_previous_version(tmp_path, monkeypatch):
    from bilan_desktop.storage import migrations
    folder = tmp_path / "v1"
    shutil.copytree(FIXTURES / "schema_v1", folder)

    def broken(conn):
        conn.execute("ALTER TABLE bilan ADD COLUMN reference TEXT")
        raise RuntimeError("migration interrompue")

    monkeypatch.setattr(migrations, "MIGRATIONS", [migrations.MIGRATIONS[0], broken])
    vault = Vault(folder)
    with pytest.raises(MigrationFailed) as info:
        vault.unlock(FIXTURE_PASSPHRASE)
    assert "version précédente" in info.value.user_message
    monkeypatch.undo()
    vault = Vault(folder)
    vault.unlock(FIXTURE_PASSPHRASE)  # the half-done step was rolled back: the real one applies cleanly
    assert vault.schema_version() == CURRENT_VERSION
    vault.lock()
