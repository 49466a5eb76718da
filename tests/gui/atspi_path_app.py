"""Walk one audience's full path for the AT-SPI test, page by page, in step with the client.

Usage: python atspi_path_app.py ANSWERS_FILE FOLDER [NAME=VALUE ...]

For each page it writes FOLDER/page-N (the page's name) once the page is shown, then waits for the
client's FOLDER/ack-N before going on; FOLDER/done marks the end. The answers are given through the
controller (the keyboard walk is test_keyboard.py); here the point is what a screen reader sees.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.loader import load_bundled
from cloudwizard.gui.app import build_app


def main() -> None:
    answers_path, folder = Path(sys.argv[1]), Path(sys.argv[2])
    tmp = tempfile.mkdtemp()
    q = load_bundled()
    data = read_answers(answers_path, q).data
    assert data is not None
    answers: dict[str, Any] = dict(data.answers)
    for pair in sys.argv[3:]:
        name, value = pair.split("=", 1)
        answers[name] = value
    wizard = build_app(language="en", questionnaire=q, data_dir=tmp,
                       settings=QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat))
    c = wizard.controller
    wizard.window.resize(1100, 760)
    wizard.window.show()
    wizard.window.activateWindow()  # the focus, without a window manager: each page puts it at its top
    wizard.window.status("CloudWizard")  # the status bar, as after saving or opening answers
    state = {"n": 0}

    def page_name() -> str:
        if c.page == "questions" and c.session is not None and c.session.current_section is not None:
            return f"section {c.session.current_section.id}"
        return c.page

    def announce() -> None:
        (folder / f"page-{state['n']}").write_text(page_name(), encoding="utf-8")
        QTimer.singleShot(100, wait_for_ack)

    def wait_for_ack() -> None:
        if not (folder / f"ack-{state['n']}").exists():
            QTimer.singleShot(100, wait_for_ack)
            return
        state["n"] += 1
        go_on()

    def go_on() -> None:
        assert c.session is not None and q.audience_question
        if c.page == "welcome":
            c.set_answer(q.audience_question, answers[q.audience_question])
            c.go_next()
        elif c.page == "questions":
            section = c.session.current_section
            assert section is not None
            for question in section.questions:
                if question.id in answers and question.id != q.audience_question:
                    c.set_answer(question.id, answers[question.id])
            c.go_next()
            if c.page == "questions" and c.session.current_section is section:
                raise SystemExit(f"stuck on {section.id}: {c.current_problems()}")
        elif c.page == "review":
            c.go_next()
        else:
            (folder / "done").write_text("done", encoding="utf-8")
            QTimer.singleShot(500, wizard.app.quit)
            return
        QTimer.singleShot(700, announce)  # let the accessibility bridge catch up with the new page

    print("ready", flush=True)
    QTimer.singleShot(1500, announce)
    wizard.app.exec()


if __name__ == "__main__":
    main()
