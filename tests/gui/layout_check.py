"""Walk every page of a path and list what scrolls sideways or does not fit (used by test_layout.py).

Run as a script to check one language in a fresh process (the 200 % check needs QT_SCALE_FACTOR set
before Qt starts): ``python tests/gui/layout_check.py LANG[,LANG…] WIDTHxHEIGHT [PNG_FOLDER]`` prints one JSON
line with the problems found.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
#: The paths walked (answers file, answers changed): between them they show every section.
PATHS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("answers-consumer.yaml", {}),
    ("answers-sme.yaml", {}),
    ("answers-federal.yaml", {"government_level": "local", "nis2": "in_scope"}),
)


def problems_on_page(window: Any, page: str) -> list[str]:
    """What does not fit on the page shown now: a horizontal scroll bar, clipped text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel

    out: list[str] = []
    for area in window.findChildren(QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        if area.isVisible() and bar is not None and bar.isVisible() and bar.maximum() > 0:
            out.append(f"{page}: {area.objectName() or type(area).__name__} scrolls sideways by {bar.maximum()} px")
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.width() <= 1:
            continue
        text = label.text()[:50]
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + 1:
                out.append(f"{page}: label {text!r} needs {need} px of height, has {label.height()}")
            plain = label.text()
            if label.textFormat() == Qt.TextFormat.RichText or (
                label.textFormat() == Qt.TextFormat.AutoText and "<" in plain
            ):
                plain = html.unescape(re.sub(r"<[^>]*>", " ", plain))
            widest = max((label.fontMetrics().horizontalAdvance(w) for w in plain.split()), default=0)
            if widest > label.contentsRect().width() + 1:
                out.append(f"{page}: label {text!r} has a word wider ({widest} px) than the label")
        elif label.sizeHint().width() > label.width() + 1 and not label.property("elided"):
            out.append(f"{page}: label {text!r} needs {label.sizeHint().width()} px, has {label.width()}")
        if not _fully_inside(label, window):
            out.append(f"{page}: label {text!r} sticks out of the window")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        need = button.minimumSizeHint()
        if button.hasHeightForWidth():
            need.setHeight(button.heightForWidth(button.width()))
        if need.width() > button.width() + 1 or need.height() > button.height() + 1:
            out.append(f"{page}: button {button.text()[:50]!r} needs {need.width()}x{need.height()} px, "
                       f"has {button.width()}x{button.height()}")
        if not _fully_inside(button, window):
            out.append(f"{page}: button {button.text()[:50]!r} sticks out of the window")
    return out


def _fully_inside(widget: Any, window: Any) -> bool:
    """Whether the widget is within the window horizontally (vertical overflow scrolls, on purpose)."""
    from PySide6.QtCore import QPoint

    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= window.width()


def pages(wizard: Any, answers: dict[str, Any]) -> Iterator[str]:
    """Go through welcome, every section, review and result, yielding the name of each page shown."""
    from PySide6.QtWidgets import QApplication

    def settle() -> None:
        for _ in range(4):
            QApplication.processEvents()

    c = wizard.controller
    q = c.questionnaire
    settle()
    yield "welcome"
    c.set_answer(q.audience_question, answers[q.audience_question])
    c.go_next()
    while c.page == "questions":
        section = c.session.current_section
        for question in section.questions:
            if question.id in answers:
                c.set_answer(question.id, answers[question.id])
        settle()
        yield f"section {section.id}"
        c.go_next()
        if c.page == "questions" and c.session.current_section is section:
            raise AssertionError(f"the path does not get past {section.id}: {c.current_problems()}")
    settle()
    yield "review"
    c.show_result()
    settle()
    yield "result"


def check_language(language: str, width: int, height: int, shots: Path | None = None) -> list[str]:
    """Every page of every path in `language` at `width` x `height`: the problems found."""
    from PySide6.QtCore import QSettings

    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.loader import load_bundled
    from cloudwizard.gui.app import build_app

    q = load_bundled()
    found: list[str] = []
    seen: set[str] = set()
    tmp = tempfile.mkdtemp()
    for i, (name, changes) in enumerate(PATHS):
        data = read_answers(REPO / "questionnaires" / "examples" / name, q).data
        assert data is not None
        wizard = build_app(language=language, questionnaire=q, data_dir=f"{tmp}/{i}",
                           settings=QSettings(f"{tmp}/{i}.ini", QSettings.Format.IniFormat))
        wizard.window.resize(width, height)
        wizard.window.show()
        for page in pages(wizard, {**data.answers, **changes}):
            if page in seen and page.startswith(("welcome", "review")):
                continue
            seen.add(page)
            found += [f"{language} {width}x{height}: {p}" for p in problems_on_page(wizard.window, page)]
            if shots is not None:
                shots.mkdir(parents=True, exist_ok=True)
                wizard.window.grab().save(str(shots / f"{language}-{width}x{height}-{i}-{page.replace(' ', '-')}.png"))
        wizard.window.close()
        wizard.window.deleteLater()
    return found


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    languages, size = sys.argv[1].split(","), sys.argv[2]
    w, h = (int(x) for x in size.split("x"))
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    print(json.dumps([p for lang in languages for p in check_language(lang, w, h, folder)]))
