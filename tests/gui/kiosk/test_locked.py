"""A visitor cannot leave the kiosk: close, Alt+F4, Escape and Ctrl+Q are ignored; staff exits with the PIN."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton

from cloudwizard.gui.app import Wizard
from cloudwizard.gui.kiosk.admin import ADMIN_TIMEOUT_SECONDS, CORNER_TAPS, AdminDialog
from cloudwizard.gui.kiosk.mode import ADMIN_EXIT_STATUS
from tests.gui.conftest import click, find
from tests.gui.kiosk.conftest import PIN, FakeClock, fake_clock


def type_pin(qtbot: Any, dialog: AdminDialog, pin: str) -> None:
    for digit in pin:
        button = dialog.findChild(QPushButton, f"pinKey_{digit}")
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_close_alt_f4_escape_and_quit_are_ignored(qtbot: Any, kiosk: Wizard) -> None:
    window = kiosk.window
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.menuBar().isVisible()
    window.close()
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.isVisible()
    assert not kiosk.window.act_quit.isEnabled()


def test_links_are_never_opened(kiosk: Wizard) -> None:
    assert QDesktopServices.openUrl(QUrl("https://example.org"))  # handled: by refusing it
    assert "cannot be opened" in kiosk.window.statusBar().currentMessage()
    kiosk.window.statusBar().clearMessage()
    kiosk.result.linkRequested.emit("https://example.org")  # a source link: no question, no browser
    assert "cannot be opened" in kiosk.window.statusBar().currentMessage()


def test_wrong_pin_five_times_locks_for_a_minute_then_right_pin_exits(qtbot: Any, kiosk: Wizard) -> None:
    assert kiosk.kiosk is not None
    clock = FakeClock()
    kiosk.kiosk.guard.clock = clock
    qtbot.keyClick(kiosk.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = kiosk.kiosk.admin
    assert dialog is not None and dialog.isVisible()
    for tries_left in (4, 3, 2, 1):
        type_pin(qtbot, dialog, "111111")
        assert dialog.message.text().endswith(f"locks for 1 min: {tries_left}")
    type_pin(qtbot, dialog, "111111")
    assert "60 seconds" in dialog.message.text()
    assert not dialog.pin_input.isEnabled() and not dialog.ok_button.isEnabled()
    # even the right PIN is refused while locked
    dialog.pin_input.setText(PIN)
    dialog.try_pin()
    assert not dialog.unlocked
    clock.now += 30
    dialog.refresh_lock()  # what its half-second timer does
    assert "30 seconds" in dialog.message.text()
    clock.now += 31
    dialog.refresh_lock()
    assert dialog.pin_input.isEnabled() and dialog.message.text() == ""
    # the right PIN opens the staff panel, and Exit ends the kiosk
    type_pin(qtbot, dialog, PIN)
    assert dialog.unlocked
    with qtbot.waitSignal(kiosk.kiosk.exitRequested) as blocker:
        click(qtbot, dialog.exit_button)
    assert blocker.args == [ADMIN_EXIT_STATUS]
    assert not kiosk.window.isVisible()


def staff_shortcut(qtbot: Any, kiosk: Wizard) -> AdminDialog:
    """Press Ctrl+Alt+Shift+K where the keyboard is (the focused widget of the active window)."""
    target = QApplication.focusWidget() or QApplication.activeWindow() or kiosk.window
    qtbot.keyClick(target, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = kiosk.kiosk.admin
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_wrong_pin_typed_with_enter_counts_once(qtbot: Any, kiosk: Wizard) -> None:
    dialog = staff_shortcut(qtbot, kiosk)
    for tries_left in (4, 3):
        qtbot.keyClicks(dialog.pin_input, "111111")
        qtbot.keyClick(dialog.pin_input, Qt.Key.Key_Return)  # Enter counted each wrong PIN twice
        assert dialog.message.text().endswith(f"locks for 1 min: {tries_left}")
    assert kiosk.kiosk.guard.tries_left == 3
    qtbot.keyClicks(dialog.pin_input, PIN)
    qtbot.keyClick(dialog.pin_input, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert dialog.unlocked


def test_the_keyboard_comes_back_to_the_kiosk_after_the_prompt(qtbot: Any, kiosk: Wizard) -> None:
    for close in ("cancel", "escape"):
        dialog = staff_shortcut(qtbot, kiosk)
        if close == "cancel":
            click(qtbot, dialog.cancel_button)
        else:
            qtbot.keyClick(dialog.pin_input, Qt.Key.Key_Escape)
        # without a window manager nobody else activates the kiosk window again: keys went nowhere
        qtbot.waitUntil(lambda: QApplication.activeWindow() is kiosk.window)
    staff_shortcut(qtbot, kiosk)  # the shortcut still works from the keyboard


def test_pin_prompt_cancel_returns_to_the_visitor(qtbot: Any, kiosk: Wizard) -> None:
    kiosk.kiosk.open_admin()
    dialog = kiosk.kiosk.admin
    assert not kiosk.kiosk.idle.active  # no reset under staff's hands
    click(qtbot, dialog.cancel_button)
    assert not dialog.isVisible() and kiosk.window.isVisible()
    assert kiosk.kiosk.idle.active


def test_escape_closes_the_pin_prompt_and_the_idle_reset_resumes(qtbot: Any, kiosk: Wizard) -> None:
    kiosk.kiosk.open_admin()
    dialog = kiosk.kiosk.admin
    qtbot.keyClick(dialog.pin_input, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert kiosk.kiosk.idle.active and kiosk.window.isVisible()


def test_a_pin_prompt_left_open_times_out_and_the_visitors_answers_are_cleared(qtbot: Any, kiosk: Wizard) -> None:
    clock = fake_clock(kiosk)
    k = kiosk.kiosk
    click(qtbot, find(kiosk, "audience_business"))
    click(qtbot, find(kiosk, "nextButton"))
    k.open_admin()  # a visitor found the corner, then walked away
    dialog = k.admin
    assert dialog is not None and dialog.isVisible() and not k.idle.active
    clock.now += ADMIN_TIMEOUT_SECONDS - 5
    qtbot.keyClick(dialog.pin_input, Qt.Key.Key_1)  # someone is typing: the prompt stays
    clock.now += 10
    dialog.check_timeout()
    assert dialog.isVisible()
    clock.now += ADMIN_TIMEOUT_SECONDS
    dialog.check_timeout()
    assert not dialog.isVisible()
    assert k.idle.active  # counting again, from the time the prompt closed
    clock.now += 59
    k.idle.check()
    assert not k.overlay.isVisible()
    clock.now += 2
    k.idle.check()
    assert k.overlay.isVisible()
    clock.now += 31
    k.overlay.tick()
    assert kiosk.controller.page == "welcome" and not kiosk.controller.session.answers


def test_the_lockout_escalates_and_survives_a_restart_of_the_kiosk(qtbot: Any, make_kiosk: Any, tmp_path: Any) -> None:
    state = tmp_path / "lockout.json"
    first = make_kiosk(lockout_file=str(state))
    clock = FakeClock()
    first.kiosk.guard.clock = clock
    first.kiosk.open_admin()
    dialog = first.kiosk.admin
    for _ in range(5):
        type_pin(qtbot, dialog, "111111")
    assert "60 seconds" in dialog.message.text()
    clock.now += 61
    dialog.try_pin()  # (an empty try after the lock: wrong, and counted)
    assert dialog.message.text().endswith("locks for 2 min: 4")
    for _ in range(4):
        type_pin(qtbot, dialog, "111111")
    assert "120 seconds" in dialog.message.text()
    click(qtbot, dialog.cancel_button)
    first.kiosk.shutdown()
    # the kiosk restarts (a crash, a power cut): the lock is still there
    second = make_kiosk(lockout_file=str(state))
    second.kiosk.guard.clock = clock
    assert second.kiosk.guard.locked_for() == 120
    second.kiosk.open_admin()
    again = second.kiosk.admin
    assert "120 seconds" in again.message.text() and not again.pin_input.isEnabled()
    clock.now += 121
    again.refresh_lock()
    assert again.pin_input.isEnabled()
    type_pin(qtbot, again, PIN)
    assert again.unlocked and not state.exists()


def test_five_taps_in_the_corner_open_the_pin_prompt(qtbot: Any, kiosk: Wizard) -> None:
    corner = kiosk.kiosk.corner
    clock = FakeClock()
    corner.clock = clock
    title = kiosk.window.app_title
    corner_pos = title.mapFrom(kiosk.window, QPoint(10, 10))
    for _ in range(CORNER_TAPS - 1):
        qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=corner_pos)
        clock.now += 0.4
    assert kiosk.kiosk.admin is None
    clock.now += 5  # too slow: counting starts again
    for _ in range(CORNER_TAPS - 1):
        qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=corner_pos)
        clock.now += 0.4
    assert kiosk.kiosk.admin is None
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=corner_pos)
    assert kiosk.kiosk.admin is not None and kiosk.kiosk.admin.isVisible()


def test_staff_sets_the_default_language(qtbot: Any, kiosk: Wizard) -> None:
    kiosk.kiosk.open_admin()
    dialog = kiosk.kiosk.admin
    type_pin(qtbot, dialog, PIN)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    assert kiosk.l10n.language == "fr"  # nobody is mid-visit: at once
    click(qtbot, dialog.back_button)
    click(qtbot, find(kiosk, "language_de"))
    click(qtbot, find(kiosk, "startOverButton"))
    assert kiosk.l10n.language == "fr"
    assert find(kiosk, "startOverButton").text() == "Terminer / recommencer"


def test_no_free_text_no_files(qtbot: Any, kiosk: Wizard, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dialog(*_args: Any) -> Any:
        raise AssertionError("a file dialog was opened")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", no_dialog)
    win = kiosk.window
    for action in (win.act_open, win.act_save, win.act_pdf, win.act_print, *win.act_exports.values()):
        assert not action.isEnabled() and not action.isVisible()
    for k in (Qt.Key.Key_S, Qt.Key.Key_O, Qt.Key.Key_E, Qt.Key.Key_P):
        qtbot.keyClick(win, k, Qt.KeyboardModifier.ControlModifier)
    assert not kiosk.save_answers() and not kiosk.open_answers() and not kiosk.export("pdf")
    c = kiosk.controller
    click(qtbot, find(kiosk, "audience_consumer"))
    for qid, value in (("data_kinds", frozenset({"photos"})), ("sensitivity", 2), ("offline_copy", "no")):
        c.set_answer(qid, value)
    c.go_to_section("habits")
    assert kiosk.questions.section_id == "habits"
    assert "notes" not in kiosk.questions.cards  # the free-text question is not asked
    assert not kiosk.window.findChildren(QLineEdit, "input_notes")
    assert "4 of 4" in find(kiosk, "progressLabel").text()  # the audience and three asked, not the notes
    c.show_result()
    assert kiosk.window.findChild(QPushButton, "export_pdf") is None
