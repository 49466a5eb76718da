#!/usr/bin/env bash
# Set up CloudWizard on a fresh Debian/Ubuntu machine and run it or its tests.
#
#   bash tools/bootstrap.sh run    # install (system libraries, a virtual environment in .venv) and start the app
#   bash tools/bootstrap.sh test   # install what the tests need and run them (this is what CI runs)
#
# System packages are installed with apt-get (as root, or through sudo) only when missing.
# Everything Python goes into .venv next to this checkout; nothing is installed system-wide.
set -euo pipefail

mode="${1:-run}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# Libraries the Qt wheels need to start (offscreen and on X11/XWayland), and a font.
runtime_pkgs=(libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libx11-6
  libx11-xcb1 libgl1 libegl1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 fonts-dejavu-core)
# What the tests use: a virtual X server, a real AT-SPI screen-reader client, PDF tools, packaging tools.
test_pkgs=(xvfb xauth dbus-x11 at-spi2-core python3-pyatspi poppler-utils appstream desktop-file-utils
  binutils dpkg-dev libpython3-dev shared-mime-info libglib2.0-bin libcups2 libwayland-client0 libwayland-cursor0 libwayland-egl1)

missing_pkgs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_pkgs() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "bootstrap: not a Debian-like system; install the Qt runtime libraries yourself" >&2; return 0; }
  local missing
  missing=$(missing_pkgs "$@")
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "bootstrap: please install these packages (as root): $missing" >&2; return 0
    fi
  fi
  echo "bootstrap: installing system packages: $missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

python_bin="${PYTHON:-python3}"
make_venv() {
  if [ ! -x .venv/bin/python ]; then
    "$python_bin" -m venv .venv 2>/dev/null || { install_pkgs python3-venv; "$python_bin" -m venv .venv; }
  fi
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
}

case "$mode" in
  run)
    install_pkgs "${runtime_pkgs[@]}"
    make_venv
    .venv/bin/python -m pip install -q . 2>&1 | grep -v "^WARNING: Location" || true
    exec .venv/bin/cloudwizard "$@"
    ;;
  test)
    install_pkgs "${runtime_pkgs[@]}" "${test_pkgs[@]}"
    make_venv
    .venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash tools/bootstrap.sh run|test [arguments]" >&2
    exit 2
    ;;
esac
