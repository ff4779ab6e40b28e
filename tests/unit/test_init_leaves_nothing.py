"""Issue 19, point 9: `bilan-desktop init` with a refused passphrase creates no folder; a creation that fails midway
removes what it made, and only that."""

from __future__ import annotations

import io
import sys

from bilan_desktop import cli
from bilan_desktop.storage.vault import Vault
from tests.conftest import PASSPHRASE


def init(folder, stdin: str, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["init", "--data-dir", str(folder)])
    return code, capsys.readouterr().err


def test_a_refused_passphrase_leaves_no_folder(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "nouveau" / "coffre"
    for refused in ("court\n", "\n", "motdepasse\n"):
        code, err = init(folder, refused, monkeypatch, capsys)
        assert code == 2 and err.strip() and "Traceback" not in err
        assert not (tmp_path / "nouveau").exists()
    code, _ = init(folder, PASSPHRASE + "\n", monkeypatch, capsys)
    assert code == 0 and sorted(p.name for p in folder.iterdir()) == ["coffre.db", "coffre.key"]


def test_a_creation_failing_midway_removes_only_what_it_made(tmp_path, monkeypatch, capsys):
    real_create = Vault.create

    def failing(self, passphrase, *args, **kwargs):  # the disk fills up once the key file is written
        real_create(self, passphrase, *args, **kwargs)
        self.lock()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Vault, "create", failing)
    folder = tmp_path / "nouveau" / "coffre"
    code, err = init(folder, PASSPHRASE + "\n", monkeypatch, capsys)
    assert code == 9 and "Rien n'a été modifié" in err
    assert not (tmp_path / "nouveau").exists()
    existing = tmp_path / "existant"
    existing.mkdir()
    (existing / "notes.txt").write_text("à moi")
    code, _ = init(existing, PASSPHRASE + "\n", monkeypatch, capsys)
    assert code == 9 and sorted(p.name for p in existing.iterdir()) == ["notes.txt"]
