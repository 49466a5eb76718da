"""tools/screenshots.py keeps working: a later session regenerates docs/screenshots/pages with it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[3]


def test_the_kiosk_pictures_are_made_small_and_at_the_size_asked_for(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(REPO / "tools" / "screenshots.py"), "--out", str(tmp_path),
                           "--lang", "fr", "--variant", "kiosk"], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == ["fr-kiosk-1-welcome.png", "fr-kiosk-2-question.png", "fr-kiosk-3-review.png",
                     "fr-kiosk-4-advice.png", "fr-kiosk-5-idle-warning.png",
                     "fr-kiosk-6-advice-larger-text-contrast.png"], names
    for name in names:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1366, 768), name
        assert image.format() == QImage.Format.Format_Indexed8, name  # 256 colours: the set stays small
        assert (tmp_path / name).stat().st_size < 120_000, name
        colours = {image.pixel(x, y) for y in range(0, 768, 7) for x in range(0, 1366, 7)}
        assert len(colours) > 8, f"{name} is (nearly) blank"
