"""Test set-up: offscreen Qt, every platform folder inside tmp_path, a cheap KDF for speed."""

from __future__ import annotations

import os
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from bilan_desktop import paths  # noqa: E402
from bilan_desktop.storage import keyfile  # noqa: E402

FAST_KDF = keyfile.KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
PASSPHRASE = "girafe lampion escalier brume ocre"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """platformdirs, QSettings and temporary files all point inside tmp_path."""
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        folder = tmp_path / "xdg" / var.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(var, str(folder))
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    paths.set_data_dir(None)
    yield tmp_path
    paths.set_data_dir(None)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """Argon2id at its cheapest in tests (the real parameters are asserted in test_keyfile)."""
    monkeypatch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture
def vault(tmp_path):
    from bilan_desktop.storage.vault import Vault
    v = Vault(tmp_path / "coffre")
    v.create(PASSPHRASE)
    yield v
    v.lock()
