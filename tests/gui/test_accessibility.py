"""Accessibility: names for every control (in process and through a real AT-SPI client), keyboard
focus that is always visible, nothing clipped at 200 % scale, the high-contrast theme.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from cloudwizard.gui.app import Wizard
from tests.gui.atspi_run import atspi_missing, run_under_atspi
from tests.gui.conftest import find
from tests.gui.test_files import answer_business

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def unnamed_controls(wizard: Wizard) -> list[str]:
    out = []
    for w in wizard.window.findChildren(QWidget):
        if not w.isVisible() or w.focusPolicy() == Qt.FocusPolicy.NoFocus or w.focusProxy() is not None:
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            out.append(f"{type(w).__name__} {w.objectName()!r}")
    return out


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_every_control_has_an_accessible_name(make_wizard: Any, language: str) -> None:
    wizard = make_wizard(language)
    assert unnamed_controls(wizard) == []
    answer_business(wizard)
    wizard.controller.go_next()
    assert unnamed_controls(wizard) == []
    wizard.controller.show_review()
    assert unnamed_controls(wizard) == []
    wizard.controller.show_result()
    assert unnamed_controls(wizard) == []


def test_focus_is_visible_in_both_themes(wizard: Wizard) -> None:
    for high_contrast in (False, True):
        wizard.on_high_contrast(high_contrast)
        sheet = wizard.app.styleSheet()
        for selector in ("QRadioButton:focus", "QCheckBox:focus", "QPushButton:focus", "QLineEdit:focus"):
            assert selector in sheet


def test_high_contrast_theme_is_remembered(make_wizard: Any) -> None:
    first = make_wizard()
    first.window.act_contrast.trigger()
    assert first.high_contrast
    second = make_wizard()
    assert second.window.act_contrast.isChecked()


def test_nothing_clipped_at_double_scale(tmp_path: Path) -> None:
    """Under QT_SCALE_FACTOR=2 every label gets at least the height its text needs."""
    code = f"""
import os, sys
sys.path.insert(0, {str(REPO)!r})
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QAbstractButton
from cloudwizard.gui.app import build_app
w = build_app(language="de", questionnaire={str(REPO / 'questionnaires/examples/example.yaml')!r},
              settings=QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat), data_dir={str(tmp_path)!r})
w.window.resize(1000, 700); w.window.show()
c = w.controller
w.welcome.audience_buttons[1].click()
bad = []
def check(page):
    for _ in range(5): w.app.processEvents()
    for lab in w.window.findChildren(QLabel):
        if lab.isVisible() and lab.wordWrap() and lab.text() and lab.height() < lab.heightForWidth(lab.width()) - 1:
            bad.append((page, lab.text()[:40], lab.height(), lab.heightForWidth(lab.width())))
    for b in w.window.findChildren(QAbstractButton):
        need = b.heightForWidth(b.width()) if b.hasHeightForWidth() else b.minimumSizeHint().height()
        if b.isVisible() and b.text() and b.height() < need - 1:
            bad.append((page, b.text()[:40], b.height()))
check("welcome")
c.go_next(); check("questions")
for qid, v in (("staff", 80), ("data_kinds", frozenset({{"classified"}})), ("sensitivity", 5), ("peers", "no"),
               ("offline_copy", "yes")):
    c.set_answer(qid, v)
c.go_next(); check("data")
c.show_review(); check("review")
c.show_result(); check("result")
print(bad)
sys.exit(1 if bad else 0)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_score_bars_describe_themselves(wizard: Wizard) -> None:
    answer_business(wizard)
    wizard.controller.show_result()
    wizard.result.show_details()  # the scores are in the folded details
    bars = find(wizard, "modelBars")
    assert bars.accessibleName() == "Deployment models"
    assert "Private cloud: 5" in bars.accessibleDescription()
    assert isinstance(wizard.result.findChild(QLabel, "headline"), QLabel)
    assert all(isinstance(b, QAbstractButton) for b in wizard.result.what_if_buttons)


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
@pytest.mark.parametrize("page", ["welcome", "questions", "result"])
def test_atspi_every_interactive_element_has_role_and_name(page: str, tmp_path: Path) -> None:
    report = run_under_atspi(tmp_path, ["atspi_app.py", page], ["atspi_client.py", "CloudWizard"], timeout=120)
    assert report["checked"] >= 5, report
    assert report["problems"] == [], report


#: The full paths walked through AT-SPI: (answers file, answers changed) per audience.
AUDIENCE_PATHS = {
    "consumer": ("answers-consumer.yaml", ()),
    "sme": ("answers-sme.yaml", ()),
    "federal": ("answers-federal.yaml", ()),
    "local": ("answers-federal.yaml", ("government_level=local", "nis2=in_scope")),
}


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
@pytest.mark.parametrize("audience", list(AUDIENCE_PATHS))
def test_atspi_every_control_of_a_full_path_has_role_name_and_focus(audience: str, tmp_path: Path) -> None:
    """Each page of the audience's path, as a screen reader sees it: every control a role, a name, focusable."""
    answers, changes = AUDIENCE_PATHS[audience]
    folder = tmp_path / "sync"
    folder.mkdir()
    report = run_under_atspi(tmp_path, ["atspi_path_app.py", REPO / "questionnaires" / "examples" / answers, folder,
                                        *changes], ["atspi_path_client.py", folder], wait_ready=False, timeout=300)
    log = report["app_log"]
    pages = [p["page"] for p in report["pages"]]
    assert pages[0] == "welcome" and pages[-2:] == ["review", "result"], (pages, log)
    assert len([p for p in pages if p.startswith("section ")]) >= 5, pages
    assert all(p["checked"] >= 5 for p in report["pages"]), report["pages"]
    # one focused object on each page (the page's top), each question's choices a named group
    assert all(len(p["focused"]) == 1 for p in report["pages"]), [(p["page"], p["focused"]) for p in report["pages"]]
    assert all(p["groups"] >= 1 for p in report["pages"] if p["page"].startswith("section ")), report["pages"]
    assert report["problems"] == [], report["problems"]
