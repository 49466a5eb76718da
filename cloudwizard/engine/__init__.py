"""The Qt-free engine: questionnaire model, loader, conditions, session, recommender and reports.

Nothing in this package imports Qt (a test enforces it), so the command line, scripts and tests can
use it without a display.

The names below are loaded on first use (PEP 562), so ``import cloudwizard.engine`` stays cheap
for a command that needs only part of the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "AnswerError": "answers",
    "AnswersFile": "answers",
    "read_answers": "answers",
    "save_answers": "answers",
    "Diagnostic": "diagnostics",
    "Report": "diagnostics",
    "Severity": "diagnostics",
    "QuestionnaireError": "loader",
    "bundled_path": "loader",
    "load": "loader",
    "load_bundled": "loader",
    "load_questionnaire": "loader",
    "load_questionnaire_text": "loader",
    "LAYERS": "model",
    "MODELS": "model",
    "Questionnaire": "model",
    "Recommendation": "recommender",
    "recommend": "recommender",
    "Session": "session",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from cloudwizard.engine.answers import AnswerError, AnswersFile, read_answers, save_answers
    from cloudwizard.engine.diagnostics import Diagnostic, Report, Severity
    from cloudwizard.engine.loader import (
        QuestionnaireError,
        bundled_path,
        load,
        load_bundled,
        load_questionnaire,
        load_questionnaire_text,
    )
    from cloudwizard.engine.model import LAYERS, MODELS, Questionnaire
    from cloudwizard.engine.recommender import Recommendation, recommend
    from cloudwizard.engine.session import Session


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cloudwizard.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cloudwizard.engine.{module}"), name)
    globals()[name] = value
    return value
