"""What a real screen-reader client (AT-SPI, pyatspi) hears for the disclosures and the links of #12.

"Why we ask this" and "Show the details" were announced as check boxes ("not checked"); a link on
the advice page took two Tabs. Now: push buttons that say "collapsed"/"expanded", and one focusable
push button per link, with its address as the description.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.gui.atspi_run import atspi_missing, run_under_atspi


def _walk(page: str, tmp_path: Path) -> list[dict[str, Any]]:
    report = run_under_atspi(tmp_path, ["atspi_disclosure_app.py", page], ["atspi_disclosure_client.py"])
    nodes: list[dict[str, Any]] = report["nodes"]
    return nodes


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
def test_why_we_ask_this_is_a_push_button_that_says_whether_it_is_open(tmp_path: Path) -> None:
    nodes = [n for n in _walk("questions", tmp_path) if n["name"].startswith("Why we ask this")]
    assert len(nodes) >= 2, nodes
    assert {n["role"] for n in nodes} == {"push button"}, nodes  # not "check box"
    assert all(n["focusable"] for n in nodes)
    assert [n["description"] for n in nodes].count("expanded") == 1, nodes  # the one unfolded
    assert {n["description"] for n in nodes} == {"collapsed", "expanded"}, nodes


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
def test_the_details_and_each_link_of_the_advice_are_push_buttons(tmp_path: Path) -> None:
    nodes = _walk("result", tmp_path)
    details = [n for n in nodes if n["name"] in ("Show the details", "Hide the details")]
    assert details == [{"name": "Hide the details", "role": "push button", "description": "expanded",
                        "focusable": True}], details
    links = [n for n in nodes if "https://" in n["description"]]
    assert len(links) >= 5, links
    assert {n["role"] for n in links} == {"push button"} and all(n["focusable"] for n in links), links
    assert all(n["name"] and "https://" not in n["name"] for n in links), links  # named by the title


@pytest.mark.xvfb
@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
def test_a_screen_reader_hears_the_ask_back_and_next_takes_it_to_its_button(tmp_path: Path) -> None:
    """Typed in English: "2.500" announced while the focus stays, Next focuses "Yes, 2 500"; Tab at once
    goes to "Yes, 3 500" (said there, not announced twice); a refusal without a button is announced."""
    events = run_under_atspi(tmp_path, ["atspi_askback_app.py"], ["atspi_askback_client.py"])["events"]
    said = [e["said"] for e in events if e["type"] == "object:announcement"]
    assert said[0] == "Did you mean 2\u00a0500?", events
    assert len(said) == 2 and said[1].startswith("'lots' is not a number."), events
    focused = [e for e in events if e["type"] == "object:state-changed:focused" and e["detail"] == 1]
    buttons = [e for e in focused if e["role"] == "push button" and e["name"].startswith("Yes, ")]
    assert [e["name"] for e in buttons] == ["Yes, 2\u00a0500", "Yes, 3\u00a0500"], events
    assert [e["description"] for e in buttons] == ["Did you mean 2\u00a0500?", "Did you mean 3\u00a0500?"], events


@pytest.mark.skipif(bool(atspi_missing()), reason=atspi_missing() or "ok")
def test_a_screen_reader_hears_please_answer_on_an_unanswered_choice(tmp_path: Path) -> None:
    """Next on unanswered choices: the focused choice's description is the message, and where the
    focus does not move (Alt+Right on the choice itself) the message is announced."""
    events = run_under_atspi(tmp_path, ["atspi_required_app.py"], ["atspi_askback_client.py"])["events"]
    focused = [e for e in events if e["type"] == "object:state-changed:focused" and e["detail"] == 1
               and e.get("role") == "radio button"]
    assert [(e["name"], e["description"]) for e in focused] == [
        ("For myself", "Please choose who you are asking for."),
        ("Yes", "Please answer this question."),
    ], events
    said = [e["said"] for e in events if e["type"] == "object:announcement"]
    assert said == ["Please choose who you are asking for.", "Please answer this question."], events
