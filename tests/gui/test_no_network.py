"""The desktop app never opens a network connection, and QtNetwork is never loaded.

A whole session runs in a fresh process (so no other test can have loaded anything), with every way
Python opens a socket replaced by a recorder; afterwards no ``PySide6.QtNetwork`` is in `sys.modules`
and nothing was connected. A scan of the sources makes sure nothing names QtNetwork at all.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SESSION = r"""
import json, socket, sys
attempts = []
class Recorder(socket.socket):
    def connect(self, address):
        attempts.append(repr(address)); raise OSError("no network in this test")
    def connect_ex(self, address):
        attempts.append(repr(address)); return 1
socket.socket = Recorder
socket.create_connection = lambda address, *a, **k: attempts.append(repr(address)) or (_ for _ in ()).throw(OSError())

from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from cloudwizard.gui.app import build_app
from cloudwizard.gui.window import MainWindow
MainWindow.confirm = lambda self, *a: True
out = Path(sys.argv[1])
app = QApplication([])
w = build_app(language="en", settings=QSettings(str(out / "s.ini"), QSettings.Format.IniFormat),
              data_dir=out / "data", questionnaire="questionnaires/examples/example.yaml")
w.window.show()
app.processEvents()
w.welcome.findChild(object, "audience_business").click()
c = w.controller
c.go_next()
for qid, value in (("staff", 80), ("data_kinds", frozenset({"customers"})), ("sensitivity", 4), ("peers", "yes"),
                   ("offline_copy", "yes"), ("notes", "a note")):
    c.set_answer(qid, value)
while c.page != "review":
    c.go_next(); app.processEvents()
c.go_next(); app.processEvents()
assert c.page == "result", c.page
for fmt, suffix in (("pdf", ".pdf"), ("markdown", ".md"), ("html", ".html"), ("json", ".json")):
    assert w.export(fmt, str(out / ("advice" + suffix)))
assert w.save_answers(str(out / "a.cwanswers.yaml"))
assert w.open_answers(str(out / "a.cwanswers.yaml"))
w.on_language("nl"); app.processEvents()
w.on_start_over(); app.processEvents()
w.autosave.save_now()
w.window.close()
app.processEvents()
print(json.dumps({"modules": sorted(m for m in sys.modules if m.startswith("PySide6")), "attempts": attempts}))
"""


def test_a_whole_session_loads_no_qtnetwork_and_connects_nowhere(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", SESSION, str(tmp_path)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "PySide6.QtGui" in result["modules"]  # the session did run
    assert not [m for m in result["modules"] if "QtNetwork" in m or "QtWebEngine" in m], result["modules"]
    assert result["attempts"] == []
    assert (tmp_path / "advice.pdf").read_bytes().startswith(b"%PDF")


def test_no_source_file_imports_qtnetwork() -> None:
    offenders = []
    for path in sorted((REPO / "cloudwizard").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value]  # importlib.import_module("PySide6.QtNetwork") and the like
            if any("QtNetwork" in n or "QtWebEngine" in n for n in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
