"""`bilan-desktop export` (one document of one bilan, guarded and logged as in the window) and `bilan-desktop demo`
(a demo vault written into a folder, its passphrase printed, so that anyone can try the command line)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import paths
from .domain.clock import SystemClock

EXIT_REFUSED = 10
DOCUMENTS = {"synthese": "synthese", "resultats": "resultats", "convention": "convention", "contrat": "contrat",
             "emargement": "emargement", "emargement-vierge": "emargement_vierge", "certificat": "certificat",
             "accord": "accord_conservation", "convocation": "convocation", "pv": "pv_destruction"}
RECIPIENTS = {"beneficiaire": "beneficiaire", "employeur": "employeur", "financeur": "financeur", "cep": "cep",
              "copie": "travail"}


REPLACE_HELP = "remplace le fichier SORTIE s'il existe (sinon il n'est jamais écrasé)"


def add_commands(sub, common) -> None:
    export = sub.add_parser("export", parents=[common], help="exporte un document d'un bilan dans SORTIE (.pdf ; "
                                                             "synthèse et résultats aussi en .docx ou .odt)")
    export.add_argument("reference", metavar="RÉFÉRENCE", help="référence du bilan (ex. BC-2026-0001)")
    export.add_argument("document", metavar="DOCUMENT", choices=list(DOCUMENTS),
                        help="un document parmi : " + ", ".join(DOCUMENTS))
    export.add_argument("output", metavar="SORTIE")
    export.add_argument("--remplacer", action="store_true", help=REPLACE_HELP)
    export.add_argument("--destinataire", choices=list(RECIPIENTS), default=None,
                        help="à qui le document est remis (par défaut : beneficiaire, ou copie pour le pv)")
    export.add_argument("--accord-ecrit", action="store_true",
                        help="l'accord écrit du bénéficiaire pour cette transmission est recueilli (art. L6313-4)")
    agenda = sub.add_parser("agenda", parents=[common], help="les séances et entretiens de suivi d'une période ; "
                                                              "--ics écrit un fichier de calendrier")
    agenda.add_argument("--du", metavar="DATE", required=True, help="premier jour (AAAA-MM-JJ ou JJ/MM/AAAA)")
    agenda.add_argument("--au", metavar="DATE", required=True, help="dernier jour, inclus")
    agenda.add_argument("--ics", metavar="SORTIE", help="fichier .ics à importer dans un agenda")
    agenda.add_argument("--remplacer", action="store_true", help=REPLACE_HELP)
    agenda.add_argument("--noms-complets", action="store_true",
                        help="le nom complet du bénéficiaire au lieu de ses initiales et, dans le fichier .ics, le "
                             "lien de visio (déconseillé pour un agenda en ligne)")
    todo = sub.add_parser("a-faire", parents=[common], help="ce qui attend le consultant, par date")
    todo.add_argument("--noms-complets", action="store_true", help="les noms complets au lieu des initiales")
    stats = sub.add_parser("stats", parents=[common], help="les chiffres d'une période (Qualiopi, bilan pédagogique "
                                                            "et financier), en CSV")
    stats.add_argument("--du", metavar="DATE", required=True, help="premier jour (AAAA-MM-JJ ou JJ/MM/AAAA)")
    stats.add_argument("--au", metavar="DATE", required=True, help="dernier jour, inclus")
    stats.add_argument("--csv", metavar="SORTIE", help="fichier CSV (une ligne par chiffre) ; sinon à l'écran")
    stats.add_argument("--remplacer", action="store_true", help=REPLACE_HELP)
    demo = sub.add_parser("demo", parents=[common], help="écrit un coffre de démonstration dans DOSSIER et affiche "
                                                         "son mot de passe")
    demo.add_argument("folder", metavar="DOSSIER")


def cmd_export(args) -> int:
    from .cli_common import unlocked_vault
    from .domain.sharing import Destination, destinations
    from .domain.workflow import RuleViolation
    from .services.documents import DocumentService, DocumentUnavailable, produce
    target = Path(args.output)
    if target.suffix.lower() not in (".pdf", ".docx", ".odt"):
        print("Indiquez l'extension du fichier de sortie : .pdf, .docx ou .odt. Rien n'a été écrit.", file=sys.stderr)
        return EXIT_REFUSED
    check_output(target, args.remplacer)  # before the passphrase is asked; checked again at the last moment
    vault = unlocked_vault()
    try:
        from .services.bilans import BilanService
        bilan_id = BilanService(vault).bilan_id_of(args.reference)
        if bilan_id is None:
            print(f"Aucun bilan ne porte la référence « {args.reference} ».", file=sys.stderr)
            return EXIT_REFUSED
        document = DOCUMENTS[args.document]
        now = SystemClock().now()
        try:
            data = produce(vault, bilan_id, document, now.date(), target.suffix.lower())
            recipient = Destination(RECIPIENTS[args.destinataire]) if args.destinataire else destinations(document)[0]
            DocumentService(vault).export(document, data, bilan_id, args.reference, recipient, args.accord_ecrit,
                                          target, now, args.remplacer)
        except (RuleViolation, DocumentUnavailable) as exc:
            print("Export refusé : " + " ".join(exc.problems), file=sys.stderr)
            return EXIT_REFUSED
    finally:
        vault.lock()
    print(f"Document écrit : {target}")
    return 0


def check_output(target: Path, replace: bool) -> None:
    """The guard of written files, against the vault of --data-dir (OutputRefused: French, exit code 9)."""
    from .storage.output_guard import check_target
    check_target(target, paths.data_dir(), replace)


def cmd_demo(args) -> int:
    from .cli_common import EXIT_FILE
    from .demo import DEMO_PASSPHRASE, create_demo_vault
    folder = Path(args.folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print("Le dossier existe et n'est pas vide : le coffre de démonstration s'écrit dans un dossier neuf. Rien "
              "n'a été écrit.", file=sys.stderr)
        return EXIT_FILE
    check_output(folder / "coffre.db", True)  # never into the real vault's folder (a new folder: nothing replaced)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    create_demo_vault(folder, SystemClock().today(), vault_folder=folder)
    print(f"Coffre de démonstration écrit dans {folder}")
    print("Essayez : bilan-desktop list --data-dir " + str(folder))
    print(f"Mot de passe : {DEMO_PASSPHRASE}")
    return 0


def _period(args) -> tuple:
    from .domain.agenda import parse_day
    start, end = parse_day(args.du), parse_day(args.au)
    if end < start:
        raise ValueError("La fin de la période précède son début.")
    return start, end


def cmd_agenda(args) -> int:
    from .cli_common import EXIT_USAGE, unlocked_vault
    from .documents.calendar_export import summary
    from .domain.agenda import in_conflict
    from .services.agenda import AgendaService
    from .services.bilans import BilanService
    try:
        start, end = _period(args)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    target = Path(args.ics) if args.ics else None
    if target is not None:
        check_output(target, args.remplacer)
    vault = unlocked_vault()
    try:
        service = AgendaService(BilanService(vault))
        found = service.events(start, end)
        clashing = in_conflict(found)
        for event in found:
            flag = "  ⚠ conflit" if event.uid in clashing else ""
            status = f" ({event.status.lower()})" if event.status else ""
            print(f"{event.day:%d/%m/%Y}\t{event.start:%H:%M}–{event.end:%H:%M}\t"
                  f"{summary(event, args.noms_complets)}{status}{flag}")
        if target is not None:
            count = service.export_ics(found, target, SystemClock().now(), args.noms_complets, args.remplacer)
            print(f"Calendrier écrit : {target} ({count} événement{'s' if count > 1 else ''})", file=sys.stderr)
    finally:
        vault.lock()
    return 0


def cmd_todo(args) -> int:
    from .cli_common import unlocked_vault
    from .domain.agenda import initials
    from .services.agenda import AgendaService
    from .services.bilans import BilanService
    vault = unlocked_vault()
    try:
        service = AgendaService(BilanService(vault))
        people = service._people()
        items = service.todos(SystemClock().today())
    finally:
        vault.lock()
    for item in items:
        who = item.who if args.noms_complets else initials(*people.get(item.bilan_id, ("", "")))
        print(f"{item.day:%d/%m/%Y}\t{item.reference} — {who}\t{item.kind.label} : {item.text}")
    print(f"{len(items)} élément{'s' if len(items) > 1 else ''} à faire", file=sys.stderr)
    return 0


def cmd_stats(args) -> int:
    from .cli_common import EXIT_USAGE, unlocked_vault
    from .services.bilans import BilanService
    from .services.stats import StatsService
    try:
        start, end = _period(args)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if args.csv:
        check_output(Path(args.csv), args.remplacer)
    vault = unlocked_vault()
    try:
        service = StatsService(BilanService(vault))
        found = service.figures(start, end, SystemClock().today())
        if args.csv:
            service.write_csv(found, Path(args.csv), args.remplacer)
            print(f"Chiffres écrits : {args.csv} ({len(found)} lignes)", file=sys.stderr)
        else:
            for figure in found:
                print(f"{figure.section}\t{figure.label}\t{figure.text}")
    finally:
        vault.lock()
    return 0
