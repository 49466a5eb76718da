"""Printing opens no TCP socket: libcups talks to the local print server over its UNIX socket only.

Checked from outside with a system-call trace (``strace -f -e trace=socket,connect``) of a real
process that asks Qt for the printers and prints, through the kiosk's path and the desktop's.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cloudwizard.localprint import SOCKETS, VARIABLE, configured_server, use_local_print_server

REPO = Path(__file__).resolve().parents[3]

#: A stand-in print server on a UNIX socket (its own process): answers every request "404 Not Found".
SERVER = r"""
import socket, sys, threading
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(sys.argv[1])
listener.listen(8)
def answer(conn):
    with conn:
        conn.settimeout(5)
        try:
            if conn.recv(65536):
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass
while True:
    conn, _ = listener.accept()
    threading.Thread(target=answer, args=(conn,), daemon=True).start()
"""

PRINTING = r"""
import os, socket, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from cloudwizard.gui.kiosk import printing
print("default:", repr(printing.default_printer_name()))
print("kiosk printed:", printing.print_html("<p>Advice</p>", "CloudWizard advice"))
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
QPrintDialog.exec = lambda self: QPrintDialog.DialogCode.Rejected  # the desktop's dialog, answered
from cloudwizard.gui import export
from cloudwizard.engine.loader import load_bundled
from cloudwizard.engine.recommender import recommend
from cloudwizard.engine.report.view import build_view
print("desktop printed:", export.print_view(build_view(recommend(load_bundled(), {}), "en"), None))
print("printers:", [p.printerName() for p in QPrinterInfo.availablePrinters()])
print("CUPS_SERVER=" + os.environ.get("CUPS_SERVER", ""))
"""


def test_the_local_socket_is_named_unless_a_server_was_chosen(tmp_path: Path) -> None:
    env: dict[str, str] = {}
    if sys.platform != "win32" and not configured_server(env, tmp_path):  # no client.conf on this machine
        assert use_local_print_server(env, tmp_path) == env[VARIABLE]
        assert env[VARIABLE] in SOCKETS
    chosen = {VARIABLE: "printserver.example:631"}
    assert use_local_print_server(chosen, tmp_path) == "printserver.example:631"
    assert chosen == {VARIABLE: "printserver.example:631"}  # a server set on purpose is left alone
    (tmp_path / ".cups").mkdir()
    (tmp_path / ".cups" / "client.conf").write_text("# mine\nServerName  /srv/cups.sock\n", encoding="utf-8")
    env = {}
    assert configured_server(env, tmp_path) == "/srv/cups.sock"
    assert use_local_print_server(env, tmp_path) == "/srv/cups.sock" and VARIABLE not in env


def trace(tmp_path: Path, server: str) -> tuple[str, list[str]]:
    """Run `PRINTING` under strace; returns its output and the socket/connect lines of the trace."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed (apt-get install strace)")
    if ctypes.util.find_library("cups") is None:
        pytest.skip("libcups is not installed: Qt's CUPS plugin cannot load")
    log = tmp_path / "trace.log"
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    env.update(HOME=str(home), PYTHONPATH=str(REPO))
    if server:
        env[VARIABLE] = server
    elif configured_server(env, home):
        pytest.skip("this machine names a print server in /etc/cups/client.conf")
    done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log), sys.executable,
                           "-c", PRINTING], capture_output=True, text=True, env=env, timeout=120)
    if "PTRACE_TRACEME" in done.stderr or "Operation not permitted" in done.stderr:
        pytest.skip("tracing is not permitted here")
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if "socket(" in line or "connect(" in line]
    return done.stdout, lines


def assert_no_internet_socket(lines: list[str]) -> None:
    internet = [line for line in lines if re.search(r"\bAF_INET6?\b", line)]
    assert not internet, "\n".join(internet)  # no TCP (nor UDP) socket at all, not even to localhost


def test_printing_without_a_named_server_opens_no_tcp_socket(tmp_path: Path) -> None:
    out, lines = trace(tmp_path, "")
    assert "kiosk printed:" in out and "desktop printed: False" in out
    assert_no_internet_socket(lines)
    socket_path = out.split("CUPS_SERVER=")[1].strip()
    assert socket_path in SOCKETS
    # libcups did run, and asked the local print server over its UNIX socket
    assert any(f'sun_path="{socket_path}"' in line for line in lines if "connect(" in line), "\n".join(lines)


def test_printing_to_a_local_server_talks_over_its_unix_socket_only(tmp_path: Path) -> None:
    server = str(tmp_path / "cups.sock")
    stand_in = subprocess.Popen([sys.executable, "-c", SERVER, server])
    try:
        for _ in range(100):
            if Path(server).exists():
                break
            time.sleep(0.05)
        _out, lines = trace(tmp_path, server)
    finally:
        stand_in.kill()
        stand_in.wait()
    assert_no_internet_socket(lines)
    assert any(f'sun_path="{server}"' in line and "= 0" in line for line in lines if "connect(" in line), \
        "\n".join(lines)
