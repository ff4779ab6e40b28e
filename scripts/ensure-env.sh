# Sourced by ./run and ./run-tests: creates .venv and installs the pinned dependencies when
# they changed. Usage: ensure_env app|dev
ensure_env() {
  local kind="$1"
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  VENV="${BILAN_VENV:-$root/.venv}"
  local py="${PYTHON:-python3}"
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Python 3.11 ou plus récent est nécessaire (python3 introuvable ou trop ancien)." >&2
    exit 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$py" -m venv "$VENV"
  fi
  local stamp="$VENV/.bilan-$kind.stamp"
  local want
  want="$(cat "$root/pyproject.toml" "$root"/requirements/*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installation des dépendances ($kind)…" >&2
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      -r "$root/requirements/build.txt" -r "$root/requirements/$kind.txt"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      --no-deps --no-build-isolation -e "$root"
    echo "$want" > "$stamp"
  fi
  # The ROME repository is converted from data/ into the package (generated, not committed).
  local rome="$root/src/bilan_desktop/resources/rome/rome.sqlite"
  local rome_stamp="$VENV/.bilan-rome.stamp"
  local rome_want
  rome_want="$(cat "$root/scripts/build_rome.py" "$root"/data/rome-v460/*.csv | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$rome" ] || [ ! -f "$rome_stamp" ] || [ "$(cat "$rome_stamp")" != "$rome_want" ]; then
    "$VENV/bin/python" "$root/scripts/build_rome.py" >&2
    echo "$rome_want" > "$rome_stamp"
  fi
}
