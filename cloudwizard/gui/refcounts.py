"""Keep None, True and False alive under PySide6 builds that assume Python 3.12's immortal objects.

Seen with PySide6-Essentials 6.12.0 (abi3 wheel) on CPython 3.11: every call of a Qt method that
returns nothing (``setChecked``, ``setExclusive``, ``sendPostedEvents`` …) or returns a null pointer
as None (``item.widget()``, ``findChild`` with no match) drops one reference to None, True or False
without having taken it. From Python 3.12 on these objects are immortal and the missing reference
does no harm; on 3.11 the count reaches zero after a few thousand calls and the interpreter aborts
("Fatal Python error: none_dealloc"). A kiosk got there after about 25 visitors.

pyproject.toml therefore asks for PySide6-Essentials below 6.12 on Python 3.11 (6.11.3 keeps the
counts right). This module is the safety net for an environment that has 6.12 anyway (a
distribution package, a hand-made venv): `immortalize()` gives those objects a reference count so
large that it cannot run out, which is what Python 3.12 does itself. Nothing changes on 3.12+, on
other interpreters or with other PySide6 versions.
"""

from __future__ import annotations

import sys

#: Added to the counts: at one lost reference per Qt call, centuries of calls.
EXTRA_REFERENCES = 1 << 40
_done = False


def immortalize() -> bool:
    """Raise the reference counts of None, True and False once; True when it was needed."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import PySide6

    if tuple(PySide6.__version_info__[:2]) != (6, 12):
        return False
    import ctypes  # only here: every start calls this, and ctypes costs ~3 ms and 1 MB

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += EXTRA_REFERENCES
    _done = True
    return True
