#!/usr/bin/env bash
# Build the CloudWizard one-folder bundle with PyInstaller (Linux and macOS; see README.md for Windows).
#
#   bash packaging/build_bundle.sh            # -> packaging/build/dist/cloudwizard/cloudwizard
#
# Environment:
#   PYTHON      the Python that has PyInstaller, PySide6-Essentials and PyYAML (default: .venv/bin/python,
#               else python3)
#   BUILD_DIR   where to build (default: packaging/build); the bundle lands in $BUILD_DIR/dist/cloudwizard
#
# On Linux, finish_bundle.py then strips the ELF files and removes run paths that point outside the
# bundle (needs binutils, and patchelf when the Python is not Debian's own); the build fails if any
# is left. Build releases with Debian's Python: python3 -m venv from /usr/bin/python3, then PYTHON=.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${BUILD_DIR:-$here/build}"

if [ -z "${PYTHON:-}" ]; then
  if [ -x "$root/.venv/bin/python" ]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "build_bundle: PyInstaller is not installed for $PYTHON; run: $PYTHON -m pip install -e '.[test]'" >&2
  exit 1
fi

# Icons first: the spec puts the .ico/.icns into the Windows/macOS launchers, the .deb takes the PNGs.
"$PYTHON" "$here/make_icons.py" "$build/icons"

CLOUDWIZARD_ICONS="$build/icons" "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$build/dist" --workpath "$build/work" "$here/cloudwizard.spec"

bundle="$build/dist/cloudwizard"
if [ "$(uname -s)" = Linux ]; then
  # Strip the ELF files and drop run paths into the build machine; fails if one is left.
  "$PYTHON" "$here/finish_bundle.py" "$bundle"
fi
echo "build_bundle: built $bundle ($(du -sh "$bundle" | cut -f1)); try: $bundle/cloudwizard --version"
