"""Fixtures for the kiosk tests: a kiosk built by the real composition root, with short times."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cloudwizard.gui.app import Wizard, build_app
from cloudwizard.gui.kiosk.config import KioskConfig
from cloudwizard.kioskpin import hash_pin

PIN = "246810"
#: Few iterations keep the tests fast; the real default is checked in test_pin.py.
ITERATIONS = 1000


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fake_clock(wizard: Wizard) -> FakeClock:
    """Give the kiosk's idle watcher, warning, corner taps and staff prompt one fake clock (counting again)."""
    assert wizard.kiosk is not None
    clock = FakeClock()
    k = wizard.kiosk
    k.clock = k.idle.clock = k.overlay.clock = k.corner.clock = clock
    if k.idle.active:
        k.idle.restart()
    return clock


def shut_down(built: list[Wizard]) -> None:
    """Stop each kiosk's timers and close its window (the end of a fixture that made them)."""
    for wizard in built:
        assert wizard.kiosk is not None
        wizard.kiosk.shutdown()
        wizard.window.close()


def sized_kiosk(qtbot: Any, lang: str, size: tuple[int, int], answers: str = "federal") -> Wizard:
    """A kiosk on the bundled questionnaire with an example's answers, its window at `size`, printing nothing.

    The offscreen screen is small: the kiosk's window is shown normal at the size asked for.
    """
    q, values = bundled_answers(answers)
    w = build_app(questionnaire=q, kiosk=kiosk_config(default_language=lang))
    assert w.kiosk is not None
    w.kiosk.print_html = lambda html, title: True
    qtbot.addWidget(w.window)
    w.kiosk.show()
    w.window.showNormal()
    w.window.resize(*size)
    qtbot.waitExposed(w.window)
    for qid, value in values.items():
        w.controller.set_answer(qid, value)
    return w


def kiosk_config(**overrides: Any) -> KioskConfig:
    pin_hash, pin_salt = hash_pin(PIN, iterations=ITERATIONS)
    values: dict[str, Any] = {"enabled": True, "idle_seconds": 60.0, "warning_seconds": 30.0,
                              "default_language": "en", "pin_hash": pin_hash, "pin_salt": pin_salt,
                              "pin_iterations": ITERATIONS, "lockout_file": ""}
    values.update(overrides)
    return KioskConfig(**values)


@pytest.fixture
def make_kiosk(qtbot: Any, example_questionnaire: Any) -> Iterator[Callable[..., Wizard]]:
    built: list[Wizard] = []

    def make(**overrides: Any) -> Wizard:
        wizard = build_app(questionnaire=example_questionnaire, kiosk=kiosk_config(**overrides))
        assert wizard.kiosk is not None
        printed: list[str] = []
        wizard.kiosk.print_html = lambda html, title: printed.append(html) or True
        wizard.kiosk.cancel_jobs = lambda: printed.append("cancelled")
        wizard.printed = printed  # type: ignore[attr-defined]
        qtbot.addWidget(wizard.window)
        wizard.kiosk.show()
        qtbot.waitExposed(wizard.window)
        wizard.window.activateWindow()
        qtbot.waitActive(wizard.window)
        built.append(wizard)
        return wizard

    yield make
    shut_down(built)


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Wizard]) -> Wizard:
    return make_kiosk()


def bundled_answers(name: str) -> tuple[Any, dict[str, Any]]:
    """The bundled questionnaire and the answers of ``questionnaires/examples/answers-<name>.yaml``."""
    from pathlib import Path

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import bundled_path, load

    q = load(bundled_path())
    found = read_answers(Path(__file__).resolve().parents[3] / "questionnaires" / "examples" / f"answers-{name}.yaml", q)
    assert found.data is not None, found.report
    return q, dict(found.data.answers)
