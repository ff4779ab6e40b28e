"""Schema versions: `PRAGMA user_version`, ordered migrations, each applied in one transaction.

Never edit a released migration: add a new one. Tests open a fixture vault of every earlier version.
"""

from __future__ import annotations

from collections.abc import Callable

APPLICATION_ID = 0x42694C61  # "BiLa": tells our vaults from any other SQLite file

_V1 = """
CREATE TABLE beneficiary (
    id INTEGER PRIMARY KEY,
    nom TEXT NOT NULL,
    prenom TEXT NOT NULL,
    date_naissance TEXT,
    email TEXT NOT NULL DEFAULT '',
    telephone TEXT NOT NULL DEFAULT '',
    adresse TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE bilan (
    id INTEGER PRIMARY KEY,
    beneficiary_id INTEGER NOT NULL REFERENCES beneficiary(id) ON DELETE CASCADE,
    funding TEXT NOT NULL,
    step TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX bilan_beneficiary ON bilan(beneficiary_id);
"""


def _v2(conn) -> None:
    """A stable reference per bilan (BC-2026-0001), used by registers that must not hold a name."""
    conn.execute("ALTER TABLE bilan ADD COLUMN reference TEXT")
    rows = conn.execute("SELECT id, substr(opened_on, 1, 4) FROM bilan ORDER BY opened_on, id").fetchall()
    counters: dict[str, int] = {}
    for bilan_id, year in rows:
        counters[year] = counters.get(year, 0) + 1
        conn.execute("UPDATE bilan SET reference = ? WHERE id = ?", (f"BC-{year}-{counters[year]:04d}", bilan_id))
    conn.execute("CREATE UNIQUE INDEX bilan_reference ON bilan(reference)")


_V3 = """
CREATE TABLE bilan_section (
    bilan_id INTEGER NOT NULL REFERENCES bilan(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('admin', 'content')),
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (bilan_id, section, kind)
);
CREATE TABLE seance (
    id INTEGER PRIMARY KEY,
    bilan_id INTEGER NOT NULL REFERENCES bilan(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    debut TEXT NOT NULL,
    fin TEXT NOT NULL,
    modalite TEXT NOT NULL,
    lien_visio TEXT NOT NULL DEFAULT '',
    etape TEXT NOT NULL,
    signe_beneficiaire INTEGER NOT NULL DEFAULT 0,
    signe_consultant INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX seance_bilan ON seance(bilan_id);
CREATE TABLE seance_notes (
    seance_id INTEGER PRIMARY KEY REFERENCES seance(id) ON DELETE CASCADE,
    notes TEXT NOT NULL
);
CREATE TABLE satisfaction (
    id INTEGER PRIMARY KEY,
    bilan_id INTEGER REFERENCES bilan(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fin', 'suivi')),
    answered_month TEXT NOT NULL,
    answers TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
)
"""


_V4 = """
CREATE TABLE provider (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    logo BLOB
);
CREATE TABLE export_log (
    id INTEGER PRIMARY KEY,
    bilan_id INTEGER REFERENCES bilan(id) ON DELETE SET NULL,
    reference TEXT NOT NULL,
    document TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    destination TEXT NOT NULL CHECK (destination IN ('beneficiaire', 'travail', 'employeur')),
    path TEXT,
    sha256 TEXT
)
"""


_V5 = """
CREATE TABLE destruction_register (
    id INTEGER PRIMARY KEY,
    bilan_id INTEGER REFERENCES bilan(id) ON DELETE SET NULL,
    reference TEXT NOT NULL,
    destroyed_on TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    categories TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
ALTER TABLE export_log ADD COLUMN copy_status TEXT
"""


_V6 = """
ALTER TABLE seance ADD COLUMN statut TEXT NOT NULL DEFAULT 'planifiee';
ALTER TABLE seance ADD COLUMN connexion_debut TEXT;
ALTER TABLE seance ADD COLUMN connexion_fin TEXT;
ALTER TABLE seance ADD COLUMN attestation TEXT NOT NULL DEFAULT '';
UPDATE seance SET statut = 'realisee' WHERE signe_beneficiaire = 1 OR signe_consultant = 1;
CREATE TABLE seance_signature (
    seance_id INTEGER NOT NULL REFERENCES seance(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('beneficiaire', 'consultant')),
    image BLOB NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (seance_id, role)
);
ALTER TABLE beneficiary ADD COLUMN civilite TEXT NOT NULL DEFAULT '';
ALTER TABLE beneficiary ADD COLUMN statut TEXT NOT NULL DEFAULT '';
ALTER TABLE beneficiary ADD COLUMN employeur TEXT NOT NULL DEFAULT '';
ALTER TABLE beneficiary ADD COLUMN poste TEXT NOT NULL DEFAULT '';
ALTER TABLE provider ADD COLUMN signature BLOB;
ALTER TABLE provider ADD COLUMN cachet BLOB;
CREATE TABLE export_log_v6 (
    id INTEGER PRIMARY KEY,
    bilan_id INTEGER REFERENCES bilan(id) ON DELETE SET NULL,
    reference TEXT NOT NULL,
    document TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    destination TEXT NOT NULL CHECK (destination IN ('beneficiaire', 'travail', 'employeur', 'financeur', 'cep')),
    path TEXT,
    sha256 TEXT,
    copy_status TEXT
);
INSERT INTO export_log_v6 SELECT id, bilan_id, reference, document, exported_at, destination, path, sha256,
    copy_status FROM export_log;
DROP TABLE export_log;
ALTER TABLE export_log_v6 RENAME TO export_log
"""


_V7 = """
CREATE TABLE personal_word (
    word TEXT PRIMARY KEY
);
CREATE TABLE paragraph (
    id INTEGER PRIMARY KEY,
    titre TEXT NOT NULL,
    texte TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


_V8 = """
CREATE TABLE registre (
    nom TEXT PRIMARY KEY CHECK (nom IN ('reclamations', 'ameliorations')),
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE satisfaction_form (
    bilan_id INTEGER PRIMARY KEY REFERENCES bilan(id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    issued_on TEXT NOT NULL
)
"""


def _v9(conn) -> None:
    """The register speaks one vocabulary per kind of entry: a prospect's deletion (the whole dossier, identity
    included) is a kind of its own, with no category, instead of the pseudo-category "dossier"; and a key change
    due after a destruction is recorded in the same transaction as the destruction, until it is done."""
    conn.execute("ALTER TABLE destruction_register ADD COLUMN kind TEXT NOT NULL DEFAULT 'destruction' "
                 "CHECK (kind IN ('destruction', 'suppression_dossier'))")
    conn.execute("UPDATE destruction_register SET kind = 'suppression_dossier', categories = '[]' "
                 "WHERE categories LIKE '%\"dossier\"%'")
    conn.execute("CREATE TABLE key_change_due (id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL)")


def _to_v10(conn) -> None:
    """Issue 19: the application's own backups (path, date, SHA-256, size: never any content), so that those made
    before a destruction, or older than the horizon the consultant sets, can be deleted once a newer one exists; the
    vault's own settings (that horizon); the size of each exported copy (to find it again by its hash quickly).
    Idempotent."""
    conn.execute("CREATE TABLE IF NOT EXISTS backup_log (id INTEGER PRIMARY KEY, path TEXT NOT NULL, created_at TEXT "
                 "NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, status TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS vault_setting (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    if "size" not in {row[1] for row in conn.execute("PRAGMA table_info(export_log)")}:
        conn.execute("ALTER TABLE export_log ADD COLUMN size INTEGER")  # a moved copy: only same-size files are read


def _v11(conn) -> None:
    """Satisfaction answers are detached from the person when the bilan's content is destroyed (issue 19): each
    answer keeps its funding route with its month, for the figures; the answers of bilans destroyed before this
    version are detached now, their free comment erased; a mark that a bilan's questionnaire of one kind was answered
    (never the answers) keeps a detached answer from being recorded twice."""
    if "funding" not in {row[1] for row in conn.execute("PRAGMA table_info(satisfaction)")}:
        conn.execute("ALTER TABLE satisfaction ADD COLUMN funding TEXT")
    conn.execute("CREATE TABLE IF NOT EXISTS satisfaction_answered (bilan_id INTEGER NOT NULL REFERENCES bilan(id) "
                 "ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('fin', 'suivi')), PRIMARY KEY (bilan_id, kind))")
    conn.execute("UPDATE satisfaction SET funding = (SELECT funding FROM bilan WHERE bilan.id = satisfaction.bilan_id) "
                 "WHERE funding IS NULL AND bilan_id IS NOT NULL")
    destroyed = "SELECT bilan_id FROM destruction_register WHERE bilan_id IS NOT NULL"
    conn.execute("INSERT OR IGNORE INTO satisfaction_answered (bilan_id, kind) SELECT bilan_id, kind FROM satisfaction "
                 f"WHERE bilan_id IN ({destroyed})")
    conn.execute(f"UPDATE satisfaction SET bilan_id = NULL, comment = '' WHERE bilan_id IN ({destroyed})")


def _script(sql: str) -> Callable:
    def apply(conn) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)
    return apply


# v1 identity and bilans; v2 references; v3 sections (admin and content rows apart), sessions (notes apart),
# satisfaction (apart from identity); v4 the provider's details and the log of document exports; v5 the
# destruction register and the fate of working copies left outside the vault; v6 the status of sessions, their
# proof of attendance (signatures drawn on screen, connection times), the beneficiary's civility, status and
# employer, the provider's signature and stamp, and exports to a funder or to the CEP operator; v7 the consultant's
# personal dictionary (names, jargon) and library of paragraphs, across bilans; v8 the Qualiopi registers
# (complaints, improvement actions) and the token of each fillable follow-up questionnaire sent; v9 the kind of each
# register entry (a prospect's deletion apart from the destruction of categories) and the key change still due;
# v10 the log of the application's own backups, the vault's settings and the size of each exported copy;
# v11 satisfaction answers detached from the person at the content's destruction, with their funding route.
MIGRATIONS: list[Callable] = [_script(_V1), _v2, _script(_V3), _script(_V4), _script(_V5), _script(_V6),
                              _script(_V7), _script(_V8), _v9, _to_v10, _v11]
CURRENT_VERSION = len(MIGRATIONS)


def migrate(conn, target: int = CURRENT_VERSION) -> int:
    """Bring an open connection (autocommit mode) from its version to `target`. Returns the new version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
