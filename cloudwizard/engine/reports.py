"""Reports from one `Recommendation`: JSON, Markdown and HTML, in the chosen language.

All three are rendered from the same plain structure, `report_data()`, so they always say the same
thing. Every text from the questionnaire is escaped in HTML and Markdown; links are only ever
http/https (the loader refuses anything else).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from cloudwizard import __version__
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.model import Question, Questionnaire, QuestionType, Text
from cloudwizard.engine.recommender import Contribution, Counterfactual, Ranking, Recommendation

FORMATS = ("markdown", "html", "json")
REPORT_FORMAT = 1


@dataclass(frozen=True)
class Justification:
    """A public body's "comply or explain": the model it chose instead, and why."""

    chosen_model: str
    text: str


def format_answer(q: Questionnaire, question: Question, value: Any, lang: str) -> str:
    """An answer as the user would read it: choice labels, yes/no, a number with its unit."""
    _ = gettext_for(lang)
    if value is None:
        return _("(not answered)")
    if question.type.has_choices:
        chosen = sorted(value, key=question.choice_ids.index) if isinstance(value, frozenset) else [value]
        labels = []
        for cid in chosen:
            choice = question.choice(cid)
            labels.append(q.text(choice.label, lang) if choice else cid)
        return ", ".join(labels) if labels else _("(none)")
    if question.type in (QuestionType.SCALE, QuestionType.NUMBER):
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        unit = q.text(question.unit, lang)
        if question.type is QuestionType.SCALE and question.maximum is not None:
            return f"{shown} / {question.maximum:g}"
        return f"{shown} {unit}".strip()
    return str(value)


def option_name(q: Questionnaire, option: str, lang: str) -> str:
    """The display name of a model or layer."""
    info = q.options.get(option)
    return q.text(info.name, lang) if info else option


def _t(q: Questionnaire, text: Text, lang: str) -> str:
    return q.text(text, lang)


def _source_refs(q: Questionnaire, ids: tuple[str, ...]) -> list[dict[str, str]]:
    out = []
    for sid in ids:
        s = q.source(sid)
        if s is not None:
            out.append({"id": s.id, "date": s.date, "status": s.status})
    return out


def _reason(q: Questionnaire, c: Contribution, lang: str) -> dict[str, Any]:
    if c.origin in q.question_index:
        question = q.question(c.origin)
        choice = question.choice(c.choice) if c.choice else None
        return {
            "question": c.origin,
            "question_text": _t(q, question.label, lang),
            "answer": _t(q, choice.label, lang) if choice else format_answer(q, question, c.answer, lang),
            "because": _t(q, c.because, lang),
            "weight": round(c.edge, 3),
        }
    return {
        "question": c.origin,
        "question_text": "",
        "answer": "",
        "because": _t(q, c.because, lang),
        "weight": round(c.edge, 3),
    }


def _ranking(q: Questionnaire, r: Ranking, lang: str) -> dict[str, Any]:
    def tradeoffs(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        return [{"text": _t(q, t.text, lang), "sources": _source_refs(q, t.sources)} for t in items]

    return {
        "recommended": r.recommended,
        "recommended_name": option_name(q, r.recommended, lang),
        "summary": _t(q, q.options[r.recommended].summary, lang) if r.recommended in q.options else "",
        "runner_up": r.runner_up,
        "runner_up_name": option_name(q, r.runner_up, lang),
        "margin": round(r.margin, 3),
        "confidence": round(r.confidence, 3),
        "confidence_level": r.confidence_level,
        "conflict": r.conflict,
        "ranking": [
            {
                "id": o.id,
                "name": option_name(q, o.id, lang),
                "score": round(o.score, 3),
                "excluded": o.excluded,
                "excluded_by": list(o.excluded_by),
            }
            for o in r.options
        ],
        "reasons": [_reason(q, c, lang) for c in r.reasons],
        "tradeoffs": {
            "pros": tradeoffs(r.pros),
            "cons": tradeoffs(r.cons),
            "runner_up_pros": tradeoffs(r.runner_up_pros),
            "runner_up_cons": tradeoffs(r.runner_up_cons),
        },
    }


def _counterfactual(q: Questionnaire, cf: Counterfactual, lang: str) -> dict[str, Any]:
    changes = []
    for c in cf.changes:
        question = q.question(c.question_id)
        changes.append(
            {
                "question": c.question_id,
                "question_text": _t(q, question.label, lang),
                "from": format_answer(q, question, c.before, lang),
                "to": format_answer(q, question, c.after, lang),
            }
        )
    return {"kind": cf.kind, "changes": changes, "new_top": cf.new_top, "new_top_name": option_name(q, cf.new_top, lang)}


def answers_summary(rec: Recommendation, lang: str) -> list[dict[str, Any]]:
    """Every visible answer, by section (hidden answers are never included)."""
    q = rec.questionnaire
    out = []
    for section in q.sections:
        rows = [
            {
                "question": question.id,
                "question_text": _t(q, question.label, lang),
                "answer": format_answer(q, question, rec.answers[question.id], lang),
            }
            for question in section.questions
            if question.id in rec.answers
        ]
        if rows:
            out.append({"section": section.id, "title": _t(q, section.title, lang), "answers": rows})
    return out


def report_data(rec: Recommendation, lang: str, justification: Justification | None = None) -> dict[str, Any]:
    """The whole report as plain data (what the JSON format contains)."""
    q = rec.questionnaire
    data: dict[str, Any] = {
        "report_format": REPORT_FORMAT,
        "generator": f"CloudWizard {__version__}",
        "date": rec.created,
        "language": lang,
        "questionnaire": {"id": q.id, "version": q.version, "title": _t(q, q.title, lang)},
        "audience": rec.audience,
        "deployment_model": _ranking(q, rec.model, lang),
        "service_layer": _ranking(q, rec.layer, lang),
        "constraints": [
            {
                "id": a.id,
                "title": _t(q, rec.constraint(a.id).title, lang),
                "reason": _t(q, rec.constraint(a.id).reason, lang),
                "rules_out": list(rec.constraint(a.id).rules_out),
                "triggered_by": list(a.triggered_by),
                "sources": _source_refs(q, rec.constraint(a.id).sources),
            }
            for a in rec.constraints
        ],
        "precautions": [
            {
                "id": a.id,
                "category": rec.precaution(a.id).category,
                "title": _t(q, rec.precaution(a.id).title, lang),
                "text": _t(q, rec.precaution(a.id).text, lang),
                "triggered_by": list(a.triggered_by),
                "sources": _source_refs(q, rec.precaution(a.id).sources),
            }
            for a in rec.precautions
        ],
        "notices": [
            {
                "id": n.id,
                "kind": n.kind,
                "title": _t(q, n.title, lang),
                "text": _t(q, n.text, lang),
                "sources": _source_refs(q, n.sources),
            }
            for n in rec.notices
        ],
        "what_would_change": [_counterfactual(q, cf, lang) for cf in rec.what_would_change],
        "further_reading": [
            {"id": r.id, "title": _t(q, r.title, lang), "url": r.url, "text": _t(q, r.text, lang)}
            for r in rec.further_reading
        ],
        "answers": answers_summary(rec, lang),
        "sources": [
            {
                "id": s.id,
                "title": _t(q, s.title, lang),
                "url": s.url,
                "date": s.date,
                "status": s.status,
            }
            for s in q.sources
            if s.id in rec.cited_sources()
        ],
    }
    if justification is not None:
        data["comply_or_explain"] = {
            "recommended_model": rec.model.recommended,
            "chosen_model": justification.chosen_model,
            "chosen_model_name": option_name(q, justification.chosen_model, lang),
            "justification": justification.text,
        }
    return data


def render_json(rec: Recommendation, lang: str, justification: Justification | None = None) -> str:
    """The report as JSON (UTF-8 text, keys in English, texts in `lang`)."""
    return json.dumps(report_data(rec, lang, justification), ensure_ascii=False, indent=2) + "\n"


# -- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|"})


def _md(text: str) -> str:
    """Escape text for Markdown so questionnaire text cannot inject markup, HTML or links.

    Line breaks become spaces: every text we print sits after a list marker or inside a line, so
    nothing can start a heading or a list of its own.
    """
    return " ".join(text.split("\n")).translate(_MD_SPECIAL)


def _cite(refs: list[dict[str, str]], lang: str) -> str:
    if not refs:
        return ""
    _ = gettext_for(lang)
    parts = []
    for r in refs:
        extra = ""
        if r["status"] == "proposal":
            extra = ", " + _("proposal")
        elif r["status"] == "under_appeal":
            extra = ", " + _("under appeal")
        parts.append(f"{r['id']}, {r['date']}{extra}" if r["date"] else f"{r['id']}{extra}")
    return " [" + "; ".join(parts) + "]"


def _confidence_text(level: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {"high": _("clear"), "medium": _("fairly clear"), "low": _("close call")}[level]


def _category_text(category: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {
        "backup": _("Backups"),
        "contract": _("Contract"),
        "privacy": _("Privacy"),
        "security": _("Security"),
        "exit": _("Exit and switching"),
        "compliance": _("Obligations"),
        "general": _("General"),
    }.get(category, category)


def _change_sentence(cf: dict[str, Any], lang: str) -> str:
    _ = gettext_for(lang)
    parts = [
        _("“{question}”: {before} → {after}").format(question=c["question_text"], before=c["from"], after=c["to"])
        for c in cf["changes"]
    ]
    return "; ".join(parts) + " ⇒ " + cf["new_top_name"]


def render_markdown(rec: Recommendation, lang: str, justification: Justification | None = None) -> str:
    """The report as Markdown."""
    _ = gettext_for(lang)
    d = report_data(rec, lang, justification)
    m, s = d["deployment_model"], d["service_layer"]
    out: list[str] = []
    add = out.append
    add(f"# {_md(_('CloudWizard advice'))}")
    add("")
    add(_("Date: {date} · Questionnaire: {title} ({id}, version {version})").format(
        date=d["date"], title=_md(d["questionnaire"]["title"]), id=d["questionnaire"]["id"],
        version=d["questionnaire"]["version"]))
    add("")
    add(f"## {_('Our advice')}")
    add("")
    add("**" + _md(_("{model} with {layer}").format(model=m["recommended_name"], layer=s["recommended_name"])) + "**")
    add("")
    add(f"- {_md(m['recommended_name'])}: {_md(m['summary'])}")
    add(f"- {_md(s['recommended_name'])}: {_md(s['summary'])}")
    add("")
    for label, r in ((_("Deployment model"), m), (_("Service layer"), s)):
        add(f"### {_md(label)}")
        add("")
        add(_("How clear: {level} (margin {margin:g} over {runner_up}).").format(
            level=_confidence_text(r["confidence_level"], lang), margin=r["margin"], runner_up=_md(r["runner_up_name"])))
        if r["conflict"]:
            add("")
            add("> " + _md(_("Your answers rule out every option; this is the least bad one. Look at the constraints below.")))
        add("")
        add(f"| {_('Option')} | {_('Score')} | |")
        add("|---|---:|---|")
        for o in r["ranking"]:
            note = _("ruled out") if o["excluded"] else ""
            add(f"| {_md(o['name'])} | {o['score']:g} | {note} |")
        add("")
        if r["reasons"]:
            add(f"**{_md(_('Because you answered'))}**")
            add("")
            for reason in r["reasons"]:
                if reason["question_text"]:
                    add(f"- “{_md(reason['question_text'])}” → {_md(reason['answer'])}: {_md(reason['because'])}")
                else:
                    add(f"- {_md(reason['because'])}")
            add("")
        t = r["tradeoffs"]
        add(f"**{_md(_('Pros of {name}').format(name=r['recommended_name']))}**")
        add("")
        out.extend(f"- {_md(x['text'])}{_cite(x['sources'], lang)}" for x in t["pros"]) if t["pros"] else add("- —")
        add("")
        add(f"**{_md(_('Cons of {name}').format(name=r['recommended_name']))}**")
        add("")
        out.extend(f"- {_md(x['text'])}{_cite(x['sources'], lang)}" for x in t["cons"]) if t["cons"] else add("- —")
        add("")
        if t["runner_up_pros"] or t["runner_up_cons"]:
            add(f"**{_md(_('Compared with {name}').format(name=r['runner_up_name']))}**")
            add("")
            out.extend(f"- + {_md(x['text'])}{_cite(x['sources'], lang)}" for x in t["runner_up_pros"])
            out.extend(f"- − {_md(x['text'])}{_cite(x['sources'], lang)}" for x in t["runner_up_cons"])
            add("")
    if d["constraints"]:
        add(f"## {_('Constraints that apply')}")
        add("")
        for c in d["constraints"]:
            add(f"- **{_md(c['title'])}**: {_md(c['reason'])}{_cite(c['sources'], lang)}")
        add("")
    if d["precautions"]:
        add(f"## {_('Precautions')}")
        add("")
        for p in d["precautions"]:
            add(f"- [ ] **{_md(p['title'])}** ({_md(_category_text(p['category'], lang))}): "
                f"{_md(p['text'])}{_cite(p['sources'], lang)}")
        add("")
    for n in d["notices"]:
        add(f"## {_md(n['title'])}")
        add("")
        add(f"{_md(n['text'])}{_cite(n['sources'], lang)}")
        add("")
    if "comply_or_explain" in d:
        c = d["comply_or_explain"]
        add(f"## {_('Comply or explain')}")
        add("")
        add(_("Recommended: {recommended}. Chosen: {chosen}.").format(
            recommended=_md(m["recommended_name"]), chosen=_md(c["chosen_model_name"])))
        add("")
        add(f"{_('Justification')}:")
        add("")
        out.extend("> " + _md(line) for line in (c["justification"].splitlines() or [""]))
        add("")
    if d["what_would_change"]:
        add(f"## {_('What would change this advice')}")
        add("")
        for cf in d["what_would_change"]:
            add(f"- {_md(_change_sentence(cf, lang))}")
        add("")
    if d["further_reading"]:
        add(f"## {_('Further reading')}")
        add("")
        for r in d["further_reading"]:
            text = f" — {_md(r['text'])}" if r["text"] else ""
            link = f" <{r['url']}>" if r["url"] else ""
            add(f"- {_md(r['title'])}{text}{link}")
        add("")
    add(f"## {_('Your answers')}")
    add("")
    for section in d["answers"]:
        add(f"### {_md(section['title'])}")
        add("")
        for row in section["answers"]:
            add(f"- {_md(row['question_text'])} **{_md(row['answer'])}**")
        add("")
    if d["sources"]:
        add(f"## {_('Sources')}")
        add("")
        for src in d["sources"]:
            status = _source_status(src["status"], lang)
            url = f" <{src['url']}>" if src["url"] else ""
            add(f"- {src['id']}: {_md(src['title'])}, {src['date']}{status}{url}")
        add("")
    add(f"_{_md(_('Made with {generator}. Your answers stayed on this computer.').format(generator=d['generator']))}_")
    return "\n".join(out) + "\n"


def _source_status(status: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {"proposal": " (" + _("proposal, may change") + ")", "under_appeal": " (" + _("under appeal") + ")",
            "unknown": " (" + _("status unknown") + ")"}.get(status, "")


# -- HTML --------------------------------------------------------------------------------------

_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #1b1f24; margin: 2em; }
h1 { font-size: 20pt; color: #0b4f8a; margin-bottom: 0.2em; }
h2 { font-size: 14pt; color: #0b4f8a; border-bottom: 1px solid #c9d6e3; margin-top: 1.4em; }
h3 { font-size: 12pt; margin-top: 1em; }
.meta { color: #555; }
.headline { font-size: 15pt; font-weight: bold; background: #eaf3fb; padding: 0.6em; }
table.scores { border-collapse: collapse; }
table.scores td, table.scores th { padding: 2px 10px; border-bottom: 1px solid #e3e8ee; text-align: left; }
td.num { text-align: right; }
.excluded { color: #8a1c1c; }
.cite { color: #555; font-size: 9pt; }
.notice { border-left: 4px solid #0b4f8a; padding-left: 0.8em; }
blockquote { border-left: 4px solid #999; padding-left: 0.8em; color: #333; }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _cite_html(refs: list[dict[str, str]], lang: str) -> str:
    c = _cite(refs, lang)
    return f' <span class="cite">{_h(c.strip())}</span>' if c else ""


def _link(url: str, label: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{_h(url)}">{_h(label)}</a>'
    return _h(label)


def render_html(rec: Recommendation, lang: str, justification: Justification | None = None) -> str:
    """The report as a self-contained HTML page (no scripts, no external resources)."""
    _ = gettext_for(lang)
    d = report_data(rec, lang, justification)
    m, s = d["deployment_model"], d["service_layer"]
    o: list[str] = []
    add = o.append
    add(f'<!DOCTYPE html>\n<html lang="{_h(lang)}"><head><meta charset="utf-8">')
    add(f"<title>{_h(_('CloudWizard advice'))}</title><style>{_CSS}</style></head><body>")
    add(f"<h1>{_h(_('CloudWizard advice'))}</h1>")
    add('<p class="meta">' + _h(_("Date: {date} · Questionnaire: {title} ({id}, version {version})").format(
        date=d["date"], title=d["questionnaire"]["title"], id=d["questionnaire"]["id"],
        version=d["questionnaire"]["version"])) + "</p>")
    add(f"<h2>{_h(_('Our advice'))}</h2>")
    add('<p class="headline">' + _h(_("{model} with {layer}").format(
        model=m["recommended_name"], layer=s["recommended_name"])) + "</p>")
    add(f"<ul><li><b>{_h(m['recommended_name'])}</b>: {_h(m['summary'])}</li>"
        f"<li><b>{_h(s['recommended_name'])}</b>: {_h(s['summary'])}</li></ul>")
    for label, r in ((_("Deployment model"), m), (_("Service layer"), s)):
        add(f"<h3>{_h(label)}</h3>")
        add("<p>" + _h(_("How clear: {level} (margin {margin:g} over {runner_up}).").format(
            level=_confidence_text(r["confidence_level"], lang), margin=r["margin"],
            runner_up=r["runner_up_name"])) + "</p>")
        if r["conflict"]:
            add('<p class="excluded">' + _h(_(
                "Your answers rule out every option; this is the least bad one. Look at the constraints below.")) + "</p>")
        add(f'<table class="scores"><tr><th>{_h(_("Option"))}</th><th>{_h(_("Score"))}</th><th></th></tr>')
        for opt in r["ranking"]:
            note = f'<span class="excluded">{_h(_("ruled out"))}</span>' if opt["excluded"] else ""
            add(f'<tr><td>{_h(opt["name"])}</td><td class="num">{opt["score"]:g}</td><td>{note}</td></tr>')
        add("</table>")
        if r["reasons"]:
            add(f"<p><b>{_h(_('Because you answered'))}</b></p><ul>")
            for reason in r["reasons"]:
                if reason["question_text"]:
                    add(f"<li>“{_h(reason['question_text'])}” → <i>{_h(reason['answer'])}</i>: "
                        f"{_h(reason['because'])}</li>")
                else:
                    add(f"<li>{_h(reason['because'])}</li>")
            add("</ul>")
        t = r["tradeoffs"]
        for title, items in ((_("Pros of {name}"), t["pros"]), (_("Cons of {name}"), t["cons"])):
            add(f"<p><b>{_h(title.format(name=r['recommended_name']))}</b></p><ul>")
            add("".join(f"<li>{_h(x['text'])}{_cite_html(x['sources'], lang)}</li>" for x in items) or "<li>—</li>")
            add("</ul>")
        if t["runner_up_pros"] or t["runner_up_cons"]:
            add(f"<p><b>{_h(_('Compared with {name}').format(name=r['runner_up_name']))}</b></p><ul>")
            add("".join(f"<li>+ {_h(x['text'])}{_cite_html(x['sources'], lang)}</li>" for x in t["runner_up_pros"]))
            add("".join(f"<li>− {_h(x['text'])}{_cite_html(x['sources'], lang)}</li>" for x in t["runner_up_cons"]))
            add("</ul>")
    if d["constraints"]:
        add(f"<h2>{_h(_('Constraints that apply'))}</h2><ul>")
        for c in d["constraints"]:
            add(f"<li><b>{_h(c['title'])}</b>: {_h(c['reason'])}{_cite_html(c['sources'], lang)}</li>")
        add("</ul>")
    if d["precautions"]:
        add(f"<h2>{_h(_('Precautions'))}</h2><ul>")
        for p in d["precautions"]:
            add(f"<li>☐ <b>{_h(p['title'])}</b> ({_h(_category_text(p['category'], lang))}): "
                f"{_h(p['text'])}{_cite_html(p['sources'], lang)}</li>")
        add("</ul>")
    for n in d["notices"]:
        add(f'<h2>{_h(n["title"])}</h2><p class="notice">{_h(n["text"])}{_cite_html(n["sources"], lang)}</p>')
    if "comply_or_explain" in d:
        c = d["comply_or_explain"]
        add(f"<h2>{_h(_('Comply or explain'))}</h2>")
        add("<p>" + _h(_("Recommended: {recommended}. Chosen: {chosen}.").format(
            recommended=m["recommended_name"], chosen=c["chosen_model_name"])) + "</p>")
        add(f"<p><b>{_h(_('Justification'))}:</b></p><blockquote>"
            + "<br>".join(_h(line) for line in c["justification"].splitlines()) + "</blockquote>")
    if d["what_would_change"]:
        add(f"<h2>{_h(_('What would change this advice'))}</h2><ul>")
        add("".join(f"<li>{_h(_change_sentence(cf, lang))}</li>" for cf in d["what_would_change"]))
        add("</ul>")
    if d["further_reading"]:
        add(f"<h2>{_h(_('Further reading'))}</h2><ul>")
        for r in d["further_reading"]:
            text = f" — {_h(r['text'])}" if r["text"] else ""
            add(f"<li>{_link(r['url'], r['title'])}{text}</li>")
        add("</ul>")
    add(f"<h2>{_h(_('Your answers'))}</h2>")
    for section in d["answers"]:
        add(f"<h3>{_h(section['title'])}</h3><ul>")
        add("".join(f"<li>{_h(row['question_text'])} <b>{_h(row['answer'])}</b></li>" for row in section["answers"]))
        add("</ul>")
    if d["sources"]:
        add(f"<h2>{_h(_('Sources'))}</h2><ul>")
        for src in d["sources"]:
            add(f"<li>{_h(src['id'])}: {_link(src['url'], src['title'])}, {_h(src['date'])}"
                f"{_h(_source_status(src['status'], lang))}</li>")
        add("</ul>")
    add('<p class="meta"><i>' + _h(_("Made with {generator}. Your answers stayed on this computer.").format(
        generator=d["generator"])) + "</i></p>")
    add("</body></html>")
    return "\n".join(o) + "\n"


def render(rec: Recommendation, fmt: str, lang: str, justification: Justification | None = None) -> str:
    """Render in one of `FORMATS`."""
    if fmt == "json":
        return render_json(rec, lang, justification)
    if fmt == "html":
        return render_html(rec, lang, justification)
    if fmt == "markdown":
        return render_markdown(rec, lang, justification)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
