#!/usr/bin/env bash
# Install a CloudWizard .deb with apt into a throwaway copy of this Debian system, and try it there.
#
#   sudo bash packaging/smoke_deb_overlay.sh packaging/build/cloudwizard_0.1.0_amd64.deb
#
# The copy is an overlay of / whose writable layer is a tmpfs, in a private mount namespace, so the
# real system is never changed: when the script ends, the copy is gone. In it, `apt-get install
# ./cloudwizard_*.deb` runs for real (with dpkg's triggers for the MIME database, the desktop-file
# cache and the icon cache), then the installed command is run: --version, recommend, the first paint
# offscreen, and the MIME type's default application is looked up.
#
# Needs root, unshare (util-linux) and overlayfs. The dependencies must already be installed on this
# system (apt is not allowed to download anything here). Prints one "ok: ..." line per check and
# exits non-zero at the first failure; exits 77 when the throwaway copy cannot be made here.
set -euo pipefail

deb="${1:?usage: sudo bash packaging/smoke_deb_overlay.sh CLOUDWIZARD.deb}"
[ -f "$deb" ] || { echo "smoke_deb_overlay: $deb does not exist; build it with packaging/build_deb.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "smoke_deb_overlay: needs root (for the private overlay mount)" >&2; exit 77; }
command -v unshare >/dev/null || { echo "smoke_deb_overlay: unshare is missing (util-linux)" >&2; exit 77; }
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"

if [ -z "${_SMOKE_TOP:-}" ]; then
  # Outside: make the mount point, run the rest in a private mount namespace, clean up after it.
  if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "smoke_deb_overlay: cannot make a private mount namespace here (unprivileged container?)" >&2; exit 77
  fi
  top="$(mktemp -d /tmp/cloudwizard-overlay.XXXXXX)"
  status=0
  _SMOKE_TOP="$top" unshare --mount --propagation private bash "$0" "$deb" || status=$?
  rmdir "$top" 2>/dev/null || true
  exit "$status"
fi

top="$_SMOKE_TOP"
if ! mount -t tmpfs -o size=1g tmpfs "$top" 2>/dev/null; then
  echo "smoke_deb_overlay: cannot mount a tmpfs here (no mount privilege in this container?)" >&2; exit 77
fi
mkdir -p "$top/upper" "$top/work" "$top/root"
if ! mount -t overlay overlay -o "lowerdir=/,upperdir=$top/upper,workdir=$top/work" "$top/root" 2>/dev/null; then
  echo "smoke_deb_overlay: cannot mount an overlay of / here (overlayfs not available?)" >&2; exit 77
fi
# A /dev of its own, not a bind of this system's: nothing done in the copy can touch real device nodes.
mount -t tmpfs -o mode=755,size=1m devtmp "$top/root/dev"
for node in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
  read -r name kind major minor <<< "$node"
  mknod -m 666 "$top/root/dev/$name" "$kind" "$major" "$minor"
done
mkdir -p "$top/root/dev/pts" "$top/root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$top/root/dev/pts"
ln -s pts/ptmx "$top/root/dev/ptmx"
mount -t tmpfs -o mode=1777 shm "$top/root/dev/shm"
ln -s /proc/self/fd "$top/root/dev/fd"
mount -t proc proc "$top/root/proc"
mkdir -p "$top/root/tmp/cloudwizard-deb"
cp "$deb" "$top/root/tmp/cloudwizard-deb/"

chroot "$top/root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 bash -euo pipefail -c '
fail() { echo "FAIL: $*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
if dpkg-query -W -f="\${Status}" cloudwizard 2>/dev/null | grep -q "install ok installed"; then
  apt-get remove -y -qq cloudwizard >/dev/null
fi
# No package sources: apt can only use what is installed, so it never touches the network.
apt-get install -y -qq --no-install-recommends -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=/dev/null \
  /tmp/cloudwizard-deb/*.deb > /tmp/apt.log 2>&1 \
  || { cat /tmp/apt.log >&2; fail "apt-get install ./cloudwizard_*.deb"; }
echo "ok: apt-get install ./$(basename /tmp/cloudwizard-deb/*.deb)"
grep -q "^Processing triggers for shared-mime-info" /tmp/apt.log && echo "ok: dpkg ran the shared-mime-info trigger"

command -v cloudwizard >/dev/null || fail "no cloudwizard command on PATH"
cloudwizard --version | grep -q "^CloudWizard " || fail "cloudwizard --version"
echo "ok: $(cloudwizard --version)"

data=/opt/cloudwizard/_internal/cloudwizard/questionnaires
cloudwizard validate "$data/cloudwizard-be.yaml" >/dev/null || fail "cloudwizard validate on the bundled questionnaire"
echo "ok: cloudwizard validate"
answers="$(ls "$data"/examples/answers-*.yaml 2>/dev/null | head -1)"
if [ -n "$answers" ]; then
  cloudwizard recommend --answers "$answers" --format json | grep -q "\"recommended\"" || fail "cloudwizard recommend"
  echo "ok: cloudwizard recommend --answers $(basename "$answers")"
fi
mkdir -p /tmp/home
HOME=/tmp/home QT_QPA_PLATFORM=offscreen cloudwizard --quit-after-first-paint >/dev/null 2>&1 \
  || fail "cloudwizard --quit-after-first-paint"
echo "ok: cloudwizard --quit-after-first-paint (offscreen)"

desktop=/usr/share/applications/be.cloudwizard.CloudWizard.desktop
[ -f "$desktop" ] && grep -q "^Icon=be.cloudwizard.CloudWizard$" "$desktop" || fail "no menu entry with the icon"
for size in 16x16 32x32 48x48 64x64 128x128 256x256 512x512 scalable; do
  ls /usr/share/icons/hicolor/$size/apps/be.cloudwizard.CloudWizard.* >/dev/null 2>&1 || fail "no $size icon"
done
echo "ok: menu entry $desktop, icons in the hicolor theme"

[ -f /usr/share/mime/application/x-cloudwizard-answers.xml ] || fail "the MIME database does not know application/x-cloudwizard-answers"
echo "ok: MIME database knows application/x-cloudwizard-answers"
grep -q "^application/x-cloudwizard-answers=.*be.cloudwizard.CloudWizard.desktop" /usr/share/applications/mimeinfo.cache \
  || fail "mimeinfo.cache does not send answers files to be.cloudwizard.CloudWizard.desktop"
echo "ok: answers files open with be.cloudwizard.CloudWizard.desktop (mimeinfo.cache)"
if command -v gio >/dev/null; then
  handlers="$(gio mime application/x-cloudwizard-answers 2>&1 || true)"
  case "$handlers" in
    *"Default application for"*"be.cloudwizard.CloudWizard.desktop"*) ;;
    *) fail "gio does not make CloudWizard the default for answers files: $handlers" ;;
  esac
  echo "ok: gio: the default application for answers files is be.cloudwizard.CloudWizard.desktop"
fi
'
