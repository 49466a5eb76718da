"""The catalogs are well-formed: each entry has one msgid and one msgstr, and no msgid is there twice.

Parallel branches append to the same catalogs; a merge that keeps both sides of a changed
translation leaves two msgstr lines under one msgid, which gettext tools read without a word
(the first or the last wins). Found once: the German busy note kept its old wording that way.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "resources" / "locale"


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_each_entry_has_one_translation_and_each_message_is_there_once(lang: str) -> None:
    lines = (LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po").read_text(encoding="utf-8").splitlines()
    doubled = [n + 1 for n in range(1, len(lines))
               if lines[n].split(" ")[0] == lines[n - 1].split(" ")[0] and lines[n].startswith(("msgid ", "msgstr "))]
    assert doubled == [], f"{lang}: a second msgid/msgstr line right after the first at lines {doubled}"
    ids = Counter(m for m in re.findall(r'^msgid (".*")$', "\n".join(lines), re.M) if m != '""')
    assert [m for m, n in ids.items() if n > 1] == []


@pytest.fixture(scope="module")
def translations_tool():  # type: ignore[no-untyped-def]
    """tools/translations.py as a module (it is a script, not part of the package)."""
    import importlib.util

    pytest.importorskip("babel.messages.pofile", reason="Babel is needed to extract the messages")
    path = LOCALE.parents[1] / "tools" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations_tool", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def used(translations_tool) -> set[str]:  # type: ignore[no-untyped-def]
    return translations_tool.source_ids()  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_no_catalog_keeps_a_message_the_code_no_longer_uses(lang: str, used: set[str], translations_tool) -> None:  # type: ignore[no-untyped-def]
    text = (LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po").read_text(encoding="utf-8")
    ids = {translations_tool.block_id(block) for block in text.split("\n\n")} - {None, ""}
    assert sorted(ids - used) == [], "obsolete entries: run `python tools/translations.py prune`"


def test_the_template_lists_every_message_of_the_code(used: set[str], translations_tool) -> None:  # type: ignore[no-untyped-def]
    blocks = (LOCALE / "cloudwizard.pot").read_text(encoding="utf-8").split("\n\n")
    ids = {translations_tool.block_id(b, key) for b in blocks for key in ("msgid", "msgid_plural")} - {None, ""}
    assert sorted(used - ids) == [], "stale template: run `python tools/translations.py extract`"
