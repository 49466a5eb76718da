"""Printing talks to the local print server over its UNIX socket only: no TCP connection, not even to localhost.

Qt prints through CUPS (libcups). When libcups finds no CUPS socket and no server named, it falls
back to TCP: it connects to ``[::1]:631`` and ``127.0.0.1:631`` — sockets CloudWizard promises
never to open. `use_local_print_server` names the local CUPS daemon's UNIX socket in
``CUPS_SERVER`` before Qt's print support is first used, so libcups never opens a TCP socket: with a
local CUPS it prints over the socket, without one it finds no printer. Programs started later
(``cancel`` in a kiosk) inherit the setting.

A print server chosen on purpose is left alone: ``CUPS_SERVER`` already set, or a ``ServerName``
in ``/etc/cups/client.conf`` or ``~/.cups/client.conf``. Then the connection is the one the user
configured (the documentation says so). Plain Python (no Qt), so it is tested on its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

#: Where CUPS puts its socket (Debian and most Linux distributions; older ones, and the BSDs).
SOCKETS = ("/run/cups/cups.sock", "/var/run/cups/cups.sock")
#: libcups reads this variable (a path starting with "/" means a UNIX socket).
VARIABLE = "CUPS_SERVER"


def configured_server(environ: MutableMapping[str, str] | None = None, home: Path | None = None) -> str:
    """The print server the user chose on purpose ("" when none): ``CUPS_SERVER`` or a client.conf ServerName."""
    env = os.environ if environ is None else environ
    if env.get(VARIABLE, "").strip():
        return env[VARIABLE].strip()
    home = Path.home() if home is None else home
    for conf in (home / ".cups" / "client.conf", Path("/etc/cups/client.conf")):
        try:
            lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            words = line.split()
            if len(words) >= 2 and words[0].lower() == "servername":
                return words[1]
    return ""


def local_socket() -> str:
    """The local CUPS socket: the first of `SOCKETS` that exists (else the first: then nothing prints)."""
    return next((path for path in SOCKETS if Path(path).exists()), SOCKETS[0])


def use_local_print_server(environ: MutableMapping[str, str] | None = None, home: Path | None = None) -> str:
    """Point libcups at the local CUPS socket unless a server was chosen on purpose; returns the server used.

    Call it before the first use of Qt's print support (libcups reads the variable once). Does
    nothing on Windows (no CUPS); returns "" there.
    """
    if sys.platform == "win32":
        return ""
    env = os.environ if environ is None else environ
    chosen = configured_server(env, home)
    if chosen:
        return chosen
    env[VARIABLE] = local_socket()
    return env[VARIABLE]
