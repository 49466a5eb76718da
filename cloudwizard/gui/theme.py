"""Look and feel: the Fusion style, a palette and one style sheet built from it.

The palette follows the system (light or dark) unless the high-contrast theme is on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Colours(NamedTuple):
    """The handful of colours the style sheet uses (a NamedTuple: cheaper to create at start-up than a dataclass)."""

    window: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    focus: str
    soft: str
    danger: str
    good: str
    disabled: str = "#8b93a1"  #: text of a control that cannot be used now (a default keeps older callers working)


LIGHT = Colours("#f5f6f8", "#ffffff", "#1d2330", "#525c6e", "#1f5fbf", "#ffffff", "#cfd5df", "#f0a500",
                "#e8f0fc", "#b3261e", "#2e7d32", "#8b93a1")
DARK = Colours("#1b1e24", "#252932", "#e9ecf1", "#aab2c0", "#7fb0ff", "#0b1a33", "#414857", "#ffc94d",
               "#2b3850", "#ff8a80", "#81c784", "#6f7787")
#: Dynamic property of a QApplication made by `fusion_application` until the first `apply_theme`.
FUSION_FROM_START = "cloudwizardFusionFromStart"
#: Dynamic property of the QApplication: whether `apply_theme` last applied the dark colours (unset for high contrast).
THEME_DARK = "cloudwizardThemeDark"
#: Dynamic property of the QApplication: whether the system's own palette (before ours) is dark.
SYSTEM_PALETTE_DARK = "cloudwizardSystemPaletteDark"

HIGH_CONTRAST = Colours("#000000", "#000000", "#ffffff", "#ffffff", "#ffff00", "#000000", "#ffffff", "#00ffff",
                        "#1a1a00", "#ff6e6e", "#7dff7d", "#a6a6a6")


def system_palette_is_dark() -> bool:
    """Whether the system's palette is a dark one.

    It is read from the application's palette before `apply_theme` first sets ours, and remembered:
    read later, it was our own (after high contrast: black, so switching it off gave the dark theme).
    """
    app = QGuiApplication.instance()
    known = app.property(SYSTEM_PALETTE_DARK) if app is not None else None
    if isinstance(known, bool):
        return known
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if app is not None:
        app.setProperty(SYSTEM_PALETTE_DARK, dark)
    return dark


def system_is_dark() -> bool:
    """Whether the system asks for a dark appearance: its colour scheme, else its palette."""
    from PySide6.QtCore import Qt  # here, not at the top: the first-frame rule (docs/gui.md)

    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return system_palette_is_dark()


def colours(high_contrast: bool, first_frame: bool = False) -> Colours:
    """The colours for the chosen theme and the system's appearance.

    Args:
        high_contrast: the high-contrast colours.
        first_frame: decide light or dark from the system palette alone (see `apply_theme`).
    """
    if high_contrast:
        return HIGH_CONTRAST
    dark = system_palette_is_dark() if first_frame else system_is_dark()
    return DARK if dark else LIGHT


def palette_for(c: Colours) -> QPalette:
    """A Fusion palette from the theme colours."""
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window), (role.Base, c.surface), (role.AlternateBase, c.soft), (role.Button, c.surface),
        (role.WindowText, c.text), (role.Text, c.text), (role.ButtonText, c.text), (role.ToolTipBase, c.surface),
        (role.ToolTipText, c.text), (role.Highlight, c.accent), (role.HighlightedText, c.accent_text),
        (role.Link, c.accent), (role.PlaceholderText, c.muted), (role.Mid, c.border), (role.Dark, c.border),
    ):
        p.setColor(r, QColor(value))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c.muted))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c.muted))
    p.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c.muted))
    return p


def _icon(name: str) -> str:
    """The path of a bundled icon, as a style sheet's ``url()`` wants it."""
    import importlib

    resources = importlib.import_module("cloudwizard.resources")  # a plain folder of data (no stubs)
    return (Path(str(resources.__file__)).parent / "icons" / name).as_posix()


def _is_light(colour: str) -> bool:
    return QColor(colour).lightness() >= 128


def high_contrast_indicators(c: Colours) -> str:
    """Radio and check indicators, and scroll bars, drawn from the theme's colours.

    Fusion draws their outline a little darker than the window, which on the black window of high
    contrast is black: an unselected choice showed no indicator at all, and a scroll bar's handle
    hardly showed (a light block of the light theme's groove stayed in the step list's bar).
    """
    tick = _icon("tick-black.svg" if _is_light(c.accent) else "tick-white.svg")
    return f"""
QRadioButton::indicator, QCheckBox::indicator {{ width: 16px; height: 16px; border: 2px solid {c.text};
    background: {c.window}; }}
QRadioButton::indicator {{ border-radius: 10px; }}
QCheckBox::indicator {{ border-radius: 3px; }}
QRadioButton::indicator:checked {{ border-color: {c.accent}; background: qradialgradient(cx: 0.5, cy: 0.5,
    radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {c.accent}, stop: 0.55 {c.accent}, stop: 0.6 {c.window},
    stop: 1 {c.window}); }}
QCheckBox::indicator:checked {{ border-color: {c.accent}; background: {c.accent}; image: url({tick}); }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-color: {c.disabled}; }}
QScrollBar {{ background: {c.window}; border: 1px solid {c.text}; }}
QScrollBar:vertical {{ width: 14px; }}
QScrollBar:horizontal {{ height: 14px; }}
QScrollBar::handle {{ background: {c.text}; border: 2px solid {c.window}; border-radius: 0px; }}
QScrollBar::handle:vertical {{ min-height: 28px; }}
QScrollBar::handle:horizontal {{ min-width: 28px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {c.accent}; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: {c.window}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; background: none; }}
QAbstractScrollArea::corner {{ background: {c.window}; border: none; }}
"""


def style_sheet(c: Colours, high_contrast: bool) -> str:
    """The app's style sheet (sizes in pt so they scale with the system font and QT_SCALE_FACTOR)."""
    border = 2 if high_contrast else 1
    menu_tick = _icon("tick-black.svg" if not _is_light(c.text) else "tick-white.svg")
    arrow = _icon("arrow-down-white.svg" if _is_light(c.text) else "arrow-down-black.svg")  # the combo's, in the text colour
    indicators = high_contrast_indicators(c) if high_contrast else ""
    return indicators + f"""
QWidget {{ font-size: 11pt; }}
QMainWindow, QWidget#page, QScrollArea, QWidget#scrollBody {{ background: {c.window}; }}
QLabel {{ color: {c.text}; }}
QLabel[role="title"], QLabel[role="headline"] {{ font-weight: 600; border: 3px solid transparent;
    border-radius: 6px; padding: 0px 6px; }}
QLabel[role="title"] {{ font-size: 20pt; }}
QLabel[role="headline"] {{ font-size: 17pt; }}
QLabel[role="title"]:focus, QLabel[role="headline"]:focus {{ border-color: {c.focus}; }}
QLabel[focusTarget="true"] {{ border: 3px solid transparent; border-radius: 6px; }}
QLabel[focusTarget="true"]:focus {{ border-color: {c.focus}; }}
QLabel[role="subtitle"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="error"] {{ color: {c.danger}; font-weight: 600; }}
QLabel[role="question"] {{ font-size: 12.5pt; font-weight: 600; }}
QFrame#card, QFrame[role="card"] {{ background: {c.surface}; border: {border}px solid {c.border};
    border-radius: 10px; }}
QFrame[role="banner"] {{ background: {c.soft}; border: {border}px solid {c.accent}; border-radius: 10px; }}
QFrame#sidebar {{ background: {c.surface}; border-right: {border}px solid {c.border}; }}
QFrame#navBar {{ background: {c.surface}; border-top: {border}px solid {c.border}; }}
QFrame#header {{ background: {c.surface}; border-bottom: {border}px solid {c.border}; }}
QRadioButton, QCheckBox {{ color: {c.text}; padding: 7px 10px; border: {border}px solid {c.border};
    border-radius: 8px; background: {c.surface}; spacing: 10px; }}
QRadioButton:hover, QCheckBox:hover {{ border-color: {c.accent}; }}
QRadioButton:checked, QCheckBox:checked {{ background: {c.soft}; border-color: {c.accent}; }}
QRadioButton:focus, QCheckBox:focus {{ border: 3px solid {c.focus}; padding: 5px 8px; }}
QCheckBox[role="plain"] {{ border: none; background: transparent; }}
QCheckBox[role="plain"]:focus {{ border: 3px solid {c.focus}; }}
QPushButton {{ color: {c.text}; background: {c.surface}; border: {border}px solid {c.border};
    border-radius: 8px; padding: 7px 16px; outline: none; }}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: 3px solid {c.focus}; padding: 5px 14px; }}
QPushButton:disabled {{ color: {c.disabled}; background: {c.window}; border-style: dashed;
    border-color: {c.disabled}; }}
QPushButton[role="primary"] {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
    font-weight: 600; }}
QPushButton[role="primary"]:focus {{ border: 3px solid {c.focus}; }}
QPushButton[role="primary"]:disabled {{ background: {c.window}; color: {c.disabled}; font-weight: 600;
    border: 2px dashed {c.muted}; }}
QPushButton[role="link"] {{ color: {c.accent}; background: transparent; border: {border}px solid transparent;
    padding: 2px 6px; text-decoration: underline; }}
QPushButton[role="link"]:focus {{ border: 3px solid {c.focus}; padding: 0px 4px; }}
QLineEdit, QPlainTextEdit, QComboBox, QSpinBox {{ color: {c.text}; background: {c.surface};
    border: {border}px solid {c.border}; border-radius: 6px; padding: 5px 8px; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 3px solid {c.focus}; padding: 3px 6px; }}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url({arrow}); width: 12px; height: 12px; }}
QListWidget#sectionList {{ background: transparent; border: none; color: {c.text}; outline: none; }}
QListWidget#sectionList::item {{ padding: 8px 10px; border-radius: 6px; border: 2px solid transparent; }}
QListWidget#sectionList::item:selected {{ background: {c.soft}; color: {c.text}; font-weight: 600;
    border-color: {c.accent}; }}

QListWidget#sectionList:focus {{ border: 3px solid {c.focus}; border-radius: 8px; }}
QProgressBar {{ border: {border}px solid {c.border}; border-radius: 6px; background: {c.window};
    text-align: center; color: {c.text}; min-height: 16px; }}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 5px; }}
QMenuBar {{ background: {c.surface}; color: {c.text}; }}
QMenuBar::item:selected {{ background: {c.soft}; }}
QMenu {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
QMenu::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QMenu::item {{ padding: 5px 24px 5px 30px; }}
QMenu::item:disabled {{ color: {c.disabled}; }}
QMenu::item:disabled:selected {{ background: {c.soft}; color: {c.disabled}; }}
QMenu::indicator:non-exclusive {{ width: 14px; height: 14px; border: 1px solid {c.text}; border-radius: 3px;
    background: {c.surface}; left: 8px; }}
QMenu::indicator:non-exclusive:checked {{ image: url({menu_tick}); }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
"""


def touch_style_sheet(c: Colours, scale: float = 1.0) -> str:
    """What the kiosk adds to `style_sheet`: larger text (times `scale`) and targets of at least 44 px."""

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    return f"""
QWidget {{ font-size: {pt(14)}; }}
QLabel[role="title"] {{ font-size: {pt(24)}; font-weight: 600; }}
QLabel[role="headline"] {{ font-size: {pt(21)}; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {pt(16)}; font-weight: 600; }}
QLabel[role="question"] {{ font-size: {pt(16)}; font-weight: 600; }}
QPushButton, QComboBox, QLineEdit {{ min-height: 44px; min-width: 44px; }}
QPushButton[role="link"] {{ min-height: 44px; }}
QPushButton:checked {{ background: {c.soft}; border: 3px solid {c.accent}; font-weight: 600; }}
QPushButton:checked:focus {{ border-color: {c.focus}; }}
QRadioButton, QCheckBox {{ min-height: 44px; spacing: 14px; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 26px; height: 26px; }}
QListWidget#sectionList::item {{ min-height: 44px; padding: 6px 10px; }}
QFrame#idleCard {{ border: 3px solid {c.accent}; }}
QFrame#adminFrame {{ background: {c.surface}; border: 3px solid {c.accent}; border-radius: 0px; }}
""" + touch_scroll_bars(c)


def touch_scroll_bars(c: Colours, thickness: int = 24) -> str:
    """Wide scroll bars for fingers, drawn wholly from the theme's colours.

    Giving a scroll bar only a width in a style sheet hands its drawing to the style sheet, which
    then paints the parts it was not told about in its own defaults: the step list's handle came
    out black on the light theme. Every part is named here: a groove in the window colour with a
    border, a handle in the muted text colour (at least 3:1 against the groove in every theme), the
    accent while touched, and no arrow buttons (too small to hit; the handle and the page scroll).
    """
    return f"""
QScrollBar {{ background: {c.window}; border: 1px solid {c.border}; border-radius: 0px; }}
QScrollBar:vertical {{ width: {thickness}px; margin: 0px; }}
QScrollBar:horizontal {{ height: {thickness}px; margin: 0px; }}
QScrollBar::handle {{ background: {c.muted}; border: 3px solid {c.window}; border-radius: 8px; }}
QScrollBar::handle:vertical {{ min-height: 44px; }}
QScrollBar::handle:horizontal {{ min-width: 44px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {c.accent}; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: {c.window}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none; background: none; }}
QScrollBar::up-arrow, QScrollBar::down-arrow, QScrollBar::left-arrow, QScrollBar::right-arrow {{ width: 0px;
    height: 0px; background: none; }}
QAbstractScrollArea::corner {{ background: {c.window}; border: none; }}
"""


def fusion_application() -> QApplication:
    """A QApplication with the Fusion style from the start (``-style Fusion``).

    `apply_theme` then skips ``setStyle`` the first time: PySide6 wraps the QStyle that call returns,
    which would load the QStyle types and enums before the first paint (docs/benchmarks.md).
    """
    app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    app.setProperty(FUSION_FROM_START, True)
    return app


def apply_theme(
    app: QApplication, high_contrast: bool = False, touch_scale: float | None = None, first_frame: bool = False
) -> Colours:
    """Apply the theme to the application; returns the colours used (for custom painting).

    Args:
        app: the application.
        high_contrast: the high-contrast colours instead of the system's light or dark.
        touch_scale: the kiosk's touch theme with its text times this (None: the desktop theme).
        first_frame: the theme for the first paint: light or dark from the system palette only.
            Asking for the colour scheme (``QStyleHints.colorScheme()``) makes PySide6 create every
            enum of the Qt namespace (the first-frame rule, docs/gui.md). A platform theme that reports a dark scheme
            normally gives a dark palette too (Qt 6.11's GNOME theme does), and `theme_matches_system`
            checks the scheme itself right after the first paint.
    """
    system_palette_is_dark()  # remembered before our palette replaces the system's (also when high contrast)
    c = colours(high_contrast, first_frame)
    if app.property(FUSION_FROM_START):
        app.setProperty(FUSION_FROM_START, False)  # later calls set it again, as they always did
    else:
        app.setStyle("Fusion")
    app.setPalette(palette_for(c))
    sheet = style_sheet(c, high_contrast)
    if touch_scale is not None:
        sheet += touch_style_sheet(c, touch_scale)
    app.setStyleSheet(sheet)
    app.setProperty(THEME_DARK, None if high_contrast else c is DARK)  # None removes the property
    return c


def refresh_rich_text(root: QWidget) -> None:
    """Lay out every rich-text label under `root` again, so its links take the new palette's colour.

    Qt gives a link its colour when the label's text is parsed (from the application palette then),
    so links kept the old theme's blue after a switch to high contrast.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    for label in root.findChildren(QLabel):
        text = label.text()
        if label.textFormat() == Qt.TextFormat.RichText or (label.textFormat() == Qt.TextFormat.AutoText and "<" in text):
            label.setText("")  # setText ignores the same text
            label.setText(text)


def theme_matches_system(app: QApplication) -> bool:
    """Whether the light or dark theme applied last is what the system's colour scheme asks for.

    False only after a `first_frame` theme whose palette guess the colour scheme contradicts; the
    caller then applies the theme again. High contrast (neither light nor dark) always matches.
    """
    applied_dark = app.property(THEME_DARK)
    return applied_dark is None or bool(applied_dark) == system_is_dark()
