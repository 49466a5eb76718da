"""What a newcomer meets on a fresh machine (issue 14 §1): no display, and a test run that keeps to itself."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cloudwizard.engine.conditions import ConditionError, NameInfo, compile_condition
from cloudwizard.engine.model import QuestionType
from cloudwizard.gui.display import missing_display

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("source", ["\x00", "a == 1\x00", "\x00 a == 1"])
def test_a_nul_character_in_a_condition_is_a_located_error_on_every_python(source: str) -> None:
    # Python 3.11.2 (Debian 12) raises ValueError from ast.parse here, 3.11.4 and later SyntaxError.
    with pytest.raises(ConditionError) as info:
        compile_condition(source, {"a": NameInfo(QuestionType.NUMBER)})
    ((message, column),) = info.value.problems
    assert message == "a condition cannot hold a NUL character (U+0000); remove it"
    assert column == source.strip().index("\x00")


@pytest.mark.parametrize("number", ["1" + "0" * 400, "1e400", "1" + "0" * 16, "-1e16", "-1e400", "(1, 1e400)"])
def test_a_number_a_condition_cannot_hold_is_refused(number: str) -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition(f"a in {number}" if number.startswith("(") else f"a > {number}", {"a": NameInfo(QuestionType.NUMBER)})
    assert [m for m, _ in info.value.problems] == ["a number in a condition must be finite and at most 10^15 in size"]


def test_numbers_up_to_the_limit_still_work() -> None:
    cond = compile_condition("a > 999999999999999 or a < -1e15", {"a": NameInfo(QuestionType.NUMBER)})
    assert cond({"a": 10**15}) and not cond({"a": 5})


@pytest.mark.parametrize("env", [{}, {"DISPLAY": ""}, {"WAYLAND_DISPLAY": ""}])
def test_no_display_is_said_plainly(env: dict[str, str]) -> None:
    message = missing_display("en", env, "linux")
    assert message is not None
    assert "there is no display" in message
    assert "cloudwizard ask" in message and "QT_QPA_PLATFORM=offscreen" in message


@pytest.mark.parametrize("env", [{"DISPLAY": ":0"}, {"WAYLAND_DISPLAY": "wayland-0"}, {"QT_QPA_PLATFORM": "offscreen"}])
def test_a_display_or_a_chosen_platform_is_enough(env: dict[str, str]) -> None:
    assert missing_display("en", env, "linux") is None


def test_other_systems_always_have_a_screen() -> None:
    assert missing_display("en", {}, "win32") is None and missing_display("en", {}, "darwin") is None


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_the_no_display_message_is_translated(lang: str) -> None:
    message = missing_display(lang, {}, "linux")
    assert message is not None and message != missing_display("en", {}, "linux")
    assert "cloudwizard ask" in message and "QT_QPA_PLATFORM=offscreen" in message


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_the_app_without_a_display_exits_1_with_the_message_not_qts_abort(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["LANGUAGE"] = env["LANG"] = "C.UTF-8"
    proc = subprocess.run([sys.executable, "-m", "cloudwizard", "--lang", "en"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 1, proc.stderr
    assert "there is no display" in proc.stderr and "cloudwizard ask" in proc.stderr
    assert "xcb" not in proc.stderr and "Traceback" not in proc.stderr


def test_each_test_has_its_own_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    # conftest points tempfile and TMPDIR (for Qt and child programs) under the test's own folder.
    base = tmp_path_factory.getbasetemp()
    assert Path(tempfile.gettempdir()).is_relative_to(base)
    assert Path(os.environ["TMPDIR"]).is_relative_to(base)
    child = subprocess.run([sys.executable, "-c", "import tempfile; print(tempfile.gettempdir())"],
                           capture_output=True, text=True, check=True)
    assert Path(child.stdout.strip()).is_relative_to(base)
