"""Leave a kiosk alone until its idle warning appears, for the AT-SPI test (started by test_atspi.py).

Usage: python atspi_idle_app.py LANGUAGE
The visitor switched "Larger text" on (so there is something to clear) and walks away: after
`IDLE_S` seconds the warning counts down from `WARNING_S`; the app quits before the reset.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QTimer

from cloudwizard.engine.loader import bundled_path, load
from cloudwizard.gui.app import build_app
from cloudwizard.gui.kiosk.config import KioskConfig

#: Quiet seconds before the warning (short for the test: the client is listening by then).
IDLE_S = 6.0
#: The warning's countdown: the second announcement comes 10 s before its end.
WARNING_S = 14.0


def main() -> None:
    wizard = build_app(questionnaire=load(bundled_path()),
                       kiosk=KioskConfig(default_language=sys.argv[1], pin_hash="0", pin_salt="0", lockout_file="",
                                         idle_seconds=IDLE_S, warning_seconds=WARNING_S))
    kiosk = wizard.kiosk
    assert kiosk is not None
    kiosk.show()
    kiosk.text_button.click()
    kiosk.idle.restart()
    print("ready", flush=True)
    QTimer.singleShot(int((IDLE_S + WARNING_S - 2) * 1000), wizard.app.quit)
    wizard.app.exec()


if __name__ == "__main__":
    main()
