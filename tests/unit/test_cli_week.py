"""Issue 14 on the command line: `a-faire` and `agenda` (text, and --ics), initials unless asked."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

from icalendar import Calendar


def _cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "bilan_desktop", *map(str, args)], input=stdin, text=True,
                          capture_output=True, env=os.environ.copy(), timeout=120)


def test_todo_and_agenda_on_the_demo(tmp_path):
    folder = tmp_path / "demo"
    passphrase = next(line for line in _cli("demo", folder).stdout.splitlines()
                      if line.startswith("Mot de passe : ")).removeprefix("Mot de passe : ")
    todo = _cli("a-faire", "--data-dir", folder, stdin=passphrase + "\n")
    assert todo.returncode == 0, todo.stderr
    assert "Convention à faire signer" in todo.stdout and "Délai de rétractation" in todo.stdout
    # initials by default; the demo numbers its bilans in the year it is made
    assert "Jérôme" not in todo.stdout and re.search(r"BC-\d{4}-0002 — J\. M\.\t", todo.stdout)
    named = _cli("a-faire", "--noms-complets", "--data-dir", folder, stdin=passphrase + "\n")
    assert "Jérôme Martin" in named.stdout
    today = dt.date.today()
    start, end = today.isoformat(), (today + dt.timedelta(days=13)).strftime("%d/%m/%Y")
    target = tmp_path / "agenda.ics"
    agenda = _cli("agenda", "--du", start, "--au", end, "--ics", target, "--data-dir", folder, stdin=passphrase + "\n")
    assert agenda.returncode == 0, agenda.stderr
    lines = agenda.stdout.splitlines()
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(lines) == len(events) >= 3 and "Calendrier écrit" in agenda.stderr
    assert "Élodie" not in target.read_text(encoding="utf-8")
    wrong = _cli("agenda", "--du", "demain", "--au", end, "--data-dir", folder, stdin=passphrase + "\n")
    assert wrong.returncode == 2 and "AAAA-MM-JJ ou JJ/MM/AAAA" in wrong.stderr and "Traceback" not in wrong.stderr
    backwards = _cli("agenda", "--du", end, "--au", start, "--data-dir", folder, stdin=passphrase + "\n")
    assert backwards.returncode == 2 and "précède" in backwards.stderr


def test_stats_on_the_command_line(tmp_path):
    import csv
    folder = tmp_path / "demo"
    passphrase = next(line for line in _cli("demo", folder).stdout.splitlines()
                      if line.startswith("Mot de passe : ")).removeprefix("Mot de passe : ")
    year = dt.date.today().year
    target = tmp_path / "chiffres.csv"
    result = _cli("stats", "--du", f"{year}-01-01", "--au", f"31/12/{year}", "--csv", target, "--data-dir", folder,
                  stdin=passphrase + "\n")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    labels = {row[1] for row in rows[1:]}
    assert {"Bilans commencés", "Heures réalisées — CPF (Caisse des Dépôts)", "Taux d'achèvement"} <= labels
    assert "Martin" not in target.read_text(encoding="utf-8-sig")
    screen = _cli("stats", "--du", f"{year}-01-01", "--au", f"{year}-12-31", "--data-dir", folder,
                  stdin=passphrase + "\n")
    assert screen.returncode == 0 and "Activité\tBilans commencés\t" in screen.stdout
