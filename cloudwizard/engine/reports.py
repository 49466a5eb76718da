"""Compatibility names: the reports moved to `cloudwizard.engine.report` (one view, many renderers)."""

from __future__ import annotations

from cloudwizard.engine.report import TEXT_FORMATS as FORMATS
from cloudwizard.engine.report import Justification, format_answer, option_name, render

__all__ = ["FORMATS", "Justification", "format_answer", "option_name", "render"]
