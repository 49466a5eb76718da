"""Loading a questionnaire: YAML → checked, frozen `Questionnaire`, with every problem reported.

Three kinds of problem are found in one run: YAML syntax (which stops the parse), the schema
(unknown or missing keys, wrong types, missing translations) and meaning (duplicate ids, dangling
references, conditions that read later questions or compare the wrong things).
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cloudwizard.engine import hints, schema
from cloudwizard.engine.conditions import MAX_NUMBER, Condition, ConditionError, NameInfo, compile_condition
from cloudwizard.engine.diagnostics import Report
from cloudwizard.engine.hints import close_match
from cloudwizard.engine.model import (
    EMPTY_TEXT,
    LAYERS,
    MODELS,
    NO_EFFECT,
    OPTIONS,
    Audience,
    Choice,
    Constraint,
    Effect,
    Location,
    Notice,
    OptionInfo,
    Precaution,
    Question,
    Questionnaire,
    QuestionType,
    RangeEffect,
    Reading,
    Rule,
    Scenario,
    Section,
    Source,
    Text,
    TradeOff,
    ValidationRule,
)
from cloudwizard.engine.yamlsafe import Node, YamlError, parse_text, paused_gc, read_path

#: The questionnaire that ships with the app.
BUNDLED_ID = "cloudwizard-be"
#: Longest free-text answer a questionnaire may allow (answers files are at most 1 MB).
MAX_TEXT_LENGTH = 100_000
#: An http(s) address as reports can link it: a host, then no white space, quotes, angle brackets,
#: backslashes or control characters.
_URL_RE = re.compile(r"https?://[^\s/?#<>\"'`\\\x00-\x1f\x7f-\x9f]+(?:[/?#][^\s<>\"'`\\\x00-\x1f\x7f-\x9f]*)?\Z")
#: Most points a scale may have: each is a button on the screen.
MAX_SCALE_POINTS = 101

_ID_RE = re.compile(schema.ID_PATTERN)
_SOURCE_ID_RE = re.compile(schema.SOURCE_ID_PATTERN)
_QUESTIONNAIRE_ID_RE = re.compile(schema.QUESTIONNAIRE_ID_PATTERN)
_DATE_RE = re.compile(schema.DATE_PATTERN)
_LANG_RE = re.compile(schema.LANG_PATTERN)
_YESNO = (
    Choice("yes", Text({"nl": "Ja", "fr": "Oui", "de": "Ja", "en": "Yes"}), Location("<builtin>", 0, 0)),
    Choice("no", Text({"nl": "Nee", "fr": "Non", "de": "Nein", "en": "No"}), Location("<builtin>", 0, 0)),
)
_BAD = object()


class QuestionnaireError(Exception):
    """Raised by `load` when a questionnaire has errors; `report` holds all of them."""

    def __init__(self, report: Report) -> None:
        first = report.errors[0] if report.errors else None
        super().__init__(str(first) if first else "invalid questionnaire")
        self.report = report


@dataclass
class LoadResult:
    """What `load_questionnaire` found: the questionnaire (None when it has errors) and the report."""

    questionnaire: Questionnaire | None
    report: Report


def load_questionnaire(path: str | Path) -> LoadResult:
    """Read and check a questionnaire file. Never raises for bad input."""
    report = Report()
    with paused_gc():
        try:
            doc = read_path(path)
        except YamlError as exc:
            report.error(exc.location, exc.message, exc.code)
            return LoadResult(None, report)
        return _finish(doc.root, doc.problems, report)


def load_questionnaire_text(text: str, name: str = "<string>") -> LoadResult:
    """Check a questionnaire given as YAML text (see `load_questionnaire`)."""
    report = Report()
    with paused_gc():
        try:
            doc = parse_text(text, name)
        except YamlError as exc:
            report.error(exc.location, exc.message, exc.code)
            return LoadResult(None, report)
        return _finish(doc.root, doc.problems, report)


def _finish(root: Node, problems: list[YamlError], report: Report) -> LoadResult:
    for p in problems:
        report.error(p.location, p.message, p.code)
    with hints.budget():  # "did you mean" hints share one budget per load
        q = _Builder(report).questionnaire(root)
    if report.errors:
        return LoadResult(None, report)
    return LoadResult(q, report)


def load(path: str | Path) -> Questionnaire:
    """Load a questionnaire or raise `QuestionnaireError` with every problem."""
    result = load_questionnaire(path)
    if result.questionnaire is None:
        raise QuestionnaireError(result.report)
    return result.questionnaire


def bundled_path(name: str = BUNDLED_ID) -> Path:
    """Path of a questionnaire that ships inside the package."""
    resource = importlib.resources.files("cloudwizard.questionnaires").joinpath(f"{name}.yaml")
    return Path(str(resource))


def bundled_questionnaires() -> list[Path]:
    """Every questionnaire that ships with the app (examples included)."""
    root = importlib.resources.files("cloudwizard.questionnaires")
    found = [Path(str(p)) for p in root.iterdir() if p.name.endswith(".yaml")]
    examples = root.joinpath("examples")
    if examples.is_dir():
        found += [Path(str(p)) for p in examples.iterdir() if p.name.endswith(".yaml") and "answers" not in p.name]
    return sorted(found)


def load_bundled(name: str = BUNDLED_ID) -> Questionnaire:
    """Load a questionnaire that ships with the app."""
    return load(bundled_path(name))


class _Builder:
    """Checks nodes against `schema.OBJECTS` and builds the model objects."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.languages: tuple[str, ...] = ("en",)
        self.names: dict[str, NameInfo] = {}
        self.audiences: set[str] = set()

    # -- generic checks ----------------------------------------------------------------------
    def error(self, loc: Location, message: str, code: str = "", ref: str = "") -> None:
        self.report.error(loc, message, code, ref)

    def fields(self, node: Node, typename: str, ref: str = "") -> dict[str, Any] | None:
        """Check a mapping against its object type; return the converted values of valid keys."""
        if node.kind != "map":
            self.error(node.location, f"expected a mapping ({typename}), found {_describe(node)}", "type", ref)
            return None
        spec = schema.FIELDS[typename]
        if "id" in spec and "id" in node.value and node.value["id"].kind == "str":
            ref = node.value["id"].value
        out: dict[str, Any] = {"__node__": node, "__ref__": ref}
        for key, value in node.value.items():
            f = spec.get(key)
            if f is None:
                hint = _listed(close_match(key, spec))
                extra = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(spec)}"
                self.error(node.key_locations[key], f"unknown key '{key}' in {typename}{extra}", "unknown-key", ref)
                continue
            converted = self.value(value, f.kind, ref, f"'{key}'")
            if converted is not _BAD:
                out[key] = converted
        for f in spec.values():
            if f.required and f.name not in node.value:
                self.error(node.location, f"missing key '{f.name}' in {typename}", "missing-key", ref)
        return out

    def value(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """Convert a node of a known kind; report and return `_BAD` when it does not fit."""
        k = kind.name
        if k in ("id", "source_id", "questionnaire_id", "str", "condition", "date", "lang", "url"):
            if node.kind in ("int", "float") and k in ("str",):
                return str(node.value)
            if node.kind != "str":
                return self._wrong(node, f"{what} must be text", ref)
            s: str = node.value
            if node.yaml11_bool:
                self.report.warning(
                    node.location,
                    f"{what}: the unquoted '{s}' is read as a yes/no boolean by YAML 1.1 tools; "
                    f"write it in quotes: '{s}'",
                    "yaml11-bool",
                    ref,
                )
            checks: dict[str, tuple[re.Pattern[str], str]] = {
                "id": (_ID_RE, "an id: lower-case letters, digits and '_', starting with a letter"),
                "source_id": (_SOURCE_ID_RE, "a source id such as S1"),
                "questionnaire_id": (
                    _QUESTIONNAIRE_ID_RE,
                    "a questionnaire id: lower-case letters, digits, '_' and '-', starting with a letter",
                ),
                "date": (_DATE_RE, "a date as YYYY-MM-DD"),
                "lang": (_LANG_RE, "a two-letter language code such as nl"),
            }
            if k in checks and not checks[k][0].match(s):
                return self._wrong(node, f"{what} must be {checks[k][1]}, not '{s}'", ref, found=False)
            if k == "url" and not (s.startswith("https://") or s.startswith("http://")):
                return self._wrong(node, f"{what} must be an http or https address, not '{s}'", ref, found=False)
            if k == "url" and not _URL_RE.match(s):  # a space, '<' or '>' would break out of a Markdown link
                return self._wrong(node, f"{what} must be an address with a host and no spaces, quotes, "
                                   f"'<', '>' or control characters, not '{s}'", ref, found=False)
            return s
        if k == "int":
            if node.kind != "int":
                return self._wrong(node, f"{what} must be a whole number", ref)
            return self._sized(node, ref, what)
        if k == "number":
            if node.kind not in ("int", "float"):
                return self._wrong(node, f"{what} must be a number", ref)
            return self._sized(node, ref, what)
        if k == "bool":
            if node.kind != "bool":
                if node.yaml11_bool:
                    return self._wrong(node, f"{what} must be true or false: {_yaml11_tip(node.value)}", ref, found=False)
                return self._wrong(node, f"{what} must be true or false", ref)
            return node.value
        if k == "required":
            if node.kind == "bool":
                return node.value
            if node.kind == "str" and not node.yaml11_bool:
                return node
            if node.yaml11_bool:
                return self._wrong(node, f"{what} must be true, false or a condition: {_yaml11_tip(node.value)}",
                                   ref, found=False)
            return self._wrong(node, f"{what} must be true, false or a condition", ref)
        if k == "enum":
            if node.kind != "str" or node.value not in kind.values:
                if node.kind != "str":
                    return self._wrong(node, f"{what} must be one of {', '.join(kind.values)}", ref)
                hint = _listed(close_match(node.value, kind.values))
                extra = f"; did you mean '{hint[0]}'?" if hint else ""
                return self._wrong(node, f"{what} must be one of {', '.join(kind.values)}, not '{node.value}'{extra}",
                                   ref, found=False)
            return node.value
        if k == "text":
            return self.text(node, ref, what)
        if k == "score":
            return self.score(node, ref, what)
        if k == "list":
            assert kind.item is not None
            if node.kind != "seq":
                return self._wrong(node, f"{what} must be a list", ref)
            items = [self.value(item, kind.item, ref, what) for item in node.value]
            return [i for i in items if i is not _BAD]
        if k == "object":
            if node.kind != "map":
                return self._wrong(node, f"{what} must be a mapping", ref)
            return node
        if k == "map":
            assert kind.item is not None
            if node.kind != "map":
                return self._wrong(node, f"{what} must be a mapping", ref)
            out = {}
            for key, item in node.value.items():
                if kind.values and key not in kind.values:
                    self.error(
                        node.key_locations[key],
                        f"{what}: unknown key '{key}'; allowed: {', '.join(kind.values)}",
                        "unknown-key",
                        ref,
                    )
                    continue
                converted = self.value(item, kind.item, ref, _sub(what, key)) if kind.item.name != "any" else item
                if converted is not _BAD:
                    out[key] = converted
            return out
        return node  # "any": left for the caller

    def _sized(self, node: Node, ref: str, what: str) -> Any:
        """A number no larger than the app can show and compute with exactly (10^15), else `_BAD`."""
        if abs(node.value) > MAX_NUMBER:
            return self._wrong(node, f"{what}: {_short_number(node.value)} is too large; numbers in a questionnaire "
                               "must be at most 10^15 in size", ref, found=False)
        return node.value

    def _wrong(self, node: Node, message: str, ref: str, *, found: bool = True) -> Any:
        self.error(node.location, f"{message} (found {_describe(node)})" if found else message, "type", ref)
        return _BAD

    def text(self, node: Node, ref: str, what: str) -> Any:
        if node.kind != "map":
            example = ", ".join(f"{lang}: …" for lang in self.languages)
            return self._wrong(node, f"{what} must be a text per language, e.g. {{{example}}}", ref)
        items: dict[str, str] = {}
        for lang, value in node.value.items():
            if lang not in self.languages:
                self.error(
                    node.key_locations[lang],
                    f"{what}: language '{lang}' is not one of this questionnaire's languages "
                    f"({', '.join(self.languages)})",
                    "language",
                    ref,
                )
                continue
            if value.kind != "str":
                self._wrong(value, f"{_sub(what, lang)} must be text", ref)
                continue
            if value.yaml11_bool:
                self.report.warning(
                    value.location,
                    f"{_sub(what, lang)}: the unquoted '{value.value}' is read as a yes/no boolean by YAML 1.1 "
                    f"tools; write it in quotes: '{value.value}'",
                    "yaml11-bool",
                    ref,
                )
            items[lang] = value.value
        missing = [lang for lang in self.languages if not items.get(lang, "").strip()]
        if missing:
            self.report.warning(
                node.location, f"{what}: missing translation: {', '.join(missing)}", "translation", ref
            )
        return Text(items)

    def score(self, node: Node, ref: str, what: str) -> Any:
        if node.kind != "map":
            return self._wrong(node, f"{what} must map models/layers to numbers, e.g. {{public: 2}}", ref)
        out: dict[str, float] = {}
        for key, value in node.value.items():
            if key not in OPTIONS:
                hint = _listed(close_match(key, OPTIONS))
                extra = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(OPTIONS)}"
                self.error(node.key_locations[key], f"{what}: unknown model or layer '{key}'{extra}", "unknown-option", ref)
                continue
            if value.kind not in ("int", "float"):
                self._wrong(value, f"{_sub(what, key)} must be a number", ref)
                continue
            if abs(value.value) > 1000:
                self.error(value.location, f"{_sub(what, key)}: {value.value} is out of range (-1000 to 1000)",
                           "range", ref)
                continue
            out[key] = float(value.value)
        return out

    def condition(
        self,
        f: dict[str, Any],
        key: str,
        ref: str,
        *,
        before: int | None = None,
        value: NameInfo | None = None,
        self_id: str | None = None,
        own_section: range | None = None,
    ) -> Condition | None:
        """Compile the condition at `key`, reporting its problems at the condition's place."""
        source = f.get(key)
        if source is None:
            return None
        node: Node = f["__node__"].value[key]
        if isinstance(source, Node):  # "required" keeps the node when it is a condition
            source = source.value
        try:
            return compile_condition(
                source, self.names, before=before, value=value, self_id=self_id, own_section=own_section
            )
        except ConditionError as exc:
            shown = source if len(source) <= 500 else f"{source[:200]}…{source[-60:]} ({len(source):,} characters)"
            for message, col in exc.problems:
                loc = node.location
                if node.location.line and col:
                    # Plain and quoted scalars start at the node; point at the offending part.
                    offset = 1 if node.quoted else 0
                    loc = Location(loc.file, loc.line, loc.column + col + offset)
                self.error(loc, f"condition '{shown}': {message}", "condition", ref)
            return None

    def unique(self, items: list[dict[str, Any]], what: str, key: str = "id") -> dict[str, dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for item in items:
            ident = item.get(key)
            if ident is None:
                continue
            if ident in seen:
                first = seen[ident]["__node__"].location
                self.error(
                    item["__node__"].value[key].location,
                    f"duplicate {what} id '{ident}' (first at line {first.line})",
                    "duplicate-id",
                    ident,
                )
                continue
            seen[ident] = item
        return seen

    def check_refs(self, f: dict[str, Any], key: str, known: Mapping[str, Any], what: str, ref: str) -> tuple[str, ...]:
        ids = f.get(key) or []
        good = []
        node_list = f["__node__"].value.get(key)
        for i, ident in enumerate(ids):
            if ident in known:
                good.append(ident)
                continue
            loc = node_list.value[i].location if node_list is not None and i < len(node_list.value) else f["__node__"].location
            hint = _listed(close_match(ident, known))
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.error(loc, f"unknown {what} '{ident}'{extra}", "dangling-reference", ref)
        return tuple(good)

    # -- the questionnaire -------------------------------------------------------------------
    def questionnaire(self, root: Node) -> Questionnaire | None:
        if root.kind == "map" and "languages" in root.value:
            langs = root.value["languages"]
            if langs.kind == "seq":
                found = tuple(n.value for n in langs.value if n.kind == "str" and _LANG_RE.match(n.value))
                if found:
                    self.languages = found
        top = self.fields(root, "questionnaire")
        if top is None:
            return None
        fmt = top.get("format")
        if fmt is not None and fmt != schema.FORMAT_VERSION:
            self.error(
                root.value["format"].location,
                f"format {fmt} is not supported; this CloudWizard reads format {schema.FORMAT_VERSION}",
                "format",
            )
        fallback = top.get("fallback_language", "en")
        if "fallback_language" in top and fallback not in self.languages:
            self.error(root.value["fallback_language"].location,
                       f"fallback_language '{fallback}' is not in languages", "language")

        # Sources, constraints and precautions first: the rest refers to them.
        sources_f = [s for n in top.get("sources", []) if (s := self.fields(n, "source")) is not None]
        sources = {k: v for k, v in self.unique(sources_f, "source").items()}
        self.source_ids = sources
        source_objs = tuple(
            Source(
                id=k,
                title=v.get("title", EMPTY_TEXT),
                location=v["__node__"].location,
                url=v.get("url", ""),
                date=v.get("date", ""),
                publisher=v.get("publisher", EMPTY_TEXT),
                status=v.get("status", "in_force"),
            )
            for k, v in sources.items()
        )
        constraints_f = [c for n in top.get("constraints", []) if (c := self.fields(n, "constraint")) is not None]
        constraints = {
            k: Constraint(
                id=k,
                title=v.get("title", EMPTY_TEXT),
                reason=v.get("reason", EMPTY_TEXT),
                location=v["__node__"].location,
                rules_out=tuple(dict.fromkeys(v.get("rules_out", []))),
                sources=self.check_refs(v, "sources", sources, "source", k),
                prefers=tuple(dict.fromkeys(v.get("prefers", []))),
            )
            for k, v in self.unique(constraints_f, "constraint").items()
        }
        precautions_f = [p for n in top.get("precautions", []) if (p := self.fields(n, "precaution")) is not None]
        precautions = {
            k: Precaution(
                id=k,
                title=v.get("title", EMPTY_TEXT),
                text=v.get("text", EMPTY_TEXT),
                location=v["__node__"].location,
                category=v.get("category", "general"),
                sources=self.check_refs(v, "sources", sources, "source", k),
                audiences=tuple(v.get("audiences", [])),
                models=tuple(dict.fromkeys(v.get("models", []))),
            )
            for k, v in self.unique(precautions_f, "precaution").items()
        }
        self.constraint_ids = constraints
        self.precaution_ids = precautions

        audiences_f = [a for n in top.get("audiences", []) if (a := self.fields(n, "audience")) is not None]
        audiences = tuple(
            Audience(k, v.get("label", EMPTY_TEXT), v["__node__"].location)
            for k, v in self.unique(audiences_f, "audience").items()
        )
        self.audiences = {a.id for a in audiences}
        self._check_precaution_audiences(precautions)

        # First pass over questions: names, types, choices and reading positions for conditions.
        section_fields = [s for n in top.get("sections", []) if (s := self.fields(n, "section")) is not None]
        self.unique(section_fields, "section")
        question_fields: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for sf in section_fields:
            for qn in sf.get("questions", []):
                qf = self.fields(qn, "question")
                if qf is not None:
                    question_fields.append((sf, qf))
        unique_questions = self.unique([qf for _, qf in question_fields], "question")
        for position, (_, qf) in enumerate(question_fields):
            qid = qf.get("id")
            if qid is None or unique_questions.get(qid) is not qf or "type" not in qf:
                continue
            qtype = QuestionType(qf["type"])
            choices = tuple(
                n.value["id"].value
                for n in qf.get("choices", [])
                if n.kind == "map" and "id" in n.value and n.value["id"].kind == "str"
            )
            if qtype is QuestionType.YESNO and not choices:
                choices = ("yes", "no")
            self.names[qid] = NameInfo(qtype, choices, position)

        by_node = {id(qf["__node__"]): qf for _, qf in question_fields}
        sections = []
        position = 0
        for sf in section_fields:
            first_position = position
            questions = []
            for qn in sf.get("questions", []):
                qf = by_node.get(id(qn))
                if qf is not None and "id" in qf and unique_questions.get(qf["id"]) is qf:
                    built = self.question(qf, position, sf.get("id", ""))
                    if built is not None:
                        questions.append(built)
                position += 1
            when = self.condition(
                sf, "when", sf.get("id", ""), before=first_position, own_section=range(first_position, position)
            )
            if "questions" in sf and not sf["questions"]:
                self.error(sf["__node__"].location, "a section needs at least one question", "empty", sf.get("id", ""))
            if "id" in sf:
                sections.append(
                    Section(
                        id=sf["id"],
                        title=sf.get("title", EMPTY_TEXT),
                        location=sf["__node__"].location,
                        intro=sf.get("intro", EMPTY_TEXT),
                        when=when,
                        questions=tuple(questions),
                    )
                )
        if "sections" in top and not sections and not self.report.errors:
            self.error(root.value["sections"].location, "the questionnaire has no sections", "empty")

        audience_question = top.get("audience_question")
        if audience_question is not None:
            self._check_audience_question(root, audience_question)

        options = {}
        for key, node in (top.get("options") or {}).items():
            built_option = self.option(node, key)
            if built_option is not None:
                options[key] = built_option

        rules = []
        rule_fields = [r for n in top.get("rules", []) if (r := self.fields(n, "rule")) is not None]
        for rid, rf in self.unique(rule_fields, "rule").items():
            when = self.condition(rf, "when", rid)
            if when is not None:
                rules.append(Rule(rid, when, self.effect(rf, rid), rf["__node__"].location))

        notices = []
        notice_fields = [nf for n in top.get("notices", []) if (nf := self.fields(n, "notice")) is not None]
        for nf in self.unique(notice_fields, "notice").values():
            notices.append(
                Notice(
                    id=nf["id"],
                    title=nf.get("title", EMPTY_TEXT),
                    text=nf.get("text", EMPTY_TEXT),
                    location=nf["__node__"].location,
                    when=self.condition(nf, "when", nf["id"]),
                    sources=self.check_refs(nf, "sources", sources, "source", nf["id"]),
                    kind=nf.get("kind", "info"),
                )
            )
        readings = []
        reading_fields = [gf for n in top.get("further_reading", []) if (gf := self.fields(n, "reading")) is not None]
        for gf in self.unique(reading_fields, "further reading").values():
            readings.append(
                Reading(
                    id=gf["id"],
                    title=gf.get("title", EMPTY_TEXT),
                    location=gf["__node__"].location,
                    url=gf.get("url", ""),
                    text=gf.get("text", EMPTY_TEXT),
                    when=self.condition(gf, "when", gf["id"]),
                    sources=self.check_refs(gf, "sources", sources, "source", gf["id"]),
                )
            )

        tie = top.get("tie_order")
        model_order, layer_order = MODELS, LAYERS
        if tie is not None:
            tf = self.fields(tie, "tie_order") or {}
            model_order = self._order(tf, "models", MODELS, tie) or MODELS
            layer_order = self._order(tf, "layers", LAYERS, tie) or LAYERS

        tests = tuple(sc for n in top.get("tests", []) if (sc := self.scenario(n)) is not None)

        if self.report.errors:
            return None
        return Questionnaire(
            id=top.get("id", ""),
            version=top.get("version", ""),
            languages=self.languages,
            fallback_language=fallback,
            title=top.get("title", EMPTY_TEXT),
            introduction=top.get("introduction", EMPTY_TEXT),
            location=root.location,
            sections=tuple(sections),
            audiences=audiences,
            audience_question=audience_question,
            sources=source_objs,
            constraints=constraints,
            precautions=precautions,
            options=options,
            rules=tuple(rules),
            notices=tuple(notices),
            further_reading=tuple(readings),
            tests=tests,
            base_scores=top.get("base_scores", {}),
            model_order=model_order,
            layer_order=layer_order,
            privacy=top.get("privacy", EMPTY_TEXT),
        )

    def _order(self, tf: dict[str, Any], key: str, full: tuple[str, ...], node: Node) -> tuple[str, ...] | None:
        order = tf.get(key)
        if order is None:
            return None
        if sorted(order) != sorted(full):
            self.error(node.value[key].location, f"tie_order.{key} must list each of {', '.join(full)} once", "tie-order")
            return None
        return tuple(order)

    def _check_audience_question(self, root: Node, qid: str) -> None:
        loc = root.value["audience_question"].location
        info = self.names.get(qid)
        if info is None:
            self.error(loc, f"audience_question '{qid}' is not a question", "dangling-reference")
            return
        if info.type is not QuestionType.SINGLE:
            self.error(loc, f"audience_question '{qid}' must be a single-choice question", "type")
            return
        for cid in info.choices:
            if cid not in self.audiences:
                self.error(loc, f"choice '{cid}' of '{qid}' is not a declared audience", "dangling-reference", qid)

    def _check_precaution_audiences(self, precautions: Mapping[str, Precaution]) -> None:
        """A precaution's `audiences` must name declared audiences."""
        for p in precautions.values():
            for aud in p.audiences:
                if aud not in self.audiences:
                    self.error(p.location, f"precaution '{p.id}': unknown audience '{aud}'", "dangling-reference", p.id)

    # -- pieces ------------------------------------------------------------------------------
    def effect(self, f: dict[str, Any], ref: str) -> Effect:
        score = f.get("score", {})
        constraints = self.check_refs(f, "constraints", self.constraint_ids, "constraint", ref)
        precautions = self.check_refs(f, "precautions", self.precaution_ids, "precaution", ref)
        because = f.get("because", EMPTY_TEXT)
        if not (score or constraints or precautions or because):
            return NO_EFFECT
        return Effect(score=score, because=because, constraints=constraints, precautions=precautions)

    def question(self, qf: dict[str, Any], position: int, section_id: str) -> Question | None:
        qid: str = qf["id"]
        if "type" not in qf:
            return None
        qtype = QuestionType(qf["type"])
        node: Node = qf["__node__"]
        when = self.condition(qf, "when", qid, before=position, self_id=qid)
        required: Any = qf.get("required", True)
        if isinstance(required, Node):
            required = self.condition(qf, "required", qid, before=position, self_id=qid) or True
        choices = []
        choice_fields = [c for n in qf.get("choices", []) if (c := self.fields(n, "choice", qid)) is not None]
        for cid, cf in self.unique(choice_fields, "choice").items():
            choices.append(
                Choice(
                    id=cid,
                    label=cf.get("label", EMPTY_TEXT),
                    location=cf["__node__"].location,
                    hint=cf.get("hint", EMPTY_TEXT),
                    when=self.condition(cf, "when", f"{qid}.{cid}", before=position, self_id=qid),
                    exclusive=cf.get("exclusive", False),
                    effect=self.effect(cf, f"{qid}.{cid}"),
                    dont_know=cf.get("dont_know", False),
                )
            )
        # Count the entries as written: a duplicate id is reported as such, not as a missing choice.
        if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE) and len(qf.get("choices", ())) < 2 and "choices" in qf:
            self.error(node.location, f"a {qtype.value} question needs at least two choices", "choices", qid)
        elif qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE) and "choices" not in qf:
            self.error(node.location, f"a {qtype.value} question needs 'choices'", "missing-key", qid)
        if qtype is QuestionType.YESNO:
            if choices and sorted(c.id for c in choices) != ["no", "yes"]:
                self.error(node.value["choices"].location,
                           "the choices of a yes/no question must be 'yes' and 'no'", "choices", qid)
            by_id = {c.id: c for c in choices}
            choices = [by_id.get(c.id, c) for c in _YESNO]
        elif qtype not in (QuestionType.SINGLE, QuestionType.MULTIPLE) and "choices" in qf:
            self.error(node.value["choices"].location, f"a {qtype.value} question has no choices", "choices", qid)
            choices = []
        exclusive_ok = qtype is QuestionType.MULTIPLE
        for built_choice in choices:
            if built_choice.exclusive and not exclusive_ok:
                self.error(built_choice.location, "'exclusive' is only for multiple-choice questions", "choices", qid)

        minimum, maximum = qf.get("min"), qf.get("max")
        numeric = qtype in (QuestionType.SCALE, QuestionType.NUMBER)
        if not numeric:
            for key in ("min", "max", "step", "unit", "min_label", "max_label", "effects"):
                if key in qf:
                    self.error(node.key_locations[key], f"'{key}' is only for scale and number questions", "type", qid)
        if qtype is QuestionType.SCALE and (minimum is None or maximum is None):
            self.error(node.location, "a scale question needs 'min' and 'max'", "missing-key", qid)
        if minimum is not None and maximum is not None and minimum >= maximum:
            self.error(node.value["max"].location, f"max ({maximum}) must be larger than min ({minimum})", "range", qid)
        step = qf.get("step", 1)
        if step <= 0:
            self.error(node.value["step"].location, "step must be positive", "range", qid)
            step = 1
        if "max_length" in qf and qtype is not QuestionType.TEXT:
            self.error(node.key_locations["max_length"], "'max_length' is only for text questions", "type", qid)
        max_length = qf.get("max_length", 500)
        if not 1 <= max_length <= MAX_TEXT_LENGTH:
            self.error(node.value["max_length"].location,
                       f"max_length must be from 1 to {MAX_TEXT_LENGTH:,} (found {max_length})", "range", qid)
            max_length = 500
        if qtype is QuestionType.SCALE and minimum is not None and maximum is not None and minimum < maximum:
            points = (maximum - minimum) / step + 1
            if points > MAX_SCALE_POINTS:
                self.error(node.value["max"].location,
                           f"a scale has at most {MAX_SCALE_POINTS} points (this one has {int(points):,}); use a "
                           "number question for a wider range, or a larger step", "range", qid)

        info = self.names[qid]
        validation = []
        for vn in qf.get("validation", []):
            vf = self.fields(vn, "validation", qid)
            if vf is None:
                continue
            rule = self.condition(vf, "rule", qid, value=info, self_id=qid)
            if rule is not None:
                validation.append(ValidationRule(rule, vf.get("message", EMPTY_TEXT), vf["__node__"].location))
        effects = []
        for en in qf.get("effects", []):
            ef = self.fields(en, "range_effect", qid)
            if ef is None:
                continue
            cond = self.condition(ef, "when", qid, value=info, self_id=qid)
            if cond is not None:
                effects.append(RangeEffect(cond, self.effect(ef, qid), ef["__node__"].location))
        default = self._default(qf, qtype, tuple(c.id for c in choices), qid)
        return Question(
            id=qid,
            type=qtype,
            label=qf.get("label", EMPTY_TEXT),
            location=node.location,
            section_id=section_id,
            hint=qf.get("hint", EMPTY_TEXT),
            help=qf.get("help", EMPTY_TEXT),
            when=when,
            required=required,
            choices=tuple(choices),
            minimum=minimum,
            maximum=maximum,
            step=step,
            unit=qf.get("unit", EMPTY_TEXT),
            min_label=qf.get("min_label", EMPTY_TEXT),
            max_label=qf.get("max_label", EMPTY_TEXT),
            max_length=max_length,
            validation=tuple(validation),
            effects=tuple(effects),
            default=default,
            what_if=qf.get("what_if", True),
            needs=qf.get("needs", False),
        )

    def _default(self, qf: dict[str, Any], qtype: QuestionType, choices: tuple[str, ...], qid: str) -> Any:
        node = qf.get("default")
        if node is None:
            return None
        from cloudwizard.engine.answers import AnswerError, coerce_answer

        try:
            value = coerce_answer(qtype, choices, node.plain(), minimum=qf.get("min"), maximum=qf.get("max"),
                                  max_length=length if isinstance(length := qf.get("max_length"), int)
                                  and 1 <= length <= MAX_TEXT_LENGTH else None)
            if isinstance(value, (int, float)) and abs(value) > MAX_NUMBER:
                raise AnswerError(f"{_short_number(value)} is too large; numbers in a questionnaire must be at most "
                                  "10^15 in size")
            return value
        except AnswerError as exc:
            self.error(node.location, f"default: {exc}", "default", qid)
            return None

    def option(self, node: Node, key: str) -> OptionInfo | None:
        of = self.fields(node, "option", key)
        if of is None:
            return None
        examples = of.get("examples", {})
        for aud in examples:
            if self.audiences and aud not in self.audiences:
                self.error(node.value["examples"].key_locations[aud], f"unknown audience '{aud}'", "dangling-reference", key)
        return OptionInfo(
            id=key,
            name=of.get("name", EMPTY_TEXT),
            summary=of.get("summary", EMPTY_TEXT),
            location=node.location,
            examples=examples,
            pros=tuple(t for n in of.get("pros", []) if (t := self.tradeoff(n, key)) is not None),
            cons=tuple(t for n in of.get("cons", []) if (t := self.tradeoff(n, key)) is not None),
        )

    def tradeoff(self, node: Node, ref: str) -> TradeOff | None:
        tf = self.fields(node, "tradeoff", ref)
        if tf is None:
            return None
        audiences = self.check_refs(tf, "audiences", {a: a for a in self.audiences}, "audience", ref)
        return TradeOff(
            text=tf.get("text", EMPTY_TEXT),
            location=node.location,
            audiences=audiences,
            when=self.condition(tf, "when", ref),
            sources=self.check_refs(tf, "sources", self.source_ids, "source", ref),
        )

    def scenario(self, node: Node) -> Scenario | None:
        sf = self.fields(node, "scenario")
        if sf is None or "name" not in sf:
            return None
        ref = sf["name"]
        answers: dict[str, Any] = {}
        answers_node = node.value.get("answers")
        for qid, value in (sf.get("answers") or {}).items():
            if qid not in self.names:
                hint = _listed(close_match(qid, self.names))
                extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                assert answers_node is not None
                self.error(answers_node.key_locations[qid], f"scenario answers an unknown question '{qid}'{extra}",
                           "dangling-reference", ref)
                continue
            answers[qid] = value  # a Node; checked by the scenario runner with positions
        ef = self.fields(sf["expect"], "expectation", ref) if "expect" in sf else {}
        ef = ef or {"__node__": node}
        for key in ("visible", "hidden"):
            self.check_refs(ef, key, self.names, "question", ref)
        self.check_refs(ef, "constraints", self.constraint_ids, "constraint", ref)
        self.check_refs(ef, "precautions", self.precaution_ids, "precaution", ref)
        return Scenario(
            name=ref,
            answers=answers,
            location=node.location,
            expect_model=ef.get("model"),
            expect_layer=ef.get("layer"),
            expect_visible=tuple(ef.get("visible", [])),
            expect_hidden=tuple(ef.get("hidden", [])),
            expect_constraints=tuple(ef.get("constraints", [])),
            expect_precautions=tuple(ef.get("precautions", [])),
        )


def _short_number(value: float) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}…{text[-6:]} ({len(text)} digits)"


def _sub(what: str, key: str) -> str:
    """The name of `key` inside `what`: ``'score'`` and ``saas`` give ``'score.saas'``."""
    if len(what) >= 2 and what[0] == what[-1] == "'":
        return f"{what[:-1]}.{key}'"
    return f"{what}.{key}"


def _yaml11_tip(word: str) -> str:
    """What to write instead of an unquoted YAML 1.1 yes/no word."""
    meant = "true" if word.lower() in ("y", "yes", "on") else "false"
    return f"write {meant} instead of '{word}'"


def _describe(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.kind == "null":
        return "nothing"
    if node.kind == "str":
        text = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        return f"'{text}'"
    return f"{node.kind} {node.value!r}"


def _listed(hint: str | None) -> list[str]:
    """A hint as the list difflib gave (callers test ``if hint`` and use ``hint[0]``)."""
    return [hint] if hint else []
