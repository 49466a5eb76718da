"""Questionnaire text cannot inject anything: no label renders its markup, and links open only safely.

Every text of the example questionnaire gets HTML in front of it (links to ``file:``, an image of a
local file, bold, a script tag), and the readings and sources get ``file:`` and ``javascript:``
addresses (the loader refuses those; they are put in behind its back to check the GUI on its own).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire
from cloudwizard.gui.app import Wizard
from cloudwizard.gui.links import link_markup, open_link, web_url
from cloudwizard.gui.widgets.tiles import LinkButton
from tests.gui.conftest import Dialogs, find

EXAMPLE = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "example.yaml"
HOSTILE = '<a href="file:///etc/passwd">x</a><img src="file:///etc/passwd"><b>B</b><script>alert(1)</script> '
BAD_URLS = ("file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>x</b>", "smb://server/share",
            "mailto:someone@example.org", "https://", "//evil.example/", "  file:/x", "HTTPS://ok.example/\nfile:x")


def _poison(node: Any) -> Any:
    """Put HOSTILE in front of every translated text."""
    if isinstance(node, dict):
        if set(node) >= {"en"} and all(isinstance(v, str) for v in node.values()):
            return {lang: HOSTILE + text for lang, text in node.items()}
        return {k: _poison(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v) for v in node]
    return node


@pytest.fixture
def hostile() -> Questionnaire:
    data = _poison(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    data.pop("tests", None)  # the scenario tests do not matter here
    result = load_questionnaire_text(yaml.safe_dump(data, allow_unicode=True), "hostile.yaml")
    assert result.questionnaire is not None, result.report.format()
    q = result.questionnaire
    readings = tuple(dataclasses.replace(r, url=url) for r, url in zip(
        (q.further_reading[0],) * 3, ("file:///etc/passwd", "javascript:alert(1)", "https://economie.fgov.be/"),
        strict=True))
    readings = tuple(dataclasses.replace(r, id=f"{r.id}_{i}") for i, r in enumerate(readings))
    sources = tuple(dataclasses.replace(s, url="file:///etc/passwd") if s.url else s for s in q.sources)
    return dataclasses.replace(q, further_reading=readings, sources=sources)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(QUrl(url).toString()) or True)
    return calls


def _rendering_labels(root: QWidget) -> list[QLabel]:
    """Labels that would interpret markup (rich text, or auto-detected rich text)."""
    labels = []
    for label in root.findChildren(QLabel):
        fmt = label.textFormat()
        if fmt == Qt.TextFormat.PlainText:
            continue
        if fmt == Qt.TextFormat.AutoText and not QtGuiNamespace.mightBeRichText(label.text()):
            continue
        labels.append(label)
    return labels


def _assert_nothing_rendered(wizard: Wizard, where: str) -> int:
    checked = 0
    for label in _rendering_labels(wizard.window):
        text = label.text()
        assert "<img" not in text and "<script" not in text and "<b>B</b>" not in text, (where, text)
        for href in re.findall(r'href="([^"]*)"', text):
            assert web_url(href.replace("&amp;", "&")) is not None, (where, href)
        assert not label.openExternalLinks(), (where, label.objectName())
        checked += 1
    for widget in wizard.window.findChildren(QWidget):  # tool tips render rich text too
        assert "<img" not in widget.toolTip(), (where, widget.objectName())
    return checked


def walk_to_the_result(wizard: Wizard) -> list[str]:
    """Answer through the pages, checking each page as it is shown; returns the pages seen."""
    seen = []
    c = wizard.controller
    find(wizard, "audience_business").click()
    _assert_nothing_rendered(wizard, "welcome")
    wizard.window.nextRequested.emit()
    for qid, value in (("staff", 80), ("data_kinds", frozenset({"classified", "customers"})), ("sensitivity", 5),
                       ("peers", "no"), ("offline_copy", "yes")):
        c.set_answer(qid, value)
    for section in c.displayable_sections():
        c.go_to_section(section.id)
        for card in wizard.questions.cards.values():
            card.help_button.set_expanded(True)  # the help texts too
            assert card.help_text.isVisibleTo(card)
        seen.append(f"section:{section.id}")
        _assert_nothing_rendered(wizard, section.id)
    c.show_review()
    seen.append(c.page)
    _assert_nothing_rendered(wizard, "review")
    wizard.window.nextRequested.emit()
    seen.append(c.page)
    return seen


def test_no_label_renders_questionnaire_markup(make_wizard: Callable[..., Wizard], hostile: Questionnaire) -> None:
    wizard = make_wizard(questionnaire=hostile)
    seen = walk_to_the_result(wizard)
    assert seen[-1] == "result" and "section:data" in seen
    rich = _assert_nothing_rendered(wizard, "result")
    assert rich >= 5  # the result page does use rich text (escaped), so the check above had work to do
    page_text = " ".join(label.text() for label in wizard.window.findChildren(QLabel))
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page_text or '<img src="file' in page_text
    # the hostile text is there, but shown as text: in plain labels, or escaped in rich ones
    assert any(label.text().startswith(HOSTILE) for label in wizard.window.findChildren(QLabel)
               if label.textFormat() == Qt.TextFormat.PlainText)


def test_links_of_the_result_page_open_only_web_addresses_after_asking(
    make_wizard: Callable[..., Wizard], hostile: Questionnaire, dialogs: Dialogs, opened: list[str],
) -> None:
    wizard = make_wizard(questionnaire=hostile)
    walk_to_the_result(wizard)
    wizard.result.show_details()  # sources and further reading are in the folded details
    readings = [wizard.result.findChild(QWidget, f"reading_{i}") for i in range(3)]
    assert all(readings)
    # the file: and javascript: readings are plain text, not links; the web address is one link button
    assert isinstance(readings[0], QLabel) and isinstance(readings[1], QLabel)
    assert readings[0].textFormat() == Qt.TextFormat.PlainText and readings[1].textFormat() == Qt.TextFormat.PlainText
    assert isinstance(readings[2], LinkButton) and readings[2].address == "https://economie.fgov.be/"
    assert not isinstance(wizard.result.findChild(QWidget, "source_0"), LinkButton)  # a source with a file: address

    # WHEN a hostile address reaches the page's link signal anyway
    for url in BAD_URLS:
        wizard.result.linkRequested.emit(url)
    # THEN nothing is opened, and the user is not even asked
    assert opened == [] and dialogs.asked == []

    # WHEN the web link is activated from the keyboard and the user says no, nothing opens; yes opens it
    readings[2].setFocus(Qt.FocusReason.TabFocusReason)
    dialogs.answer = False
    QTest.keyClick(readings[2], Qt.Key.Key_Space)
    assert dialogs.asked == ["Open this link?"] and opened == []
    dialogs.answer = True
    QTest.keyClick(readings[2], Qt.Key.Key_Return)
    assert opened == ["https://economie.fgov.be/"]


def test_the_confirmation_shows_the_full_address(monkeypatch: pytest.MonkeyPatch, wizard: Wizard,
                                                 opened: list[str]) -> None:
    shown: list[str] = []
    monkeypatch.setattr(type(wizard.window), "confirm",
                        lambda self, title, text, yes, no: shown.append(text) or False)
    wizard.open_link("https://example.org/a/long/path?with=query&and=more#part")
    assert "Open this address in your web browser?" in shown[0]
    assert "https://example.org/a/long/path?with=query&and=more#part" in shown[0]
    assert opened == []


@pytest.mark.parametrize("url", BAD_URLS)
def test_open_link_refuses_every_other_scheme(url: str, opened: list[str]) -> None:
    asked: list[str] = []
    assert not open_link(url, lambda shown: asked.append(shown) or True)
    assert asked == [] and opened == []
    assert "<a " not in link_markup("title", url)


def test_exported_html_escapes_questionnaire_markup(make_wizard: Callable[..., Wizard], hostile: Questionnaire,
                                                    tmp_path: Path) -> None:
    wizard = make_wizard(questionnaire=hostile)
    walk_to_the_result(wizard)
    target = tmp_path / "advice.html"
    assert wizard.export("html", str(target))
    html = target.read_text(encoding="utf-8")
    assert "&lt;img src=" in html
    assert "<img" not in html and "<script" not in html and 'href="file:' not in html and "javascript:" not in html
    assert wizard.export("pdf", str(tmp_path / "advice.pdf"))


def test_make_label_refuses_to_go_on_when_the_plain_text_format_does_not_take(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setting the format by name fails silently in Qt; make_label must not hand out a rich-text label then."""
    from cloudwizard.gui.widgets.common import make_label

    label = make_label("<b>bold</b> <a href='file:///etc/passwd'>x</a>")
    assert label.textFormat() == Qt.TextFormat.PlainText
    original = QLabel.setProperty

    def refuse(self: QLabel, name: str, value: object) -> bool:
        return False if name == "textFormat" else original(self, name, value)

    monkeypatch.setattr(QLabel, "setProperty", refuse)
    with pytest.raises(RuntimeError, match="plain-text format"):
        make_label("<b>bold</b>")
