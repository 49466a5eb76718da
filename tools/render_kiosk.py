"""Render the kiosk to PNG so people can look at it, driven by real mouse clicks.

Uses the bundled questionnaire with the answers of ``questionnaires/examples/answers-<name>.yaml``.
Pages: welcome, a question page, the advice with its print button and QR code, the idle warning,
the advice with larger text, then also with high contrast (both switched on by clicking the header
buttons), the staff PIN prompt, and the welcome page after the reset.

Usage: python tools/render_kiosk.py [--out /tmp/kiosk] [--lang nl ...] [--size 1366x768 ...] [--answers federal]
Runs offscreen unless QT_QPA_PLATFORM or a DISPLAY (e.g. under xvfb-run) says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    """Render the kiosk pages; returns the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", default="/tmp/kiosk")
    parser.add_argument("--lang", nargs="+", default=["en"], choices=["nl", "fr", "de", "en"])
    parser.add_argument("--size", nargs="+", default=["1366x768"])
    parser.add_argument("--answers", default="federal", choices=["federal", "sme", "consumer"])
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import bundled_path, load
    from cloudwizard.gui.app import build_app
    from cloudwizard.gui.kiosk.config import KioskConfig

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    q = load(bundled_path())
    found = read_answers(ROOT / "questionnaires" / "examples" / f"answers-{args.answers}.yaml", q)
    assert found.data is not None, found.report
    for size in args.size:
        width, height = (int(x) for x in size.split("x"))
        for lang in args.lang:
            w = build_app(questionnaire=q, kiosk=KioskConfig(default_language=lang, pin_hash="0", pin_salt="0"))
            w.window.resize(width, height)
            render(app, w, out / f"kiosk-{size}-{lang}-", dict(found.data.answers))
    return 0


def render(app: Any, w: Any, prefix: Path, answers: dict[str, Any]) -> None:
    """Walk one kiosk through a visit, saving ``<prefix><step>.png`` at each step."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    assert w.kiosk is not None
    w.kiosk.print_html = lambda _html, _title: True  # no printer here: say it printed
    w.window.show()  # not full screen: the size asked for
    w.window.activateWindow()

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def click(name: str) -> None:
        widget = w.window.findChild(QWidget, name)
        assert widget is not None, name
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))
        settle()

    def shot(name: str, widget: Any = None) -> None:
        settle()
        path = Path(f"{prefix}{name}.png")
        (widget or w.window).grab().save(str(path))
        print(path)

    c = w.controller
    shot("01-welcome")
    click(f"audience_{answers['audience']}")
    click("nextButton")
    shot("02-question")
    for qid, value in answers.items():
        c.set_answer(qid, value)
    c.show_result()
    shot("03-result")
    w.kiosk.overlay.start(30)
    shot("04-idle-warning")
    click("moreTimeButton")
    click("kioskTextSize")
    shot("05-result-larger-text")
    click("kioskPrint")
    click("kioskContrast")
    shot("06-result-larger-text-contrast")
    w.kiosk.open_admin()
    shot("07-staff-prompt", w.kiosk.admin)
    w.kiosk.admin.reject()
    click("startOverButton")
    shot("08-after-reset")
    w.kiosk.shutdown()
    w.window.close()


if __name__ == "__main__":
    sys.exit(main())
