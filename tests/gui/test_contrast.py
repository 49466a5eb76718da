"""High contrast measured on grabbed pixels: text at least 7:1, indicators and the focus ring at least 3:1.

Each check grabs a widget as it is drawn on screen, takes its background (the most common colour)
and the colour that stands out most from it, and computes the WCAG contrast ratio of the two.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton, QWidget

from cloudwizard.engine.loader import load_bundled
from cloudwizard.gui.app import Wizard
from cloudwizard.gui.widgets.questions import ChoiceInput
from cloudwizard.gui.widgets.tiles import LinkButton
from tests.gui.test_files import answer_business


def luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pixels(image: QImage, rect: QRect | None = None) -> list[QColor]:
    r = rect or image.rect()
    return [image.pixelColor(x, y) for y in range(max(0, r.top()), min(image.height(), r.bottom() + 1))
            for x in range(max(0, r.left()), min(image.width(), r.right() + 1))]


def contrast(widget: QWidget, rect: QRect | None = None, background: QColor | None = None) -> float:
    """The contrast of the most distinct colour in (part of) the widget against its background."""
    QApplication.processEvents()
    image = widget.grab().toImage()
    found = pixels(image, rect)
    assert found, f"nothing grabbed from {widget.objectName()}"
    if background is None:
        background = QColor.fromRgb(Counter(c.rgb() for c in found).most_common(1)[0][0])
    return max(ratio(c, background) for c in found)


def tile_background(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() // 2)


@pytest.fixture
def dark_contrast(make_wizard: Any) -> Wizard:
    wizard = make_wizard(questionnaire=load_bundled())
    wizard.window.act_contrast.trigger()
    assert wizard.high_contrast
    c = wizard.controller
    c.set_answer("audience", "sme")
    c.go_to_section("needs")
    assert wizard.questions.section_id == "needs"
    return wizard


def test_text_has_at_least_7_to_1(dark_contrast: Wizard) -> None:
    page = dark_contrast.questions
    card = page.cards["org_apps"]
    checks: list[QWidget] = [page.title, page.step, page.intro, card.label, card.hint, card.help_button,
                             dark_contrast.window.next_button, dark_contrast.window.back_button,
                             dark_contrast.window.progress_label]
    assert isinstance(card.input, ChoiceInput)
    checks += card.input.offered_buttons()
    for widget in checks:
        assert widget.isVisible(), widget.objectName()
        assert contrast(widget) >= 7, f"{widget.objectName() or type(widget).__name__}: {contrast(widget):.1f}:1"


def indicator_rect(button: Any) -> QRect:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (QStyle.SubElement.SE_CheckBoxIndicator if button.metaObject().className().endswith("CheckBox")
               else QStyle.SubElement.SE_RadioButtonIndicator)
    return button.style().subElementRect(element, option, button)


@pytest.mark.parametrize("question", ["org_apps", "access_from"])  # check boxes, radio buttons
def test_unselected_indicators_have_at_least_3_to_1(dark_contrast: Wizard, question: str) -> None:
    card = dark_contrast.questions.cards[question]
    assert isinstance(card.input, ChoiceInput)
    for button in card.input.offered_buttons():
        assert not button.isChecked()
        rect = indicator_rect(button)
        assert rect.width() >= 12, rect
        measured = contrast(button, rect, tile_background(button))
        assert measured >= 3, f"{button.objectName()}: indicator {measured:.1f}:1"


def test_focus_ring_has_at_least_3_to_1(dark_contrast: Wizard) -> None:
    card = dark_contrast.questions.cards["access_from"]
    assert isinstance(card.input, ChoiceInput)
    button = card.input.offered_buttons()[1]
    button.setFocus()
    QApplication.processEvents()
    image = button.grab().toImage()
    ring = image.pixelColor(1, image.height() // 2)
    assert ratio(ring, dark_contrast.app.palette().window().color()) >= 3
    button.clearFocus()
    QApplication.processEvents()
    assert button.grab().toImage().pixelColor(1, image.height() // 2) != ring, "focus changes nothing"


def test_links_take_the_high_contrast_colour_when_switched_on_the_advice_page(make_wizard: Any) -> None:
    wizard = make_wizard()
    answer_business(wizard)
    wizard.controller.show_result()
    wizard.result.show_details()  # sources and further reading are in the folded details
    links = [b for b in wizard.result.findChildren(LinkButton) if b.isVisible()]
    assert links, "no link on the advice page"
    wizard.window.act_contrast.trigger()
    QApplication.processEvents()
    black = QColor("#000000")
    for link in links[:3]:
        wizard.result.ensureWidgetVisible(link)
        measured = contrast(link, background=black)
        assert measured >= 7, f"{link.text()[:40]}: {measured:.1f}:1"
        bluish = [c for c in pixels(link.grab().toImage()) if c.blue() > c.red() + 80 and c.blue() > c.green() + 40]
        assert not bluish, f"the light theme's blue is left in {link.text()[:40]}"


def test_disabled_back_looks_disabled(wizard: Wizard) -> None:
    back = wizard.window.back_button
    assert not back.isEnabled()
    disabled = contrast(back)
    wizard.controller.set_answer("audience", "business")
    wizard.controller.go_next()
    assert back.isEnabled()
    enabled = contrast(back)
    assert enabled >= 7 and disabled < 4.5, (enabled, disabled)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen popups
def test_high_contrast_menu_entry_shows_its_state(wizard: Wizard, qtbot: Any) -> None:
    menu = wizard.window.menu_view
    action = wizard.window.act_contrast

    def indicator() -> QImage:
        menu.popup(wizard.window.mapToGlobal(QPoint(40, 40)))
        qtbot.waitExposed(menu)
        rect = menu.actionGeometry(action)
        image = menu.grab(QRect(rect.left(), rect.top(), 30, rect.height())).toImage()
        menu.hide()
        return image

    off = indicator()
    assert contrast_of(off) >= 3, "an unticked entry shows no box"
    action.trigger()
    on = indicator()
    assert on != off, "ticking the entry does not change how it looks"


def contrast_of(image: QImage) -> float:
    found = pixels(image)
    background = QColor.fromRgb(Counter(c.rgb() for c in found).most_common(1)[0][0])
    return max(ratio(c, background) for c in found)
