"""Child process of bench_startup.py: times the real window from import to list and filter."""

import json
import sys
import time

folder, passphrase = sys.argv[1], sys.argv[2]

from PySide6.QtWidgets import QApplication  # noqa: E402

from bilan_desktop import paths  # noqa: E402
from bilan_desktop.storage.keyfile import KeyFile  # noqa: E402
from bilan_desktop.ui.app import build_main_window, create_application  # noqa: E402

paths.set_data_dir(folder)
app = create_application(["bilan-desktop"])
window = build_main_window()
window.show()
window.unlock_page.repaint()
app.processEvents()
shown_at = time.time()

window.list_page.archives.setChecked(True)  # all 2,000 rows, archived ones included, as before issue 14
start = time.perf_counter()
window.unlock(passphrase)  # « À faire » is the first screen: it is built and shown too
window.home.repaint()
window.home.setCurrentWidget(window.list_page)  # then the list, as a consultant clicks to it
window.list_page.table.viewport().repaint()
app.processEvents()
unlock_to_list = time.perf_counter() - start
assert window.list_page.model.rowCount() > 0

keyfile = KeyFile.load(paths.key_path())
start = time.perf_counter()
keyfile.unwrap_passphrase(passphrase)
kdf = time.perf_counter() - start

times = []
query = ""
for char in "dupont1" + "\b" * 7 + "eloDie":
    query = query[:-1] if char == "\b" else query + char
    start = time.perf_counter()
    window.list_page.filter.setText(query)
    window.list_page.table.viewport().repaint()
    app.processEvents()
    times.append((time.perf_counter() - start) * 1000)

with open("/proc/self/status") as status:
    rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

window.close()
print(json.dumps({"shown_at": shown_at, "unlock_to_list_s": unlock_to_list, "kdf_s": kdf,
                  "keystrokes": len(times), "keystroke_max_ms": max(times),
                  "keystroke_mean_ms": sum(times) / len(times), "rss_mb": rss_kb / 1024}))
QApplication.quit()
