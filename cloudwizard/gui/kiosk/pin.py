"""The staff PIN: a salted PBKDF2 hash in the configuration, and a lockout after wrong tries.

Pure Python (no Qt), so it is unit-tested on its own and ``python -m cloudwizard.gui.kiosk.pin``
makes the lines to paste into the kiosk configuration on any machine::

    $ python -m cloudwizard.gui.kiosk.pin
    New staff PIN (4 to 12 digits):
    Once more:
    pin_hash=…
    pin_salt=…
    pin_iterations=600000
"""

from __future__ import annotations

import enum
import os
import sys
import time
from collections.abc import Callable, Sequence

from cloudwizard.gui.kiosk import DEFAULT_PIN_ITERATIONS

#: PBKDF2-HMAC-SHA256 work factor (OWASP's 2023 advice); stored next to the hash so it can change.
DEFAULT_ITERATIONS = DEFAULT_PIN_ITERATIONS
#: Fewer iterations than this are refused: a weak hash would make a stolen configuration easy to crack.
MIN_ITERATIONS = 200_000
SALT_BYTES = 16
MAX_TRIES = 5
LOCK_SECONDS = 60.0
PIN_LENGTH = (4, 12)


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = DEFAULT_ITERATIONS) -> tuple[str, str]:
    """Hash `pin` with a (new random) salt; returns ``(hash_hex, salt_hex)``."""
    import hashlib  # here, not at the top: every start reads the kiosk configuration, and hashlib loads OpenSSL

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
    if not salt or not expected:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def valid_pin(pin: str) -> bool:
    """A staff PIN is 4 to 12 digits, so it can be typed on the on-screen keypad."""
    return pin.isascii() and pin.isdigit() and PIN_LENGTH[0] <= len(pin) <= PIN_LENGTH[1]


class Outcome(enum.Enum):
    """What a PIN try gave."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


class PinGuard:
    """Checks PIN tries; after `max_tries` wrong ones in a row it refuses every try for `lock_seconds`.

    A plain class, not a dataclass: `dataclasses` costs ~3 ms to import, and the GUI should not wait
    for it (this module is imported once a kiosk is built; the configuration, read at every start,
    takes only `DEFAULT_PIN_ITERATIONS` from the package).

    Args:
        pin_hash: hex PBKDF2 hash from the configuration ("" when no PIN is set: nobody gets in).
        pin_salt: hex salt from the configuration.
        iterations: the PBKDF2 work factor the hash was made with.
        clock: seconds from a monotonic clock (tests pass a fake one).
        max_tries: wrong tries in a row before the lockout.
        lock_seconds: how long the lockout lasts.
    """

    def __init__(
        self,
        pin_hash: str,
        pin_salt: str,
        iterations: int = DEFAULT_ITERATIONS,
        clock: Callable[[], float] = time.monotonic,
        max_tries: int = MAX_TRIES,
        lock_seconds: float = LOCK_SECONDS,
    ) -> None:
        self.pin_hash = pin_hash
        self.pin_salt = pin_salt
        self.iterations = iterations
        self.clock = clock
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self.failures = 0
        self.locked_until = 0.0

    @property
    def configured(self) -> bool:
        """Whether a usable PIN is set."""
        return bool(self.pin_hash and self.pin_salt) and self.iterations >= 1

    def locked_for(self) -> float:
        """Seconds left in the lockout (0 when not locked)."""
        return max(0.0, self.locked_until - self.clock())

    @property
    def tries_left(self) -> int:
        """Wrong tries left before the lockout."""
        return self.max_tries - self.failures

    def check(self, pin: str) -> Outcome:
        """Try `pin`; while locked, even the right PIN is refused (and not even hashed)."""
        if not self.configured:
            return Outcome.NOT_SET
        if self.locked_for() > 0:
            return Outcome.LOCKED
        if verify_pin(pin, self.pin_hash, self.pin_salt, self.iterations):
            self.failures = 0
            return Outcome.OK
        self.failures += 1
        if self.failures >= self.max_tries:
            self.failures = 0
            self.locked_until = self.clock() + self.lock_seconds
            return Outcome.LOCKED
        return Outcome.WRONG


def config_lines(pin: str, iterations: int = DEFAULT_ITERATIONS) -> list[str]:
    """The configuration lines for `pin` (to paste under ``[kiosk]``)."""
    pin_hash, pin_salt = hash_pin(pin, iterations=iterations)
    return [f"pin_hash={pin_hash}", f"pin_salt={pin_salt}", f"pin_iterations={iterations}"]


def main(argv: Sequence[str] | None = None) -> int:
    """Ask for a new PIN twice and print the configuration lines; returns the exit status."""
    # Here, not at the top: a kiosk imports this module with the GUI, and PySide6's import hook reads
    # the source of each module named in an import statement after it (~100 KB for argparse).
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m cloudwizard.gui.kiosk.pin",
        description="Make the pin_hash/pin_salt lines for the kiosk configuration ([kiosk] section).",
    )
    parser.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS,
                        help=f"PBKDF2 iterations (default {DEFAULT_ITERATIONS}, at least {MIN_ITERATIONS})")
    parser.add_argument("--stdin", action="store_true", help="read the PIN from the first line of standard input")
    args = parser.parse_args(argv)
    import getpass

    if args.iterations < MIN_ITERATIONS:
        print(f"error: use at least {MIN_ITERATIONS} iterations", file=sys.stderr)
        return 2
    if args.stdin:
        pin = sys.stdin.readline().strip()
        again = pin
    else:
        pin = getpass.getpass(f"New staff PIN ({PIN_LENGTH[0]} to {PIN_LENGTH[1]} digits): ")
        again = getpass.getpass("Once more: ")
    if pin != again:
        print("error: the two PINs differ; nothing was made", file=sys.stderr)
        return 1
    if not valid_pin(pin):
        print(f"error: the PIN must be {PIN_LENGTH[0]} to {PIN_LENGTH[1]} digits", file=sys.stderr)
        return 1
    print("\n".join(config_lines(pin, args.iterations)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
