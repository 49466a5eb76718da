"""The idle warning to a screen reader, in process: an alert, announced twice, described on "More time".

The outside check (a real AT-SPI client) is in test_atspi.py; here the clock is faked to walk the
whole countdown: the warning is announced when it appears and with 10 s left, never each second.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.kiosk.overlay import FINAL_WARNING_SECONDS
from tests.gui.conftest import click, find
from tests.gui.kiosk.conftest import fake_clock


def test_the_warning_is_an_alert_announced_at_the_start_and_near_the_end(qtbot: Any, kiosk: Wizard) -> None:
    assert kiosk.kiosk is not None
    clock = fake_clock(kiosk)
    click(qtbot, find(kiosk, "kioskTextSize"))  # something to clear
    overlay = kiosk.kiosk.overlay
    clock.now += kiosk.kiosk.config.idle_seconds + 1
    kiosk.kiosk.idle.check()
    assert overlay.running
    iface = QAccessible.queryAccessibleInterface(overlay)
    assert iface is not None and iface.role() == QAccessible.Role.AlertMessage, iface and iface.role()
    assert iface.text(QAccessible.Text.Name) == "Are you still there?"
    warning = "Are you still there? In 30 seconds this screen starts over and your answers are cleared."
    assert iface.text(QAccessible.Text.Description) == warning
    assert QApplication.focusWidget() is overlay.more_button
    button = QAccessible.queryAccessibleInterface(overlay.more_button)
    assert button.text(QAccessible.Text.Description) == warning
    assert overlay.announced == [warning]
    for _ in range(int(kiosk.kiosk.config.warning_seconds) - FINAL_WARNING_SECONDS - 1):
        clock.now += 1
        overlay.tick()
    assert overlay.announced == [warning], "announced before 10 s were left"
    clock.now += 1
    overlay.tick()
    final = "Are you still there? In 10 seconds this screen starts over and your answers are cleared."
    assert overlay.announced == [warning, final]
    assert button.text(QAccessible.Text.Description) == final
    for _ in range(FINAL_WARNING_SECONDS - 1):
        clock.now += 1
        overlay.tick()
    assert overlay.running and overlay.announced == [warning, final], "announced again in the last seconds"
    click(qtbot, overlay.more_button)
    assert not overlay.running
    # A second warning is announced afresh.
    clock.now += kiosk.kiosk.config.idle_seconds + 1
    kiosk.kiosk.idle.check()
    assert overlay.running and overlay.announced == [warning]
