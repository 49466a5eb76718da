"""The kiosk configuration: read from an INI file, checked, never written."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from cloudwizard.gui.kiosk.config import (
    CONFIG_ENV,
    DEFAULT_IDLE_SECONDS,
    MIN_WARNING_SECONDS,
    VolatileSettings,
    file_problem,
    read_config,
    system_settings,
)
from cloudwizard.kioskpin import MAX_ITERATIONS, MIN_ITERATIONS


def write(tmp_path: Path, text: str, mode: int = 0o640) -> Path:
    path = tmp_path / "kiosk.ini"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    path.chmod(mode)
    return path


PIN_LINES = """
    [kiosk]
    pin_hash=abcd
    pin_salt=ef01
    pin_iterations=600000
    """


def test_example_file_in_packaging_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    example = Path(__file__).resolve().parents[3] / "packaging" / "kiosk" / "kiosk.conf.example"
    monkeypatch.setenv(CONFIG_ENV, str(example))
    config = read_config()
    assert config.enabled and not config.problems, config.problems
    assert config.idle_seconds == 180 and config.warning_seconds == 30


def test_values_are_read_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, """
        [kiosk]
        enabled=true
        idle_seconds=120
        warning_seconds=5
        default_language=fr
        pin_hash=abcd
        pin_salt=ef01
        pin_iterations=300000
        questionnaire=/srv/cloudwizard/centre.yaml
        cancel_print_jobs=no
        """)
    monkeypatch.setenv(CONFIG_ENV, str(path))
    config = read_config()
    assert config.enabled and config.idle_seconds == 120 and config.default_language == "fr"
    assert config.warning_seconds == MIN_WARNING_SECONDS  # at least 20 s to react
    assert any("warning_seconds" in p for p in config.problems)
    assert (config.pin_hash, config.pin_salt, config.pin_iterations) == ("abcd", "ef01", 300000)
    assert not config.pin_refused
    assert config.questionnaire == "/srv/cloudwizard/centre.yaml" and not config.cancel_print_jobs
    assert config.source == str(path)


@pytest.mark.parametrize("found", ["1", "199999", "many", "-5", "10000001", "99999999999999999"])
def test_a_weak_work_factor_is_refused_with_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            found: str) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(write(tmp_path, PIN_LINES.replace("600000", found))))
    config = read_config()
    assert config.pin_hash == "" and config.pin_refused  # nobody gets in with a weak hash
    (problem,) = [p for p in config.problems if p.startswith("pin_iterations")]
    # too many would freeze the prompt at each try (or overflow OpenSSL's counter: a traceback at the screen)
    assert f"{MIN_ITERATIONS} to {MAX_ITERATIONS}" in problem and repr(found) in problem and "cloudwizard kiosk-pin" in problem


@pytest.mark.skipif(os.name == "nt", reason="file modes")
@pytest.mark.parametrize("mode", [0o644, 0o604, 0o666, 0o660])
def test_a_pin_in_a_file_others_can_read_or_change_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               mode: int) -> None:
    path = write(tmp_path, PIN_LINES, mode)
    monkeypatch.setenv(CONFIG_ENV, str(path))
    config = read_config()
    assert config.pin_hash == "" and config.pin_refused
    (problem,) = config.problems
    assert "the staff PIN is not used" in problem and f"chmod 640 {path}" in problem
    # the journal line is "cloudwizard: <file>: <problem>": the file named once at its start, not twice
    assert not problem.startswith(str(path)) and problem.count(str(path)) == 2  # in the chown/chmod command


@pytest.mark.skipif(os.name == "nt", reason="file modes")
def test_a_root_only_file_is_used_and_a_file_of_the_kiosk_account_is_warned_about(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, PIN_LINES, 0o640)
    monkeypatch.setenv(CONFIG_ENV, str(path))
    if os.getuid() == 0:  # run as root: the file must belong to someone else, the "kiosk account"
        os.chown(path, 4242, 0)
    kiosk_uid = path.stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: kiosk_uid)
    config = read_config()
    assert config.pin_hash == "abcd" and not config.pin_refused
    (warning,) = config.problems  # written by the account running the test: it could change it
    assert warning.startswith("warning:") and "belongs to the account running the kiosk" in warning
    assert file_problem(str(path)) == warning
    monkeypatch.setattr(os, "getuid", lambda: 0)  # as root: nothing to say about a file of root's
    assert file_problem(str(path)) == ""


def test_mistakes_fall_back_to_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(write(tmp_path, """
        [kiosk]
        enabled=maybe
        idle_seconds=soon
        default_language=xx
        """)))
    config = read_config()
    assert not config.enabled and config.idle_seconds == DEFAULT_IDLE_SECONDS and config.default_language == ""
    assert len(config.problems) == 3


def test_missing_file_means_no_kiosk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "absent.ini"))
    assert not read_config().enabled
    assert not (tmp_path / "absent.ini").exists()


def test_system_scope_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/etc/xdg")
    assert system_settings().fileName() == "/etc/xdg/CloudWizard/kiosk.ini"


def test_volatile_settings_keep_values_in_memory_only(tmp_path: Path) -> None:
    import os

    home = Path(os.environ["HOME"])
    before = sorted(home.rglob("*"))
    s = VolatileSettings()
    s.setValue("language", "nl")
    s.sync()
    assert s.value("language") == "nl" and s.contains("language") and s.value("other", 3) == 3
    del s
    assert sorted(home.rglob("*")) == before
