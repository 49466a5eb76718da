"""Run an app script and a pyatspi client together under Xvfb and a private D-Bus (the AT-SPI tests).

Test side: `run_under_atspi` starts the accessibility bus, the app (this interpreter, the repository
on its path) and the client (Debian's /usr/bin/python3, which has pyatspi), and returns the last
JSON object the client printed. `atspi_missing` says why that cannot run here.

App side (a script ``tests/gui/atspi_<name>_app.py``): `start_app` builds and shows the wizard on
a fresh data folder, and `run_app` plays the script's steps in step with the client and waits to
be stopped::

    from tests.gui.atspi_run import focused, run_app, start_app

    def main() -> None:
        wizard = start_app()  # English, the example questionnaire, on the welcome page
        run_app(wizard, [(lambda: QTest.keyClick(focused(), Qt.Key.Key_Tab), 300)])

Client side (``atspi_client.listen``): the client registers its listeners and runs until the app
says it is done.

No step waits a fixed time for the other side, so a loaded machine only makes a run slower. The
two sides meet through announcements and files in the folder ``$CW_ATSPI_SYNC``: the app announces
"cw-sync N" (a screen reader's own event, so hearing it proves the client's listeners reach the
app) and waits for the client's file ``ack-N``; the app repeats "cw-sync 0" until the client,
started and listening, answers it; after each step it announces the next number and plays the
following step only once the client has heard everything up to it (the client reads names and
descriptions as it hears each event, so the app must not change them meanwhile); and at the end
it announces "cw-done", on which the client stops listening and reports. Events from the app reach
the client in the order sent, so a heard "cw-sync N" means every earlier event was heard too.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cloudwizard.engine.model import Questionnaire
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


#: The announcements and the environment variable of the sync protocol (see the module's docstring).
SYNC = "cw-sync "
DONE = "cw-done"
SYNC_ENV = "CW_ATSPI_SYNC"
#: The pause after "ready" that the scripts not yet on the sync protocol (tests/gui/kiosk/atspi_*) still
#: rely on: their clients walk the tree at once. The sync protocol does not need it.
LEGACY_SETTLE_S = 1.5
#: How long either side waits for the other before it gives up (s): generous, a loaded machine is slow.
PATIENCE_S = 120


def run_under_atspi(tmp_path: Path, app: Sequence[str | Path], client: Sequence[str | Path], *,
                    wait_ready: bool = True, timeout: int = 300) -> dict[str, Any]:
    """Run `app` (a script of tests/gui and its arguments) and `client`; the client's report.

    Everything the run writes stays in `tmp_path`: the script, the app's log, the home folder, the
    temporary folder (``TMPDIR``, where the app keeps its data) and the sync folder.

    Args:
        tmp_path: a folder for the run.
        app: the app script's name (in tests/gui) and its arguments.
        client: the client script's name (in tests/gui) and its arguments.
        wait_ready: start the client once the app has printed "ready" (it has built its window and
            is about to run its event loop) and `LEGACY_SETTLE_S` more; without it the client starts
            at once and syncs with the app itself.
        timeout: seconds for the whole run.
    """
    log = tmp_path / "app.log"
    sync = tmp_path / "atspi-sync"
    temp = tmp_path / "tmp"
    for folder in (sync, temp):
        folder.mkdir(exist_ok=True)
    words = " ".join(str(w) for w in app[1:])  # as given: a caller quotes an argument with spaces
    wait = f"""i=0
while ! grep -q ready {shlex.quote(str(log))} && [ $i -lt {PATIENCE_S * 10} ]; do sleep 0.1; i=$((i+1)); done
sleep {LEGACY_SETTLE_S}
""" if wait_ready else ""
    script = tmp_path / "run.sh"
    script.write_text(f"""#!/bin/sh
/usr/libexec/at-spi-bus-launcher --launch-immediately &
{shlex.quote(sys.executable)} {shlex.quote(str(HERE / app[0]))} {words} > {shlex.quote(str(log))} 2>&1 &
APP=$!
{wait}/usr/bin/python3 {shlex.quote(str(HERE / client[0]))} {" ".join(str(w) for w in client[1:])}
kill $APP 2>/dev/null
wait $APP
""", encoding="utf-8")
    script.chmod(0o755)
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1", HOME=str(tmp_path),
               PYTHONPATH=str(REPO), TMPDIR=str(temp), **{SYNC_ENV: str(sync)})
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
    assert report.get("complete", True), (f"the client gave up before the app was done "
                                          f"({time.monotonic() - started:.0f}s):\n{report}\n{app_log}")
    report["app_log"] = app_log
    return report


# -- App side: what every app script does (Qt is imported here only, not by the test side) -----------


def start_app(language: str = "en", questionnaire: Path | Questionnaire = EXAMPLE, *,
              show: bool = True) -> Wizard:
    """Build the wizard for an app script, its settings and autosave in a fresh temporary folder.

    The folder is made in ``TMPDIR``, which `run_under_atspi` points into the test's own folder.

    Args:
        language: the wizard's language.
        questionnaire: the questionnaire or its file (the example questionnaire by default).
        show: show and activate the window now; pass False to move to a page first and then call
            ``wizard.window.show()`` yourself.

    Returns:
        The wizard, on the welcome page; the event loop is not running yet (see `run_app`).
    """
    import tempfile

    from PySide6.QtCore import QSettings

    from cloudwizard.engine.loader import load
    from cloudwizard.gui.app import build_app

    tmp = tempfile.mkdtemp(prefix="cloudwizard-atspi-")
    q = load(questionnaire) if isinstance(questionnaire, Path) else questionnaire
    wizard = build_app(language=language, questionnaire=q,
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
    if show:
        wizard.window.show()
        wizard.window.activateWindow()
    return wizard


def run_app(wizard: Wizard, steps: Sequence[tuple[Callable[[], object], int]] = ()) -> int:
    """Print "ready", play `steps` in step with the client (see the module's docstring), run the event loop.

    Args:
        wizard: the wizard from `start_app`.
        steps: (step, settle) pairs. Each step is called once on the GUI thread, after the client
            has heard everything before it; `settle` (ms) is how long the app lets its own timers
            started by the step run (a message shown when typing pauses, say) before it asks the
            client to catch up. A timer of the app that is due sooner fires first however loaded
            the machine is, so this is an order, not a guess at how fast the machine is.

    Returns:
        The event loop's exit status; the app runs until the test's script stops it after the
        client's report (or quits by itself when the client never answers).
    """
    from PySide6.QtCore import QTimer

    from cloudwizard.gui.widgets.announce import announce

    folder = Path(os.environ[SYNC_ENV])
    state = {"n": 0}  # the sync the app waits for
    since = [time.monotonic()]  # when it asked for it

    def log(text: str) -> None:
        print(text, flush=True)

    def probe() -> None:
        """Ask the client to catch up to here (repeated for the first one: it may not listen yet)."""
        announce(wizard.window, f"{SYNC}{state['n']}")
        if state["n"] == 0:
            QTimer.singleShot(250, check)
        else:
            check()

    def check() -> None:
        if (folder / f"ack-{state['n']}").exists():
            QTimer.singleShot(0, next_step)
        elif time.monotonic() - since[0] > PATIENCE_S:
            log(f"no answer from the client to sync {state['n']}")
            wizard.app.exit(3)
        elif state["n"] == 0:
            probe()
        else:
            QTimer.singleShot(50, check)

    def next_step() -> None:
        index = state["n"]
        if index == len(steps):
            log("steps done")
            announce(wizard.window, DONE)
            QTimer.singleShot(PATIENCE_S * 1000, wizard.app.quit)  # the script stops it long before
            return
        step, settle = steps[index]
        step()
        state["n"], since[0] = index + 1, time.monotonic()
        QTimer.singleShot(settle, probe)

    log("ready")
    QTimer.singleShot(0, probe)
    return wizard.app.exec()


def focused() -> QWidget:
    """The widget with the keyboard focus (an app step fails if nothing has it)."""
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget
