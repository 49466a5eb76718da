"""Is there a screen to open a window on? Checked before Qt is imported, so no Qt here.

Without a display, Qt's xcb plugin aborts the process (status 134) with a message about
``libxcb-cursor0`` that sends newcomers looking for a library they already have. We say what is
really missing instead, and what to do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from cloudwizard.engine.i18n import gettext_for

#: Platforms whose Qt finds its screen through DISPLAY (X11) or WAYLAND_DISPLAY.
_UNIX_DESKTOPS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")


def missing_display(lang: str, environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """A message for the user when the desktop app cannot have a window, else None.

    Args:
        lang: the language of the message.
        environ: the environment to look at (default: the process's).
        platform: ``sys.platform`` (default: this one).
    """
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if not plat.startswith(_UNIX_DESKTOPS):
        return None  # Windows and macOS always have their own screen
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    _ = gettext_for(lang)
    return "\n".join((
        _("cloudwizard: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), "
          "so the desktop app cannot open a window."),
        _("  To answer the questionnaire in this terminal, run: cloudwizard ask"),
        _("  To run the desktop app without a screen (for tests or screenshots), set QT_QPA_PLATFORM=offscreen."),
    ))
