"""Loading a questionnaire: YAML → checked, frozen `Questionnaire`, with every problem reported.

Three kinds of problem are found in one run: YAML syntax (which stops the parse), the schema
(unknown or missing keys, wrong types, missing translations) and meaning (duplicate ids, dangling
references, conditions that read later questions or compare the wrong things).
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Callable, Mapping
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
#: Control characters a questionnaire text never means: C0 but tab and line feed, DEL, and C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "backspace", "\x0b": "vertical tab", "\x0c": "form feed",
                  "\r": "carriage return", "\x1b": "ESC", "\x7f": "DEL", "\x9b": "CSI"}
_URL_RE = re.compile(r"https?://[^\s/?#<>\"'`\\\x00-\x1f\x7f-\x9f]+(?:[/?#][^\s<>\"'`\\\x00-\x1f\x7f-\x9f]*)?\Z")
#: Most points a scale may have: each is a button on the screen.
MAX_SCALE_POINTS = 101
#: Largest weight, up or down, one score may give a model or layer.
MAX_SCORE = 1000

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
    """Check and build a parsed document; the YAML problems found while parsing come first."""
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


#: The text kinds whose value must match a pattern, with what the message says it must be.
_TEXT_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "id": (_ID_RE, "an id: lower-case letters, digits and '_', starting with a letter"),
    "source_id": (_SOURCE_ID_RE, "a source id such as S1"),
    "questionnaire_id": (
        _QUESTIONNAIRE_ID_RE,
        "a questionnaire id: lower-case letters, digits, '_' and '-', starting with a letter",
    ),
    "date": (_DATE_RE, "a date as YYYY-MM-DD"),
    "lang": (_LANG_RE, "a two-letter language code such as nl"),
}
#: Kinds whose value is written as text (each checked by `_Converter.text_like`).
_TEXT_KINDS = ("id", "source_id", "questionnaire_id", "str", "condition", "date", "lang", "url")
#: Question types with choices of their own (a yes/no question's choices are built in).
_CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE)
#: Keys only scale and number questions may have.
_NUMERIC_KEYS = ("min", "max", "step", "unit", "min_label", "max_label", "effects")


class _Converter:
    """Conversion: checks nodes against `schema.FIELDS` and turns them into plain values.

    Knows the questionnaire's languages (for texts) but no names: whether an id refers to
    anything is for `_Builder`. Every problem goes to the report; a value that does not fit comes
    back as `_BAD`, so the caller leaves it out and goes on.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.languages: tuple[str, ...] = ("en",)

    def error(self, loc: Location, message: str, code: str = "", ref: str = "") -> None:
        """Report an error at `loc`."""
        self.report.error(loc, message, code, ref)

    def fields(self, node: Node, typename: str, ref: str = "") -> dict[str, Any] | None:
        """Check a mapping against its object type; return the converted values of valid keys.

        The result also holds the node itself (``__node__``) and the id it is reported under
        (``__ref__``). None when `node` is not a mapping.
        """
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
        """Convert a node of a known kind; report and return `_BAD` when it does not fit.

        Args:
            node: the value as read.
            kind: what it must be.
            ref: the id the problem is reported under.
            what: the value's name in messages, e.g. ``'max'``.
        """
        if kind.name in _TEXT_KINDS:
            return self.text_like(node, kind.name, ref, what)
        convert = _CONVERTERS.get(kind.name)
        if convert is None:
            return node  # "any": left for the caller
        return convert(self, node, kind, ref, what)

    def text_like(self, node: Node, k: str, ref: str, what: str) -> Any:
        """A value written as text: an id, a plain string, a condition, a date, a language or an address."""
        if node.kind in ("int", "float") and k == "str":
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
        if k in _TEXT_PATTERNS and not _TEXT_PATTERNS[k][0].match(s):
            return self._wrong(node, f"{what} must be {_TEXT_PATTERNS[k][1]}, not '{s}'", ref, found=False)
        if k == "url":
            return self._url(node, s, ref, what)
        self._control_characters(node, s, ref, what)
        return s

    def _control_characters(self, node: Node, s: str, ref: str, what: str) -> None:
        """Warn of control characters in a text (C0 but tab and line feed, DEL, C1: ESC, BEL, CR …).

        Every front end shows them escaped, never raw (issue 14), but they are never meant: a pasted
        escape sequence, a stray carriage return. Said at the text's place, with the first one's
        position in the text.
        """
        found = _CONTROL.search(s)
        if found is None:
            return
        count = len(_CONTROL.findall(s))
        char = found.group()
        name = _CONTROL_NAMES.get(char, "")
        shown = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        more = f" and {count - 1} more" if count > 1 else ""
        self.report.warning(
            node.location,
            f"{what} holds a control character {shown} at character {found.start() + 1}{more}; "
            "remove it (it is shown escaped, as \\x.., never as typed)",
            "control-character",
            ref,
        )

    def _url(self, node: Node, s: str, ref: str, what: str) -> Any:
        """An http(s) address that a Markdown or HTML link can hold as it is."""
        if not (s.startswith("https://") or s.startswith("http://")):
            return self._wrong(node, f"{what} must be an http or https address, not '{s}'", ref, found=False)
        if not _URL_RE.match(s):  # a space, '<' or '>' would break out of a Markdown link
            return self._wrong(node, f"{what} must be an address with a host and no spaces, quotes, "
                               f"'<', '>' or control characters, not '{s}'", ref, found=False)
        return s

    def whole(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A whole number of at most `MAX_NUMBER`."""
        if node.kind != "int":
            return self._wrong(node, f"{what} must be a whole number", ref)
        return self._sized(node, ref, what)

    def number(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A whole or decimal number of at most `MAX_NUMBER`."""
        if node.kind not in ("int", "float"):
            return self._wrong(node, f"{what} must be a number", ref)
        return self._sized(node, ref, what)

    def boolean(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A boolean, true or false (a YAML 1.1 ``yes``/``no`` gets a tip on what to write)."""
        if node.kind != "bool":
            if node.yaml11_bool:
                return self._wrong(node, f"{what} must be true or false: {_yaml11_tip(node.value)}", ref, found=False)
            return self._wrong(node, f"{what} must be true or false", ref)
        return node.value

    def required(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A `required` value: true, false, or a condition (kept as its node, compiled once the names are known)."""
        if node.kind == "bool":
            return node.value
        if node.kind == "str" and not node.yaml11_bool:
            return node
        if node.yaml11_bool:
            return self._wrong(node, f"{what} must be true, false or a condition: {_yaml11_tip(node.value)}",
                               ref, found=False)
        return self._wrong(node, f"{what} must be true, false or a condition", ref)

    def enum(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """One of `kind.values`, with a "did you mean" for a near miss."""
        if node.kind != "str" or node.value not in kind.values:
            if node.kind != "str":
                return self._wrong(node, f"{what} must be one of {', '.join(kind.values)}", ref)
            hint = _listed(close_match(node.value, kind.values))
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            return self._wrong(node, f"{what} must be one of {', '.join(kind.values)}, not '{node.value}'{extra}",
                               ref, found=False)
        return node.value

    def sequence(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A list of `kind.item`; items that do not fit are reported and left out."""
        assert kind.item is not None
        if node.kind != "seq":
            return self._wrong(node, f"{what} must be a list", ref)
        items = [self.value(item, kind.item, ref, what) for item in node.value]
        return [i for i in items if i is not _BAD]

    def mapping_node(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A mapping kept as its node, for an object whose fields the caller checks."""
        if node.kind != "map":
            return self._wrong(node, f"{what} must be a mapping", ref)
        return node

    def mapping(self, node: Node, kind: schema.Kind, ref: str, what: str) -> Any:
        """A mapping of `kind.item` values, its keys limited to `kind.values` when those are given."""
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

    def text(self, node: Node, ref: str, what: str) -> Any:
        """A text per language (`Text`); a missing translation is a warning, an unknown language an error."""
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
            self._control_characters(value, value.value, ref, _sub(what, lang))
            items[lang] = value.value
        missing = [lang for lang in self.languages if not items.get(lang, "").strip()]
        if missing:
            self.report.warning(
                node.location, f"{what}: missing translation: {', '.join(missing)}", "translation", ref
            )
        return Text(items)

    def score(self, node: Node, ref: str, what: str) -> Any:
        """Points per model or layer, each from -1000 to 1000."""
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
            if abs(value.value) > MAX_SCORE:
                self.error(value.location, f"{_sub(what, key)}: {value.value} is out of range "
                           f"(-{MAX_SCORE} to {MAX_SCORE})", "range", ref)
                continue
            out[key] = float(value.value)
        return out

    def _sized(self, node: Node, ref: str, what: str) -> Any:
        """A number no larger than the app can show and compute with exactly (10^15), else `_BAD`."""
        if abs(node.value) > MAX_NUMBER:
            return self._wrong(node, f"{what}: {_short_number(node.value)} is too large; numbers in a questionnaire "
                               "must be at most 10^15 in size", ref, found=False)
        return node.value

    def _wrong(self, node: Node, message: str, ref: str, *, found: bool = True) -> Any:
        """Report a value that does not fit (naming what was found, unless `found` is False); `_BAD`."""
        self.error(node.location, f"{message} (found {_describe(node)})" if found else message, "type", ref)
        return _BAD


#: The converter of each kind that is not text (see `_Converter.value`); "any" has none.
_CONVERTERS: dict[str, Callable[[_Converter, Node, schema.Kind, str, str], Any]] = {
    "int": _Converter.whole,
    "number": _Converter.number,
    "bool": _Converter.boolean,
    "required": _Converter.required,
    "enum": _Converter.enum,
    "text": lambda self, node, kind, ref, what: self.text(node, ref, what),
    "score": lambda self, node, kind, ref, what: self.score(node, ref, what),
    "list": _Converter.sequence,
    "object": _Converter.mapping_node,
    "map": _Converter.mapping,
}


class _Builder(_Converter):
    """Builds the model objects from converted fields, checking names and references on the way.

    Order matters: sources, constraints, precautions and audiences first (the rest refers to them),
    then every question's name and reading position (for conditions), then the objects that read
    questions.
    """

    def __init__(self, report: Report) -> None:
        super().__init__(report)
        self.names: dict[str, NameInfo] = {}
        self.audiences: set[str] = set()
        self.source_ids: Mapping[str, Any] = {}
        self.constraint_ids: Mapping[str, Constraint] = {}
        self.precaution_ids: Mapping[str, Precaution] = {}

    # -- name and reference checks -------------------------------------------------------------
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
        """The items by id, in order; a repeated id is reported (with the first one's line) and dropped."""
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
        """The ids listed at `key` that are in `known`; each other one is reported at its place."""
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

    def _order(self, tf: dict[str, Any], key: str, full: tuple[str, ...], node: Node) -> tuple[str, ...] | None:
        """A tie order that lists each of `full` once, or None (reported when it is given but wrong)."""
        order = tf.get(key)
        if order is None:
            return None
        if sorted(order) != sorted(full):
            self.error(node.value[key].location, f"tie_order.{key} must list each of {', '.join(full)} once", "tie-order")
            return None
        return tuple(order)

    def _check_audience_question(self, root: Node, qid: str) -> None:
        """The audience question must be a single-choice question whose choices are declared audiences."""
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

    def _register_names(self, question_fields: list[tuple[dict[str, Any], dict[str, Any]]],
                        unique_questions: Mapping[str, dict[str, Any]]) -> None:
        """Record each question's type, choice ids and reading position, which conditions check against."""
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

    # -- the questionnaire ---------------------------------------------------------------------
    def questionnaire(self, root: Node) -> Questionnaire | None:
        """The whole questionnaire, or None when anything in it is an error."""
        self._read_languages(root)
        top = self.fields(root, "questionnaire")
        if top is None:
            return None
        fallback = self._check_header(root, top)
        sources = self._sources(top)
        constraints = self._constraints(top)
        precautions = self._precautions(top)
        self.constraint_ids = constraints
        self.precaution_ids = precautions
        audiences = self._audiences(top)
        self._check_precaution_audiences(precautions)

        section_fields, question_fields, unique_questions = self._question_fields(top)
        self._register_names(question_fields, unique_questions)
        sections = self._sections(section_fields, question_fields, unique_questions)
        if "sections" in top and not sections and not self.report.errors:
            self.error(root.value["sections"].location, "the questionnaire has no sections", "empty")

        audience_question = top.get("audience_question")
        if audience_question is not None:
            self._check_audience_question(root, audience_question)
        options = self._options(top)
        rules = self._rules(top)
        notices = self._notices(top)
        readings = self._readings(top)
        model_order, layer_order = self._tie_order(top)
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
            sources=sources,
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

    def _read_languages(self, root: Node) -> None:
        """Take the languages first, as written: every text is checked against them."""
        if root.kind == "map" and "languages" in root.value:
            langs = root.value["languages"]
            if langs.kind == "seq":
                found = tuple(n.value for n in langs.value if n.kind == "str" and _LANG_RE.match(n.value))
                if found:
                    self.languages = found

    def _check_header(self, root: Node, top: dict[str, Any]) -> str:
        """Check the format version and the fallback language; return the fallback language."""
        fmt = top.get("format")
        if fmt is not None and fmt != schema.FORMAT_VERSION:
            self.error(
                root.value["format"].location,
                f"format {fmt} is not supported; this CloudWizard reads format {schema.FORMAT_VERSION}",
                "format",
            )
        fallback: str = top.get("fallback_language", "en")
        if "fallback_language" in top and fallback not in self.languages:
            self.error(root.value["fallback_language"].location,
                       f"fallback_language '{fallback}' is not in languages", "language")
        return fallback

    def _objects(self, top: dict[str, Any], key: str, typename: str, what: str | None = None) -> dict[str, dict[str, Any]]:
        """The fields of each object listed at `key`, by id, duplicates reported (as `what`) and dropped."""
        found = [f for n in top.get(key, []) if (f := self.fields(n, typename)) is not None]
        return self.unique(found, what or typename)

    def _sources(self, top: dict[str, Any]) -> tuple[Source, ...]:
        """The sources; their ids are kept in `source_ids` for the references to them."""
        self.source_ids = sources = self._objects(top, "sources", "source")
        return tuple(
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

    def _constraints(self, top: dict[str, Any]) -> dict[str, Constraint]:
        """The constraints by id (a repeated model or layer in `rules_out` or `prefers` counts once)."""
        return {
            k: Constraint(
                id=k,
                title=v.get("title", EMPTY_TEXT),
                reason=v.get("reason", EMPTY_TEXT),
                location=v["__node__"].location,
                rules_out=tuple(dict.fromkeys(v.get("rules_out", []))),
                sources=self.check_refs(v, "sources", self.source_ids, "source", k),
                prefers=tuple(dict.fromkeys(v.get("prefers", []))),
            )
            for k, v in self._objects(top, "constraints", "constraint").items()
        }

    def _precautions(self, top: dict[str, Any]) -> dict[str, Precaution]:
        """The precautions by id (their audiences are checked once the audiences are known)."""
        return {
            k: Precaution(
                id=k,
                title=v.get("title", EMPTY_TEXT),
                text=v.get("text", EMPTY_TEXT),
                location=v["__node__"].location,
                category=v.get("category", "general"),
                sources=self.check_refs(v, "sources", self.source_ids, "source", k),
                audiences=tuple(v.get("audiences", [])),
                models=tuple(dict.fromkeys(v.get("models", []))),
            )
            for k, v in self._objects(top, "precautions", "precaution").items()
        }

    def _audiences(self, top: dict[str, Any]) -> tuple[Audience, ...]:
        """The audiences; their ids are kept in `audiences` for the references to them."""
        audiences = tuple(
            Audience(k, v.get("label", EMPTY_TEXT), v["__node__"].location)
            for k, v in self._objects(top, "audiences", "audience").items()
        )
        self.audiences = {a.id for a in audiences}
        return audiences

    def _question_fields(
        self, top: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], dict[str, Any]]], dict[str, dict[str, Any]]]:
        """First pass over the sections: their fields, each question's (with its section's), questions by id.

        Duplicate section and question ids are reported here.
        """
        section_fields = [s for n in top.get("sections", []) if (s := self.fields(n, "section")) is not None]
        self.unique(section_fields, "section")
        question_fields: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for sf in section_fields:
            for qn in sf.get("questions", []):
                qf = self.fields(qn, "question")
                if qf is not None:
                    question_fields.append((sf, qf))
        return section_fields, question_fields, self.unique([qf for _, qf in question_fields], "question")

    def _sections(
        self,
        section_fields: list[dict[str, Any]],
        question_fields: list[tuple[dict[str, Any], dict[str, Any]]],
        unique_questions: Mapping[str, dict[str, Any]],
    ) -> list[Section]:
        """Second pass: build each section and its questions, in reading order."""
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
        return sections

    def _options(self, top: dict[str, Any]) -> dict[str, OptionInfo]:
        """The descriptions of the models and layers, by their key."""
        options = {}
        for key, node in (top.get("options") or {}).items():
            built_option = self.option(node, key)
            if built_option is not None:
                options[key] = built_option
        return options

    def _rules(self, top: dict[str, Any]) -> list[Rule]:
        """The rules whose condition compiles."""
        rules = []
        for rid, rf in self._objects(top, "rules", "rule").items():
            when = self.condition(rf, "when", rid)
            if when is not None:
                rules.append(Rule(rid, when, self.effect(rf, rid), rf["__node__"].location))
        return rules

    def _notices(self, top: dict[str, Any]) -> list[Notice]:
        """The notices, ids unique like every other object's."""
        return [
            Notice(
                id=nf["id"],
                title=nf.get("title", EMPTY_TEXT),
                text=nf.get("text", EMPTY_TEXT),
                location=nf["__node__"].location,
                when=self.condition(nf, "when", nf["id"]),
                sources=self.check_refs(nf, "sources", self.source_ids, "source", nf["id"]),
                kind=nf.get("kind", "info"),
            )
            for nf in self._objects(top, "notices", "notice").values()
        ]

    def _readings(self, top: dict[str, Any]) -> list[Reading]:
        """The further-reading entries, ids unique like every other object's."""
        return [
            Reading(
                id=gf["id"],
                title=gf.get("title", EMPTY_TEXT),
                location=gf["__node__"].location,
                url=gf.get("url", ""),
                text=gf.get("text", EMPTY_TEXT),
                when=self.condition(gf, "when", gf["id"]),
                sources=self.check_refs(gf, "sources", self.source_ids, "source", gf["id"]),
            )
            for gf in self._objects(top, "further_reading", "reading", "further reading").values()
        ]

    def _tie_order(self, top: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The order of models and of layers that breaks a tie (the default order where not given)."""
        tie = top.get("tie_order")
        if tie is None:
            return MODELS, LAYERS
        tf = self.fields(tie, "tie_order") or {}
        return self._order(tf, "models", MODELS, tie) or MODELS, self._order(tf, "layers", LAYERS, tie) or LAYERS

    # -- per-object builders -------------------------------------------------------------------
    def effect(self, f: dict[str, Any], ref: str) -> Effect:
        """What a choice, rule or range effect does: points, constraints, precautions, a reason."""
        score = f.get("score", {})
        constraints = self.check_refs(f, "constraints", self.constraint_ids, "constraint", ref)
        precautions = self.check_refs(f, "precautions", self.precaution_ids, "precaution", ref)
        because = f.get("because", EMPTY_TEXT)
        if not (score or constraints or precautions or because):
            return NO_EFFECT
        if score and not any(t.strip() for t in because.values()):
            # The report lists each scoring answer as a reason: without words it has none to show.
            self.report.warning(
                f["__node__"].location,
                f"'{ref}' has a score but no 'because': the report lists it as a reason with no words; "
                "add a short 'because' text saying why",
                "no-because",
                ref,
            )
        return Effect(score=score, because=because, constraints=constraints, precautions=precautions)

    def question(self, qf: dict[str, Any], position: int, section_id: str) -> Question | None:
        """One question (None when its type is missing), at reading position `position`."""
        qid: str = qf["id"]
        if "type" not in qf:
            return None
        qtype = QuestionType(qf["type"])
        when = self.condition(qf, "when", qid, before=position, self_id=qid)
        required: Any = qf.get("required", True)
        if isinstance(required, Node):
            required = self.condition(qf, "required", qid, before=position, self_id=qid) or True
        choices = self._choices(qf, qtype, position)
        minimum, maximum, step = self._bounds(qf, qtype)
        max_length = self._max_length(qf, qtype)
        self._check_scale_points(qf, qtype, minimum, maximum, step)
        info = self.names[qid]
        return Question(
            id=qid,
            type=qtype,
            label=qf.get("label", EMPTY_TEXT),
            location=qf["__node__"].location,
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
            validation=self._validation(qf, info),
            effects=self._range_effects(qf, info),
            default=self._default(qf, qtype, tuple(c.id for c in choices), qid),
            what_if=qf.get("what_if", True),
            needs=qf.get("needs", False),
        )

    def _choices(self, qf: dict[str, Any], qtype: QuestionType, position: int) -> list[Choice]:
        """A question's choices, checked against its type (a yes/no question gets the built-in two)."""
        qid: str = qf["id"]
        node: Node = qf["__node__"]
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
        if qtype in _CHOICE_TYPES and len(qf.get("choices", ())) < 2 and "choices" in qf:
            self.error(node.location, f"a {qtype.value} question needs at least two choices", "choices", qid)
        elif qtype in _CHOICE_TYPES and "choices" not in qf:
            self.error(node.location, f"a {qtype.value} question needs 'choices'", "missing-key", qid)
        if qtype is QuestionType.YESNO:
            if choices and sorted(c.id for c in choices) != ["no", "yes"]:
                self.error(node.value["choices"].location,
                           "the choices of a yes/no question must be 'yes' and 'no'", "choices", qid)
            by_id = {c.id: c for c in choices}
            choices = [by_id.get(c.id, c) for c in _YESNO]
        elif qtype not in _CHOICE_TYPES and "choices" in qf:
            self.error(node.value["choices"].location, f"a {qtype.value} question has no choices", "choices", qid)
            choices = []
        for built_choice in choices:
            if built_choice.exclusive and qtype is not QuestionType.MULTIPLE:
                self.error(built_choice.location, "'exclusive' is only for multiple-choice questions", "choices", qid)
        return choices

    def _bounds(self, qf: dict[str, Any], qtype: QuestionType) -> tuple[Any, Any, Any]:
        """`min`, `max` and `step`, which only scale and number questions have (a bad step becomes 1)."""
        qid: str = qf["id"]
        node: Node = qf["__node__"]
        minimum, maximum = qf.get("min"), qf.get("max")
        if qtype not in (QuestionType.SCALE, QuestionType.NUMBER):
            for key in _NUMERIC_KEYS:
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
        return minimum, maximum, step

    def _max_length(self, qf: dict[str, Any], qtype: QuestionType) -> int:
        """The longest answer a text question takes: 1 to `MAX_TEXT_LENGTH` (500 when not given or wrong)."""
        qid: str = qf["id"]
        node: Node = qf["__node__"]
        if "max_length" in qf and qtype is not QuestionType.TEXT:
            self.error(node.key_locations["max_length"], "'max_length' is only for text questions", "type", qid)
        max_length: int = qf.get("max_length", 500)
        if not 1 <= max_length <= MAX_TEXT_LENGTH:
            self.error(node.value["max_length"].location,
                       f"max_length must be from 1 to {MAX_TEXT_LENGTH:,} (found {max_length})", "range", qid)
            max_length = 500
        return max_length

    def _check_scale_points(self, qf: dict[str, Any], qtype: QuestionType, minimum: Any, maximum: Any,
                            step: Any) -> None:
        """A scale is a row of buttons: at most `MAX_SCALE_POINTS` of them."""
        if qtype is QuestionType.SCALE and minimum is not None and maximum is not None and minimum < maximum:
            points = (maximum - minimum) / step + 1
            if points > MAX_SCALE_POINTS:
                self.error(qf["__node__"].value["max"].location,
                           f"a scale has at most {MAX_SCALE_POINTS} points (this one has {int(points):,}); use a "
                           "number question for a wider range, or a larger step", "range", qf["id"])

    def _validation(self, qf: dict[str, Any], info: NameInfo) -> tuple[ValidationRule, ...]:
        """A question's validation rules, conditions on its own `value`."""
        qid: str = qf["id"]
        validation = []
        for vn in qf.get("validation", []):
            vf = self.fields(vn, "validation", qid)
            if vf is None:
                continue
            rule = self.condition(vf, "rule", qid, value=info, self_id=qid)
            if rule is not None:
                validation.append(ValidationRule(rule, vf.get("message", EMPTY_TEXT), vf["__node__"].location))
        return tuple(validation)

    def _range_effects(self, qf: dict[str, Any], info: NameInfo) -> tuple[RangeEffect, ...]:
        """A scale or number question's effects, each for the values its condition holds for."""
        qid: str = qf["id"]
        effects = []
        for en in qf.get("effects", []):
            ef = self.fields(en, "range_effect", qid)
            if ef is None:
                continue
            cond = self.condition(ef, "when", qid, value=info, self_id=qid)
            if cond is not None:
                effects.append(RangeEffect(cond, self.effect(ef, qid), ef["__node__"].location))
        return tuple(effects)

    def _default(self, qf: dict[str, Any], qtype: QuestionType, choices: tuple[str, ...], qid: str) -> Any:
        """A question's default answer, checked like an answer from a file (None when not given or wrong)."""
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
        """The description of one model or layer: name, summary, examples per audience, pros and cons."""
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
        """One pro or con of an option, for some audiences or when a condition holds."""
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
        """A scenario test: answers (checked later, by the scenario runner) and what they must give."""
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
    """A number as a message shows it: a very long one cut in the middle, with its length."""
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
    """What a node is, for "found …" in messages: a kind, or a (shortened) quoted text."""
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
