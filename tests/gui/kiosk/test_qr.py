"""Taking the advice home on a phone: the QR code holds a short summary in the visitor's language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QImage

from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.recommender import recommend
from cloudwizard.gui.kiosk.qr import MAX_BYTES, make_qr, qr_image, summary_text
from tests.gui.kiosk.conftest import bundled_answers

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
    colon = " :" if lang == "fr" else ":"
    assert _("Our advice") + colon + " " + _("{model}, used as {layer}").format(model=model, layer=layer) in text
    assert _("Why this advice") + colon in text
    assert _("What to do next") + colon in text
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
    assert decode(image) == (True, text)


def decode(image: QImage) -> tuple[bool, str]:
    """Read the code back as a phone would: (whether it carries the ECI marker for UTF-8, the text)."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the rendered image (a test dependency)")
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    (found,) = zxingcpp.read_barcodes(gray, text_mode=zxingcpp.TextMode.HexECI)
    raw = bytes.fromhex(found.text)  # the symbology identifier, ECI designators, then the bytes
    eci = raw.startswith(b"]Q2\\000026")  # "]Q2": ECI protocol; "\\000026": ECI 26, UTF-8
    body = raw[len(b"]Q2\\000026"):] if eci else raw[3:]
    return eci, body.decode("utf-8")


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_qr_code_says_utf8_and_reads_back_with_its_accents(lang: str) -> None:
    q, answers = bundled_answers("federal")
    text = summary_text(recommend(q, answers), lang)
    assert not text.isascii()  # "·" in every language; what scanners garbled without the marker
    if lang in ("fr", "de"):  # Dutch advice may well have no accented letter at all
        assert any(c.isalpha() and not c.isascii() for c in text)  # é, ê, ô, ß, ä, ö, ü …
    qr = make_qr(text)
    assert decode(qr_image(qr, module_px=3)) == (True, text)
    import segno

    plain = segno.make(text, error="m", encoding="utf-8", micro=False)  # the old code, for contrast
    assert decode(qr_image(plain, module_px=3))[0] is False


def test_the_french_summary_puts_a_space_before_its_colons() -> None:
    q, answers = bundled_answers("federal")
    lines = decode(qr_image(make_qr(summary_text(recommend(q, answers), "fr")), module_px=3))[1].splitlines()
    assert lines[1].startswith("Notre conseil : ")  # was "Notre conseil:", unlike every other French text
    assert "Pourquoi ce conseil :" in lines and "Que faire ensuite :" in lines
    assert not any(line.endswith(":") and not line.endswith(" :") for line in lines)
