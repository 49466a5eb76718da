"""Shared test set-up: Qt runs offscreen, and nothing a test does touches the user's real files."""

from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# Must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")

from cloudwizard.engine.loader import load_questionnaire_text
from cloudwizard.engine.model import Questionnaire

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME and the XDG folders at a temporary place for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    # The system's temporary folder too (issue 14): `tempfile` in this process, TMPDIR for Qt and
    # for every program a test starts. Nothing a test does is left in /tmp.
    tmp = home / ".tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    runtime = home / ".run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))


@pytest.fixture
def example_questionnaire() -> Questionnaire:
    """The example questionnaire that uses every feature of the format."""
    from cloudwizard.engine.loader import load

    return load(EXAMPLE)


@pytest.fixture
def load_yaml() -> Callable[[str], object]:
    """Load a questionnaire from an inline (dedented) YAML string; returns the LoadResult."""

    def _load(text: str) -> object:
        return load_questionnaire_text(textwrap.dedent(text), "test.yaml")

    return _load


# -- No network (issue 7; appended by the reliability work) ------------------------------------------
# Every test runs with internet sockets and name lookups refused: CloudWizard never goes online, so
# a test that tries is a bug. Unix-domain sockets stay allowed (Qt and D-Bus use them locally). A test
# that truly needs the network can ask for the `allow_network` fixture.


@pytest.fixture
def allow_network() -> None:
    """Opt out of the no-network guard (no CloudWizard test should need this)."""


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to reach the network from the test process."""
    if "allow_network" in request.fixturenames:
        return
    from tests.reliability.netguard import block_network

    block_network(monkeypatch)


# -- The slow packaging builds get a marker (issue 14) ---------------------------------------------
_BUILD_FIXTURES = frozenset({"built", "deb", "installed_root", "wheel"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a built wheel, bundle or .deb with ``build``."""
    for item in items:
        if _BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


# -- One QApplication for the whole run (session 21) ---------------------------------------------
# The tests of a run share one Qt application, and the first Qt code to run makes it. For the
# command line `cloudwizard.pdf` makes a bare QGuiApplication when there is none; were a PDF test
# first in a process (`pytest tests/gui/test_result_pdf.py tests/gui/test_focus.py`), every widget
# test after it would fail ("Existing QApplication … is not an instance of … QApplication").
_last_test = {"id": ""}


@pytest.fixture(autouse=True)
def _one_qapplication(request: pytest.FixtureRequest) -> None:
    """Once Qt is loaded, make the run's Qt application a QApplication (pytest-qt's `qapp`) first.

    Nothing is done while no test module has imported Qt (an engine-only run stays Qt-free). A test
    that loads Qt itself and leaves a bare QGuiApplication behind is named by the next test.
    """
    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        made = QGuiApplication.instance()
        assert made is None or isinstance(made, QApplication), (
            f"a bare {type(made).__name__} was made by an earlier test ({_last_test['id'] or 'at collection'}); "
            "the widget tests of this run cannot use it")
        request.getfixturevalue("qapp")
    _last_test["id"] = request.node.nodeid
