"""``q`` stops at the number ask-back prompts of ``cloudwizard ask`` too ("[1/2/n]", "[j/n]"), through a pty.

It was refused there ("Antwoord 1, 2 of n.") although it stops at every other prompt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cloudwizard.engine.answers import read_answers
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.loader import load
from cloudwizard.engine.numbers import format_number
from tests.cli.ptyterm import Terminal
from tests.cli.test_ask_terminal import NBSP, NUMBERS, _fmt, _wide_example

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_q_at_the_ask_back_prompts_offers_to_stop(lang: str, tmp_path: Path) -> None:
    _ = gettext_for(lang)
    wide = _wide_example(tmp_path)
    q = load(wide)
    saved = tmp_path / "progress.yaml"
    term = Terminal(["ask", "--questionnaire", str(wide), "--lang", lang, "--save", str(saved)], columns=80,
                    cwd=tmp_path)
    term.expect(_("Number: "))
    term.send(str(1 + [c.id for c in q.question("audience").choices].index("business")))
    staff_prompt = NUMBERS[lang][0].replace(_fmt(100000, lang), _fmt(10000000, lang))
    term.expect(staff_prompt)
    stop = _("Stop now? Your answers so far will be saved in {path}. [{yes}/{no}]").format(
        path=saved, yes=_("y"), no=_("n"))
    refused = _("Please answer {choices} or {last}.").format(choices="1, 2", last=_("n"))
    # two readings: "[1/2/n]"
    term.send("1,000.000" if lang == "en" else "1.000,000")
    term.expect(_("Did you mean {first} (1) or {second} (2)? [1/2/{no}]").format(
        first=format_number(1000, lang, group=NBSP), second=format_number(1000000, lang, group=NBSP), no=_("n")))
    term.send("q")
    term.expect(stop)
    assert refused not in term.screen
    term.send(_("n"))  # go on: the question is asked again
    term.expect(staff_prompt)
    # one reading: "[j/n]"
    term.send("1.500" if lang == "en" else "1,500")
    term.expect(_("Did you mean {number}? [{yes}/{no}]").format(
        number=format_number(1500, lang, group=NBSP), yes=_("y"), no=_("n")))
    term.send("Q")
    term.expect(stop)
    term.send(_("y"))
    assert term.wait() == 1
    assert _("Please answer {choices} or {last}.").split("{")[0] not in term.screen
    result = read_answers(saved, q)
    assert result.data is not None
    assert result.data.answers == {"audience": "business"}
