"""`cloudwizard evaluate` says its frame (headings, table labels, disagreements) in the session's language.

The ids of the cases, splits, audiences and options stay as the case files write them.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest

from cloudwizard import cli
from cloudwizard.engine.i18n import gettext_for

#: English phrases of the frame (none of them French, Dutch or German as well)
FRAME = ("cases evaluated", "Deployment model", "Service layer", "(rows:", "stated \\", "Disagreements", ", advice ",
         "calibration ", "without an answers file", "problem(s)")


def _evaluate(lang: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert cli.main(["evaluate", "--lang", lang]) == 0
    return out.getvalue()


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_the_frame_is_translated_and_the_ids_stay(lang: str) -> None:
    text = _evaluate(lang)
    english = _evaluate("en")
    _ = gettext_for(lang)
    # every line of the frame, in the language
    lines = text.splitlines()
    assert lines[0].endswith(_("{evaluated} of {found} cases evaluated").split("{found}")[-1])
    assert _("Deployment model (rows: what the source states; columns: the advice)") in text
    assert _("Disagreements: {count}").split("{count}")[0] in text
    for word in FRAME:
        assert word not in text.replace("[calibration,", "["), (lang, word)
    # the case ids, the splits in brackets and the option ids are the same as in English
    ids = [line.split()[1] for line in english.splitlines() if line.startswith("- ")]
    assert ids and all(f"- {i} " in text for i in ids)
    assert "[calibration," in text and "community" in text


def test_english_is_unchanged() -> None:
    text = _evaluate("en")
    assert text.splitlines()[0].endswith("cases evaluated")
    assert "stated \\ advice" in text and "Disagreements: " in text
