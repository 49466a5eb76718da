"""The staff PIN: salted hash, an escalating lockout kept across restarts, and the helper that makes the hash."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cloudwizard.kioskpin import (
    DEFAULT_ITERATIONS,
    FORGET_SECONDS,
    LOCK_SECONDS,
    MAX_LOCK_SECONDS,
    MIN_ITERATIONS,
    LockoutStore,
    Outcome,
    PinGuard,
    default_lockout_path,
    hash_pin,
    valid_pin,
    verify_pin,
)
from tests.gui.kiosk.conftest import FakeClock

PIN = "246810"
HASH, SALT = hash_pin(PIN, iterations=1000)


def guard(clock: FakeClock, store: LockoutStore | None = None) -> PinGuard:
    return PinGuard(HASH, SALT, 1000, clock, store=store)


def fail_until_locked(g: PinGuard) -> None:
    for _ in range(g.tries_left - 1):
        assert g.check("000000") is Outcome.WRONG
    assert g.check("000000") is Outcome.LOCKED


def test_hash_is_salted_and_verifies() -> None:
    h1, s1 = hash_pin(PIN, iterations=1000)
    h2, s2 = hash_pin(PIN, iterations=1000)
    assert s1 != s2 and h1 != h2  # a new random salt each time
    assert PIN not in h1 + s1
    assert verify_pin(PIN, h1, s1, 1000)
    assert not verify_pin("246811", h1, s1, 1000)
    assert not verify_pin(PIN, h1, s1, 1001)
    assert not verify_pin(PIN, "not hex", s1, 1000)
    assert not verify_pin(PIN, h1, s1, 0)
    assert DEFAULT_ITERATIONS >= MIN_ITERATIONS >= 200_000


def test_five_wrong_tries_lock_for_a_minute_and_each_next_lock_doubles() -> None:
    clock = FakeClock()
    g = guard(clock)
    for left in (4, 3, 2, 1):
        assert g.check("000000") is Outcome.WRONG
        assert g.tries_left == left
    assert g.check("000000") is Outcome.LOCKED
    assert g.locked_for() == LOCK_SECONDS == 60
    assert g.check(PIN) is Outcome.LOCKED  # even the right one
    clock.now += 59.9
    assert g.check(PIN) is Outcome.LOCKED
    clock.now += 0.2
    # the count does not start again after a lock: the next five wrong tries lock twice as long
    locks = []
    for _ in range(8):
        fail_until_locked(g)
        locks.append(g.locked_for())
        clock.now += g.locked_for() + 0.1
    assert locks == [120, 240, 480, 960, 1920, MAX_LOCK_SECONDS, MAX_LOCK_SECONDS, MAX_LOCK_SECONDS]
    # the right PIN (outside a lock) starts everything again
    assert g.check(PIN) is Outcome.OK
    assert g.tries_left == 5 and g.next_lock_seconds() == LOCK_SECONDS


def test_lockout_is_kept_across_restarts(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "state" / "kiosk-lockout.json"
    store = LockoutStore(path)
    g = guard(clock, store)
    assert g.check(PIN) is Outcome.OK and not path.exists()  # nothing written for the right PIN
    for _ in range(3):
        g.check("000000")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert set(json.loads(path.read_text())) == {"failures", "locks", "locked_until", "last_failure"}
    assert PIN not in path.read_text() and HASH not in path.read_text()
    # a restart: the count goes on where it was …
    g = guard(clock, LockoutStore(path))
    assert g.tries_left == 2
    g.check("000000")
    assert g.check("000000") is Outcome.LOCKED
    # … and a lock survives a restart too
    g = guard(clock, LockoutStore(path))
    assert g.check(PIN) is Outcome.LOCKED and g.locked_for() == LOCK_SECONDS
    clock.now += LOCK_SECONDS + 1
    g = guard(clock, LockoutStore(path))
    fail_until_locked(g)
    assert g.locked_for() == 2 * LOCK_SECONDS  # escalated, not restarted
    clock.now += 2 * LOCK_SECONDS + 1
    assert g.check(PIN) is Outcome.OK
    assert not path.exists()


def test_a_day_without_wrong_tries_forgets_the_count() -> None:
    clock = FakeClock()
    g = guard(clock)
    fail_until_locked(g)
    clock.now += LOCK_SECONDS + 1
    g.check("000000")
    clock.now += FORGET_SECONDS + 1
    assert g.check("000000") is Outcome.WRONG and g.tries_left == 4
    assert g.next_lock_seconds() == LOCK_SECONDS


def test_a_damaged_or_future_state_never_helps_an_attacker(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "kiosk-lockout.json"
    path.write_text("{not json", encoding="utf-8")
    store = LockoutStore(path)
    g = guard(clock, store)
    assert "damaged" in store.problem
    assert g.next_lock_seconds() == MAX_LOCK_SECONDS  # the next lock is the longest
    # a lock saved far in the future (a clock set back) lasts at most the longest lock
    path.write_text(json.dumps({"failures": 0, "locks": 3, "locked_until": clock.now + 10**9,
                                "last_failure": clock.now}), encoding="utf-8")
    g = guard(clock, LockoutStore(path))
    assert g.locked_for() == MAX_LOCK_SECONDS


def test_a_state_that_cannot_be_written_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = LockoutStore(blocker / "sub" / "kiosk-lockout.json")  # a folder under a file
    g = guard(FakeClock(), store)
    assert g.check("000000") is Outcome.WRONG
    assert "cannot keep the lockout state" in store.problem


def test_default_state_path_is_the_kiosk_accounts_state_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "/var/tmp/state")
    assert default_lockout_path() == Path("/var/tmp/state/cloudwizard/kiosk-lockout.json")
    monkeypatch.setenv("XDG_STATE_HOME", "relative")  # ignored, as the XDG rules say
    assert default_lockout_path() == Path.home() / ".local/state/cloudwizard/kiosk-lockout.json"


def test_no_pin_set_lets_nobody_in() -> None:
    g = PinGuard("", "")
    assert g.check("") is Outcome.NOT_SET
    assert g.check(PIN) is Outcome.NOT_SET


def test_valid_pin_is_six_to_twelve_digits() -> None:
    assert valid_pin("246810") and valid_pin("123456789012")
    assert not valid_pin("2468") and not valid_pin("12345") and not valid_pin("1234567890123")
    assert not valid_pin("12a456") and not valid_pin("١٢٣٤٥٦")


def test_helper_prints_config_lines_without_importing_qt() -> None:
    code = ("import sys, io; sys.stdin = io.StringIO('975310\\n');"
            "from cloudwizard import kioskpin; status = kioskpin.main(['--stdin']);"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(status)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    lines = dict(line.split("=", 1) for line in out.strip().splitlines())
    assert set(lines) == {"pin_hash", "pin_salt", "pin_iterations"}
    assert int(lines["pin_iterations"]) == DEFAULT_ITERATIONS
    assert verify_pin("975310", lines["pin_hash"], lines["pin_salt"], DEFAULT_ITERATIONS)


@pytest.mark.parametrize("command", [["-m", "cloudwizard.kioskpin"], ["-m", "cloudwizard", "kiosk-pin"]])
def test_helper_refuses_a_short_pin_and_weak_hashing(command: list[str]) -> None:
    run = [sys.executable, *command, "--stdin"]
    env = {**{k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")},
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}  # English (tests/cli/test_kiosk_pin_language.py: nl/fr/de)
    for short in ("12", "2468", "12345"):
        bad = subprocess.run(run, input=short + "\n", capture_output=True, text=True, env=env)
        assert bad.returncode == 1 and "6 to 12 digits" in bad.stderr and not bad.stdout, bad.stderr
    weak = subprocess.run([*run, "--iterations", "199999"], input="246810\n", capture_output=True, text=True,
                          env=env)
    assert weak.returncode == 2 and not weak.stdout
    assert "at least 200,000" in weak.stderr and "nothing was made" in weak.stderr
    for many in ("10000001", "99999999999999999"):  # was an OverflowError traceback (or minutes per PIN try)
        slow = subprocess.run([*run, "--iterations", many], input="246810\n", capture_output=True, text=True,
                              env=env)
        assert slow.returncode == 2 and not slow.stdout, slow.stderr
        assert "at most 10,000,000" in slow.stderr and "Traceback" not in slow.stderr
    helped = subprocess.run([sys.executable, *command, "--help"], capture_output=True, text=True, env=env)
    assert "6 to 12 digits" in helped.stdout
