"""Run an app script and a pyatspi client together under Xvfb and a private D-Bus (the AT-SPI tests).

Test side: `run_under_atspi` starts the accessibility bus, the app (this interpreter, the repository
on its path) and then the client (Debian's /usr/bin/python3, which has pyatspi), and returns the last
JSON object the client printed. `atspi_missing` says why that cannot run here.

App side (a script ``tests/gui/atspi_<name>_app.py``): `start_app` builds and shows the wizard on
a fresh temporary data folder, and `run_app` prints "ready", plays the script's steps at the given
times (milliseconds after start; each step presses keys on `focused` or on a widget) and quits::

    from tests.gui.atspi_run import focused, run_app, start_app

    def main() -> None:
        wizard = start_app()  # English, the example questionnaire, on the welcome page
        run_app(wizard, [(2500, lambda: QTest.keyClick(focused(), Qt.Key.Key_Tab))], quit_after=4000)

Start the first step about 2.5 s after "ready": the client is listening by then.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cloudwizard.gui.app import Wizard

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"


def atspi_missing() -> str:
    """Why the AT-SPI tests cannot run here ("" when they can)."""
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core is not installed"
    check = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True)
    if check.returncode != 0:
        return "python3-pyatspi is not installed for /usr/bin/python3"
    return ""


def run_under_atspi(tmp_path: Path, app: list[str], client: list[str], *, wait_ready: bool = True,
                    timeout: int = 180) -> dict[str, Any]:
    """Run `app` (a script of tests/gui and its arguments) and then `client`; the client's report.

    Args:
        tmp_path: a folder for the script, the app's log and the home folder.
        app: the app script's name (in tests/gui) and its arguments.
        client: the client script's name (in tests/gui) and its arguments.
        wait_ready: start the client once the app has printed "ready" (and 1.5 s more for the
            bridge); without it the client starts at once and syncs with the app itself.
        timeout: seconds for the whole run.
    """
    log = tmp_path / "app.log"
    words = " ".join(str(w) for w in app[1:])
    wait = f"""i=0
while ! grep -q ready {log} && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done
sleep 1.5
""" if wait_ready else ""
    script = tmp_path / "run.sh"
    script.write_text(f"""#!/bin/sh
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 0.5
{sys.executable} {HERE / app[0]} {words} > {log} 2>&1 &
APP=$!
{wait}/usr/bin/python3 {HERE / client[0]} {" ".join(str(w) for w in client[1:])}
kill $APP 2>/dev/null
""", encoding="utf-8")
    script.chmod(0o755)
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1", HOME=str(tmp_path),
               PYTHONPATH=str(REPO))
    env.pop("QT_QPA_PLATFORM", None)
    started = time.monotonic()
    done = subprocess.run(["xvfb-run", "-a", "dbus-run-session", "--", "sh", str(script)], env=env,
                          capture_output=True, text=True, timeout=timeout)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    app_log = log.read_text(encoding="utf-8") if log.exists() else ""
    assert lines, (f"no report from the AT-SPI client after {time.monotonic() - started:.0f}s:\n"
                   f"{done.stdout}\n{done.stderr}\n{app_log}")
    report: dict[str, Any] = json.loads(lines[-1])
    assert report["found"], f"the app never showed up on the accessibility bus:\n{app_log}"
    report["app_log"] = app_log
    return report


# -- App side: what every app script does (Qt is imported here only, not by the test side) -----------


def start_app(language: str = "en", questionnaire: Path = EXAMPLE, *, show: bool = True) -> Wizard:
    """Build the wizard for an app script, its settings and autosave in a fresh temporary folder.

    Args:
        language: the wizard's language.
        questionnaire: the questionnaire file (the example questionnaire by default).
        show: show and activate the window now; pass False to move to a page first and then call
            ``wizard.window.show()`` yourself.

    Returns:
        The wizard, on the welcome page; the event loop is not running yet (see `run_app`).
    """
    import tempfile

    from PySide6.QtCore import QSettings

    from cloudwizard.engine.loader import load
    from cloudwizard.gui.app import build_app

    tmp = tempfile.mkdtemp()
    wizard = build_app(language=language, questionnaire=load(questionnaire),
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
    if show:
        wizard.window.show()
        wizard.window.activateWindow()
    return wizard


def run_app(wizard: Wizard, steps: Sequence[tuple[int, Callable[[], object]]], *,
            quit_after: int | None) -> int:
    """Print "ready" (`run_under_atspi` waits for it), play `steps` and run the event loop.

    Args:
        wizard: the wizard from `start_app`.
        steps: (milliseconds after "ready", step) pairs; each step is called once on the GUI thread.
        quit_after: milliseconds after "ready" at which the app quits (after the last step, with time
            for the client to hear it); None runs until the test kills the app.

    Returns:
        The event loop's exit status.
    """
    from PySide6.QtCore import QTimer

    print("ready", flush=True)
    for at, step in steps:
        QTimer.singleShot(at, step)
    if quit_after is not None:
        QTimer.singleShot(quit_after, wizard.app.quit)
    return wizard.app.exec()


def focused() -> QWidget:
    """The widget with the keyboard focus (an app step fails if nothing has it)."""
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget
