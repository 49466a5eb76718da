#!/usr/bin/env python3
"""Finish a Linux PyInstaller bundle: strip its ELF files, drop run paths that leave it, check it.

Run by ``build_bundle.sh`` after PyInstaller (Linux only)::

    python packaging/finish_bundle.py packaging/build/dist/cloudwizard
    python packaging/finish_bundle.py --check packaging/build/dist/cloudwizard   # check only

1. **Strip** every ELF file the way Debian's ``dh_strip`` does: shared objects with
   ``--strip-unneeded``, programs with their symbol table kept out, both without the ``.comment``
   and ``.note`` sections (about 25 MB less; nothing the program uses at run time).
2. **Run paths**: a ``RUNPATH``/``RPATH`` entry that does not resolve inside the bundle (such as
   ``/root/.pyenv/versions/3.11.7/lib``, which a pyenv Python writes into ``libpython`` and every
   ``lib-dynload`` module) is a build-machine path: the dynamic linker would search it on the
   user's machine. Such entries are removed with ``patchelf`` (Debian package ``patchelf``); the
   ``$ORIGIN``-relative entries of the Qt wheels stay.
3. **Check**: every bundled ELF file is read again with ``readelf -d``; the script fails (exit 1)
   and names each file if any run path still leaves the bundle.

It then reports (without failing) the files that still *contain* the build Python's prefix as a
string when that prefix is not ``/usr``: libpython's compiled-in default prefix and the bytes of the
removed run path, which patchelf leaves unused in ``.dynstr``. Neither is read at run time (the
bundle sets its own paths), but a release should be built with Debian's ``/usr/bin/python3``
(``PYTHON=`` of a venv made from it), which carries no such string at all.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
_RUNPATH = re.compile(r"\((RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]*)\]")


def elf_files(bundle: Path) -> list[Path]:
    """Every regular (not symlinked) ELF file under ``bundle``, sorted."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def run_paths(elf: Path) -> list[tuple[str, str]]:
    """The (tag, value) run-path entries of ``elf``: tag is RUNPATH or RPATH, value the raw string."""
    out = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True, check=True).stdout
    return _RUNPATH.findall(out)


def inside(entry: str, elf: Path, bundle: Path) -> bool:
    """Whether one run-path entry resolves inside the bundle (only $ORIGIN-relative entries can)."""
    if not entry.startswith(("$ORIGIN", "${ORIGIN}")):
        return False
    resolved = os.path.normpath(entry.replace("${ORIGIN}", str(elf.parent)).replace("$ORIGIN", str(elf.parent)))
    root = os.path.normpath(bundle)
    return resolved == root or resolved.startswith(root + os.sep)


def is_shared_object(elf: Path) -> bool:
    """ET_DYN files other than the launcher (PIE programs are ET_DYN too, but are not named *.so*)."""
    return ".so" in elf.name


def strip(elf: Path) -> None:
    """Strip like dh_strip; keeps PyInstaller's ``pydata`` section in the launcher."""
    cmd = ["strip", "--remove-section=.comment", "--remove-section=.note"]
    if is_shared_object(elf):
        cmd.append("--strip-unneeded")
    mode = elf.stat().st_mode
    subprocess.run([*cmd, str(elf)], check=True, capture_output=True, text=True)
    elf.chmod(mode)


def fix_run_paths(elf: Path, bundle: Path) -> list[str]:
    """Remove the run-path entries of ``elf`` that leave the bundle; returns what was removed."""
    removed: list[str] = []
    for tag, value in run_paths(elf):
        entries = [e for e in value.split(":") if e]
        kept = [e for e in entries if inside(e, elf, bundle)]
        if len(kept) == len(entries):
            continue
        removed += [e for e in entries if e not in kept]
        patchelf = shutil.which("patchelf")
        if patchelf is None:
            raise SystemExit(
                f"finish_bundle: {elf.relative_to(bundle)} has the build-machine run path {value!r}; "
                "install patchelf to remove it (apt-get install patchelf), or build with Debian's "
                "/usr/bin/python3, whose libraries carry none"
            )
        if kept:
            force = ["--force-rpath"] if tag == "RPATH" else []
            subprocess.run([patchelf, *force, "--set-rpath", ":".join(kept), str(elf)], check=True)
        else:
            subprocess.run([patchelf, "--remove-rpath", str(elf)], check=True)
    return removed


def outside_run_paths(bundle: Path, elves: list[Path]) -> list[str]:
    """Every run-path entry, in any bundled ELF file, that does not resolve inside the bundle."""
    problems = []
    for elf in elves:
        for tag, value in run_paths(elf):
            for entry in value.split(":"):
                if entry and not inside(entry, elf, bundle):
                    problems.append(f"{elf.relative_to(bundle)}: {tag} {entry}")
    return problems


def files_containing(bundle: Path, needle: bytes) -> list[Path]:
    """The bundled files whose bytes contain ``needle``."""
    hits = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and needle in path.read_bytes():
            hits.append(path)
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (…/dist/cloudwizard)")
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    parser.add_argument("--build-prefix", default=sys.base_prefix,
                        help="the build Python's prefix, reported if still in the bundle (default: this Python's)")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    for tool in ("readelf", *(() if args.check else ("strip",))):
        if shutil.which(tool) is None:
            print(f"finish_bundle: {tool} is missing; install binutils", file=sys.stderr)
            return 1
    elves = elf_files(bundle)
    if not args.check:
        before = sum(p.stat().st_size for p in elves)
        fixed = 0
        for elf in elves:
            strip(elf)
            fixed += bool(fix_run_paths(elf, bundle))
        after = sum(p.stat().st_size for p in elves)
        print(f"finish_bundle: stripped {len(elves)} ELF files ({(before - after) / 1e6:.1f} MB less), "
              f"removed build-machine run paths from {fixed}")
    problems = outside_run_paths(bundle, elves)
    if problems:
        print("finish_bundle: run paths that leave the bundle (a build-machine path the dynamic linker "
              "would search on the user's machine):\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"finish_bundle: no run path of the {len(elves)} ELF files leaves the bundle")
    prefix = os.path.normpath(args.build_prefix)
    if prefix not in ("/usr", "/usr/local", "/"):
        hits = files_containing(bundle, prefix.encode())
        if hits:
            print(f"finish_bundle: note: {len(hits)} files still contain the build Python's prefix {prefix} "
                  "as unused bytes (libpython's default prefix, the removed run path's string); for a release, "
                  "build with Debian's /usr/bin/python3, which leaves none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
