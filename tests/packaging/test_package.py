"""The packaged application: built with PyInstaller from the spec, then run on a fresh vault."""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASS = "lampion quinoa marmotte du paquet"


def test_desktop_entry_and_metainfo_are_well_formed():
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "packaging" / "linux" / "fr.bilan_desktop.BilanDesktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "bilan-desktop" and section["Name"]
    root = ET.parse(ROOT / "packaging" / "linux" / "fr.bilan_desktop.BilanDesktop.metainfo.xml").getroot()
    assert root.find("id").text == "fr.bilan_desktop.BilanDesktop"
    assert root.find("launchable").text == "fr.bilan_desktop.BilanDesktop.desktop"
    for icon in ("bilan-desktop.ico", "bilan-desktop.icns", "bilan-desktop.png"):
        assert (ROOT / "packaging" / "icons" / icon).stat().st_size > 1000


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None,
                    reason="PyInstaller is part of requirements/dev.txt")
def test_built_binary_runs_version_init_and_check(tmp_path):
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    build = subprocess.run([str(pyinstaller), "--noconfirm", "--distpath", str(tmp_path / "dist"), "--workpath",
                            str(tmp_path / "build"), str(ROOT / "packaging" / "bilan-desktop.spec")],
                           capture_output=True, text=True, cwd=tmp_path, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    binary = tmp_path / "dist" / "bilan-desktop" / "bilan-desktop"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert version.returncode == 0 and version.stdout.strip().startswith("Bilan Desktop ")
    vault = tmp_path / "coffre"
    init = subprocess.run([str(binary), "init", "--data-dir", str(vault)], input=PASS + "\n", capture_output=True,
                          text=True, env=env, timeout=60)
    assert init.returncode == 0, init.stderr
    check = subprocess.run([str(binary), "check", "--data-dir", str(vault)], input=PASS + "\n",
                           capture_output=True, text=True, env=env, timeout=60)
    assert check.returncode == 0 and "Intégrité : OK" in check.stdout, check.stdout + check.stderr
    resources = tmp_path / "dist" / "bilan-desktop" / "_internal" / "bilan_desktop" / "resources"
    assert (resources / "rome" / "rome.sqlite").exists() and (resources / "fonts" / "DejaVuSans.ttf").exists()
    assert list((tmp_path / "dist" / "bilan-desktop" / "_internal").rglob("qtbase_fr.qm"))
