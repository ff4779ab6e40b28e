"""domain/, storage/ and documents/ never import Qt, directly or through another project module."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "bilan_desktop"
QT_FREE = ("domain", "storage", "documents", "services")
# Each layer may import only the layers listed for it (and itself): data flows ui → services → domain/storage/documents.
ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "documents": {"domain"},
    "services": {"domain", "storage", "documents"},
    "ui": {"domain", "storage", "documents", "services"},
}
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "bilan_desktop":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    module = "bilan_desktop." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    if path.name == "__init__.py":
        module = module.rsplit(".", 1)[0]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def test_qt_free_layers_never_reach_qt_through_any_import_chain():
    offenders = []
    for layer in QT_FREE:
        for start in (PACKAGE / layer).rglob("*.py"):
            seen, stack = set(), [start]
            while stack:
                path = stack.pop()
                if path in seen:
                    continue
                seen.add(path)
                for name in _imports(path):
                    if name.split(".")[0] in FORBIDDEN:
                        offenders.append(f"{start.relative_to(PACKAGE)} -> {path.relative_to(PACKAGE)}: {name}")
                    target = _module_file(name)
                    if target is not None:
                        stack.append(target)
    assert offenders == []


def test_importing_every_qt_free_module_loads_no_qt():
    modules = [
        "bilan_desktop." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for layer in QT_FREE for p in (PACKAGE / layer).rglob("*.py") if p.name != "__init__.py"
    ]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_stay_well_under_500_lines():
    big = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
           if len(p.read_text(encoding="utf-8").splitlines()) > 400]
    assert big == []


def _layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "bilan_desktop" and parts[1] in ALLOWED else None


def test_layers_import_only_downwards():
    offenders = []
    for layer, allowed in ALLOWED.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                target = _layer(name)
                if target is not None and target != layer and target not in allowed:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_no_sql_above_storage():
    offenders = []
    for layer in ("domain", "documents", "services", "ui"):
        for path in (PACKAGE / layer).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for word in (".execute(", "SELECT ", "INSERT INTO", "DELETE FROM", "UPDATE bilan"):
                if word in text:
                    offenders.append(f"{path.relative_to(PACKAGE)}: {word}")
    assert offenders == []


def test_no_import_cycle_between_the_command_line_modules():
    """cli.py imports cli_documents.py; what both need lives in cli_common.py, so the reverse import never exists."""
    edges = {}
    for name in ("cli", "cli_documents", "cli_common"):
        edges[name] = {n.split(".")[1] for n in _imports(PACKAGE / f"{name}.py")
                       if n.startswith("bilan_desktop.cli")}
    assert "cli" not in edges["cli_documents"] and "cli" not in edges["cli_common"]
    assert "cli_documents" not in edges["cli_common"]
    assert "cli_documents" in edges["cli"] and "cli_common" in edges["cli_documents"]
