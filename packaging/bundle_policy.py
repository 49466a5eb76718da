"""What a CloudWizard bundle leaves out of PySide6, shared by every spec that builds one.

PyInstaller's Qt hooks collect, for each Qt module the program imports, all of that module's
plugins and every language's translations. CloudWizard is a widgets app that never opens a network
connection and speaks nl, fr, de and en, so most of that is dead weight. This module is imported by
``cloudwizard.spec`` and by the benchmark's bare-program spec, so both are trimmed by the same rules
(the issue's "built the same way").

Kept on purpose:

- platforms: xcb (X11/XWayland), wayland, offscreen (tests, screenshots), windows, cocoa;
- the Wayland client plugins (shell integration, decorations, graphics integration), so the app is
  native on Debian 12's default GNOME Wayland session;
- imageformats: svg (the window icon) and ico; iconengines: svg;
- platformthemes: xdgdesktopportal (native file dialogs through the portal). The gtk3 theme is
  left out: it links the whole GTK stack, which is not a dependency of the package;
- platforminputcontexts: compose and ibus (accented letters and input methods);
- printsupport: cups (printing the advice at an advice centre);
- xcbglintegrations (OpenGL on X11); tls, networkinformation and QML tooling are dropped;
- translations: ``qtbase_{nl,fr,de}.qm`` only (English is Qt's source language).

After those files are dropped, so is every library that only they needed (`prune_unreachable`):
PyInstaller resolves the dependencies of all plugins *before* the spec can filter them, so without
that step the GTK theme plugin alone would leave Cairo, Pango and friends in the bundle.

``libcups`` is never bundled: it must match the system's CUPS set-up (``/etc/cups``), so the Debian
package depends on ``libcups2`` instead. Without it (a bare bundle on a system without CUPS) the
print dialog still prints to PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

LANGUAGES = ("nl", "fr", "de")  # plus "en", which needs no catalog

# Python modules never imported by the app. Excluding them keeps PyInstaller from following
# optional imports into them (and from collecting their plugins and libraries).
EXCLUDED_MODULES = [
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "tkinter",
    "_tkinter",
]

# Plugin folders kept, each with the file-name stems kept (None: the whole folder).
KEPT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa", "qdirect2d"),
    "platformthemes": ("qxdgdesktopportal",),
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    "imageformats": ("qsvg", "qico"),
    "iconengines": ("qsvgicon",),
    "printsupport": None,
    "xcbglintegrations": None,
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": ("qt-plugin-wayland-egl", "shm-emulation-server", "dmabuf-server"),
    "styles": None,
    # Speech for the kiosk's read-aloud, if PySide6-Addons (QtTextToSpeech) is ever installed;
    # without it the kiosk does without, and there is nothing here to keep.
    "texttospeech": None,
}

# Qt libraries only the dropped modules and plugins need (matched against the file name on every
# platform: libQt6Quick.so.6, Qt6Quick.dll, QtQuick.framework/...).
_DROPPED_QT_LIBS = re.compile(
    r"Qt6?(Qml|Quick|Designer|UiTools|Help|Sql|Test|Network|Pdf|VirtualKeyboard|Lottie|Labs|WaylandCompositor"
    r"|WlShellIntegration|ShaderTools|EglFs|OpenGLWidgets|Concurrent)",
    re.IGNORECASE,
)


def _plugin_kept(parts: tuple[str, ...]) -> bool:
    """Whether a file under ``.../Qt/plugins/<kind>/<file>`` is kept."""
    i = parts.index("plugins")
    if len(parts) < i + 3:
        return True
    kind, name = parts[i + 1], parts[-1]
    if kind not in KEPT_PLUGINS:
        return False
    stems = KEPT_PLUGINS[kind]
    if stems is None:
        return True
    stem = name.split(".")[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    return stem in stems or stem.removesuffix("d") in stems


def _translation_kept(name: str) -> bool:
    return any(name == f"qtbase_{lang}.qm" for lang in LANGUAGES)


# Libraries that come from the system, never from the bundle (matched on the file name).
SYSTEM_ONLY = re.compile(r"^libcups\.so")


def keep(dest: str) -> bool:
    """Whether a file that PyInstaller would put at ``dest`` (inside the bundle) stays in."""
    parts = PurePath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if SYSTEM_ONLY.search(name):
        return False
    if "PySide6" not in parts:
        # Top-level symlinks to Qt libraries (PyInstaller 6 makes them) follow their targets.
        return not (name.startswith(("libQt6", "Qt6")) and _DROPPED_QT_LIBS.search(name))
    if "plugins" in parts:
        return _plugin_kept(parts)
    if "translations" in parts:
        return _translation_kept(name)
    if "qml" in parts or "metatypes" in parts:
        return False
    return not _DROPPED_QT_LIBS.search(name)


def trim(toc: Iterable[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Split a PyInstaller TOC into the entries kept and the destination names dropped."""
    kept: list[tuple[Any, ...]] = []
    dropped: list[str] = []
    for entry in toc:
        if keep(entry[0]):
            kept.append(entry)
        else:
            dropped.append(entry[0])
    return kept, dropped


def _is_root(entry: tuple[Any, ...]) -> bool:
    """Binaries loaded on their own (not only as someone's dependency): extensions, plugins, libpython."""
    dest, _src, kind = entry[0], entry[1], entry[2]
    parts = PurePath(dest.replace("\\", "/")).parts
    return kind == "EXTENSION" or "plugins" in parts or "python3" in parts[-1].lower() or kind == "EXECUTABLE"


def prune_unreachable(
    binaries: list[tuple[Any, ...]],
    imports_of: Callable[[str], Iterable[tuple[str, str | None]]],
) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Drop the shared libraries that nothing kept links to, directly or through other libraries.

    Args:
        binaries: PyInstaller's binaries TOC after `trim`.
        imports_of: the link-time imports of a binary, as PyInstaller's ``bindepend.get_imports``
            returns them: (referenced name, resolved path or None).

    Returns:
        The kept entries and the destination names dropped.
    """
    by_name: dict[str, list[tuple[Any, ...]]] = {}
    for entry in binaries:
        by_name.setdefault(PurePath(entry[0]).name.lower(), []).append(entry)
    reached: set[str] = set()
    queue = [e for e in binaries if _is_root(e)]
    while queue:
        entry = queue.pop()
        if entry[0] in reached:
            continue
        reached.add(entry[0])
        if entry[2] == "SYMLINK":
            target = os.path.normpath(PurePath(entry[0]).parent / entry[1])
            queue += [e for e in binaries if os.path.normpath(e[0]) == target]
            continue
        for name, _path in imports_of(entry[1]):
            queue += by_name.get(PurePath(name).name.lower(), [])
    kept = [e for e in binaries if e[0] in reached]
    dropped = [e[0] for e in binaries if e[0] not in reached]
    return kept, dropped


def direct_imports(
    fallback: Callable[[str], Iterable[tuple[str, str | None]]],
) -> Callable[[str], Iterable[tuple[str, str | None]]]:
    """The link-time imports of a binary *without* their own imports, where that can be had cheaply.

    PyInstaller's Linux implementation runs ``ldd``, which lists the whole tree; pruning with it would
    keep everything a left-out library needs (libcups pulls in GnuTLS, Kerberos and Avahi). On Linux,
    ``readelf -d`` gives the direct ``NEEDED`` entries instead. Elsewhere ``fallback`` (PyInstaller's
    ``get_imports``, which is already direct on Windows and macOS) is used.
    """
    readelf = shutil.which("readelf")
    if not sys.platform.startswith("linux") or readelf is None:
        return fallback

    def needed(path: str) -> list[tuple[str, str | None]]:
        out = subprocess.run([readelf, "-d", path], capture_output=True, text=True, check=False).stdout
        return [(m, None) for m in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)]

    return needed
