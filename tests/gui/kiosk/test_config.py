"""The kiosk configuration: read from an INI file, checked, never written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cloudwizard.gui.kiosk.config import (
    CONFIG_ENV,
    DEFAULT_IDLE_SECONDS,
    MIN_WARNING_SECONDS,
    VolatileSettings,
    read_config,
    system_settings,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.ini"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


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
    assert config.questionnaire == "/srv/cloudwizard/centre.yaml" and not config.cancel_print_jobs
    assert config.source == str(path)


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
