"""Taking the advice home on a phone: the QR code holds a short summary in the visitor's language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QImage

from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.recommender import recommend
from cloudwizard.gui.kiosk.qr import MAX_BYTES, make_qr, qr_image, summary_text

ANSWERS = {"audience": "business", "staff": 80, "data_kinds": frozenset({"customers"}), "sensitivity": 4,
           "peers": "yes", "offline_copy": "no"}


@pytest.fixture
def rec(example_questionnaire: Any) -> Any:
    return recommend(example_questionnaire, ANSWERS)


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_summary_in_the_visitors_language(rec: Any, lang: str) -> None:
    _ = gettext_for(lang)
    text = summary_text(rec, lang)
    q = rec.questionnaire
    model = q.text(q.options[rec.model.recommended].name, lang)
    layer = q.text(q.options[rec.layer.recommended].name, lang)
    assert _("Our advice") + ": " + _("{model}, used as {layer}").format(model=model, layer=layer) in text
    assert _("Why this advice") + ":" in text
    assert _("What to do next") + ":" in text
    assert len(text.encode("utf-8")) <= MAX_BYTES
    if lang != "en":
        assert "Our advice" not in text


def test_summary_is_shortened_to_fit(rec: Any) -> None:
    full = summary_text(rec, "en")
    short = summary_text(rec, "en", max_bytes=120)
    assert full.splitlines()[:2] == short.splitlines()[:2]  # the advice itself always stays
    assert len(short) < len(full)


def test_qr_code_holds_the_summary(rec: Any) -> None:
    text = summary_text(rec, "de")
    qr = make_qr(text)
    assert 1 <= qr.version <= 25 and qr.error in ("M", "Q", "H") and qr.mode == "byte"
    image = qr_image(qr, module_px=4)
    modules = len(qr.matrix) + 8
    assert image.width() == image.height() == modules * 4
    dark = sum(1 for row in qr.matrix for cell in row if cell & 1)
    assert 0.3 < dark / len(qr.matrix) ** 2 < 0.7  # a real code, not blank
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the rendered image (optional)")
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    raw = bytes(gray.constBits())
    pixels = b"".join(raw[y * stride: y * stride + width] for y in range(height))
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (height, width)))
    assert [r.text for r in found] == [text]
