"""A whole kiosk visit leaves nothing behind: not in the session, the widgets, the clipboard or on disk."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from cloudwizard.gui.app import Wizard, build_app
from tests.gui.conftest import click, find
from tests.gui.kiosk.conftest import fake_clock, kiosk_config


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under `root`, with its size and content hash."""
    out: dict[str, tuple[int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[str(Path(dirpath, d).relative_to(root)) + "/"] = (0, "")
        for f in filenames:
            path = Path(dirpath, f)
            data = path.read_bytes()
            out[str(path.relative_to(root))] = (len(data), hashlib.sha256(data).hexdigest())
    return out


def visit(qtbot: Any, w: Wizard) -> None:
    """A visitor in Dutch, for a business, to the result; then prints and copies something."""
    click(qtbot, find(w, "language_nl"))
    assert w.l10n.language == "nl"
    click(qtbot, find(w, "audience_business"))
    click(qtbot, find(w, "nextButton"))
    staff = find(w, "input_staff")
    assert isinstance(staff, QLineEdit)
    click(qtbot, staff)
    qtbot.keyClicks(staff, "80")
    click(qtbot, find(w, "nextButton"))
    click(qtbot, find(w, "choice_data_kinds_customers"))
    click(qtbot, find(w, "choice_sensitivity_4"))
    click(qtbot, find(w, "choice_peers_yes"))
    click(qtbot, find(w, "nextButton"))
    click(qtbot, find(w, "choice_offline_copy_no"))
    click(qtbot, find(w, "nextButton"))
    assert w.controller.page == "review"
    click(qtbot, find(w, "nextButton"))
    assert w.controller.page == "result"
    qr = find(w, "kioskQr")
    assert isinstance(qr, QLabel) and not qr.pixmap().isNull()
    assert "Ons advies" in qr.property("summary")  # the visitor's language
    click(qtbot, find(w, "kioskPrint"))
    assert w.printed and "<html" in w.printed[0].lower()  # type: ignore[attr-defined]
    assert find(w, "kioskPrintStatus").isVisible()
    click(qtbot, find(w, "kioskTextSize"))
    click(qtbot, find(w, "kioskContrast"))
    assert w.high_contrast
    QGuiApplication.clipboard().setText("Gemeenschapscloud, 80 mensen")


def assert_nothing_left(w: Wizard) -> None:
    c = w.controller
    assert c.page == "welcome"
    assert c.session is not None and not c.session.answers and not c.session.set_aside
    assert c._recommendation is None and not c.what_if and c.justification is None
    assert w.l10n.language == "en"
    assert not w.high_contrast and w.kiosk is not None and not w.kiosk.large_text and not w.kiosk.printed
    assert QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard) == ""
    # every widget: nothing checked but the language, no typed text, no advice
    for b in w.window.findChildren(QAbstractButton):
        if b.isCheckable() and b.isChecked():
            assert b.objectName() == "language_en", b.objectName()
    for edit in w.window.findChildren(QLineEdit):
        assert edit.text() == "", edit.objectName()
    for edit in w.window.findChildren(QPlainTextEdit):
        assert edit.toPlainText() == "", edit.objectName()
    texts = " ".join(label.text() for label in w.window.findChildren(QLabel))
    for trace in ("Gemeenschapscloud", "Community", "80", "Ons advies", "Klanten"):
        assert trace not in texts, trace
    assert w.result.blocks.count() == 0 and w.review.sections.count() == 0 and not w.questions.cards
    for name in ("kioskQr", "kioskTakeHome", "headline", "input_staff"):
        assert w.window.findChild(QWidget, name) is None, name
    assert not w.kiosk.overlay.isVisible()


def test_whole_visit_then_idle_reset_leaves_no_trace(qtbot: Any, example_questionnaire: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    home = Path(os.environ["HOME"])
    tmp = home / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    # Qt and fontconfig set themselves up once per process; that is not the kiosk's doing.
    QLabel("warm-up").grab()
    before = snapshot(home)

    # GIVEN a kiosk (idle 60 s, warning 30 s) on a clock the test moves
    w = build_app(questionnaire=example_questionnaire, kiosk=kiosk_config())
    assert w.kiosk is not None
    printed: list[str] = []
    w.kiosk.print_html = lambda html, title: printed.append(html) or True
    w.kiosk.cancel_jobs = lambda: printed.append("cancelled")
    w.printed = printed  # type: ignore[attr-defined]
    qtbot.addWidget(w.window)
    w.kiosk.show()
    qtbot.waitExposed(w.window)
    clock = fake_clock(w)
    try:
        # WHEN a visitor goes all the way to the advice, prints it, copies something, walks away
        visit(qtbot, w)
        clock.now += 60
        w.kiosk.idle.check()
        assert w.kiosk.overlay.isVisible()
        clock.now += 30
        w.kiosk.overlay.tick()
        assert w.controller.page == "welcome" and not w.kiosk.overlay.isVisible()
        # THEN nothing of the visitor is left, and nothing was written
        assert_nothing_left(w)
        assert printed[-1] == "cancelled"  # a print job still waiting is cancelled after walking away
        QApplication.processEvents()
        assert snapshot(home) == before
        # AND the next visitor gets a working kiosk
        click(qtbot, find(w, "audience_consumer"))
        click(qtbot, find(w, "nextButton"))
        assert w.controller.page == "questions"
    finally:
        w.kiosk.shutdown()
        w.window.close()


def test_finish_button_resets_at_once_without_asking(qtbot: Any, kiosk: Wizard) -> None:
    visit(qtbot, kiosk)
    click(qtbot, find(kiosk, "startOverButton"))
    assert_nothing_left(kiosk)
    assert kiosk.printed[-1] != "cancelled"  # type: ignore[attr-defined]  # the visitor may be at the printer


def test_more_time_keeps_the_session(qtbot: Any, kiosk: Wizard) -> None:
    w = kiosk
    clock = fake_clock(w)
    click(qtbot, find(w, "audience_business"))
    click(qtbot, find(w, "nextButton"))
    staff = find(w, "input_staff")
    click(qtbot, staff)  # the page starts with the focus on its title; the visitor clicks into the field
    clock.now += 59
    w.kiosk.idle.check()
    assert not w.kiosk.overlay.isVisible()
    qtbot.keyClick(staff, Qt.Key.Key_8)  # a key press: the quiet time starts again
    clock.now += 59
    w.kiosk.idle.check()
    assert not w.kiosk.overlay.isVisible()
    clock.now += 1
    w.kiosk.idle.check()
    assert w.kiosk.overlay.isVisible()
    assert "30 seconds" in find(w, "idleCountdown").text()
    clock.now += 12.5
    w.kiosk.overlay.tick()
    assert "18 seconds" in find(w, "idleCountdown").text()
    click(qtbot, find(w, "moreTimeButton"))
    assert not w.kiosk.overlay.isVisible()
    assert w.controller.page == "questions" and staff.isVisible() and staff.hasFocus()  # back where it was
    assert w.controller.session.answer("audience") == "business"
    assert w.kiosk.idle.active
    # and the countdown comes back later, and resets when it runs out
    clock.now += 60
    w.kiosk.idle.check()
    assert w.kiosk.overlay.isVisible()
    clock.now += 29.9
    w.kiosk.overlay.tick()
    assert w.controller.page == "questions"
    clock.now += 0.1
    w.kiosk.overlay.tick()
    assert w.controller.page == "welcome"
    assert not w.controller.session.answers


def test_untouched_kiosk_shows_no_warning(kiosk: Wizard) -> None:
    clock = fake_clock(kiosk)
    clock.now += 3600
    kiosk.kiosk.idle.check()
    assert not kiosk.kiosk.overlay.isVisible()
    assert kiosk.kiosk.idle.active


def test_the_next_visitor_gets_the_first_visitors_colours_after_high_contrast(qtbot: Any, kiosk: Wizard) -> None:
    from PySide6.QtGui import QPalette

    def window_colour() -> str:
        return str(QGuiApplication.palette().color(QPalette.ColorRole.Window).name())

    before = window_colour()
    assert kiosk.kiosk is not None
    click(qtbot, kiosk.kiosk.contrast_button)
    assert kiosk.high_contrast and window_colour() != before
    click(qtbot, find(kiosk, "startOverButton"))
    # the high-contrast palette was taken for the system's own: every later visitor got the dark theme
    assert not kiosk.high_contrast and window_colour() == before
    click(qtbot, kiosk.kiosk.contrast_button)
    click(qtbot, kiosk.kiosk.contrast_button)  # on and off by hand: the same
    assert window_colour() == before
