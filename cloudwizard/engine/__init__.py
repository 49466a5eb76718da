"""The Qt-free engine: questionnaire model, loader, conditions, session, recommender and reports.

Nothing in this package imports Qt (a test enforces it), so the command line, scripts and tests can
use it without a display.
"""

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

__all__ = [
    "LAYERS",
    "MODELS",
    "AnswerError",
    "AnswersFile",
    "Diagnostic",
    "Questionnaire",
    "QuestionnaireError",
    "Recommendation",
    "Report",
    "Session",
    "Severity",
    "bundled_path",
    "load",
    "load_bundled",
    "load_questionnaire",
    "load_questionnaire_text",
    "read_answers",
    "recommend",
    "save_answers",
]
