#!/usr/bin/env python3
"""Compute the Debian ``Depends`` of the bundle from its ELF files (run by ``build_deb.sh``).

    python packaging/deb_depends.py packaging/build/dist/cloudwizard      # prints: libc6 (>= 2.36), libegl1 (>= ...), ...

* **libc6**: the highest ``GLIBC_x.y`` symbol version that any bundled ELF file needs from glibc
  (``libc.so.6``, ``libm.so.6``, ``ld-linux``, ...), read from each file's version-needs table
  (``readelf -V``, what ``objdump -T`` shows per symbol). The libraries PyInstaller copies from the
  build machine count too: Debian 12's ``libstdc++`` needs ``GLIBC_2.36`` (``arc4random``).
* **every other library** the bundle links to (``NEEDED``) and does not carry: the installed package
  that owns it (``dpkg -S``), with the minimum version from that package's ``shlibs`` file when it
  has one (the rule ``dpkg-shlibdeps`` falls back to). A library not installed here is an error:
  its package cannot be known.

Libraries the bundle carries are not dependencies. Packages whose *data* the carried libraries read
from the system (no ELF file names them) are added by ``build_deb.sh`` itself.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

GLIBC_SONAMES = re.compile(r"^(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux[\w.-]*)\.so")
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")
_VERNEED_FILE = re.compile(r"File: (\S+)\s+Cnt:")
_VERNEED_NAME = re.compile(r"Name: (\S+)\s+Flags:")
LIBDIRS = ("/lib", "/usr/lib", "/lib64", "/usr/lib64")


def elf_files(bundle: Path) -> list[Path]:
    """Every regular ELF file under the bundle."""
    out = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def needed_and_versions(elf: Path) -> tuple[set[str], dict[str, set[str]]]:
    """The NEEDED sonames of ``elf`` and, per soname, the symbol versions it needs from it."""
    dyn = subprocess.run(["readelf", "-d", "-W", str(elf)], capture_output=True, text=True, check=True).stdout
    ver = subprocess.run(["readelf", "-V", "-W", str(elf)], capture_output=True, text=True, check=True).stdout
    versions: dict[str, set[str]] = {}
    current = ""
    in_needs = False
    for line in ver.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
            continue
        if line.startswith("Version") and not line.startswith("Version needs"):
            in_needs = False
        if not in_needs:
            continue
        if m := _VERNEED_FILE.search(line):
            current = m.group(1)
            versions.setdefault(current, set())
        elif (m := _VERNEED_NAME.search(line)) and current:
            versions[current].add(m.group(1))
    return set(_NEEDED.findall(dyn)), versions


def version_key(version: str) -> tuple[int, ...]:
    """GLIBC_2.36 -> (2, 36)."""
    return tuple(int(p) for p in re.findall(r"\d+", version))


def find_library(soname: str) -> Path | None:
    """Where the system keeps ``soname`` (ldconfig's cache, then the usual folders)."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    for line in cache.splitlines():
        name, _, path = line.strip().partition(" => ")
        if name.split(" (")[0] == soname and path:
            return Path(path)
    for folder in LIBDIRS:
        for found in Path(folder).rglob(soname):
            return found
    return None


def owner(path: Path) -> str | None:
    """The installed package owning ``path`` (tries the usr-merged and the real path)."""
    for candidate in dict.fromkeys([str(path), str(path.resolve()), str(path).removeprefix("/usr"),
                                    "/usr" + str(path) if not str(path).startswith("/usr") else str(path)]):
        run = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if run.returncode == 0 and run.stdout.strip():
            return run.stdout.split(":")[0].strip()
    return None


def shlibs_dependency(package: str, soname: str) -> str:
    """The dependency the package's shlibs file gives for ``soname``, else the bare package name."""
    stem, _, major = soname.partition(".so.")
    for shlibs in Path("/var/lib/dpkg/info").glob(f"{package}*.shlibs"):
        if shlibs.name.split(".")[0].split(":")[0] != package:
            continue
        for line in shlibs.read_text(encoding="utf-8").splitlines():
            fields = line.split(None, 2)
            if len(fields) == 3 and not fields[0].endswith(":") and fields[0] == stem and fields[1] == major:
                return fields[2].strip()
    return package


def compute(bundle: Path) -> tuple[list[str], list[str]]:
    """Returns (dependencies, problems)."""
    elves = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*.so*")}
    external: dict[str, list[Path]] = {}
    glibc: set[str] = set()
    for elf in elves:
        needed, versions = needed_and_versions(elf)
        for soname in needed - carried:
            external.setdefault(soname, []).append(elf)
        for soname, names in versions.items():
            if GLIBC_SONAMES.match(soname):
                glibc |= {n for n in names if n.startswith("GLIBC_") and re.fullmatch(r"GLIBC_[\d.]+", n)}
    deps: dict[str, str] = {}
    problems: list[str] = []
    if glibc:
        newest = max(glibc, key=version_key)
        deps["libc6"] = f"libc6 (>= {newest.removeprefix('GLIBC_')})"
    for soname in sorted(external):
        if GLIBC_SONAMES.match(soname):
            continue
        path = find_library(soname)
        package = owner(path) if path else None
        if package is None:
            users = ", ".join(str(p.relative_to(bundle)) for p in external[soname][:3])
            problems.append(f"{soname} (needed by {users}) is not installed here, so its package is unknown: install it")
            continue
        deps.setdefault(package, shlibs_dependency(package, soname))
    return [deps[k] for k in sorted(deps, key=lambda k: (k != "libc6", k))], problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("bundle", type=Path)
    args = parser.parse_args(argv)
    deps, problems = compute(args.bundle.resolve())
    if problems:
        print("deb_depends: " + "\ndeb_depends: ".join(problems), file=sys.stderr)
        return 1
    print(", ".join(deps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
