"""Maintain the gettext catalogs: extract messages, update the .po files, compile the .mo files.

Usage: python tools/translations.py [extract|update|compile|all]

Needs Babel (a development dependency). The .mo files are generated: never edit them by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
POT = LOCALE / "cloudwizard.pot"
LANGS = ("nl", "fr", "de")


def run(*args: str) -> None:
    """Run Babel's command line with these arguments."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def extract() -> None:
    """Collect the messages of the code into the template (.pot)."""
    run("extract", "--no-location", "--omit-header", "--sort-output", "-k", "N_", "-k", "_", "-k", "tr",
        "-o", str(POT), "cloudwizard")


def update() -> None:
    """Merge the template into each language's catalog (.po), creating missing ones."""
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
        if po.exists():
            run("update", "--no-fuzzy-matching", "-i", str(POT), "-o", str(po), "-l", lang)
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            run("init", "-i", str(POT), "-o", str(po), "-l", lang)


def compile_all() -> None:
    """Compile every catalog (.po) into its binary form (.mo)."""
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
        run("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-l", lang, "--statistics")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("extract", "all"):
        extract()
    if what in ("update", "all"):
        update()
    if what in ("compile", "all"):
        compile_all()
