"""The kiosk's staff PIN: a salted PBKDF2 hash in the configuration, and an escalating, remembered lockout.

Plain Python (no Qt): the kiosk's PIN prompt uses it, and ``cloudwizard kiosk-pin`` (or
``python -m cloudwizard.kioskpin``) makes the lines to paste into the kiosk configuration on any
machine::

    $ cloudwizard kiosk-pin
    New staff PIN (6 to 12 digits):
    Once more:
    pin_hash=…
    pin_salt=…
    pin_iterations=600000

The lockout: after `MAX_TRIES` wrong PINs in a row the prompt refuses every try (even the right PIN)
for `LOCK_SECONDS`; each further lock lasts twice as long, up to `MAX_LOCK_SECONDS`. The count and
the lock are kept in a small state file (`LockoutStore`), so neither a lock nor a restart of the
kiosk starts the count again. The file holds staff data only (counts and times, never a PIN or
anything of a visitor) and is written only after a wrong PIN, and removed after the right one.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: PBKDF2-HMAC-SHA256 work factor of a new PIN (OWASP's 2023 advice); stored next to the hash so it can change.
DEFAULT_ITERATIONS = 600_000
#: Fewer iterations than this are refused (in the configuration and by ``kiosk-pin``): a weak hash
#: would make a stolen configuration quick to crack.
MIN_ITERATIONS = 200_000
#: More iterations than this are refused too: each PIN try (on the kiosk's GUI thread) would take
#: many seconds, and above 2**32 - 1 OpenSSL refuses them with an OverflowError.
MAX_ITERATIONS = 10_000_000
SALT_BYTES = 16
#: Wrong tries in a row before the prompt locks.
MAX_TRIES = 5
#: The first lock; each further lock (without the right PIN in between) lasts twice as long …
LOCK_SECONDS = 60.0
#: … up to this.
MAX_LOCK_SECONDS = 3600.0
#: After this long without a wrong try (and no lock running), the count starts from zero again.
FORGET_SECONDS = 24 * 3600.0
#: A staff PIN is this many digits (so it can be typed on the on-screen keypad).
PIN_LENGTH = (6, 12)
#: The state file's name (in `default_lockout_path`'s folder).
LOCKOUT_FILE = "kiosk-lockout.json"


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = DEFAULT_ITERATIONS) -> tuple[str, str]:
    """Hash `pin` with a (new random) salt; returns ``(hash_hex, salt_hex)``."""
    import hashlib  # here, not at the top: the kiosk configuration is read at every start, and hashlib loads OpenSSL

    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return digest.hex(), salt.hex()


def verify_pin(pin: str, pin_hash: str, pin_salt: str, iterations: int = DEFAULT_ITERATIONS) -> bool:
    """Whether `pin` matches the stored hash (compared in constant time)."""
    import hashlib
    import hmac

    try:
        salt = bytes.fromhex(pin_salt)
        expected = bytes.fromhex(pin_hash)
    except ValueError:
        return False
    if not salt or not expected or not 1 <= iterations <= MAX_ITERATIONS:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def valid_pin(pin: str) -> bool:
    """A staff PIN is 6 to 12 ASCII digits."""
    return pin.isascii() and pin.isdigit() and PIN_LENGTH[0] <= len(pin) <= PIN_LENGTH[1]


def default_lockout_path() -> Path:
    r"""Where the lockout state lives when the configuration names no file.

    Linux: ``$XDG_STATE_HOME/cloudwizard/`` (default ``~/.local/state/cloudwizard/``) of the kiosk
    account; Windows: ``%LOCALAPPDATA%\\CloudWizard\\``.
    """
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "CloudWizard"
    else:
        state = Path(os.environ.get("XDG_STATE_HOME") or ".")
        base = (state if state.is_absolute() else Path.home() / ".local" / "state") / "cloudwizard"
    return base / LOCKOUT_FILE


class LockoutStore:
    """The lockout state on disk: a small JSON object, replaced atomically, readable by its owner only.

    Args:
        path: the state file (its folder is made when first needed).

    Attributes:
        problem: what went wrong reading or writing the file last ("" when nothing did). A state
            that cannot be read makes the next lock the longest one, so damaging the file gains an
            attacker nothing.
    """

    KEYS = ("failures", "locks", "locked_until", "last_failure")

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.problem = ""

    def load(self) -> dict[str, float]:
        """The saved state (zeros when there is no file)."""
        import json

        try:
            with open(self.path, "rb") as fh:
                raw = fh.read(4096)
        except FileNotFoundError:
            return dict.fromkeys(self.KEYS, 0.0)
        except OSError as exc:
            self.problem = f"{self.path}: cannot read the lockout state ({exc.strerror or exc})"
            return self._damaged()
        try:
            data: Any = json.loads(raw.decode("utf-8"))
            state = {key: float(data[key]) for key in self.KEYS}
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            self.problem = f"{self.path}: the lockout state is damaged; the next lock is the longest"
            return self._damaged()
        if not all(v == v and abs(v) < 1e12 for v in state.values()):  # NaN, infinities, nonsense
            self.problem = f"{self.path}: the lockout state is damaged; the next lock is the longest"
            return self._damaged()
        return state

    def _damaged(self) -> dict[str, float]:
        return {"failures": 0.0, "locks": 64.0, "locked_until": 0.0, "last_failure": time.time()}

    def save(self, state: dict[str, float]) -> None:
        """Write `state` (atomically, mode 600); a failure is kept in `problem`, never raised."""
        import json
        import tempfile

        text = json.dumps({key: state[key] for key in self.KEYS}, sort_keys=True)
        tmp = ""
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".kiosk-lockout.", dir=self.path.parent)  # mode 600
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            tmp = ""
            self.problem = ""
        except OSError as exc:
            self.problem = f"{self.path}: cannot keep the lockout state ({exc.strerror or exc})"
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def clear(self) -> None:
        """Remove the state file (the right PIN was typed)."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.problem = f"{self.path}: cannot remove the lockout state ({exc.strerror or exc})"


class Outcome(enum.Enum):
    """What a PIN try gave."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


class PinGuard:
    """Checks PIN tries, with an escalating lockout that survives restarts (when given a `store`).

    After `max_tries` wrong tries in a row every try is refused for `lock_seconds`; each further
    lock doubles, up to `max_lock_seconds`. The right PIN (outside a lock) starts everything again;
    so does a day without wrong tries.

    Args:
        pin_hash: hex PBKDF2 hash from the configuration ("" when no PIN is set: nobody gets in).
        pin_salt: hex salt from the configuration.
        iterations: the PBKDF2 work factor the hash was made with.
        clock: seconds of wall-clock time (the state outlives the process; tests pass a fake one).
        max_tries: wrong tries in a row before a lock.
        lock_seconds: how long the first lock lasts.
        max_lock_seconds: the longest lock.
        store: where the state is kept between runs (None: in memory only).
    """

    def __init__(
        self,
        pin_hash: str,
        pin_salt: str,
        iterations: int = DEFAULT_ITERATIONS,
        clock: Callable[[], float] = time.time,
        max_tries: int = MAX_TRIES,
        lock_seconds: float = LOCK_SECONDS,
        max_lock_seconds: float = MAX_LOCK_SECONDS,
        store: LockoutStore | None = None,
    ) -> None:
        self.pin_hash = pin_hash
        self.pin_salt = pin_salt
        self.iterations = iterations
        self.clock = clock
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self.max_lock_seconds = max_lock_seconds
        self.store = store
        state = store.load() if store is not None else dict.fromkeys(LockoutStore.KEYS, 0.0)
        self.failures = max(0, int(state["failures"]))
        self.locks = max(0, int(state["locks"]))
        self.last_failure = state["last_failure"]
        # A clock set back (or a state from the future) never makes a lock longer than the longest one.
        self.locked_until = min(state["locked_until"], self.clock() + self.max_lock_seconds)

    @property
    def configured(self) -> bool:
        """Whether a usable PIN is set."""
        return bool(self.pin_hash and self.pin_salt) and self.iterations >= 1

    def locked_for(self) -> float:
        """Seconds left in the current lock (0 when not locked)."""
        return max(0.0, self.locked_until - self.clock())

    @property
    def tries_left(self) -> int:
        """Wrong tries left before the next lock."""
        return self.max_tries - self.failures

    def next_lock_seconds(self) -> float:
        """How long the next lock will last."""
        return min(self.max_lock_seconds, self.lock_seconds * 2.0 ** min(self.locks, 32))

    def _forget_old(self, now: float) -> None:
        if (self.failures or self.locks) and self.locked_for() <= 0 and now - self.last_failure > FORGET_SECONDS:
            self.failures = 0
            self.locks = 0

    def _save(self) -> None:
        if self.store is not None:
            self.store.save({"failures": float(self.failures), "locks": float(self.locks),
                             "locked_until": self.locked_until, "last_failure": self.last_failure})

    def check(self, pin: str) -> Outcome:
        """Try `pin`; while locked, even the right PIN is refused (and not even hashed)."""
        if not self.configured:
            return Outcome.NOT_SET
        if self.locked_for() > 0:
            return Outcome.LOCKED
        now = self.clock()
        self._forget_old(now)
        if verify_pin(pin, self.pin_hash, self.pin_salt, self.iterations):
            had_state = bool(self.failures or self.locks)
            self.failures = 0
            self.locks = 0
            self.locked_until = 0.0
            if had_state and self.store is not None:
                self.store.clear()
            return Outcome.OK
        self.failures += 1
        self.last_failure = now
        if self.failures >= self.max_tries:
            self.locked_until = now + self.next_lock_seconds()
            self.locks += 1
            self.failures = 0
            self._save()
            return Outcome.LOCKED
        self._save()
        return Outcome.WRONG


def config_lines(pin: str, iterations: int = DEFAULT_ITERATIONS) -> list[str]:
    """The configuration lines for `pin` (to paste under ``[kiosk]``)."""
    pin_hash, pin_salt = hash_pin(pin, iterations=iterations)
    return [f"pin_hash={pin_hash}", f"pin_salt={pin_salt}", f"pin_iterations={iterations}"]


def main(argv: Sequence[str] | None = None, prog: str = "cloudwizard kiosk-pin", lang: str | None = None) -> int:
    """Ask for a new PIN twice and print the configuration lines; returns the exit status.

    The prompts and refusals are in `lang` (default: the system's, as for ``cloudwizard kiosk-pin``).
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog=prog,
        description="Make the pin_hash/pin_salt/pin_iterations lines for the kiosk configuration ([kiosk] "
                    f"section). The PIN is {PIN_LENGTH[0]} to {PIN_LENGTH[1]} digits.",
    )
    parser.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS,
                        help=f"PBKDF2-SHA256 iterations (default {DEFAULT_ITERATIONS}, {MIN_ITERATIONS} to "
                             f"{MAX_ITERATIONS})")
    parser.add_argument("--stdin", action="store_true", help="read the PIN from the first line of standard input")
    args = parser.parse_args(argv)
    import getpass

    from cloudwizard.engine.i18n import gettext_for, system_language
    from cloudwizard.engine.numbers import format_number

    lang = lang or system_language()
    _ = gettext_for(lang)

    def refuse(message: str) -> None:
        """``error: message`` on standard error, the severity and its colon as the language writes them."""
        print(_("{severity}: {message}").format(severity=_("error"), message=message), file=sys.stderr)

    numbers = {"iterations": format_number(args.iterations, lang), "least": format_number(MIN_ITERATIONS, lang),
               "most": format_number(MAX_ITERATIONS, lang), "default": format_number(DEFAULT_ITERATIONS, lang)}
    if args.iterations < MIN_ITERATIONS:
        refuse(_("--iterations {iterations} is too few: use at least {least} (default {default}); nothing was "
                 "made").format(**numbers))
        return 2
    if args.iterations > MAX_ITERATIONS:
        refuse(_("--iterations {iterations} is too many: use at most {most} (each PIN try would make the kiosk "
                 "wait; default {default}); nothing was made").format(**numbers))
        return 2
    if args.stdin:
        pin = sys.stdin.readline().strip()
        again = pin
    else:
        pin = getpass.getpass(_("New staff PIN ({low} to {high} digits): ").format(low=PIN_LENGTH[0],
                                                                                 high=PIN_LENGTH[1]))
        again = getpass.getpass(_("Once more: "))
    if pin != again:
        refuse(_("the two PINs differ; nothing was made"))
        return 1
    if not valid_pin(pin):
        refuse(_("the PIN must be {low} to {high} digits (0-9); nothing was made").format(low=PIN_LENGTH[0],
                                                                                           high=PIN_LENGTH[1]))
        return 1
    print("\n".join(config_lines(pin, args.iterations)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(prog="python -m cloudwizard.kioskpin"))
