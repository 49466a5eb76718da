#!/usr/bin/env bash
# Install a CloudWizard .deb into a FRESH Debian 12 root the way a new user does, try it, remove it.
#
#   sudo bash packaging/test_fresh_debian.sh packaging/build/cloudwizard_0.1.0_amd64.deb
#
# The root is a debootstrap "minbase" Debian 12 (bookworm): nothing of this machine's libraries,
# fonts or caches. The base is made once (30 s to a minute, needs the network) and cached as a tarball;
# every run unpacks a new copy, works in it and deletes it. In the copy, as root:
#
#   apt-get update && apt install ./cloudwizard_<version>_<arch>.deb      (as the README says)
#   cloudwizard --version, validate, recommend --answers <an example>, the first paint offscreen
#   (--quit-after-first-paint, then again opening an answers file), the MIME type and menu entry
#   apt-get remove cloudwizard, then dpkg --purge cloudwizard:
#     /opt is still there, no file of the package is left, dpkg has forgotten it, and no file
#     under /usr, /etc, /opt or /var/lib mentions cloudwizard (caches refreshed by the triggers)
#
# Prints one "ok: ..." line per check and the time each step took; exits non-zero at the first
# failure, 77 when a fresh root cannot be made here (not root, no debootstrap, no mount privilege,
# no network for the first debootstrap).
#
# Environment:
#   FRESH_DEBIAN_CACHE   where the base tarball is kept (default /var/tmp/cloudwizard-fresh-debian)
#   FRESH_DEBIAN_MIRROR  the Debian mirror (default: the first URIs: of this machine's apt sources,
#                        else http://deb.debian.org/debian)
#   FRESH_DEBIAN_KEEP=1  keep the root after the run (its path is printed) to look around in it
set -euo pipefail

deb="${1:?usage: sudo bash packaging/test_fresh_debian.sh CLOUDWIZARD.deb}"
[ -f "$deb" ] || { echo "test_fresh_debian: $deb does not exist; build it with packaging/build_deb.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "test_fresh_debian: needs root (debootstrap, chroot, mounts)" >&2; exit 77; }
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
arch="$(dpkg --print-architecture)"
cache="${FRESH_DEBIAN_CACHE:-/var/tmp/cloudwizard-fresh-debian}"
base="$cache/bookworm-minbase-$arch.tar"
start=$SECONDS
step() { echo "time: $1 $((SECONDS - start)) s"; }

host_sources() {  # this machine's apt sources, so the root uses the same mirror (and its proxy set-up)
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then cat /etc/apt/sources.list.d/debian.sources
  elif [ -f /etc/apt/sources.list ]; then grep -E '^deb ' /etc/apt/sources.list
  fi
}

make_base() {
  if ! command -v debootstrap >/dev/null; then
    echo "test_fresh_debian: installing debootstrap" >&2
    { apt-get install -y -qq debootstrap || { apt-get update -qq && apt-get install -y -qq debootstrap; }; } >/dev/null 2>&1 \
      || { echo "test_fresh_debian: debootstrap is missing and cannot be installed" >&2; exit 77; }
  fi
  local mirror tmp
  mirror="${FRESH_DEBIAN_MIRROR:-$(host_sources | awk '/^URIs:/{print $2; exit} /^deb /{print $2; exit}')}"
  mirror="${mirror:-http://deb.debian.org/debian}"
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/base.XXXXXX")"
  echo "test_fresh_debian: making a Debian 12 minbase root from $mirror (once; cached in $base)"
  if ! debootstrap --variant=minbase --arch="$arch" bookworm "$tmp/root" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
    tail -5 "$tmp/debootstrap.log" >&2; rm -rf "$tmp"
    echo "test_fresh_debian: debootstrap failed (no network?)" >&2; exit 77
  fi
  # Only apt's view of the archive comes from this machine: its sources and its apt options (a
  # snapshot mirror needs Check-Valid-Until off), and the CA certificates a proxy may need.
  rm -f "$tmp/root/etc/apt/sources.list"
  mkdir -p "$tmp/root/etc/apt/sources.list.d" "$tmp/root/etc/apt/apt.conf.d"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$tmp/root/etc/apt/sources.list.d/"
  else
    echo "deb $mirror bookworm main" > "$tmp/root/etc/apt/sources.list"
  fi
  grep -hs -E '^Acquire::(Check-Valid-Until|Check-Date|http::Proxy|https::Proxy)' /etc/apt/apt.conf.d/* \
    > "$tmp/root/etc/apt/apt.conf.d/99from-host" || true
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    mkdir -p "$tmp/root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$tmp/root/usr/local/share/ca-certificates/"
  fi
  rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"*_Packages* 2>/dev/null || true
  tar -C "$tmp/root" -cf "$tmp/base.tar" . && mv "$tmp/base.tar" "$base"
  rm -rf "$tmp"
}

if [ -z "${_FRESH_DEBIAN_NS:-}" ]; then
  # The rest runs in a private mount namespace: nothing mounted for the root can propagate to this
  # system's /dev, and every mount vanishes with the namespace, even if the script is killed.
  if ! unshare --mount --propagation private true 2>/dev/null; then
    echo "test_fresh_debian: cannot make a private mount namespace here (unshare --mount)" >&2; exit 77
  fi
  _FRESH_DEBIAN_NS=1 exec unshare --mount --propagation private bash "$0" "$deb"
fi

[ -s "$base" ] || make_base
step "base ready:"

work="$(mktemp -d /var/tmp/cloudwizard-fresh.XXXXXX)"
root="$work/root"
cleanup() {
  local m
  for m in dev sys proc; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -R -l "$root/$m" || true; fi
  done
  for m in dev sys proc; do  # never delete through a mount into this system's /dev, /sys or /proc
    if mountpoint -q "$root/$m" 2>/dev/null; then echo "test_fresh_debian: $root/$m still mounted; left $work" >&2; return; fi
  done
  if [ "${FRESH_DEBIAN_KEEP:-0}" = 1 ]; then echo "test_fresh_debian: kept $root"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT
mkdir "$root"
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mkdir -p "$root/tmp/deb"
cp "$deb" "$root/tmp/deb/"
if ! mount -t proc proc "$root/proc" 2>/dev/null; then
  echo "test_fresh_debian: cannot mount /proc in the new root (no mount privilege here?)" >&2; exit 77
fi
mount -t sysfs sys "$root/sys"
# A /dev of its own (not a bind of this system's): nothing done in the root can touch this system's
# device nodes.
mount -t tmpfs -o mode=755,size=1m devtmp "$root/dev"
for node in "null c 1 3" "zero c 1 5" "full c 1 7" "random c 1 8" "urandom c 1 9" "tty c 5 0"; do
  read -r name kind major minor <<< "$node"
  mknod -m 666 "$root/dev/$name" "$kind" "$major" "$minor"
done
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"; ln -s /proc/self/fd/1 "$root/dev/stdout"; ln -s /proc/self/fd/2 "$root/dev/stderr"
step "fresh root unpacked:"

# The checks run inside the root, from a file (no quoting between this script and that one).
cat > "$root/tmp/check.sh" <<'CHECKS'
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
start=$SECONDS
step() { echo "time: $1 $((SECONDS - start)) s (in the root)"; }
deb=$(ls /tmp/deb/*.deb)
name=$(basename "$deb")
dpkg-query -W cloudwizard >/dev/null 2>&1 && fail "the fresh root already knows cloudwizard"
[ -d /opt ] || fail "the fresh root has no /opt to begin with"
# /opt is made by base-files' postinst and belongs to no package: a package that lists /opt itself
# takes it over, and dpkg deletes it when that package goes.
opt_owner=$( (dpkg -S /opt 2>/dev/null || true) | cut -d: -f1)
echo "ok: a fresh Debian $(cat /etc/debian_version) root ($(dpkg-query -W -f="\${db:Status-Abbrev}\n" | grep -c "^ii") packages, /opt owned by ${opt_owner:-no package})"

if command -v update-ca-certificates >/dev/null && ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  update-ca-certificates >/dev/null 2>&1 || true
fi
apt-get update -qq > /tmp/update.log 2>&1 || { cat /tmp/update.log >&2; fail "apt-get update"; }
step "apt-get update:"
# Exactly what a user types (apt, not apt-get; with the Recommends, as apt does by default).
cd /tmp/deb
apt install -y "./$name" > /tmp/install.log 2>&1 || { tail -30 /tmp/install.log >&2; fail "apt install ./$name"; }
pulled=$(grep -oE "[0-9]+ newly installed" /tmp/install.log | cut -d" " -f1 || true)
echo "ok: apt install ./$name ($pulled packages newly installed)"
step "apt install:"
cd /

command -v cloudwizard >/dev/null || fail "no cloudwizard command on PATH"
version=$(cloudwizard --version) || fail "cloudwizard --version"
case "$version" in "CloudWizard "*) ;; *) fail "cloudwizard --version printed: $version";; esac
echo "ok: cloudwizard --version: $version"

mkdir -p /tmp/home
export HOME=/tmp/home
data=/opt/cloudwizard/_internal/cloudwizard/questionnaires
cloudwizard validate "$data/cloudwizard-be.yaml" > /tmp/validate.txt || { cat /tmp/validate.txt >&2; fail "cloudwizard validate"; }
echo "ok: cloudwizard validate on the bundled questionnaire"
answers=$(grep -l "id: cloudwizard-be" "$data"/examples/answers-*.yaml 2>/dev/null | head -1 || true)
[ -n "$answers" ] || fail "no example answers file for the bundled questionnaire in $data/examples"
cloudwizard recommend --answers "$answers" > /tmp/advice.md || fail "cloudwizard recommend --answers $answers"
grep -qiE "public|private|community|hybrid" /tmp/advice.md || fail "the advice names no deployment model: $(head -5 /tmp/advice.md)"
cloudwizard recommend --answers "$answers" --format json > /tmp/advice.json || fail "cloudwizard recommend --format json"
grep -q "\"recommended\"" /tmp/advice.json || fail "the JSON advice has no recommendation"
echo "ok: cloudwizard recommend --answers $(basename "$answers"): $(grep -m1 -E "^#" /tmp/advice.md | head -c 80)"

QT_QPA_PLATFORM=offscreen cloudwizard --quit-after-first-paint > /tmp/paint.log 2>&1 \
  || { cat /tmp/paint.log >&2; fail "cloudwizard --quit-after-first-paint (offscreen)"; }
echo "ok: first paint offscreen (cloudwizard --quit-after-first-paint)"
cp "$answers" /tmp/home/mine.cwanswers.yaml
QT_QPA_PLATFORM=offscreen cloudwizard --quit-after-first-paint /tmp/home/mine.cwanswers.yaml > /tmp/paint2.log 2>&1 \
  || { cat /tmp/paint2.log >&2; fail "cloudwizard --quit-after-first-paint mine.cwanswers.yaml"; }
echo "ok: first paint offscreen with an answers file opened"
man -w cloudwizard >/dev/null 2>&1 && echo "ok: man cloudwizard finds the manual page" || \
  { [ -f /usr/share/man/man1/cloudwizard.1.gz ] || fail "no manual page"; echo "ok: manual page installed (no man-db here)"; }
if [ -f /usr/share/mime/packages/freedesktop.org.xml ]; then
  [ -f /usr/share/mime/application/x-cloudwizard-answers.xml ] || fail "the MIME database does not know answers files"
  echo "ok: the MIME database knows application/x-cloudwizard-answers (shared-mime-info trigger)"
fi
step "checks:"

dpkg-query -L cloudwizard > /tmp/owned.txt
export HOME=/root
rm -rf /tmp/home
apt-get remove -y cloudwizard > /tmp/remove.log 2>&1 || { cat /tmp/remove.log >&2; fail "apt-get remove cloudwizard"; }
[ -d /opt ] || fail "/opt is gone after apt-get remove cloudwizard"
echo "ok: apt-get remove cloudwizard; /opt is still there"
# With no configuration files, removing already purges it (apt then no longer knows the name of a
# package that came from a file); dpkg --purge makes sure either way.
dpkg --purge cloudwizard > /tmp/purge.log 2>&1 || { cat /tmp/purge.log >&2; fail "dpkg --purge cloudwizard"; }
[ -d /opt ] || fail "/opt is gone after dpkg --purge cloudwizard"
[ "$( (dpkg -S /opt 2>/dev/null || true) | cut -d: -f1)" = "$opt_owner" ] || fail "dpkg now has /opt owned by $(dpkg -S /opt)"
if dpkg-query -W -f="\${Status}" cloudwizard 2>/dev/null | grep -qv "not-installed"; then
  fail "dpkg still knows cloudwizard: $(dpkg-query -W -f="\${Status}" cloudwizard)"
fi
ls /var/lib/dpkg/info/cloudwizard.* >/dev/null 2>&1 && fail "dpkg keeps files of cloudwizard: $(ls /var/lib/dpkg/info/cloudwizard.*)"
left=""
while IFS= read -r path; do
  [ "$path" = "/." ] && continue
  if [ -L "$path" ] || [ -f "$path" ]; then left="$left $path"
  elif [ -d "$path" ] && ! dpkg -S "$path" >/dev/null 2>&1; then left="$left $path/"
  fi
done < /tmp/owned.txt
[ -z "$left" ] || fail "left after purge:$left"
named=$(find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /var/log -o -path /var/cache/apt \) -prune \
  -o -iname "*cloudwizard*" -print 2>/dev/null || true)
[ -z "$named" ] || fail "files named after cloudwizard are left: $named"
mentions=$(grep -rlis cloudwizard /usr /etc /opt /var/lib --exclude="*-old" --exclude-dir=apt 2>/dev/null || true)
[ -z "$mentions" ] || fail "files still mention cloudwizard: $mentions"
echo "ok: purged; nothing of it is left ($(wc -l < /tmp/owned.txt) paths checked, caches clean), /opt still there"
step "remove and purge:"
CHECKS
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive bash /tmp/check.sh
step "done, total:"
echo "ok: fresh Debian 12 install, run and removal of $(basename "$deb")"
