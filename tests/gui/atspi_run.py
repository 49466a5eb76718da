"""Run an app script and a pyatspi client together under Xvfb and a private D-Bus (the AT-SPI tests).

`run_under_atspi` starts the accessibility bus, the app (this interpreter, the repository on its
path) and then the client (Debian's /usr/bin/python3, which has pyatspi), and returns the last JSON
object the client printed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


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
