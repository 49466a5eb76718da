"""What a case's source chose, said without a questionnaire (`evaluation.stated_text`).

Without a questionnaire to name them, a source that states both a model and a layer is said by
their ids; it never reads "the source states no service layer" when it states one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudwizard.engine.diagnostics import Location
from cloudwizard.engine.evaluation import NOT_STATED, Case, stated_text
from cloudwizard.engine.i18n import gettext_for


def _case(model: str, layer: str) -> Case:
    return Case("x", "X", "sme", "BE", "validation", model, layer, {}, Path("x.case.yaml"), Location("x.case.yaml", 1, 1))


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_both_stated_without_a_questionnaire(lang: str) -> None:
    said = stated_text(None, _case("public", "saas"), lang)
    assert said == "public/saas"
    no_layer = gettext_for(lang)("{model} (the source states no service layer)").format(model="public")
    assert stated_text(None, _case("public", NOT_STATED), lang) == no_layer
    assert said != no_layer
