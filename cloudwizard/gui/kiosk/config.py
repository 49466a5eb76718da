"""Kiosk settings: read from a system-wide INI file, never written; and settings kept only in memory.

The file is the one Qt's ``QSettings(IniFormat, SystemScope, "CloudWizard", "kiosk")`` reads: on
Linux ``/etc/xdg/CloudWizard/kiosk.ini`` (the first folder of ``XDG_CONFIG_DIRS``), on Windows
``%PROGRAMDATA%/CloudWizard/kiosk.ini``. ``CLOUDWIZARD_KIOSK_CONFIG`` names another file (tests,
trying a configuration out). Keys live in a ``[kiosk]`` section; see ``packaging/kiosk/``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QSettings

from cloudwizard.engine.vocabulary import LANGUAGES
from cloudwizard.kioskpin import DEFAULT_ITERATIONS, MAX_ITERATIONS, MIN_ITERATIONS

#: Environment variable naming a configuration file to read instead of the system-wide one.
CONFIG_ENV = "CLOUDWIZARD_KIOSK_CONFIG"
GROUP = "kiosk"
DEFAULT_IDLE_SECONDS = 180.0
DEFAULT_WARNING_SECONDS = 30.0
#: A configuration file may not make the warning shorter than this (people need time to react).
MIN_WARNING_SECONDS = 20.0
MIN_IDLE_SECONDS = 30.0


class KioskConfig(NamedTuple):
    """What kiosk mode does on this machine (immutable).

    Values read from a file are checked and clamped (`read_config`); tests build one directly with
    short times. A NamedTuple, not a dataclass: every start reads it (see `WizardOptions`).

    Attributes:
        enabled: start in kiosk mode even without ``--kiosk``.
        idle_seconds: quiet time before the "are you still there?" warning.
        warning_seconds: how long the warning counts down before everything is reset.
        default_language: the language each visitor starts in ("" = the system's).
        pin_hash, pin_salt, pin_iterations: the staff PIN (see `cloudwizard.kioskpin`); the hash is
            left empty (nobody gets in from the screen) when the file is unsafe or the work factor weak.
        pin_refused: a PIN was configured but is not used (see `problems`).
        lockout_file: where the PIN lockout is remembered ("" = `cloudwizard.kioskpin.default_lockout_path`).
        questionnaire: a questionnaire file to use instead of the bundled one ("" = bundled).
        cancel_print_jobs: on an idle reset, cancel this user's print jobs still waiting in the queue.
        source: the file read ("" when built in code).
        problems: what was wrong in the file (the default was used instead).
    """

    enabled: bool = False
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    warning_seconds: float = DEFAULT_WARNING_SECONDS
    default_language: str = ""
    pin_hash: str = ""
    pin_salt: str = ""
    pin_iterations: int = DEFAULT_ITERATIONS
    questionnaire: str = ""
    cancel_print_jobs: bool = True
    lockout_file: str = ""
    pin_refused: bool = False
    source: str = ""
    problems: tuple[str, ...] = ()


def system_settings() -> QSettings:
    """The settings object for the kiosk file (`CONFIG_ENV` wins over the system-wide file)."""
    path = os.environ.get(CONFIG_ENV, "")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, "CloudWizard", "kiosk")


def file_problem(path: str) -> str:
    """What is unsafe about the configuration file at `path` that holds the PIN hash ("" when nothing).

    The hash of a short PIN is quick to crack offline, so the file must be readable only by root and
    the kiosk's group (``install -o root -g kiosk -m 0640``). A file that every user may read, or
    that others than its owner may change, makes the PIN unusable (the message says so; it does not
    start with "warning"). A file owned by the account running the kiosk (so a visitor who broke out
    could change it) only gives a warning. Not checked on Windows (ACLs, not modes).
    """
    import stat
    import sys

    if sys.platform == "win32" or not path:
        return ""
    try:
        st = Path(path).stat()
    except OSError:
        return ""
    mode = stat.S_IMODE(st.st_mode)
    fix = (f"run `sudo chown root:kiosk {path} && sudo chmod 640 {path}` "
           "(see packaging/kiosk/README.md)")
    if mode & 0o007:
        return (f"every user of this computer can read this file (mode {mode:04o}), so the PIN hash "
                f"could be cracked; the staff PIN is not used until you {fix}")
    if mode & 0o020:
        return f"the group can change this file (mode {mode:04o}); the staff PIN is not used until you {fix}"
    if st.st_uid != 0 and st.st_uid == os.getuid() and os.getuid() != 0:
        return f"warning: this file belongs to the account running the kiosk, which could change it; {fix}"
    return ""


def read_config(settings: QSettings | None = None) -> KioskConfig:
    """Read and check the kiosk configuration (a missing file gives the defaults, kiosk off)."""
    s = settings if settings is not None else system_settings()
    problems: list[str] = []

    def raw(key: str) -> Any:
        return s.value(f"{GROUP}/{key}")

    def boolean(key: str, default: bool) -> bool:
        value = raw(key)
        if value is None:
            return default
        text = str(value).strip().lower()
        if text in ("true", "yes", "1", "on"):
            return True
        if text in ("false", "no", "0", "off"):
            return False
        problems.append(f"{key}: write true or false (found {value!r})")
        return default

    def number(key: str, default: float, minimum: float) -> float:
        value = raw(key)
        if value is None:
            return default
        try:
            n = float(str(value).strip())
        except ValueError:
            problems.append(f"{key}: write a number of seconds (found {value!r})")
            return default
        if n < minimum:
            problems.append(f"{key}: at least {minimum:g} (found {n:g}); {minimum:g} is used")
            return minimum
        return n

    def text(key: str) -> str:
        value = raw(key)
        return "" if value is None else str(value).strip()

    language = text("default_language")
    if language and language not in LANGUAGES:
        problems.append(f"default_language: one of {', '.join(LANGUAGES)} (found {language!r})")
        language = ""
    pin_hash, pin_salt = text("pin_hash"), text("pin_salt")
    configured = bool(pin_hash)
    iterations = DEFAULT_ITERATIONS
    if text("pin_iterations"):
        try:
            iterations = int(text("pin_iterations"))
        except ValueError:
            iterations = 0
        if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
            problems.append(f"pin_iterations: {MIN_ITERATIONS} to {MAX_ITERATIONS} (found "
                            f"{text('pin_iterations')!r}); the staff PIN is not used: make new pin_ lines with "
                            "`cloudwizard kiosk-pin`")
            pin_hash = pin_salt = ""
            iterations = DEFAULT_ITERATIONS
    if pin_hash:
        unsafe = file_problem(s.fileName())
        if unsafe:
            problems.append(unsafe)
            if not unsafe.startswith("warning"):
                pin_hash = pin_salt = ""
    return KioskConfig(
        enabled=boolean("enabled", False),
        idle_seconds=number("idle_seconds", DEFAULT_IDLE_SECONDS, MIN_IDLE_SECONDS),
        warning_seconds=number("warning_seconds", DEFAULT_WARNING_SECONDS, MIN_WARNING_SECONDS),
        default_language=language,
        pin_hash=pin_hash,
        pin_salt=pin_salt,
        pin_iterations=iterations,
        questionnaire=text("questionnaire"),
        cancel_print_jobs=boolean("cancel_print_jobs", True),
        lockout_file=text("lockout_file"),
        pin_refused=configured and not pin_hash,
        source=s.fileName(),
        problems=tuple(problems),
    )


class VolatileSettings(QSettings):
    """Settings that live in memory only: a kiosk writes nothing to disk.

    The wizard stores its language and theme through `value`/`setValue`; here they go to a dict.
    The Qt object underneath never receives a value, so it never writes its (unused) file.
    """

    def __init__(self) -> None:
        super().__init__(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CloudWizard", "kiosk-unused")
        self._values: dict[str, Any] = {}

    def value(self, key: str, defaultValue: Any = None, type: Any = None) -> Any:  # noqa: N803 - Qt's names
        """The value kept in memory, else `defaultValue`."""
        return self._values.get(key, defaultValue)

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 - Qt override
        """Keep `value` in memory."""
        self._values[key] = value

    def contains(self, key: str) -> bool:
        """Whether `key` has a value in memory."""
        return key in self._values

    def remove(self, key: str) -> None:
        """Forget `key`."""
        self._values.pop(key, None)

    def clear(self) -> None:
        """Forget everything."""
        self._values.clear()

    def sync(self) -> None:
        """Nothing to write."""

    def allKeys(self) -> list[str]:  # noqa: N802 - Qt override
        """The keys held in memory."""
        return sorted(self._values)
