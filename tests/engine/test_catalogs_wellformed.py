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
