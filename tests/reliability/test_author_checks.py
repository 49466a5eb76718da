"""`validate` checks an author would miss (issue 14): a scoring choice without a reason, control characters.

A choice (or rule) with a score but no ``because`` showed in the report as a bullet with no words;
`validate` warns of it (``--strict`` fails) and the report writes the answer itself instead. Control
characters in any questionnaire text are warned of at the text's place.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from cloudwizard import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "questionnaires" / "examples" / "example.yaml"
PHOTOS_BECAUSE = """            because:
              nl: Foto’s bewaar je makkelijk bij een publieke dienst.
              fr: Les photos se conservent facilement dans un service public.
              de: Fotos lassen sich leicht bei einem öffentlichen Dienst aufbewahren.
              en: Photos are easy to keep with a public service.
"""
ANSWERS = """cloudwizard_answers: 1
questionnaire: {id: example, version: '1.0'}
language: LANG
answers:
  audience: consumer
  data_kinds: [photos]
"""


def run_cli(*args: str) -> tuple[int, str, str]:
    """`cloudwizard ARGS` in this process: the exit status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def _without_because(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(PHOTOS_BECAUSE) == 1
    path = tmp_path / "q.yaml"
    path.write_text(text.replace(PHOTOS_BECAUSE, ""), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_validate_strict_fails_on_a_score_without_because(tmp_path: Path) -> None:
    q = _without_because(tmp_path)
    code, out, err = run_cli("validate", str(q))
    assert code == 0  # a warning: the file still works
    line = _line_of(q, "- id: photos")
    assert f"{q}:{line}:" in err and "“data_kinds.photos” has a score but no “because”" in err
    code, out, err = run_cli("validate", "--strict", str(q))
    assert code == 1 and "invalid (1 problem)" in out
    assert run_cli("validate", "--strict", str(EXAMPLE))[0] == 0  # the example has its reason


_EMPTY_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\.)\s*(?:$|\*?\()", re.MULTILINE)


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
@pytest.mark.parametrize("fmt", ["markdown", "text", "html", "json"])
def test_the_report_never_shows_an_empty_reason(tmp_path: Path, fmt: str, lang: str) -> None:
    q = _without_because(tmp_path)
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS.replace("LANG", lang), encoding="utf-8")
    code, out, err = run_cli("recommend", "--questionnaire", str(q), "--answers", str(answers), "--format", fmt)
    assert code == 0, err
    if fmt == "json":
        reasons: list[dict[str, Any]] = []

        def walk(value: Any) -> None:  # every reason, wherever the data holds one: it has a tag
            if isinstance(value, dict):
                if "tag" in value:
                    reasons.append(value)
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(json.loads(out))
        assert reasons and all(str(r.get("text", r.get("because"))).strip() for r in reasons), reasons
        return
    if fmt == "html":
        assert not re.search(r"<li>\s*(?:<[^>]+>\s*)*\(", out) and not re.search(r"<li>\s*</li>", out)
        text = re.sub(r"<[^>]+>", "", out)
    else:
        text = out
    assert not _EMPTY_BULLET.search(text), _EMPTY_BULLET.search(text)
    from cloudwizard.engine.i18n import gettext_for

    _ = gettext_for(lang)
    assert _("no reason given") in text  # the answer itself, marked as having no reason
    if lang != "en":
        assert _("no reason given") != "no reason given"


CONTROL_CASES = {
    "ESC in the title": ("  en: Example questionnaire", '  en: "Example \\e]0;x\\a questionnaire"', "“title.en”",
                         "U+001B (ESC) at character 9 and 1 more"),
    "BEL in a question text": ('label: {nl: "Welke gegevens?"', 'label: {nl: "Welke\\a gegevens?"',
                               "“label.nl”", "U+0007 (BEL) at character 6"),
    "C1 CSI in a help text": ("en: Choose all that apply.}", 'en: "Choose all \\x9b2J that apply."}',
                              "“hint.en”", "U+009B (CSI) at character 12"),
    "CR in a choice label": ("en: Photos}", 'en: "Pho\\rtos"}', "“label.en”", "U+000D (carriage return) at character 4"),
}


@pytest.mark.parametrize("case", sorted(CONTROL_CASES))
def test_validate_flags_control_characters_at_their_place(tmp_path: Path, case: str) -> None:
    old, new, what, said = CONTROL_CASES[case]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    q = tmp_path / "q.yaml"
    q.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = _line_of(q, new)
    code, _out, err = run_cli("validate", "--strict", str(q))
    assert code == 1
    (warning,) = [w for w in err.splitlines() if "control character" in w]
    place, rest = warning.split(": warning: ")
    assert re.fullmatch(rf"{re.escape(str(q))}:{line}:\d+", place), warning
    assert rest.startswith(f"{what} holds a control character {said}"), warning
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err and "\r" not in err  # said, not done
    assert run_cli("validate", "--strict", str(EXAMPLE))[0] == 0


def test_validate_counts_with_plural_forms(tmp_path: Path) -> None:
    """"1 problem", "2 problems", "1 warning": never "problem(s)" or "1 warnings" (issue 14 red-team)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from cloudwizard import cli
    from cloudwizard.engine.i18n import ngettext_for

    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        cli.main(["validate", str(bad)])
    assert "problem(s)" not in out.getvalue() and re.search(r"invalid \(1 problem\)|invalid \(\d+ problems\)",
                                                             out.getvalue()), out.getvalue()
    for lang, one, two in (("en", "1 warning", "2 warnings"), ("nl", "1 waarschuwing", "2 waarschuwingen"),
                           ("fr", "1 avertissement", "2 avertissements"), ("de", "1 Warnung", "2 Warnungen")):
        n = ngettext_for(lang)
        assert n("{count} warning", "{count} warnings", 1).format(count=1) == one
        assert n("{count} warning", "{count} warnings", 2).format(count=2) == two
        assert n("invalid ({count} problem)", "invalid ({count} problems)", 2).format(count=2) != "invalid (2 problems)" \
            or lang == "en"
