"""Maintain the gettext catalogs: extract messages, update the .po files, compile the .mo files.

Usage: python tools/translations.py [extract|update|prune|compile|all]

``prune`` drops the entries of each .po whose message is no longer in the code, without rewrapping
the rest (Babel's ``update`` rewraps every entry, which makes merges of parallel work painful).

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
    """Collect the messages of the code into the template (.pot), those inside f-strings included."""
    from babel.messages.pofile import read_po, write_po

    run("extract", "--no-location", "--omit-header", "--sort-output", "-k", "N_", "-k", "_", "-k", "tr",
        "-o", str(POT), "cloudwizard")
    with POT.open("rb") as fh:
        template = read_po(fh)
    seen = {i for m in template for i in ([m.id] if isinstance(m.id, str) else m.id)}
    for msgid in sorted(source_ids() - seen):
        template.add(msgid)
    with POT.open("wb") as fh:
        write_po(fh, template, omit_header=True, sort_output=True, no_location=True)


def update() -> None:
    """Merge the template into each language's catalog (.po), creating missing ones."""
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
        if po.exists():
            run("update", "--no-fuzzy-matching", "-i", str(POT), "-o", str(po), "-l", lang)
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            run("init", "-i", str(POT), "-o", str(po), "-l", lang)


def source_ids() -> set[str]:
    """The messages the code uses now: what Babel extracts, and what it misses inside f-strings.

    Babel does not look into f-strings (``f"## {_('Sources')}"``), so the package is also walked
    with `ast` (`ast_msgids`).
    """
    import tempfile

    from babel.messages.pofile import read_po

    found: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "now.pot"
        run("extract", "--no-location", "--omit-header", "-k", "N_", "-k", "_", "-k", "tr",
            "-o", str(pot), "cloudwizard")
        with pot.open("rb") as fh:
            for m in read_po(fh):
                found.update([m.id] if isinstance(m.id, str) else m.id)
    found |= ast_msgids()
    found.discard("")
    return found


#: Calls whose first literal argument is a message (``ngettext`` and ``ngettext_``: the first two).
MARKERS = frozenset({"_", "N_", "tr", "gettext"})


def ast_msgids(package: Path = ROOT / "cloudwizard") -> set[str]:
    """Every string literal passed to a translation call in the `package`'s code, f-strings included.

    The calls: ``_()``, ``self._()``, ``N_()``, ``tr()``, ``gettext()``, ``ngettext()`` (singular and
    plural), and the functions those return, ``gettext_for(lang)("…")`` and
    ``ngettext_for(lang)("…", "…", n)``. Needs no Babel (the tests use it as it is).
    """
    import ast

    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.func if isinstance(node.func, ast.Call) else node.func  # gettext_for(lang)("…")
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            name = {"gettext_for": "gettext", "ngettext_for": "ngettext"}.get(name, name)
            count = 2 if name in ("ngettext", "ngettext_") else 1 if name in MARKERS else 0
            found.update(a.value for a in node.args[:count] if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return found


def _unquote(line: str) -> str:
    """The text of one quoted .po string line (``"..."``), escapes resolved."""
    body = line.strip()[1:-1]
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def block_id(block: str, key: str = "msgid") -> str | None:
    """The msgid (or another key, e.g. ``msgid_plural``) of one blank-line-separated .po block, or None."""
    parts: list[str] = []
    reading = False
    for line in block.splitlines():
        if line.startswith(key + " "):
            reading = True
            parts.append(_unquote(line[len(key) + 1:]))
        elif reading and line.startswith('"'):
            parts.append(_unquote(line))
        elif reading:
            break
    return "".join(parts) if reading else None


def entries(text: str) -> list[str]:
    """The entries of a .po file's text, each with its comments, in order.

    An entry ends where the next one's comment or ``msgid`` begins after a ``msgstr``; blank lines
    are not relied on (a union merge of two branches can leave two entries without one between).
    """
    out: list[list[str]] = [[]]
    translated = False
    for line in text.splitlines():
        starts = line.startswith(("#", "msgctxt ", "msgid "))
        if translated and (starts or not line.strip()):
            out.append([])
            translated = False
        if line.strip():
            out[-1].append(line)
        if line.startswith("msgstr"):
            translated = True
    return ["\n".join(lines) for lines in out if lines]


def prune() -> None:
    """Drop the catalog entries whose message the code no longer uses (and old ``#~`` entries)."""
    keep = source_ids()
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "cloudwizard.po"
        found = entries(po.read_text(encoding="utf-8"))
        kept = [e for e in found
                if not all(line.startswith("#~") for line in e.splitlines())
                and (block_id(e) in (None, "") or block_id(e) in keep)]
        po.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
        print(f"{lang}: {len(found) - len(kept)} entries dropped")


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
    if what in ("prune", "all"):
        prune()
    if what in ("compile", "all"):
        compile_all()
