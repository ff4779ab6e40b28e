"""Entry point of the packaged application (PyInstaller)."""

from bilan_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
