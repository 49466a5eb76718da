"""Render every page of the wizard to PNG, in each language, so people can look at them.

Pages: welcome, each question section of one path, review, result.

Usage: python tools/render_pages.py [--out DIR] [--lang nl ...] [--questionnaire PATH] [--answers FILE]
       [--high-contrast] [--size 1100x760]
Runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. under xvfb-run with ``xcb``). For 200 %,
set QT_SCALE_FACTOR=2 (the size stays in device-independent pixels). File names carry the size, and
-hc for high contrast: ``fr-800x600-02-section-needs-hc.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# One path through the questionnaire per id: the answers that lead through every section.
PATHS = {
    "example": {"audience": "business", "staff": 80, "data_kinds": ["customers"], "sensitivity": 4,
                "peers": "yes", "offline_copy": "no", "notes": "We keep invoices for seven years."},
}


def main() -> int:
    """Render the pages; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "cloudwizard-pages"))
    parser.add_argument("--lang", action="append", choices=["nl", "fr", "de", "en"])
    parser.add_argument("--questionnaire", default=str(ROOT / "questionnaires" / "cloudwizard-be.yaml"))
    parser.add_argument("--answers", help="an answers file giving the path to render (default: built in for the "
                        "example, the small business of questionnaires/examples for the bundled one)")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--size", default="1100x760")
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load
    from cloudwizard.gui.app import build_app
    from cloudwizard.gui.options import WizardOptions

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))
    q = load(args.questionnaire)
    answers = PATHS.get(q.id, {})
    if not args.answers and not answers:
        args.answers = str(ROOT / "questionnaires" / "examples" / "answers-sme.yaml")
    if args.answers:
        result = read_answers(args.answers, q)
        if result.data is None:
            print(result.report.format(), file=sys.stderr)
            return 2
        answers = result.data.answers
    tmp = tempfile.mkdtemp()
    suffix = "-hc" if args.high_contrast else ""
    scale = os.environ.get("QT_SCALE_FACTOR", "")
    size_tag = args.size + (f"@{scale}x" if scale not in ("", "1") else "")
    for lang in args.lang or ["en", "nl", "fr", "de"]:
        wizard = build_app(language=lang, questionnaire=q, options=WizardOptions(high_contrast=args.high_contrast),
                           settings=QSettings(f"{tmp}/settings-{lang}.ini", QSettings.Format.IniFormat),
                           data_dir=f"{tmp}/{lang}")
        window, c = wizard.window, wizard.controller
        window.resize(width, height)
        window.show()

        def shot(name: str, window=window, lang=lang) -> None:
            for _ in range(5):
                QApplication.processEvents()
            path = out / f"{lang}-{size_tag}-{name}{suffix}.png"
            window.grab().save(str(path))
            print(path)

        shot("01-welcome")
        if q.audience_question and q.audience_question in answers:
            c.set_answer(q.audience_question, answers[q.audience_question])
        c.go_next()
        n = 2
        while c.page == "questions":
            section = c.session.current_section
            for _pass in range(3):  # an answer can reveal later questions of the same section
                for question in c.questions_of(section.id):
                    if question.id in answers and c.session.answer(question.id) != answers[question.id]:
                        c.set_answer(question.id, answers[question.id])
            shot(f"{n:02d}-section-{section.id}")
            n += 1
            before = section.id
            c.go_next()
            if c.page == "questions" and c.session.current_section.id == before:
                print(f"stuck on section {before}: answer it in --answers", file=sys.stderr)
                return 1
        shot(f"{n:02d}-review")
        c.go_next()
        shot(f"{n + 1:02d}-result")
        bar = wizard.result.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        shot(f"{n + 2:02d}-result-middle")
        window.close()
        if wizard.autosave is not None:
            wizard.autosave.end_run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
