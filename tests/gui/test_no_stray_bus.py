"""The desktop app leaves no D-Bus session bus behind on a display without one (issue 14).

Without ``DBUS_SESSION_BUS_ADDRESS``, libdbus "autolaunches" a bus through X11 when Qt asks for the
session bus (accessibility bridge, platform theme): ``dbus-launch`` forks a ``dbus-daemon`` that
outlives the app. The app is started for real under its own Xvfb with a marker in its environment;
every process it starts inherits the marker, so any process still carrying it after the app has
exited was left behind by it (other people's processes on this machine never carry it).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudwizard.gui.app import NO_SESSION_BUS, avoid_bus_autolaunch

REPO = Path(__file__).resolve().parents[2]

#: Runs the desktop app through `run()` (what ``cloudwizard`` runs) and quits it once it has
#: loaded the questionnaire and shown the welcome page.
DRIVER = """
import argparse, sys
from PySide6.QtCore import QTimer
import cloudwizard.gui.app as app_module
made = app_module.fusion_application
def fusion():
    app = made()
    QTimer.singleShot(2500, app.quit)
    return app
app_module.fusion_application = fusion
sys.exit(app_module.run(argparse.Namespace(lang="en", questionnaire=None, answers_file=None,
                                           quit_after_first_paint=False, kiosk=False)))
"""

#: The same kind of program without the app's precaution: a bare PySide6 window.
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("bare")
label.show()
QTimer.singleShot(1500, app.quit)
sys.exit(app.exec())
"""


def _marked(marker: str) -> list[int]:
    """Processes whose environment holds `marker`."""
    found = []
    needle = marker.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ:
            found.append(int(entry.name))
    return found


def _left_behind(marker: str) -> list[str]:
    """Command lines of the marked processes still running (after a short grace for exiting ones)."""
    deadline = time.monotonic() + 2
    while True:
        pids = _marked(marker)
        if not pids or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    out = []
    for pid in pids:
        try:
            out.append(f"{pid}: " + Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return out


def _stop(marker: str) -> None:
    for pid in _marked(marker):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private Xvfb display (its number picked by Xvfb itself)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    if shutil.which("dbus-launch") is None:
        pytest.skip("dbus-launch is not installed: there is nothing that could be left behind")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _env(tmp_path: Path, display: str, marker: str) -> dict[str, str]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "QT_", "AT_SPI"))}
    env.update(DISPLAY=display, HOME=str(tmp_path), XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(tmp_path / "c"),
               XDG_DATA_HOME=str(tmp_path / "d"), PYTHONPATH=str(REPO), CLOUDWIZARD_TEST_MARKER=marker)
    return env


@pytest.mark.xvfb
def test_the_app_leaves_no_bus_running_after_it_exits(xvfb: str, tmp_path: Path) -> None:
    marker = f"cw-bus-{uuid.uuid4().hex}"
    env = _env(tmp_path, xvfb, marker)
    try:
        done = subprocess.run([sys.executable, "-c", DRIVER], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        assert _left_behind(marker) == []
    finally:
        _stop(marker)


@pytest.mark.xvfb
def test_without_the_precaution_qt_does_leave_a_bus(xvfb: str, tmp_path: Path) -> None:
    """The check above can see a leak: a bare PySide6 window in the same place leaves one."""
    marker = f"cw-bus-{uuid.uuid4().hex}"
    env = _env(tmp_path, xvfb, marker)
    try:
        done = subprocess.run([sys.executable, "-c", BARE], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        left = _left_behind(marker)
        assert any("dbus-daemon" in line or "dbus-launch" in line for line in left), left
    finally:
        _stop(marker)


def test_a_bus_that_is_set_is_left_alone(tmp_path: Path) -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}
    assert avoid_bus_autolaunch(env) is None
    assert env == {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}


def test_the_users_bus_socket_is_used_when_it_exists(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "bus"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        env = {"XDG_RUNTIME_DIR": str(tmp_path)}
        assert avoid_bus_autolaunch(env) == f"unix:path={path}"
    env = {"XDG_RUNTIME_DIR": str(tmp_path / "nothing-here")}
    assert avoid_bus_autolaunch(env) == NO_SESSION_BUS
    assert env["DBUS_SESSION_BUS_ADDRESS"] == NO_SESSION_BUS
