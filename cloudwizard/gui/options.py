"""What a wizard build shows and allows, so kiosk mode and tests can configure the same pages."""

from __future__ import annotations

from typing import NamedTuple


class WizardOptions(NamedTuple):
    """Switches for one build of the wizard (immutable).

    A NamedTuple, not a dataclass: it is made before the first paint, where `dataclasses` stays out
    (the first-frame rule, docs/gui.md).

    Attributes:
        allow_free_text: show free-text questions (a shared kiosk hides them).
        allow_files: offer opening, saving and exporting files and printing.
        autosave: keep the session in the user's data folder and offer to restore it.
        remember_geometry: store the window size and position between runs.
        high_contrast: start with the high-contrast theme.
    """

    allow_free_text: bool = True
    allow_files: bool = True
    autosave: bool = True
    remember_geometry: bool = True
    high_contrast: bool = False
