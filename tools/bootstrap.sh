#!/usr/bin/env bash
# Set up CloudWizard on a fresh Debian/Ubuntu machine and run it or its tests.
#
#   bash tools/bootstrap.sh run    # install (system libraries, a virtual environment in .venv) and start the app
#   bash tools/bootstrap.sh test   # install what the tests need and run them (this is what CI runs)
#
# System packages are installed with apt-get (as root, or through sudo) only when missing.
# Everything Python goes into .venv next to this checkout; nothing is installed system-wide.
#
# `test` runs the suite on the `python3` first on PATH (or $PYTHON) in .venv and, when that is not
# Debian's own interpreter, a second time on /usr/bin/python3 in .venv-system: a difference between
# patch releases (3.11.2 on Debian 12, a newer 3.11 from pyenv) then fails the run. Set
# BOOTSTRAP_SYSTEM_PYTHON=0 to skip the second run while developing.
set -euo pipefail

mode="${1:-run}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

say() { echo "bootstrap: $*" >&2; }
die() { say "$*"; exit 1; }

# Libraries the Qt wheels need to start (offscreen and on X11/XWayland), and a font.
runtime_pkgs=(libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libx11-6
  libx11-xcb1 libgl1 libegl1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
  libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 fonts-dejavu-core)
# What the tests use: a virtual X server, a real AT-SPI screen-reader client, PDF tools, packaging tools,
# and Debian's own Python with venv (the suite runs on it too).
test_pkgs=(xvfb xauth dbus-x11 at-spi2-core python3-pyatspi poppler-utils appstream desktop-file-utils
  binutils dpkg-dev libpython3-dev shared-mime-info libglib2.0-bin libcups2 libwayland-client0 libwayland-cursor0 libwayland-egl1
  python3 python3-venv
  strace patchelf lintian debootstrap xdg-utils libfile-mimeinfo-perl zstd)  # printing's syscall trace; packaging tests (zstd: the .deb)

python_bin="${PYTHON:-python3}"
system_python=/usr/bin/python3

# The packages among "$@" that dpkg does not list as installed, on one line.
missing_pkgs() {
  local p out=() seen=" "
  for p in "$@"; do
    case "$seen" in *" $p "*) continue ;; esac
    seen+="$p "
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[*]}"
}

# What the Python we use needs from apt: python3 itself when there is none, python3-venv when it is
# Debian's own interpreter (which makes a virtual environment without pip until python3-venv is there).
python_pkgs() {
  local exe
  if ! exe="$(command -v "$python_bin" 2>/dev/null)"; then
    [ -n "${PYTHON:-}" ] && die "PYTHON=$PYTHON: no such program; unset PYTHON to use python3"
    echo "python3 python3-venv"
    return
  fi
  case "$(readlink -f "$exe")" in
    /usr/bin/*) echo "python3-venv" ;;
  esac
}

install_pkgs() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian-like system: install the Qt runtime libraries (see README.md) and python3 with venv yourself"
    return 0
  fi
  local missing
  missing="$(missing_pkgs "$@")"
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      die "these system packages are missing: $missing
  install them as root with: apt-get install $missing
  then run this command again"
    fi
  fi
  say "installing system packages: $missing"
  # shellcheck disable=SC2086
  if ! $sudo apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    die "apt-get could not install: $missing
  see apt's messages above (no network? a broken sources list?); fix that, then run this command again"
  fi
}

# Run pip quietly; on failure show what it said, say what to do, and stop.
pip_install() {
  local venv="$1"; shift
  local log
  log="$(mktemp)"
  if ! "$venv/bin/python" -m pip install -q "$@" >"$log" 2>&1; then
    grep -v "^WARNING: Location" "$log" >&2 || true
    rm -f "$log"
    die "pip could not install $* into $venv (its messages are above).
  Check the network connection and pip's index settings (pip config list), then run this command again.
  If it keeps failing, remove $venv and run again."
  fi
  rm -f "$log"  # success: pip's chatter (build warnings of the editable install) is not news
}

# Make (or repair) the virtual environment $1 with interpreter $2, with a working pip.
make_venv() {
  local venv="$1" py="$2"
  if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    say "$venv has no working pip (left from an earlier run without python3-venv?): making it again"
    rm -rf "$venv"
  fi
  if [ ! -x "$venv/bin/python" ]; then
    local log
    log="$(mktemp)"
    if ! "$py" -m venv "$venv" >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log" && rm -rf "$venv"
      die "$py could not make a virtual environment in $venv.
  On Debian/Ubuntu install python3-venv (apt-get install python3-venv), then run this command again."
    fi
    rm -f "$log"
  fi
  pip_install "$venv" --upgrade pip
}

# The real path of the interpreter behind a command (pyenv's shims are scripts).
interpreter() { "$1" -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null || true; }

case "$mode" in
  run)
    # shellcheck disable=SC2046
    install_pkgs "${runtime_pkgs[@]}" $(python_pkgs)
    make_venv .venv "$python_bin"
    pip_install .venv .
    exec .venv/bin/cloudwizard "$@"
    ;;
  test)
    # shellcheck disable=SC2046
    install_pkgs "${runtime_pkgs[@]}" "${test_pkgs[@]}" $(python_pkgs)
    make_venv .venv "$python_bin"
    pip_install .venv -e ".[test]"
    envs=(.venv)
    if [ "${BOOTSTRAP_SYSTEM_PYTHON:-1}" != 0 ] && [ -x "$system_python" ] \
        && [ "$(interpreter "$system_python")" != "$(interpreter .venv/bin/python)" ]; then
      make_venv .venv-system "$system_python"
      pip_install .venv-system -e ".[test]"
      envs+=(.venv-system)
    fi
    status=0
    for venv in "${envs[@]}"; do
      say "running the tests on $("$venv/bin/python" -c 'import platform, sys; print(platform.python_version(), "(" + sys._base_executable + ")")') in $venv"
      "$venv/bin/python" -m pytest "$@" || { rc=$?; say "the tests failed on $venv (status $rc)"; status=$rc; }
    done
    exit "$status"
    ;;
  *)
    echo "usage: bash tools/bootstrap.sh run|test [arguments]" >&2
    exit 2
    ;;
esac
