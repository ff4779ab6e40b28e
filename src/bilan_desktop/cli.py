"""Command line, in the spirit of keepassxc-cli. Without a subcommand the window opens."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import re
import signal
import sys
from pathlib import Path

from . import APP_NAME, __version__, paths
from .cli_common import (
    EXIT_BROKEN_INSTALL,
    EXIT_CHECK_FAILED,
    EXIT_DAMAGED,
    EXIT_FILE,
    EXIT_IN_USE,
    EXIT_USAGE,
    FILE_ERROR_MESSAGE,
    read_secret,
    unlocked_vault,
    vault_here,
)
from .cli_documents import REPLACE_HELP, add_commands, cmd_agenda, cmd_demo, cmd_export, cmd_stats, cmd_todo
from .domain.clock import SystemClock
from .domain.dates import short_date
from .domain.text import counted
from .logsetup import setup_logging
from .storage.errors import VaultError

EXIT_CODES = """codes de sortie :
  0  succès
  1  erreur inattendue
  2  saisie invalide (mot de passe trop court, confirmation différente, option inconnue)
  3  mot de passe incorrect, fichier endommagé ou coffre d'une version plus récente
  4  aucun coffre dans ce dossier (ou, pour init, un coffre existe déjà)
  5  coffre déjà ouvert par une autre instance de Bilan Desktop
  6  sauvegarde invalide, endommagée ou mot de passe de sauvegarde incorrect ; sauvegarde visant le dossier du
     coffre ou l'un de ses fichiers
  7  le contrôle d'intégrité a trouvé des problèmes (pour list : des bilans illisibles, laissés de côté)
  8  installation défectueuse (version de Qt pour Python incompatible)
  9  fichier ou dossier inutilisable (introuvable, protégé en écriture, disque plein, dossier à la place d'un fichier),
     ou refusé : dans le dossier du coffre ou à la place de l'un de ses fichiers (même par un lien), ou déjà
     existant sans --remplacer
  10 export refusé (bilan inconnu, document indisponible, destinataire non autorisé par l'art. L6313-4)

Les mots de passe sont lus au terminal ; quand l'entrée standard n'est pas un terminal,
une ligne par mot de passe demandé est lue sur l'entrée standard."""

log = logging.getLogger(__name__)


class _FrenchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class UsageError(Exception):
    """A command line argparse refused; `message` is French."""


def french_usage_message(message: str) -> str:
    """argparse speaks English: one French sentence for each of its errors."""
    patterns = [
        (r"the following arguments are required: (.+)", "Argument manquant : {0}."),
        (r"unrecognized arguments: (.+)", "Argument inconnu : {0}."),
        (r"argument COMMANDE: invalid choice: '([^']*)'.*", "Commande inconnue : « {0} »."),
        (r"argument (\S+): expected one argument", "L'option {0} attend une valeur."),
        (r"argument (\S+): ignored explicit argument '([^']*)'", "L'option {0} ne prend pas de valeur."),
        (r"ambiguous option: (\S+) could match.*", "Option ambiguë : {0}."),
    ]
    for pattern, french in patterns:
        match = re.fullmatch(pattern, message.strip())
        if match:
            return french.format(*match.groups())
    return "Ligne de commande invalide."


class FrenchArgumentParser(argparse.ArgumentParser):
    """French titles and help option; errors raised as UsageError (one French sentence) instead of English."""

    def __init__(self, *args, french_help: bool = True, **kwargs):
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _FrenchHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if french_help:
            self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message):
        raise UsageError(french_usage_message(message))


def build_parser() -> argparse.ArgumentParser:
    common = FrenchArgumentParser(french_help=False)
    common.add_argument("--data-dir", metavar="DOSSIER", default=argparse.SUPPRESS,
                        help="dossier du coffre (par défaut : le dossier de données de l'utilisateur)")
    parser = FrenchArgumentParser(
        prog="bilan-desktop", parents=[common], epilog=EXIT_CODES,
        description=f"{APP_NAME} : bilans de compétences, hors ligne et chiffrés. "
                    "Sans sous-commande, ouvre la fenêtre de l'application.")
    parser.add_argument("--demo", action="store_true",
                        help="ouvre un coffre de démonstration jetable (dix bilans fictifs), effacé à la sortie")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="affiche la version et quitte")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes",
                                parser_class=FrenchArgumentParser)
    sub.add_parser("init", parents=[common], help="crée un coffre et affiche une fois son code de secours")
    sub.add_parser("check", parents=[common], help="contrôle le chiffrement, l'intégrité et la version du schéma")
    sub.add_parser("list", parents=[common], help="liste les bilans")
    backup = sub.add_parser("backup", parents=[common], help="écrit une sauvegarde chiffrée dans SORTIE")
    backup.add_argument("output", metavar="SORTIE")
    backup.add_argument("--remplacer", action="store_true", help=REPLACE_HELP)
    restore = sub.add_parser("restore", parents=[common], help="restaure la sauvegarde ENTRÉE (après vérification)")
    restore.add_argument("input", metavar="ENTRÉE")
    add_commands(sub, common)
    return parser


_INIT_NAMES = re.compile(r"^(coffre\.(db|key|lock)|\.coffre\.(db|key)\.\d+(-[0-9a-f]{8})?\.tmp(-journal)?)$")


def _undo_init(folder: Path, created: list[Path], before: set[str]) -> None:
    """After a failed `init`: remove what it created (the vault's own names that were not there before, then the
    folders it made, innermost first, only if empty); nothing else."""
    import contextlib
    for name in (set(os.listdir(folder)) - before) if folder.is_dir() else set():
        if _INIT_NAMES.match(name):
            with contextlib.suppress(OSError):
                (folder / name).unlink()
    for made in created:  # innermost first
        with contextlib.suppress(OSError):
            made.rmdir()


def cmd_init(args) -> int:
    """The passphrase is checked before anything is created: a refused one leaves no folder behind; a creation
    that fails midway removes what it made."""
    from .instance_lock import InstanceLock
    from .storage.keyfile import check_new_passphrase
    passphrase = read_secret("Nouveau mot de passe (12 caractères au moins) : ")
    check_new_passphrase(passphrase)
    if sys.stdin.isatty() and getpass.getpass("Confirmez le mot de passe : ") != passphrase:
        print("Les deux mots de passe diffèrent.", file=sys.stderr)
        return 2
    folder = paths.data_dir()
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    before = set(os.listdir(folder)) if folder.is_dir() else set()
    lock = InstanceLock(paths.lock_path())
    status = lock.acquire()
    if not status.ok:
        _undo_init(folder, created, before)
        print(status.message, file=sys.stderr)
        return EXIT_IN_USE if status.in_use else EXIT_FILE
    try:
        vault = vault_here()
        code = vault.create(passphrase)
        vault.lock()
    except BaseException:
        lock.release()
        _undo_init(folder, created, before)
        raise
    finally:
        lock.release()
    print(f"Coffre créé dans {paths.data_dir()}")
    print("Code de secours (affiché une seule fois ; imprimez-le ou notez-le et gardez-le à part) :")
    print(code)
    return 0


def cmd_check(args) -> int:
    from .storage.readcheck import unreadable_part
    vault = unlocked_vault(tolerate_damage=True)
    try:
        problems = vault.check()
        if not problems:  # the file is sound: are its rows readable by the application?
            where = unreadable_part(vault.conn)
            if where:
                problems.append(f"Données illisibles par l'application : {where}.")
        version = vault.schema_version()
        settings = vault.cipher_settings()
    finally:
        vault.lock()
    print(f"Chiffrement : SQLCipher {settings['cipher_version']}, {settings['cipher_hmac_algorithm']}, "
          f"pages de {settings['cipher_page_size']} octets")
    print(f"Version du schéma : {version}")
    if problems:
        print(f"Intégrité : {counted(len(problems), 'problème détecté', 'problèmes détectés')}")
        for problem in problems[:20]:
            print(f"  {problem}")
        return EXIT_CHECK_FAILED
    print("Intégrité : OK")
    return 0


def cmd_list(args) -> int:
    from .storage.bilans import BilanRepository
    from .storage.dossiers import DossierRepository
    vault = unlocked_vault()  # says which bilans the engine could not read
    skipped: list[int] = []
    try:
        summaries = BilanRepository(vault).summaries(skipped=skipped)
        DossierRepository(vault).overview(skipped=skipped)
    finally:
        vault.lock()
    for s in summaries:
        print(f"{s.reference}\t{s.display_name}\t{s.funding.label}\t{s.step.label}\t{short_date(s.opened_on)}")
    print(counted(len(summaries), "bilan"), file=sys.stderr)
    return EXIT_CHECK_FAILED if skipped else 0


def cmd_backup(args) -> int:
    from .services.backups import back_up
    from .storage.backup import check_backup_target
    check_backup_target(Path(args.output), paths.data_dir(), args.remplacer)  # before asking anything
    vault = unlocked_vault()
    try:
        secret = read_secret("Mot de passe de la sauvegarde (12 caractères au moins) : ")
        manifest, removed = back_up(vault, Path(args.output), secret, SystemClock().now(), replace=args.remplacer)
    finally:
        vault.lock()
    print(f"Sauvegarde écrite et vérifiée : {counted(sum(manifest.row_counts.values()), 'enregistrement')}.")
    if removed:  # R6313-7: older backups of the application, expired or holding destroyed content
        print(f"{counted(len(removed), 'ancienne sauvegarde supprimée', 'anciennes sauvegardes supprimées')} "
              "(règle de conservation des sauvegardes).")
    return 0


def cmd_restore(args) -> int:
    from .services.backups import restore
    vault = unlocked_vault(tolerate_damage=True)  # restoring is the cure for a damaged vault
    try:
        secret = read_secret("Mot de passe de la sauvegarde : ")
        manifest = restore(vault, Path(args.input), secret, SystemClock().now())
    finally:
        vault.lock()
    print(f"Sauvegarde du {manifest.created_at[:10]} restaurée : "
          f"{counted(sum(manifest.row_counts.values()), 'enregistrement')}.")
    return 0


def _exit_on_termination(_signum, _frame) -> None:
    raise SystemExit(0)  # unwinds through the demo's `finally`: its folder is removed whenever SIGTERM comes


def _run_demo(run_gui) -> int:
    from .demo import DemoFolder, create_demo_vault
    signal.signal(signal.SIGTERM, _exit_on_termination)  # before the folder exists; the window installs its own
    folder = DemoFolder()
    try:
        paths.set_data_dir(folder.path / "coffre")
        create_demo_vault(folder.path, SystemClock().today())
        log.info("demo vault created")
        return run_gui(demo=True)
    finally:
        folder.cleanup()


COMMANDS = {"init": cmd_init, "check": cmd_check, "list": cmd_list, "backup": cmd_backup,
            "restore": cmd_restore, "export": cmd_export, "demo": cmd_demo, "agenda": cmd_agenda, "a-faire": cmd_todo,
            "stats": cmd_stats}


def _run_command(args) -> int:
    from .instance_lock import InstanceLock
    from .storage.errors import VaultMissing
    if args.command == "demo":  # writes into its own folder: no vault of the user's is touched
        return cmd_demo(args)
    if args.command == "init":  # creates the folder only once the passphrase is accepted, and locks it itself
        return cmd_init(args)
    folder = paths.data_dir()
    if args.command != "init" and not folder.is_dir():
        if folder.exists():
            print(FILE_ERROR_MESSAGE, file=sys.stderr)
            return EXIT_FILE
        print(VaultMissing.user_message, file=sys.stderr)  # and the folder is not created
        return VaultMissing.exit_code
    lock = InstanceLock(paths.lock_path())
    status = lock.acquire()
    if not status.ok:
        print(status.message, file=sys.stderr)
        return EXIT_IN_USE if status.in_use else EXIT_FILE
    try:
        log.info("command %s", args.command)
        return COMMANDS[args.command](args)
    finally:
        lock.release()


def main(argv: list[str] | None = None) -> int:
    from .hardening import harden_process, sweep_stale_temp_files
    from .storage.vault import DatabaseError
    harden_process()
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"{exc} Voir « bilan-desktop --help ».", file=sys.stderr)
        return EXIT_USAGE
    from .qt_selfcheck import binding_problem
    problem = binding_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_BROKEN_INSTALL
    paths.set_data_dir(getattr(args, "data_dir", None))
    setup_logging()
    if paths.data_dir().is_dir():
        sweep_stale_temp_files(paths.data_dir())
    try:
        if args.command is None:
            from .ui.app import run_gui
            if args.demo:
                return _run_demo(run_gui)
            return run_gui()
        return _run_command(args)
    except VaultError as exc:
        print(exc.user_message, file=sys.stderr)
        return exc.exit_code
    except (ValueError, TypeError, KeyError) as exc:  # a row the application cannot decode: never a traceback
        log.warning("unreadable data: %s", type(exc).__name__)
        print("Des données du coffre sont illisibles (endommagées ou modifiées hors de l'application). Rien n'a été "
              "modifié ; lancez « bilan-desktop check », puis restaurez une sauvegarde si besoin.", file=sys.stderr)
        return EXIT_DAMAGED
    except DatabaseError as exc:
        log.warning("database error: %s", type(exc).__name__)
        print("Le coffre est endommagé : lancez « bilan-desktop check », puis restaurez une sauvegarde si besoin. "
              "Rien n'a été modifié.", file=sys.stderr)
        return EXIT_DAMAGED
    except OSError as exc:
        log.warning("file error: %s", type(exc).__name__)
        print(FILE_ERROR_MESSAGE, file=sys.stderr)
        return EXIT_FILE
    except KeyboardInterrupt:
        return 1
