"""The staff PIN: salted hash, lockout after five wrong tries, and the helper that makes the hash."""

from __future__ import annotations

import subprocess
import sys

from cloudwizard.gui.kiosk.pin import (
    DEFAULT_ITERATIONS,
    LOCK_SECONDS,
    MIN_ITERATIONS,
    Outcome,
    PinGuard,
    hash_pin,
    valid_pin,
    verify_pin,
)
from tests.gui.kiosk.conftest import FakeClock


def guard(clock: FakeClock, pin: str = "2468") -> PinGuard:
    pin_hash, pin_salt = hash_pin(pin, iterations=1000)
    return PinGuard(pin_hash, pin_salt, 1000, clock)


def test_hash_is_salted_and_verifies() -> None:
    h1, s1 = hash_pin("2468", iterations=1000)
    h2, s2 = hash_pin("2468", iterations=1000)
    assert s1 != s2 and h1 != h2  # a new random salt each time
    assert "2468" not in h1 + s1
    assert verify_pin("2468", h1, s1, 1000)
    assert not verify_pin("2469", h1, s1, 1000)
    assert not verify_pin("2468", h1, s1, 1001)
    assert not verify_pin("2468", "not hex", s1, 1000)
    assert DEFAULT_ITERATIONS >= MIN_ITERATIONS >= 200_000


def test_five_wrong_tries_lock_for_sixty_seconds() -> None:
    clock = FakeClock()
    g = guard(clock)
    for left in (4, 3, 2, 1):
        assert g.check("0000") is Outcome.WRONG
        assert g.tries_left == left
    assert g.check("0000") is Outcome.LOCKED
    assert g.locked_for() == LOCK_SECONDS == 60
    assert g.check("2468") is Outcome.LOCKED  # even the right one
    clock.now += 59.9
    assert g.check("2468") is Outcome.LOCKED
    clock.now += 0.2
    assert g.check("2468") is Outcome.OK
    assert g.tries_left == 5


def test_right_pin_resets_the_count() -> None:
    g = guard(FakeClock())
    for _ in range(4):
        g.check("1")
    assert g.check("2468") is Outcome.OK
    for _ in range(4):
        assert g.check("1") is Outcome.WRONG


def test_no_pin_set_lets_nobody_in() -> None:
    g = PinGuard("", "")
    assert g.check("") is Outcome.NOT_SET
    assert g.check("2468") is Outcome.NOT_SET


def test_valid_pin() -> None:
    assert valid_pin("2468") and valid_pin("123456789012")
    assert not valid_pin("123") and not valid_pin("1234567890123") and not valid_pin("12a4") and not valid_pin("١٢٣٤")


def test_helper_prints_config_lines_without_importing_qt() -> None:
    code = ("import sys, io; sys.stdin = io.StringIO('97531\\n'); sys.argv = ['pin', '--stdin'];"
            "from cloudwizard.gui.kiosk import pin; status = pin.main(['--stdin']);"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(status)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    lines = dict(line.split("=", 1) for line in out.strip().splitlines())
    assert set(lines) == {"pin_hash", "pin_salt", "pin_iterations"}
    assert int(lines["pin_iterations"]) == DEFAULT_ITERATIONS
    assert verify_pin("97531", lines["pin_hash"], lines["pin_salt"], DEFAULT_ITERATIONS)


def test_helper_refuses_a_bad_pin_and_weak_hashing() -> None:
    run = [sys.executable, "-m", "cloudwizard.gui.kiosk.pin", "--stdin"]
    bad = subprocess.run(run, input="12\n", capture_output=True, text=True)
    assert bad.returncode == 1 and "4 to 12 digits" in bad.stderr and not bad.stdout
    weak = subprocess.run([*run, "--iterations", "1000"], input="2468\n", capture_output=True, text=True)
    assert weak.returncode == 2 and not weak.stdout
