"""CloudWizard never opens a network connection: no socket at all on the command-line paths, and no
networking module anywhere in the source (no QtNetwork, no HTTP clients, no telemetry)."""

from __future__ import annotations

import ast
import io
import socket
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from cloudwizard import cli

from .netguard import NetworkUsed, block_network

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "cloudwizard"
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
ANSWERS = REPO / "tests" / "data" / "bad" / "answers" / "other_version_all_kept.yaml"

#: Modules that talk to the network. None of them may be imported by CloudWizard.
FORBIDDEN = (
    "socket", "ssl", "urllib.request", "urllib3", "http.client", "http.server", "requests", "httpx", "aiohttp",
    "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "socketserver", "asyncio",
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebSockets",
    "sentry_sdk",
)


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuse every socket, even a unix one; the list holds what was attempted."""
    seen: list[str] = []
    block_network(monkeypatch, strict=True, seen=seen)
    yield seen
    assert seen == []


def _run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            status = cli.main(list(args))
    finally:
        sys.stdin = old_stdin
    return status, out.getvalue(), err.getvalue()


def test_the_guard_works(no_sockets: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(no_sockets) == 3
    no_sockets.clear()


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_recommend_uses_no_socket(no_sockets: list[str], fmt: str, tmp_path: Path) -> None:
    status, out, _ = _run("recommend", "--answers", str(ANSWERS), "--questionnaire", str(EXAMPLE), "--format", fmt)
    assert status == 0 and out
    status, _, _ = _run("recommend", "--answers", str(ANSWERS), "--questionnaire", str(EXAMPLE), "--format", fmt,
                        "-o", str(tmp_path / f"report.{fmt}"))
    assert status == 0 and (tmp_path / f"report.{fmt}").stat().st_size > 0


def test_validate_schema_and_influence_use_no_socket(no_sockets: list[str], tmp_path: Path) -> None:
    assert _run("validate", "--strict", str(EXAMPLE))[0] == 0
    assert _run("validate", str(REPO / "tests" / "data" / "bad" / "questionnaires" / "many_problems.yaml"))[0] == 1
    assert _run("schema")[0] == 0
    assert _run("schema", "-o", str(tmp_path / "schema.json"))[0] == 0
    assert _run("influence", "--questionnaire", str(EXAMPLE), "--samples", "20")[0] in (0, 1)


def test_ask_with_piped_answers_uses_no_socket(no_sockets: list[str], tmp_path: Path) -> None:
    # consumer; photos; sensitivity 2; no offline copy; skip the note; confirm.
    status, out, _ = _run("ask", "--questionnaire", str(EXAMPLE), "--lang", "en", "--format", "json",
                          "--save", str(tmp_path / "answers.yaml"), stdin="1\n1\n2\n2\n\n\n")
    assert status == 0 and '"recommended"' in out
    assert (tmp_path / "answers.yaml").exists()


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # from PySide6 import QtNetwork
                yield node.lineno, f"{node.module}.{alias.name}"
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            yield node.lineno, node.args[0].value


def test_no_networking_module_is_imported_anywhere() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN):
                found.append(f"{path.relative_to(REPO)}:{line}: imports {name}")
    assert found == []


def test_no_networking_name_appears_in_the_source() -> None:
    """Catches what the import scan cannot see, such as QtNetwork named in a string."""
    words = ("QtNetwork", "QNetworkAccessManager", "QTcpSocket", "QUdpSocket", "urlopen", "telemetry")
    found = [f"{p.relative_to(REPO)}: {w}" for p in sorted(PACKAGE.rglob("*.py"))
             for w in words if w in p.read_text(encoding="utf-8")]
    assert found == []


def test_the_command_line_imports_no_networking_module() -> None:
    import subprocess

    code = (
        "import sys, cloudwizard.cli, cloudwizard.engine.loader, cloudwizard.engine.answers, "
        "cloudwizard.engine.report.view, cloudwizard.engine.recommender, cloudwizard.engine.scenarios;"
        f"print(','.join(sorted(m for m in sys.modules if m in {FORBIDDEN!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""
