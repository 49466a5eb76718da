"""The engine stays Qt-free, and the source never evaluates or unpickles anything."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "cloudwizard"


def test_importing_the_engine_does_not_import_qt() -> None:
    code = (
        "import sys, cloudwizard.engine, cloudwizard.engine.report.view, cloudwizard.engine.scenarios, cloudwizard.cli;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_engine_source_has_no_qt_import() -> None:
    for path in (PACKAGE / "engine").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.startswith(("PySide6", "shiboken6")) for n in names), path


def test_no_eval_exec_or_pickle_anywhere() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile", "__import__"), f"{path}:{node.lineno}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(m.split(".")[0] in ("pickle", "marshal", "shelve") for m in mods), f"{path}:{node.lineno}"
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("load", "unsafe_load", "full_load")
                and isinstance(node.value, ast.Name)
                and node.value.id == "yaml"
            ):
                raise AssertionError(f"{path}:{node.lineno}: use the safe loader only")
