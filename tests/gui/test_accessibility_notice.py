"""What a real screen-reader client (AT-SPI, pyatspi) hears and finds of the autosave notice (#12, #14).

The notice that a damaged autosave was moved aside appears without the focus moving to it: it is
announced once when it appears, and it is in the tree, named, with its location and buttons
reachable, in the window's language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.atspi_run import atspi_missing, run_under_atspi

#: The English texts: (title, the path's accessible name, the two buttons)
ENGLISH = ("Your saved answers could not be read", "Location of the damaged file: {path}", ("Show folder", "Dismiss"))


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_damaged_autosave_notice_is_announced_once_and_reachable(tmp_path: Path, lang: str) -> None:
    from cloudwizard.engine.i18n import gettext_for

    _ = gettext_for(lang)
    title = _("Your saved answers could not be read")
    location = _("Location of the damaged file: {path}")
    buttons = (_("Show folder"), _("Dismiss"))
    if lang == "en":
        assert (title, location, buttons) == ENGLISH
    else:
        assert title != ENGLISH[0] and location != ENGLISH[1]  # really translated
    report = run_under_atspi(tmp_path, ["atspi_notice_app.py", lang], ["atspi_notice_client.py"])
    assert "notice True" in report["app_log"], report["app_log"]
    said = [s for s in report["said"] if s.startswith(title)]
    assert len(said) == 1, report["said"]  # announced once, as it appeared
    assert said[0].startswith(f"{title}. "), said
    assert "autosave.cwanswers.yaml.corrupt-" in said[0], said  # says where the file is now
    nodes = report["nodes"]
    notice = [n for n in nodes if n["name"] == title and n["role"] != "label"]
    assert notice, [n for n in nodes if n["name"]]
    assert notice[0]["description"] and notice[0]["description"] in said[0], notice
    assert "path focused True" in report["app_log"], report["app_log"]
    moved = [n for n in nodes if n["name"].startswith(location.format(path="")) and n["role"] == "label"]
    assert len(moved) == 1 and moved[0]["focusable"], moved  # Tab reaches it, to copy the path
    where = moved[0]["name"][len(location.format(path="")):]
    assert "autosave.cwanswers.yaml.corrupt-" in where and where in said[0], (where, said)  # the full path
    # Focused as by Tab, the path's label is heard by its name, which says where the file is
    last = report["focused"][-1] if report["focused"] else {}
    assert last == {"name": location.format(path=where), "role": "label"}, report["focused"]
    for name in buttons:
        found = [n for n in nodes if n["name"] == name and n["role"] == "push button"]
        assert len(found) == 1 and found[0]["focusable"], (name, found)

