"""Regenerate the screenshots of docs/screenshots/pages: each page at each size and theme, and the kiosk.

Pages: the welcome page, a question page (the "needs" section, whose answer tiles must wrap), the
review and the advice, for one path through the bundled questionnaire (the small business of
``questionnaires/examples/answers-sme.yaml``). Variants:

- ``default``: the desktop window at its default size, 1100 × 760;
- ``800x600``: the desktop window at 800 × 600 (the sidebar folds away);
- ``hc``: the desktop window at 1100 × 760 in high contrast;
- ``kiosk``: the kiosk at 1366 × 768 (touch theme), plus the idle warning over the advice and the
  advice with larger text and high contrast switched on by clicks on the header buttons;
- ``200pct`` (not by default): the desktop window at 1100 × 760 at 200 % (QT_SCALE_FACTOR=2, in a
  process of its own).

The PNGs are reduced to 256 colours (Qt's own quantiser, no dithering: the text stays crisp), so the
whole set stays small. File names: ``<lang>-<variant>-<nn>-<page>.png``.

Usage: python tools/screenshots.py [--out docs/screenshots/pages] [--lang en fr de] [--variant default ...]
Runs offscreen unless QT_QPA_PLATFORM says otherwise. Look at every image after running it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

VARIANTS = {"default": (1100, 760), "800x600": (800, 600), "hc": (1100, 760), "kiosk": (1366, 768),
            "200pct": (1100, 760)}
DEFAULT_VARIANTS = ("default", "800x600", "hc", "kiosk")
QUESTION_SECTION = "needs"


def main() -> int:
    """Render the screenshots; returns the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "pages"))
    parser.add_argument("--lang", nargs="+", default=["en", "fr", "de"], choices=["nl", "fr", "de", "en"])
    parser.add_argument("--variant", nargs="+", default=list(DEFAULT_VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--answers", default="sme", choices=["sme", "federal", "consumer"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if "200pct" in args.variant and os.environ.get("QT_SCALE_FACTOR") != "2":
        # The scale is fixed when the QApplication starts: the 200 % pictures in a process of their own.
        command = [sys.executable, __file__, "--out", str(out), "--lang", *args.lang, "--variant", "200pct",
                   "--answers", args.answers]
        done = subprocess.run(command, env=dict(os.environ, QT_SCALE_FACTOR="2",
                                                QT_QPA_PLATFORM=_big_offscreen_screen()), check=False)
        if done.returncode != 0:
            return done.returncode
        args.variant = [v for v in args.variant if v != "200pct"]
        if not args.variant:
            return 0

    from PySide6.QtWidgets import QApplication

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import bundled_path, load

    app = QApplication.instance() or QApplication(sys.argv[:1])
    q = load(bundled_path())
    found = read_answers(ROOT / "questionnaires" / "examples" / f"answers-{args.answers}.yaml", q)
    if found.data is None:
        print(found.report.format(), file=sys.stderr)
        return 2
    answers = dict(found.data.answers)
    for variant in args.variant:
        for lang in args.lang:
            if variant == "kiosk":
                render_kiosk(app, q, lang, answers, out)
            else:
                render_desktop(app, q, lang, variant, answers, out)
    return 0


def _big_offscreen_screen() -> str:
    """An offscreen platform whose screen holds a 1100 × 760 window at 200 % (its own is 800 × 600)."""
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "big", "x": 0, "y": 0, "width": 2732, "height": 1536,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
                      encoding="utf-8")
    return f"offscreen:configfile={config}"


def settle(app: Any) -> None:
    """Let layouts, style sheets and deferred calls finish."""
    for _ in range(6):
        app.processEvents()


def save(app: Any, widget: Any, path: Path) -> None:
    """Grab `widget` and save it as a 256-colour PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    settle(app)
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    small = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither
                                  | Qt.ImageConversionFlag.ThresholdDither)
    small.save(str(path), "PNG", 9)
    print(path)


def answer_all(c: Any, answers: dict[str, Any]) -> None:
    """Give every answer of the path (an answer may reveal later questions: three passes)."""
    for _pass in range(3):
        for qid, value in answers.items():
            if c.session.answer(qid) != value:
                c.set_answer(qid, value)


def walk_pages(app: Any, w: Any, answers: dict[str, Any], out: Path, prefix: str) -> None:
    """Save the four pages of the wizard `w` (desktop or kiosk) as ``<prefix><nn>-<page>.png``.

    Welcome first, then every answer of the path is given, then the question page of
    ``QUESTION_SECTION``, the review and the advice; the wizard is left on the advice page.
    """
    c = w.controller
    save(app, w.window, out / f"{prefix}1-welcome.png")
    answer_all(c, answers)
    c.go_to_section(QUESTION_SECTION)
    w.render(focus=True)
    save(app, w.window, out / f"{prefix}2-question.png")
    c.show_review()
    save(app, w.window, out / f"{prefix}3-review.png")
    c.show_result()
    save(app, w.window, out / f"{prefix}4-advice.png")


def render_desktop(app: Any, q: Any, lang: str, variant: str, answers: dict[str, Any], out: Path) -> None:
    """The four pages of the desktop window in one variant."""
    from PySide6.QtCore import QSettings

    from cloudwizard.gui.app import build_app
    from cloudwizard.gui.options import WizardOptions

    tmp = tempfile.mkdtemp()
    w = build_app(language=lang, questionnaire=q, options=WizardOptions(high_contrast=variant == "hc"),
                  settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat), data_dir=tmp)
    w.window.resize(*VARIANTS[variant])
    w.window.show()
    w.window.activateWindow()
    walk_pages(app, w, answers, out, f"{lang}-{variant}-")
    w.window.close()
    if w.autosave is not None:
        w.autosave.end_run()


def render_kiosk(app: Any, q: Any, lang: str, answers: dict[str, Any], out: Path) -> None:
    """The kiosk's four pages, the idle warning over the advice, and the advice with larger text and contrast."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from cloudwizard.gui.app import build_app
    from cloudwizard.gui.kiosk.config import KioskConfig

    tmp = tempfile.mkdtemp()
    w = build_app(questionnaire=q, kiosk=KioskConfig(default_language=lang, pin_hash="0", pin_salt="0",
                                                     lockout_file=f"{tmp}/lockout"))
    k = w.kiosk
    assert k is not None
    k.print_html = lambda _html, _title: True  # no printer here
    w.window.resize(*VARIANTS["kiosk"])
    w.window.show()  # not full screen: the size asked for
    w.window.activateWindow()
    prefix = f"{lang}-kiosk-"

    def click(button: Any) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2))
        settle(app)

    walk_pages(app, w, answers, out, prefix)
    k.overlay.start(30)
    save(app, w.window, out / f"{prefix}5-idle-warning.png")
    k.overlay.stop()
    click(k.text_button)
    click(k.contrast_button)
    save(app, w.window, out / f"{prefix}6-advice-larger-text-contrast.png")
    k.shutdown()
    w.window.close()


if __name__ == "__main__":
    sys.exit(main())
