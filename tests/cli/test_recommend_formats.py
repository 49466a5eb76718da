"""`recommend`'s formats: the help lists the registry's, and an unknown -o suffix is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwizard.cli import build_parsers, main
from cloudwizard.engine.report.formats import FORMATS

FEDERAL = Path(__file__).resolve().parents[2] / "questionnaires" / "examples" / "answers-federal.yaml"


def test_the_help_lists_every_file_format_of_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    line = next(x for x in build_parsers()[0].format_help().splitlines() if x.strip().startswith("recommend"))
    for f in FORMATS.values():
        if f.to_file:
            assert f.file_filter in line, (f.id, line)
    assert main(["recommend", "--help"]) == 0
    helptext = " ".join(capsys.readouterr().out.split())
    for f in FORMATS.values():
        if f.to_file:
            assert f.suffix in helptext


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_unknown_suffix_is_refused_and_nothing_is_written(lang: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "auto.xyz"
    assert main(["recommend", "--answers", str(FEDERAL), "--lang", lang, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert not out.exists()
    assert ".xyz" in err and ".pdf .md .html .txt .json" in err and "--format" in err
    if lang == "fr":
        assert "aucun format" in err


def test_a_known_suffix_or_an_explicit_format_still_works(tmp_path: Path) -> None:
    assert main(["recommend", "--answers", str(FEDERAL), "--lang", "en", "-o", str(tmp_path / "a.html")]) == 0
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out = tmp_path / "a.xyz"
    assert main(["recommend", "--answers", str(FEDERAL), "--format", "json", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")
    plain = tmp_path / "advice"
    assert main(["recommend", "--answers", str(FEDERAL), "--lang", "en", "-o", str(plain)]) == 0
    assert plain.read_text(encoding="utf-8").startswith("# ")


def test_format_for_output_refuses_a_suffix_that_names_no_format() -> None:
    from cloudwizard.cli import UnknownSuffix, format_for_output

    with pytest.raises(UnknownSuffix):
        format_for_output(None, Path("a.report"))  # was written silently as Markdown
    assert format_for_output("json", Path("a.report")) == "json"  # an explicit --format wins
    assert format_for_output(None, Path("a")) == "markdown"  # no suffix: Markdown, as the help says
