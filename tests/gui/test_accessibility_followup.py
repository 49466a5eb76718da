"""What a real screen-reader client (AT-SPI, pyatspi) hears for the disclosures and the links of #12.

"Why we ask this" and "Show the details" were announced as check boxes ("not checked"); a link on
the advice page took two Tabs. Now: push buttons that say "collapsed"/"expanded", and one focusable
push button per link, with its address as the description.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.gui.test_accessibility import _atspi_missing

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _walk(page: str, tmp_path: Path) -> list[dict[str, Any]]:
    script = tmp_path / "run.sh"
    script.write_text(f"""#!/bin/sh
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 0.5
{sys.executable} {HERE / 'atspi_disclosure_app.py'} {page} > {tmp_path / 'app.log'} 2>&1 &
APP=$!
i=0
while ! grep -q ready {tmp_path / 'app.log'} && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done
sleep 1.5
/usr/bin/python3 {HERE / 'atspi_disclosure_client.py'}
kill $APP
""", encoding="utf-8")
    script.chmod(0o755)
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1", HOME=str(tmp_path),
               PYTHONPATH=str(REPO))
    env.pop("QT_QPA_PLATFORM", None)
    started = time.monotonic()
    done = subprocess.run(["xvfb-run", "-a", "dbus-run-session", "--", "sh", str(script)], env=env,
                          capture_output=True, text=True, timeout=180)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report after {time.monotonic() - started:.0f}s:\n{done.stdout}\n{done.stderr}"
    report = json.loads(lines[-1])
    assert report["found"], "the app never showed up on the accessibility bus"
    nodes: list[dict[str, Any]] = report["nodes"]
    return nodes


@pytest.mark.xvfb
@pytest.mark.skipif(bool(_atspi_missing()), reason=_atspi_missing() or "ok")
def test_why_we_ask_this_is_a_push_button_that_says_whether_it_is_open(tmp_path: Path) -> None:
    nodes = [n for n in _walk("questions", tmp_path) if n["name"].startswith("Why we ask this")]
    assert len(nodes) >= 2, nodes
    assert {n["role"] for n in nodes} == {"push button"}, nodes  # not "check box"
    assert all(n["focusable"] for n in nodes)
    assert [n["description"] for n in nodes].count("expanded") == 1, nodes  # the one unfolded
    assert {n["description"] for n in nodes} == {"collapsed", "expanded"}, nodes


@pytest.mark.xvfb
@pytest.mark.skipif(bool(_atspi_missing()), reason=_atspi_missing() or "ok")
def test_the_details_and_each_link_of_the_advice_are_push_buttons(tmp_path: Path) -> None:
    nodes = _walk("result", tmp_path)
    details = [n for n in nodes if n["name"] in ("Show the details", "Hide the details")]
    assert details == [{"name": "Hide the details", "role": "push button", "description": "expanded",
                        "focusable": True}], details
    links = [n for n in nodes if "https://" in n["description"]]
    assert len(links) >= 5, links
    assert {n["role"] for n in links} == {"push button"} and all(n["focusable"] for n in links), links
    assert all(n["name"] and "https://" not in n["name"] for n in links), links  # named by the title
