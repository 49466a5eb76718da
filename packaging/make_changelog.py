#!/usr/bin/env python3
"""Turn CHANGELOG.md (Keep a Changelog) into a Debian-format changelog for the .deb.

    python packaging/make_changelog.py CHANGELOG.md > changelog      # build_deb.sh gzips it

The package's version has no Debian revision (0.1.0, made by the project itself), so Debian calls it
a *native* package and expects its one changelog at ``/usr/share/doc/cloudwizard/changelog.gz``, in
the format of deb-changelog(5) (``dpkg-parsechangelog`` and lintian read it). Each ``## [version]``
section becomes one entry, its ``### Added``/``### Fixed``/... groups become ``*`` items with the
changes as ``-`` items under them, wrapped to 78 columns. A released section's date
(``## [1.0.0] - 2027-01-31``) is the entry's date; the unreleased one gets SOURCE_DATE_EPOCH, else
the last commit's date, else now.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "cloudwizard"
MAINTAINER = "CloudWizard developers <cloudwizard@users.noreply.github.com>"
_VERSION_HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?:\s*-\s*(?P<rest>.*))?$")


def plain(text: str) -> str:
    """Markdown inline markup as plain text: links as 'text <url>', no backticks or emphasis."""
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 <\2>", text)
    return text.replace("`", "").replace("**", "")


def build_date() -> dt.datetime:
    """SOURCE_DATE_EPOCH, else the last commit's date, else now (UTC)."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True,
                             text=True, check=False, timeout=10).stdout.strip()
    except OSError:
        out = ""
    if out.isdigit():
        return dt.datetime.fromtimestamp(int(out), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC)


def sections(markdown: str) -> list[tuple[str, dt.datetime | None, list[tuple[str, list[str]]]]]:
    """(version, date or None, [(group, [change, ...])]) per version section, newest first."""
    result: list[tuple[str, dt.datetime | None, list[tuple[str, list[str]]]]] = []
    groups: list[tuple[str, list[str]]] = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if m := _VERSION_HEADING.match(line):
            name, rest = m.group("name"), (m.group("rest") or "").strip()
            groups = []
            version, date = name, None
            if name.lower() == "unreleased":
                version = rest  # "## [Unreleased] - 0.1.0": the version it will be
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", rest):
                date = dt.datetime.strptime(rest, "%Y-%m-%d").replace(hour=12, tzinfo=dt.UTC)
            if version:
                result.append((version, date, groups))
        elif line.startswith("### ") and result:
            groups.append((line[4:].strip(), []))
        elif line.lstrip().startswith(("- ", "* ")) and result:
            if not groups:
                groups.append(("Changes", []))
            groups[-1][1].append(line.lstrip()[2:].strip())
        elif line.startswith("  ") and line.strip() and result and groups and groups[-1][1]:
            groups[-1][1][-1] += " " + line.strip()  # a wrapped list item
    return result


def debian_changelog(markdown: str) -> str:
    """The whole Debian changelog."""
    out = []
    for version, date, groups in sections(markdown):
        out.append(f"{PACKAGE} ({version}) unstable; urgency=medium\n")
        for group, changes in groups:
            out.append(f"  * {plain(group)}:")
            for change in changes:
                out.append(textwrap.fill(plain(change), width=78, initial_indent="    - ",
                                         subsequent_indent="      ", break_on_hyphens=False))
        if not groups:
            out.append("  * No changes written down.")
        when = email.utils.format_datetime(date or build_date())
        out.append(f"\n -- {MAINTAINER}  {when}\n")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("changelog", type=Path, nargs="?", default=ROOT / "CHANGELOG.md")
    args = parser.parse_args(argv)
    text = debian_changelog(args.changelog.read_text(encoding="utf-8"))
    if not text:
        print(f"make_changelog: no '## [version]' section in {args.changelog}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
