"""Render the app icon (resources/icons/cloudwizard.svg) into every size the platforms want.

Writes, under OUTPUT_DIR (default packaging/build/icons):

- ``hicolor/<n>x<n>/apps/be.cloudwizard.CloudWizard.png`` for n in 16 32 48 64 128 256 512, and
  ``hicolor/scalable/apps/be.cloudwizard.CloudWizard.svg`` (the freedesktop icon theme layout);
- ``cloudwizard.ico`` (Windows: PNG-compressed entries 16–256) and ``cloudwizard.icns`` (macOS).

The PNGs are generated, never committed: Qt's own SVG renderer (QtSvg, in PySide6-Essentials)
draws them, so no extra tool is needed. ICO and ICNS both allow PNG-encoded images inside, so they
are written here by hand instead of through Pillow.

Usage: python packaging/make_icons.py [OUTPUT_DIR]
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

APP_ID = "be.cloudwizard.CloudWizard"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "cloudwizard.svg"

# ICNS element types that hold PNG data, by pixel size (Apple's "icns" format, 10.7+).
_ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_pngs(svg: Path, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """Render ``svg`` as square PNGs of the given sizes; returns PNG bytes by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG that Qt can draw; fix the file and run again")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding the PNG images (sizes up to 256; 256 is stored as 0 in the header)."""
    items = sorted((s, d) for s, d in pngs.items() if s <= 256)
    header = struct.pack("<HHH", 0, 1, len(items))
    offset = 6 + 16 * len(items)
    entries, blobs = b"", b""
    for size, data in items:
        dim = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding the PNG images."""
    body = b"".join(
        _ICNS_TYPES[s] + struct.pack(">I", 8 + len(d)) + d for s, d in sorted(pngs.items()) if s in _ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str]) -> int:
    """Write the icon set; returns the exit status."""
    out = Path(argv[0]) if argv else ROOT / "packaging" / "build" / "icons"
    if not SVG.is_file():
        print(f"make_icons: {SVG} is missing; it is the source of every icon", file=sys.stderr)
        return 1
    pngs = render_pngs(SVG, SIZES)
    for size, data in pngs.items():
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(SVG.read_bytes())
    (out / "cloudwizard.ico").write_bytes(ico_bytes(pngs))
    (out / "cloudwizard.icns").write_bytes(icns_bytes(pngs))
    print(f"make_icons: wrote {len(pngs)} PNG sizes, the SVG, cloudwizard.ico and cloudwizard.icns to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
