"""A non-editable install works from any folder: questionnaires and resources travel in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True, timeout=600,
    )
    (found,) = out.glob("cloudwizard-*.whl")
    return found


def test_wheel_holds_the_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "cloudwizard/questionnaires/cloudwizard-be.yaml",
        "cloudwizard/questionnaires/examples/example.yaml",
        "cloudwizard/questionnaires/schema.json",
        "cloudwizard/resources/locale/nl/LC_MESSAGES/cloudwizard.mo",
        "cloudwizard/resources/locale/fr/LC_MESSAGES/cloudwizard.mo",
        "cloudwizard/resources/locale/de/LC_MESSAGES/cloudwizard.mo",
        "cloudwizard/engine/recommender.py",
        "cloudwizard/gui/app.py",
    ):
        assert required in names, required
    assert not any(n.startswith("tests/") for n in names)
    assert not any("__pycache__" in n for n in names)
    # Every module of the package travels, however the package list in pyproject.toml is kept.
    for module in (REPO / "cloudwizard").rglob("*.py"):
        assert module.relative_to(REPO).as_posix() in names, f"{module} is missing from the wheel"


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import cloudwizard, cloudwizard.engine.loader as l, cloudwizard.engine.i18n as i;"
        "assert cloudwizard.__file__.startswith(sys.argv[1]), cloudwizard.__file__;"
        "q = l.load_bundled(); print(q.id, len(q.questions));"
        "print(i.gettext_for('nl')('Your answers'))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(target)], cwd=elsewhere, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    qid, count = out.stdout.split("\n")[0].split()
    assert qid == "cloudwizard-be" and int(count) > 10
    assert out.stdout.split("\n")[1] != "Your answers", "the Dutch catalog was not found in the installed wheel"
