"""Issue 19, point 1: every command of the command line that writes a file goes through one guard. Aimed at the
vault's data or key file, at a symbolic or hard link to either, at a path inside the vault's folder or through a
link to that folder, it refuses in French, writes nothing (`--remplacer` or not), and the vault's bytes stay the same
and still open; an existing unrelated file is refused without `--remplacer` and replaced with it.

The table of commands below is written by hand, on purpose independent of any table of the application; the last
test checks that the command line's writing subcommands are exactly these, so that a new one needs its line here."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import sys
from pathlib import Path

import pytest

from bilan_desktop import cli
from bilan_desktop.demo import DEMO_PASSPHRASE, create_demo_vault
from bilan_desktop.storage.vault import Vault

BACKUP_SECRET = "la phrase de la copie de sauvegarde"
TODAY = dt.date.today()
PERIOD = ["--du", f"{TODAY.year}-01-01", "--au", f"{TODAY.year}-12-31"]

# command -> (arguments before the target, arguments after it, extension, lines on stdin, can replace, first bytes)
WRITING_COMMANDS = {
    "export": (["export", "BC-2026-0004", "contrat"], [], ".pdf", 1, True, b"%PDF"),
    "agenda": (["agenda", *PERIOD, "--ics"], [], ".ics", 1, True, b"BEGIN:VCALENDAR"),
    "stats": (["stats", *PERIOD, "--csv"], [], ".csv", 1, True, "\ufeff".encode()),
    "backup": (["backup"], [], ".bilanbak", 2, True, b""),
    "demo": (["demo"], [], "", 0, False, b""),
}


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    """A vault with bilans whose documents can be produced (the demo's), made once."""
    from tests.conftest import FAST_KDF
    folder = tmp_path_factory.mktemp("vault") / "coffre"
    from bilan_desktop.storage.retention import RetentionEngine
    vault = create_demo_vault(folder.parent, TODAY, FAST_KDF, vault_folder=folder)
    vault.unlock(DEMO_PASSPHRASE)
    RetentionEngine(vault).run(TODAY, dt.datetime.now())  # what every unlock does, done once beforehand
    vault.lock()
    return folder


@pytest.fixture
def vault_folder(demo_vault, tmp_path):
    import shutil
    folder = tmp_path / "coffre"
    shutil.copytree(demo_vault, folder)
    return folder


def run(args: list[str], lines: int, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{s}\n" for s in [DEMO_PASSPHRASE, BACKUP_SECRET][:lines])))
    code = cli.main(args)
    return code, capsys.readouterr().err


def fingerprint(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in ("coffre.db", "coffre.key")}


def targets(folder: Path, out: Path, ext: str) -> dict[str, Path]:
    """Every way of naming the vault that a typo, a link or a shared folder may give."""
    out.mkdir(exist_ok=True)
    found = {"data file": folder / "coffre.db", "key file": folder / "coffre.key",
             "inside the folder": folder / f"nouveau{ext}", "below the folder": folder / "sous" / f"nouveau{ext}"}
    for name in ("coffre.db", "coffre.key"):
        symlink, hardlink = out / f"sym-{name}{ext}", out / f"dur-{name}{ext}"
        symlink.symlink_to(folder / name)
        os.link(folder / name, hardlink)
        found[f"symbolic link to {name}"], found[f"hard link to {name}"] = symlink, hardlink
    (out / "vers-coffre").symlink_to(folder, target_is_directory=True)
    found["through a link to the folder"] = out / "vers-coffre" / f"nouveau{ext}"
    (out / f"pointe-dans-le-coffre{ext}").symlink_to(folder / f"absent{ext}")
    found["a dangling link into the folder"] = out / f"pointe-dans-le-coffre{ext}"
    return found


@pytest.mark.parametrize("command", sorted(WRITING_COMMANDS))
def test_every_writing_command_refuses_the_vault(command, vault_folder, tmp_path, monkeypatch, capsys):
    before, after_args, ext, lines, can_replace, _magic = WRITING_COMMANDS[command]
    reference = fingerprint(vault_folder)
    listing = sorted(p.relative_to(vault_folder) for p in vault_folder.rglob("*"))
    for label, target in targets(vault_folder, tmp_path / "sorties", ext).items():
        for replace in ([False, True] if can_replace else [False]):
            args = [*before, str(target), *after_args, "--data-dir", str(vault_folder)]
            code, err = run(args + (["--remplacer"] if replace else []), lines, monkeypatch, capsys)
            assert code != 0, (command, label, replace)
            assert "Traceback" not in err and "Rien n'a été" in err, (command, label, err)
            assert fingerprint(vault_folder) == reference, (command, label, replace)
            assert sorted(p.relative_to(vault_folder) for p in vault_folder.rglob("*")) == listing, (command, label)
    for name in ("coffre.db", "coffre.key"):  # the links are still the links they were
        assert (tmp_path / "sorties" / f"sym-{name}{ext}").resolve() == vault_folder / name
        assert os.path.samefile(tmp_path / "sorties" / f"dur-{name}{ext}", vault_folder / name)
    vault = Vault(vault_folder)
    vault.unlock(DEMO_PASSPHRASE)  # still opens, with the same passphrase
    vault.lock()


@pytest.mark.parametrize("command", sorted(WRITING_COMMANDS))
def test_an_existing_file_is_replaced_only_when_asked(command, vault_folder, tmp_path, monkeypatch, capsys):
    before, after_args, ext, lines, can_replace, magic = WRITING_COMMANDS[command]
    existing = tmp_path / f"existant{ext}"
    existing.write_bytes(b"le fichier du consultant")
    args = [*before, str(existing), *after_args, "--data-dir", str(vault_folder)]
    code, err = run(args, lines, monkeypatch, capsys)
    assert code == 9 and "Rien n'a été écrit" in err and "Traceback" not in err, (code, err)
    assert existing.read_bytes() == b"le fichier du consultant"
    if can_replace:
        code, err = run([*args, "--remplacer"], lines, monkeypatch, capsys)
        assert code == 0, err
        assert existing.read_bytes() != b"le fichier du consultant" and existing.read_bytes().startswith(magic)
        assert existing.stat().st_mode & 0o777 == 0o600 and not existing.is_symlink()
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    fresh = tmp_path / "neuf" / f"nouveau{ext}"
    fresh.parent.mkdir()
    code, err = run([*before, str(fresh), *after_args, "--data-dir", str(vault_folder)], lines, monkeypatch, capsys)
    assert code == 0 and fresh.exists(), err  # a new file is written without asking


def test_the_writing_subcommands_are_exactly_those_tested():
    """A subcommand writes a file when it takes an output (SORTIE) or a folder to fill (DOSSIER, --data-dir aside);
    each such subcommand must be in WRITING_COMMANDS above, and each that may replace a file takes --remplacer."""
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    writers, replacers = set(), set()
    for name, subparser in sub.choices.items():
        actions = [a for a in subparser._actions if a.dest not in ("data_dir", "help")]
        if any(a.metavar in ("SORTIE", "DOSSIER") for a in actions):
            writers.add(name)
        if any("--remplacer" in a.option_strings for a in actions):
            replacers.add(name)
    assert writers == set(WRITING_COMMANDS)
    assert replacers == {name for name, spec in WRITING_COMMANDS.items() if spec[4]}
