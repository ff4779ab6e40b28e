# Developer shortcuts. The two commands a new machine needs are ./run and ./run-tests (see README).
.PHONY: package screenshots rome icons

package:  ## one-folder application in dist/bilan-desktop (PyInstaller)
	./run-tests --collect-only -q >/dev/null  # creates .venv with the pinned packaging tools
	.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/bilan-desktop.spec

screenshots:  ## the PNG files of docs/, taken from the app running offscreen
	./run-tests --collect-only -q >/dev/null
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

rome:  ## rebuild the ROME repository from data/
	.venv/bin/python scripts/build_rome.py

icons:
	.venv/bin/python scripts/make_icons.py
