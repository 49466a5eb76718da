#!/usr/bin/env bash
# Build cloudwizard_<version>_<arch>.deb from the PyInstaller bundle (run build_bundle.sh first).
#
#   bash packaging/build_bundle.sh && bash packaging/build_deb.sh   # -> packaging/build/cloudwizard_0.1.0_amd64.deb
#   sudo apt install ./packaging/build/cloudwizard_*.deb
#
# What goes where:
#   /opt/cloudwizard/                                   the bundle (program and its libraries)
#   /usr/bin/cloudwizard                                -> /opt/cloudwizard/cloudwizard
#   /usr/share/applications/be.cloudwizard.CloudWizard.desktop
#   /usr/share/metainfo/be.cloudwizard.CloudWizard.metainfo.xml
#   /usr/share/icons/hicolor/<size>/apps/be.cloudwizard.CloudWizard.{png,svg}
#   /usr/share/mime/packages/be.cloudwizard.CloudWizard.xml
#   /usr/share/doc/cloudwizard/{copyright,changelog.gz,kiosk/}    changelog.gz: Debian format, from CHANGELOG.md
#   /usr/share/man/man1/cloudwizard.1.gz                from cloudwizard.cli's parsers (make_manpage.py)
#   /usr/share/lintian/overrides/cloudwizard            what lintian reports that is so on purpose
#
# There are no maintainer scripts on purpose: on Debian, the MIME database, the desktop-file cache
# and the icon caches are refreshed by dpkg file triggers that shared-mime-info, desktop-file-utils
# and the icon themes register on those folders (see deb-triggers(5)).
#
# Environment:
#   BUILD_DIR        default packaging/build; the bundle is read from $BUILD_DIR/dist/cloudwizard
#   DEB_COMPRESSION  zstd (default: a few seconds), xz (about 20 % smaller, but over a minute on two
#                    cores) or gzip. Debian 12, Ubuntu 21.10 and later read zstd packages.
#   PYTHON           the Python that runs the helper scripts (default: .venv/bin/python, else python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${BUILD_DIR:-$here/build}"
bundle="$build/dist/cloudwizard"
icons="$build/icons"
app_id="be.cloudwizard.CloudWizard"

if [ ! -x "$bundle/cloudwizard" ]; then
  echo "build_deb: no bundle at $bundle; build it first with: bash packaging/build_bundle.sh" >&2
  exit 1
fi
if [ ! -f "$icons/hicolor/256x256/apps/$app_id.png" ]; then
  echo "build_deb: no icons in $icons; build_bundle.sh makes them (or run: python packaging/make_icons.py $icons)" >&2
  exit 1
fi
command -v dpkg-deb >/dev/null || { echo "build_deb: dpkg-deb is missing; install the dpkg package" >&2; exit 1; }

# The version comes from the bundle itself, so the package can never disagree with the program.
version="$("$bundle/cloudwizard" --version | awk '{print $2}')"
if [ -z "$version" ]; then
  echo "build_deb: '$bundle/cloudwizard --version' printed no version; is the bundle broken?" >&2
  exit 1
fi
arch="$(dpkg --print-architecture)"

command -v readelf >/dev/null || { echo "build_deb: readelf is missing; install binutils" >&2; exit 1; }
if [ -z "${PYTHON:-}" ]; then
  if [ -x "$root/.venv/bin/python" ]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi

# Depends: computed from the bundle's ELF files (libc6 from the newest GLIBC_x.y symbol version any of
# them needs; every library they link to and do not carry, by the package that owns it here; see
# deb_depends.py). To those, the packages whose *data* the carried libraries read from the system,
# which no ELF file names: fontconfig's configuration (and through it a font) for the bundled
# libfontconfig, and the keyboard maps for the bundled libxkbcommon.
computed="$("$PYTHON" "$here/deb_depends.py" "$bundle")"
data_depends="fontconfig-config, xkb-data"

stage="$build/deb/cloudwizard_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" \
  "$stage/usr/share/mime/packages" "$stage/usr/share/icons" "$stage/usr/share/doc/cloudwizard" \
  "$stage/usr/share/man/man1" "$stage/usr/share/lintian/overrides"

cp -a "$bundle" "$stage/opt/cloudwizard"
ln -s /opt/cloudwizard/cloudwizard "$stage/usr/bin/cloudwizard"
install -m 0644 "$here/linux/$app_id.desktop" "$stage/usr/share/applications/$app_id.desktop"
install -m 0644 "$here/linux/$app_id.metainfo.xml" "$stage/usr/share/metainfo/$app_id.metainfo.xml"
install -m 0644 "$here/linux/$app_id.mime.xml" "$stage/usr/share/mime/packages/$app_id.xml"
cp -r "$icons/hicolor" "$stage/usr/share/icons/hicolor"
install -m 0644 "$here/linux/copyright" "$stage/usr/share/doc/cloudwizard/copyright"
install -m 0644 "$here/linux/lintian-overrides" "$stage/usr/share/lintian/overrides/cloudwizard"
# The version has no Debian revision, so this is a native package: its one changelog is changelog.gz,
# in Debian's format (made from CHANGELOG.md). The manual page comes from the argparse parsers.
"$PYTHON" "$here/make_changelog.py" "$root/CHANGELOG.md" | gzip -9n > "$stage/usr/share/doc/cloudwizard/changelog.gz"
"$PYTHON" "$here/make_manpage.py" | gzip -9n > "$stage/usr/share/man/man1/cloudwizard.1.gz"
if [ -d "$here/kiosk" ]; then  # set-up notes and example configuration for advice-centre kiosks
  cp -r "$here/kiosk" "$stage/usr/share/doc/cloudwizard/kiosk"
fi

# Predictable permissions whatever the umask: directories 755, files 644 (shared libraries too: the
# dynamic linker does not need the execute bit), the program 755.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/opt/cloudwizard/cloudwizard"

installed_size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: cloudwizard
Version: $version
Architecture: $arch
Maintainer: CloudWizard developers <cloudwizard@users.noreply.github.com>
Installed-Size: $installed_size
Depends: $computed, $data_depends
Recommends: fonts-dejavu-core | fonts-liberation2, shared-mime-info, desktop-file-utils, hicolor-icon-theme
Section: misc
Priority: optional
Homepage: https://github.com/cloudwizard-be/cloudwizard
Description: decision helper: which cloud set-up fits you, and why
 CloudWizard asks a few plain questions about your data, budget and the rules
 you must follow, and recommends a cloud deployment model (public, private,
 community or hybrid) and a service layer (IaaS, PaaS or SaaS), with the
 reasons and trade-offs explained.
 .
 It works entirely offline and speaks Dutch, French, German and English.
 Answers files (*.cwanswers.yaml) open in the app with a double click.
CONTROL
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

out="$build/cloudwizard_${version}_${arch}.deb"
# dpkg-deb --build would list every folder of the tree, /opt among them. /opt belongs to no package
# (base-files' postinst makes it), so dpkg would make it this package's and delete it on removal. So
# the archive is put together here, in dpkg-deb's own layout (deb(5)): data.tar lists ./opt/cloudwizard/
# and what is in it, never ./opt/ itself. Owners root:root, names sorted, times clamped to
# SOURCE_DATE_EPOCH when set, GNU tar format like dpkg-deb.
case "${DEB_COMPRESSION:-zstd}" in
  zstd) ext=zst; compress=(zstd -q -9 -T0 -c) ;;
  xz)   ext=xz;  compress=(xz -6 -T0 -c) ;;
  gzip) ext=gz;  compress=(gzip -9n -c) ;;
  *) echo "build_deb: DEB_COMPRESSION must be zstd, xz or gzip" >&2; exit 1 ;;
esac
command -v "${compress[0]}" >/dev/null || { echo "build_deb: ${compress[0]} is missing" >&2; exit 1; }
command -v ar >/dev/null || { echo "build_deb: ar is missing; install binutils" >&2; exit 1; }
parts="$build/deb/parts"
rm -rf "$parts" && mkdir -p "$parts"
tar_opts=(--format=gnu --owner=root:0 --group=root:0 --no-recursion --null)
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then tar_opts+=(--mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime); fi
(cd "$stage" && find . -path ./DEBIAN -prune -o -path ./opt -o -print0 | LC_ALL=C sort -z \
  | tar "${tar_opts[@]}" -T - -cf - | "${compress[@]}") > "$parts/data.tar.$ext"
(cd "$stage/DEBIAN" && printf '%s\0' ./ ./control ./md5sums | tar "${tar_opts[@]}" -T - -cf - | "${compress[@]}") \
  > "$parts/control.tar.$ext"
echo "2.0" > "$parts/debian-binary"
rm -f "$out"
(cd "$parts" && ar -rcD "$out" debian-binary "control.tar.$ext" "data.tar.$ext")
rm -rf "$parts"
dpkg-deb --info "$out" >/dev/null || { echo "build_deb: dpkg-deb cannot read $out" >&2; exit 1; }
if dpkg-deb --contents "$out" | awk '{print $6}' | grep -qx './opt/'; then
  echo "build_deb: $out lists ./opt/ itself; dpkg would delete /opt on removal" >&2; exit 1
fi
echo "build_deb: built $out ($(du -h "$out" | cut -f1)); install it with: sudo apt install $out"
