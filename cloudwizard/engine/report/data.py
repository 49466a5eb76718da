"""The report as JSON: the view's data, keys in English, texts in the report's language.

The layout keeps the keys of report format 1 (``deployment_model.recommended``, ``ranking``,
``reasons``, ``tradeoffs`` …) and adds the summary, never-negative ``points`` and the comparison
(format 2), then the recommended ``pair``, the ``runner_up_pair``, the ``split`` advice and the
``combination`` (format 3). ``deployment_model`` is the ranking of the pair's model, running it
yourself (``on_premises``) included. ``score`` equals ``points``: never negative, the lowest option
at 0, so a number shows how far ahead an option is.
Only finite numbers are written (strict JSON parsers refuse ``NaN``).
"""

from __future__ import annotations

import json
import math
from typing import Any

from cloudwizard.engine.report.safety import safe_url
from cloudwizard.engine.report.view import (
    REPORT_FORMAT,
    ComparisonRow,
    PairView,
    Point,
    RankingView,
    ReportView,
    SourceTag,
)


def _refs(tags: tuple[SourceTag, ...]) -> list[dict[str, str]]:
    return [{"id": t.id, "date": t.date, "status": t.status} for t in tags]


def _points(items: tuple[Point, ...]) -> list[dict[str, Any]]:
    return [{"text": p.text, "sources": _refs(p.sources)} for p in items]


def _pair(p: PairView | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"model": p.model, "layer": p.layer, "self_run": p.self_run, "model_name": p.model_name,
            "layer_name": p.layer_name, "text": p.text}


def _comparison(rows: tuple[ComparisonRow, ...]) -> list[dict[str, Any]]:
    return [{"text": c.text, "favours": c.favours, "favours_name": c.favours_name,
             "favours_recommended": c.favours_recommended, "about": c.about, "about_name": c.about_name,
             "for_name": c.for_name, "sources": _refs(c.sources)} for c in rows]


def _ranking(r: RankingView) -> dict[str, Any]:
    return {
        "recommended": r.recommended,
        "recommended_name": r.recommended_name,
        "summary": r.summary,
        "runner_up": r.runner_up,
        "runner_up_name": r.runner_up_name,
        "margin": r.margin,
        "confidence": r.confidence,
        "confidence_level": r.clarity.level,
        "confidence_label": r.clarity_label,
        "confidence_text": r.clarity_text,
        "clarity": r.clarity.value,
        "conflict": r.conflict,
        "ranking": [
            {"id": o.id, "name": o.name, "score": o.points, "points": o.points, "excluded": o.excluded,
             "excluded_by": list(o.excluded_by), "note": o.note, "part_of_advice": o.part_of_advice}
            for o in r.options
        ],
        "reasons": [
            {"question": x.question, "question_text": x.question_text, "answer": x.answer, "because": x.text,
             "tag": x.tag, "weight": x.weight}
            for x in r.reasons
        ],
        "tradeoffs": {"pros": _points(r.pros), "cons": _points(r.cons)},
        "comparison": _comparison(r.comparison),
    }


def to_data(view: ReportView) -> dict[str, Any]:
    """The report as plain data (what the JSON format contains)."""
    data: dict[str, Any] = {
        "report_format": REPORT_FORMAT,
        "generator": view.generator,
        "date": view.date_iso,
        "language": view.language,
        "questionnaire": {"id": view.questionnaire_id, "version": view.questionnaire_version,
                          "title": view.questionnaire_title},
        "audience": view.audience,
        "summary": {
            "headline": view.headline,
            "sureness": view.sureness,
            "clarity": view.clarity.value,
            "clarity_label": view.clarity_label,
            "close_calls": [
                {"kind": c.kind, "text": c.text, "decide": c.decide, "options": list(c.option_ids),
                 "option_names": list(c.options), "is_tie": c.is_tie, "deciding": list(c.deciding),
                 # the options exactly level with the first (it included), and those close behind
                 "tied": list(c.option_ids[:len(c.tied)]), "behind": list(c.option_ids[len(c.tied):])}
                for c in view.close_calls
            ],
            "top_reasons": [{"text": r.text, "tag": r.tag} for r in view.top_reasons],
        },
        "pair": _pair(view.pair),
        "runner_up_pair": _pair(view.runner_up_pair),
        "combination": {"kind": view.combination.value, "text": view.combination_text},
        "split": [{"pair": _pair(p.pair), "needs": list(p.needs), "because": list(p.because), "text": p.text}
                  for p in view.split],
        "comparison_with_runner_up": _comparison(view.pair_comparison),
        "deployment_model": _ranking(view.model),
        "service_layer": _ranking(view.layer),
        "constraints": [
            {"id": c.id, "title": c.title, "reason": c.reason, "rules_out": list(c.rules_out),
             "triggered_by": list(c.triggered_by), "sources": _refs(c.sources)}
            for c in view.constraints
        ],
        "precautions": [
            {"id": p.id, "category": p.category, "title": p.title, "text": p.text, "sources": _refs(p.sources)}
            for p in view.checklist
        ],
        "notices": [
            {"id": n.id, "kind": n.kind, "title": n.title, "text": n.text, "sources": _refs(n.sources)}
            for n in view.notices
        ],
        "what_would_change": [
            {"kind": w.kind, "text": w.text, "new_top": w.new_top, "new_top_name": w.new_top_name,
             "changes": [{"question": c.question, "question_text": c.question_text, "from": c.before, "to": c.after}
                         for c in w.changes]}
            for w in view.what_would_change
        ],
        "further_reading": [
            {"id": r.id, "title": r.title, "url": safe_url(r.url), "text": r.text} for r in view.further_reading
        ],
        "answers": [
            {"section": s.id, "title": s.title,
             "answers": [{"question": a.question, "question_text": a.question_text, "answer": a.answer}
                         for a in s.answers]}
            for s in view.answers
        ],
        "sources": [
            {"id": s.id, "title": s.title, "url": safe_url(s.url), "date": s.date, "status": s.status}
            for s in view.sources
        ],
    }
    if view.pair.self_run:
        # You run it yourself: no cloud layer is advised (the layer ranking stays, for information).
        data["service_layer"].update(recommended=view.pair.layer, recommended_name=view.pair.layer_name)
    c = view.comply_or_explain
    if c is not None:
        data["comply_or_explain"] = {
            "recommended_model": c.recommended,
            "chosen_model": c.chosen or c.recommended,
            "chosen_model_name": c.chosen_name,
            "deviates": c.deviates,
            "justification": c.reason,
            "statement": c.statement,
        }
    return data


def _finite(node: Any) -> Any:
    if isinstance(node, float) and not math.isfinite(node):
        return None
    if isinstance(node, dict):
        return {k: _finite(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_finite(v) for v in node]
    return node


def render(view: ReportView) -> str:
    """The report as JSON text (UTF-8; U+0080–U+009F and other controls escaped)."""
    text = json.dumps(_finite(to_data(view)), ensure_ascii=False, indent=2, allow_nan=False)
    # ensure_ascii=False keeps C1 controls raw (U+009B is a terminal's CSI): escape them.
    return "".join(f"\\u{ord(ch):04x}" if 0x7F <= ord(ch) <= 0x9F else ch for ch in text) + "\n"
