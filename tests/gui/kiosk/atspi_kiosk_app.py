"""Run a kiosk on its welcome page for the AT-SPI test (started under Xvfb by test_atspi.py).

Usage: python atspi_kiosk_app.py LANGUAGE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from cloudwizard.engine.loader import bundled_path, load
from cloudwizard.gui.app import build_app
from cloudwizard.gui.kiosk.config import KioskConfig


def main() -> None:
    wizard = build_app(questionnaire=load(bundled_path()),
                       kiosk=KioskConfig(default_language=sys.argv[1], pin_hash="0", pin_salt="0", lockout_file="",
                                         idle_seconds=600))
    assert wizard.kiosk is not None
    wizard.kiosk.show()
    print("ready", flush=True)
    wizard.app.exec()


if __name__ == "__main__":
    main()
