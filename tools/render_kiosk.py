"""Render the kiosk to PNG so people can look at it.

Pages: welcome, a question page, the result with its QR code, the idle warning, the result with
larger text and high contrast, and the welcome page after the reset.

Usage: python tools/render_kiosk.py [--out /tmp/kiosk] [--lang nl] [--size 1280x800]
Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ANSWERS = {"staff": 80, "data_kinds": frozenset({"customers"}), "sensitivity": 4, "peers": "yes",
           "offline_copy": "no"}


def main() -> int:
    """Render the kiosk pages; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/kiosk")
    parser.add_argument("--lang", default="en", choices=["nl", "fr", "de", "en"])
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--questionnaire", default=str(ROOT / "questionnaires" / "examples" / "example.yaml"))
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from cloudwizard.engine.loader import load
    from cloudwizard.gui.app import build_app
    from cloudwizard.gui.kiosk.config import KioskConfig

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))
    w = build_app(questionnaire=load(args.questionnaire), kiosk=KioskConfig(default_language=args.lang))
    assert w.kiosk is not None
    w.window.resize(width, height)
    w.window.show()  # not full screen: the size asked for

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = out / f"kiosk-{args.lang}-{name}.png"
        w.window.grab().save(str(path))
        print(path)

    c = w.controller
    shot("01-welcome")
    c.set_answer("audience", "business")
    c.go_next()
    shot("02-question")
    for qid, value in ANSWERS.items():
        c.set_answer(qid, value)
    c.show_result()
    shot("03-result")
    w.kiosk.overlay.start(30)
    shot("04-idle-warning")
    w.kiosk.overlay.stop()
    w.kiosk.set_large_text(True)
    w.window.act_contrast.setChecked(True)
    shot("05-result-large-contrast")
    w.kiosk.reset()
    shot("06-after-reset")
    w.kiosk.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
