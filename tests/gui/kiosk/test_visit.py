"""A whole kiosk visit leaves nothing behind: not in the session, the widgets, the clipboard or on disk."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from cloudwizard.gui.app import Wizard, build_app
from tests.gui.conftest import click, find
from tests.gui.kiosk.conftest import kiosk_config


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

    # GIVEN a kiosk with a short idle time
    w = build_app(questionnaire=example_questionnaire, kiosk=kiosk_config(idle_seconds=0.3, warning_seconds=0.5))
    assert w.kiosk is not None
    printed: list[str] = []
    w.kiosk.print_html = lambda html, title: printed.append(html) or True
    w.kiosk.cancel_jobs = lambda: printed.append("cancelled")
    w.printed = printed  # type: ignore[attr-defined]
    qtbot.addWidget(w.window)
    w.kiosk.show()
    qtbot.waitExposed(w.window)
    try:
        # WHEN a visitor goes all the way to the advice, prints it, copies something, walks away
        visit(qtbot, w)
        qtbot.waitUntil(w.kiosk.overlay.isVisible, timeout=5000)
        qtbot.waitUntil(lambda: w.controller.page == "welcome" and not w.kiosk.overlay.isVisible(), timeout=5000)
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


def test_more_time_keeps_the_session(qtbot: Any, make_kiosk: Any) -> None:
    w = make_kiosk(idle_seconds=0.3, warning_seconds=0.5)
    click(qtbot, find(w, "audience_business"))
    click(qtbot, find(w, "nextButton"))
    qtbot.waitUntil(w.kiosk.overlay.isVisible, timeout=3000)
    assert find(w, "idleCountdown").text()
    click(qtbot, find(w, "moreTimeButton"))
    assert not w.kiosk.overlay.isVisible()
    assert w.controller.page == "questions"
    assert w.controller.session.answer("audience") == "business"
    assert w.kiosk.idle.active
    # and the countdown comes back later, and resets when it runs out
    qtbot.waitUntil(w.kiosk.overlay.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: w.controller.page == "welcome", timeout=3000)
    assert not w.controller.session.answers


def test_untouched_kiosk_shows_no_warning(qtbot: Any, make_kiosk: Any) -> None:
    w = make_kiosk(idle_seconds=0.2, warning_seconds=0.5)
    qtbot.wait(700)
    assert not w.kiosk.overlay.isVisible()
    assert w.kiosk.idle.active
