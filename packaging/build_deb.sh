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
#   /usr/share/doc/cloudwizard/{copyright,changelog.gz,kiosk/}
#
# There are no maintainer scripts on purpose: on Debian, the MIME database, the desktop-file cache
# and the icon caches are refreshed by dpkg file triggers that shared-mime-info, desktop-file-utils
# and the icon themes register on those folders (see deb-triggers(5)).
#
# Environment:
#   BUILD_DIR        default packaging/build; the bundle is read from $BUILD_DIR/dist/cloudwizard
#   DEB_COMPRESSION  dpkg-deb options (default "-Zzstd -z9": 4 s; "-Zxz -z9" is 15 % smaller but takes
#                    well over a minute). Debian 12, Ubuntu 21.10 and later read zstd packages.
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

# Libraries the bundle uses from the system (PyInstaller leaves out the graphics stack, libxcb and
# Wayland, and the spec leaves out libcups), and the ones it carries but whose data files come from
# the system (fontconfig's configuration and fonts, xkbcommon's keymaps). tests/packaging checks that
# every library the bundle links to and does not carry is in this list.
depends=(
  "libc6 (>= 2.34)" libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libcups2
  libx11-6 libx11-xcb1 libxcb1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xkb1 libxcb-render-util0 libxcb-image0 libxcb-randr0
  libwayland-client0 libwayland-cursor0 libwayland-egl1
)

stage="$build/deb/cloudwizard_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" \
  "$stage/usr/share/mime/packages" "$stage/usr/share/icons" "$stage/usr/share/doc/cloudwizard"

cp -a "$bundle" "$stage/opt/cloudwizard"
ln -s /opt/cloudwizard/cloudwizard "$stage/usr/bin/cloudwizard"
install -m 0644 "$here/linux/$app_id.desktop" "$stage/usr/share/applications/$app_id.desktop"
install -m 0644 "$here/linux/$app_id.metainfo.xml" "$stage/usr/share/metainfo/$app_id.metainfo.xml"
install -m 0644 "$here/linux/$app_id.mime.xml" "$stage/usr/share/mime/packages/$app_id.xml"
cp -r "$icons/hicolor" "$stage/usr/share/icons/hicolor"
install -m 0644 "$here/linux/copyright" "$stage/usr/share/doc/cloudwizard/copyright"
gzip -9n -c "$root/CHANGELOG.md" > "$stage/usr/share/doc/cloudwizard/changelog.gz"
if [ -d "$here/kiosk" ]; then  # set-up notes and example configuration for advice-centre kiosks
  cp -r "$here/kiosk" "$stage/usr/share/doc/cloudwizard/kiosk"
fi

# Predictable permissions whatever the umask: directories 755, files 644, programs and libraries 755.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/opt/cloudwizard/cloudwizard"
find "$stage/opt/cloudwizard" -type f -name "*.so*" -exec chmod 0755 {} +

installed_size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
depends_line="$(printf '%s, ' "${depends[@]}")"
cat > "$stage/DEBIAN/control" <<EOF
Package: cloudwizard
Version: $version
Architecture: $arch
Maintainer: CloudWizard developers <cloudwizard@users.noreply.github.com>
Installed-Size: $installed_size
Depends: ${depends_line%, }
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
EOF

out="$build/cloudwizard_${version}_${arch}.deb"
# shellcheck disable=SC2086
dpkg-deb --root-owner-group ${DEB_COMPRESSION:--Zzstd -z9} --build "$stage" "$out" >/dev/null
echo "build_deb: built $out ($(du -h "$out" | cut -f1)); install it with: sudo apt install $out"
