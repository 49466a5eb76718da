"""Split the case corpus once, at random, into a calibration half and a validation half.

Sorts the ids of the cases that have no ``split:`` yet, shuffles them with
``random.Random(20261201)``, gives the first half (rounded up) ``split: calibration`` and the rest
``split: validation``, and appends that line to each of those case files. A case whose split is
already set is never changed, so running the script again only assigns cases added since.

Usage: ``python questionnaires/cases/split.py [--check] [FOLDER]`` (``--check`` prints what would
be written and writes nothing).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

SEED = 20261201
SPLITS = ("calibration", "validation")
_SPLIT_LINE = re.compile(r"^split:\s*(\S*)\s*$", re.MULTILINE)
_ID_LINE = re.compile(r"^id:\s*(\S+)\s*$", re.MULTILINE)


def read_split(text: str, path: Path) -> str | None:
    """Return the split already set in a case file's text, or None when there is none.

    Raises:
        ValueError: the file has a ``split:`` line with an unknown value, or more than one.
    """
    found = _SPLIT_LINE.findall(text)
    if not found:
        return None
    if len(found) > 1 or found[0] not in SPLITS:
        raise ValueError(f"{path}: 'split:' must appear once, as one of {', '.join(SPLITS)}; found {found}")
    return str(found[0])


def case_id(text: str, path: Path) -> str:
    """Return the case's ``id``, which must equal the file name without ``.case.yaml``.

    Raises:
        ValueError: the id is missing or differs from the file name.
    """
    match = _ID_LINE.search(text)
    expected = path.name.removesuffix(".case.yaml")
    if match is None or match.group(1) != expected:
        raise ValueError(f"{path}:1:1: 'id:' must be present and equal the file name ({expected})")
    return match.group(1)


def plan(folder: Path) -> dict[Path, str]:
    """Work out which split each not-yet-split case in ``folder`` gets.

    Returns:
        The case files to change, each with the split to append.
    """
    unsplit: dict[str, Path] = {}
    for path in sorted(folder.glob("*.case.yaml")):
        text = path.read_text(encoding="utf-8")
        ident = case_id(text, path)
        if read_split(text, path) is None:
            unsplit[ident] = path
    ids = sorted(unsplit)
    random.Random(SEED).shuffle(ids)
    half = (len(ids) + 1) // 2
    return {unsplit[ident]: (SPLITS[0] if i < half else SPLITS[1]) for i, ident in enumerate(ids)}


def apply(changes: dict[Path, str]) -> None:
    """Append ``split: <value>`` to each case file, refusing any file whose split is set."""
    for path, split in changes.items():
        text = path.read_text(encoding="utf-8")
        if read_split(text, path) is not None:
            raise ValueError(f"{path}: split already set; refusing to change it")
        if not text.endswith("\n"):
            text += "\n"
        path.write_text(f"{text}split: {split}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the split from the command line; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--check", action="store_true", help="print the plan and write nothing")
    args = parser.parse_args(argv)
    try:
        changes = plan(args.folder)
        for path, split in changes.items():
            print(f"{path.name}: {split}")
        if not args.check:
            apply(changes)
    except ValueError as error:
        print(f"split.py: {error}", file=sys.stderr)
        return 1
    print(f"{len(changes)} case(s) {'would be' if args.check else ''} split".replace("  ", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
