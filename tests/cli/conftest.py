"""Command-line tests: Ctrl+C must reach the programs they start, however pytest was started.

A shell without job control starts a background command (`cmd &`, as a CI script or `nohup` may)
with SIGINT ignored, and an ignored signal stays ignored across exec: Python then installs no
KeyboardInterrupt handler, and every Ctrl+C test saw a program that "waits for input" (eight
failures in a fresh Debian root started that way). Ignoring Ctrl+C is the parent's choice for
its own job, not what these tests check, so SIGINT is given back its default handler here; the
programs the tests start then get Python's usual one.
"""

from __future__ import annotations

import signal

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
