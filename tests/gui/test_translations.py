"""One translation system: every message of the engine, the command line and the GUI is translated
into Dutch, French and German, nothing is fuzzy, and the compiled catalogs match their sources.
"""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest

babel = pytest.importorskip("babel.messages.pofile", reason="Babel is needed to read the catalogs")

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "resources" / "locale"
LANGS = ("nl", "fr", "de")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def read_catalog(path: Path) -> object:
    with path.open("rb") as fh:
        return babel.read_po(fh)


def current_msgids(tmp_path: Path) -> set[str]:
    """Extract the messages from the source now, so a new string without a translation fails."""
    pot = tmp_path / "now.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location", "--omit-header",
         "-k", "N_", "-k", "_", "-k", "tr", "-o", str(pot), "cloudwizard"],
        check=True, cwd=REPO, capture_output=True,
    )
    ids: set[str] = set()
    for m in read_catalog(pot):
        if m.id:
            ids.update(m.id if isinstance(m.id, tuple) else (m.id,))
    return ids


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang: str, tmp_path: Path) -> None:
    catalog = read_catalog(LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po")
    translated = {m.id: m for m in catalog if m.id}
    for m in list(translated.values()):  # a plural entry translates its singular and its plural id
        if isinstance(m.id, tuple):
            translated.update({m.id[0]: m, m.id[1]: m})
    missing = sorted(i for i in current_msgids(tmp_path) if i not in translated or not translated[i].string)
    fuzzy = sorted(m.id for m in translated.values() if m.fuzzy)
    assert not missing, f"untranslated in {lang}: {missing}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"
    for m in translated.values():
        if isinstance(m.id, tuple):  # a plural entry: every form has the placeholders of the plural id
            assert all(m.string), f"a plural form is untranslated in {lang}: {m.id}"
            for form in m.string:
                assert sorted(PLACEHOLDER.findall(m.id[1])) == sorted(PLACEHOLDER.findall(form)), (lang, m.id)
        else:
            assert sorted(PLACEHOLDER.findall(m.id)) == sorted(PLACEHOLDER.findall(m.string)), (lang, m.id)


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    po = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"run: python tools/translations.py compile ({mo} is missing)"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for m in read_catalog(po):
        if m.id and isinstance(m.id, tuple):  # nl, fr and de all say 1 with the first form, 2 with the second
            forms = (compiled.ngettext(m.id[0], m.id[1], 1), compiled.ngettext(m.id[0], m.id[1], 2))
            assert forms == tuple(m.string), f"{mo} is stale: run tools/translations.py compile"
        elif m.id and m.string:
            assert compiled.gettext(m.id) == m.string, f"{mo} is stale: run tools/translations.py compile"


def test_qt_catalogs_for_standard_dialogs_exist() -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in LANGS:
        assert QTranslator().load(f"qtbase_{lang}", folder), f"qtbase_{lang}.qm is missing from PySide6"
