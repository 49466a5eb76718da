"""The questionnaire format, declared once.

`OBJECTS` lists every object type with its keys. The loader checks files against it (unknown keys,
missing keys, wrong types — all of them, each with its position) and `json_schema()` turns the same
table into the JSON Schema in ``questionnaires/schema.json`` that editors use, so the two cannot
drift apart (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cloudwizard.engine.model import DEPLOYMENTS, LANGUAGES, LAYERS, MODELS, NO_LAYER, OPTIONS

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
#: A questionnaire id may also hold hyphens (e.g. ``cloudwizard-be``): it names files, not conditions.
QUESTIONNAIRE_ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
SOURCE_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LANG_PATTERN = r"^[a-z]{2}$"

QUESTION_TYPES = ("single", "multiple", "yesno", "scale", "number", "text")
PRECAUTION_CATEGORIES = ("backup", "contract", "privacy", "security", "exit", "compliance", "general")
SOURCE_STATUSES = ("in_force", "proposal", "under_appeal", "unknown")
NOTICE_KINDS = ("info", "policy", "warning")


@dataclass(frozen=True)
class Kind:
    """The type of a value: a base name plus, for lists and maps, what they hold."""

    name: str  # id, source_id, questionnaire_id, str, text, int, number, bool, condition, required, score, date, lang,
    #            url, enum, list, object, map, any
    item: Kind | None = None
    obj: str | None = None
    values: tuple[str, ...] = ()


ID = Kind("id")
SOURCE_ID = Kind("source_id")
QUESTIONNAIRE_ID = Kind("questionnaire_id")
STR = Kind("str")
TEXT = Kind("text")
INT = Kind("int")
NUMBER = Kind("number")
BOOL = Kind("bool")
CONDITION = Kind("condition")
REQUIRED = Kind("required")
SCORE = Kind("score")
DATE = Kind("date")
LANG = Kind("lang")
URL = Kind("url")
ANY = Kind("any")


def enum(*values: str) -> Kind:
    """One of these words."""
    return Kind("enum", values=values)


def list_of(item: Kind) -> Kind:
    """A list of `item`."""
    return Kind("list", item=item)


def obj(name: str) -> Kind:
    """An object of the type `name` in `OBJECTS`."""
    return Kind("object", obj=name)


def map_of(item: Kind, keys: tuple[str, ...] = ()) -> Kind:
    """A mapping from names (limited to `keys` when given) to `item`."""
    return Kind("map", item=item, values=keys)


@dataclass(frozen=True)
class Field:
    """One key of an object."""

    name: str
    kind: Kind
    doc: str
    required: bool = False


def _effect_fields() -> list[Field]:
    return [
        Field("score", SCORE, "Weights per model/layer added when this applies, e.g. {public: 2, iaas: -1}."),
        Field("because", TEXT, "Short reason shown as 'because you answered …'."),
        Field("constraints", list_of(ID), "Ids of hard constraints that apply."),
        Field("precautions", list_of(ID), "Ids of precautions that apply."),
    ]


OBJECTS: dict[str, list[Field]] = {
    "questionnaire": [
        Field("format", INT, f"Format version of this file; currently {FORMAT_VERSION}.", True),
        Field("id", QUESTIONNAIRE_ID, "Identifier of the questionnaire; answers files name it.", True),
        Field("version", STR, "Version of the content, e.g. '2026.11'.", True),
        Field("languages", list_of(LANG), "Languages every text must have, e.g. [nl, fr, de, en].", True),
        Field("fallback_language", LANG, "Language shown where a translation is missing.", True),
        Field("title", TEXT, "Title of the questionnaire.", True),
        Field("introduction", TEXT, "Text shown on the welcome page."),
        Field("privacy", TEXT, "Privacy statement shown on the welcome page."),
        Field("audiences", list_of(obj("audience")), "Kinds of user the advice is written for."),
        Field("audience_question", ID, "Id of the single-choice question whose choice ids are audience ids."),
        Field("sources", list_of(obj("source")), "Sources that texts cite by id."),
        Field("base_scores", SCORE, "Starting score of each model/layer before any answer."),
        Field("tie_order", obj("tie_order"), "Order that breaks ties between equal scores."),
        Field("options", map_of(obj("option"), OPTIONS), "Names, explanations, pros and cons per model and layer."),
        Field("constraints", list_of(obj("constraint")), "Hard constraints that answers can trigger."),
        Field("precautions", list_of(obj("precaution")), "Advice items that answers can trigger."),
        Field("sections", list_of(obj("section")), "Sections of questions, in reading order.", True),
        Field("rules", list_of(obj("rule")), "Effects that depend on a combination of answers."),
        Field("notices", list_of(obj("notice")), "Text blocks shown with the result when a condition holds."),
        Field("further_reading", list_of(obj("reading")), "Pointers to further reading."),
        Field("tests", list_of(obj("scenario")), "Scenario tests run by 'cloudwizard validate'."),
    ],
    "tie_order": [
        Field("models", list_of(enum(*MODELS)), "All four models, most preferred first."),
        Field("layers", list_of(enum(*LAYERS)), "All three layers, most preferred first."),
    ],
    "audience": [
        Field("id", ID, "Identifier, equal to a choice id of the audience question.", True),
        Field("label", TEXT, "Name shown to the user.", True),
    ],
    "source": [
        Field("id", SOURCE_ID, "Identifier cited by texts, e.g. S1.", True),
        Field("title", TEXT, "Title of the source.", True),
        Field("url", URL, "Where to read it (http or https)."),
        Field("date", DATE, "Date published or read, YYYY-MM-DD."),
        Field("publisher", TEXT, "Who published it."),
        Field("status", enum(*SOURCE_STATUSES), "in_force (default), proposal, under_appeal or unknown."),
    ],
    "option": [
        Field("name", TEXT, "Name of the model or layer.", True),
        Field("summary", TEXT, "One-line explanation in plain language.", True),
        Field("examples", map_of(TEXT), "Per audience id: what this looks like for that audience."),
        Field("pros", list_of(obj("tradeoff")), "Advantages."),
        Field("cons", list_of(obj("tradeoff")), "Disadvantages."),
    ],
    "tradeoff": [
        Field("text", TEXT, "The pro or con.", True),
        Field("audiences", list_of(ID), "Only for these audiences (default: all)."),
        Field("when", CONDITION, "Only when this condition holds."),
        Field("sources", list_of(SOURCE_ID), "Ids of the sources it relies on."),
    ],
    "constraint": [
        Field("id", ID, "Identifier referenced by choices and rules.", True),
        Field("title", TEXT, "Short statement, e.g. 'Data must stay in the EU/EEA'.", True),
        Field("reason", TEXT, "Why it applies.", True),
        Field("rules_out", list_of(enum(*OPTIONS)), "Models/layers this constraint excludes."),
        Field("sources", list_of(SOURCE_ID), "Ids of the sources it relies on."),
        Field("prefers", list_of(enum(*OPTIONS)),
              "Options that become the first candidates when this applies; weights rank the rest."),
    ],
    "precaution": [
        Field("id", ID, "Identifier referenced by choices and rules.", True),
        Field("title", TEXT, "Short instruction.", True),
        Field("text", TEXT, "What to do and why.", True),
        Field("category", enum(*PRECAUTION_CATEGORIES), "Grouping on the result page."),
        Field("sources", list_of(SOURCE_ID), "Ids of the sources it relies on."),
        Field("audiences", list_of(ID), "Shown only to these audiences (default: all)."),
        Field("models", list_of(enum(*DEPLOYMENTS)),
              "Shown only when the advice (a part of it) uses one of these models or on_premises (default: any)."),
    ],
    "section": [
        Field("id", ID, "Identifier.", True),
        Field("title", TEXT, "Title shown above the page.", True),
        Field("intro", TEXT, "Text shown under the title."),
        Field("when", CONDITION, "Show the section only when this holds."),
        Field("questions", list_of(obj("question")), "Questions in reading order.", True),
    ],
    "question": [
        Field("id", ID, "Identifier, used in conditions and answers files.", True),
        Field("type", enum(*QUESTION_TYPES), "single, multiple, yesno, scale, number or text.", True),
        Field("label", TEXT, "The question.", True),
        Field("hint", TEXT, "Short hint under the question."),
        Field("help", TEXT, "'Why we ask this'."),
        Field("when", CONDITION, "Ask only when this holds."),
        Field("required", REQUIRED, "true (default), false, or a condition."),
        Field("choices", list_of(obj("choice")), "Options of single/multiple (optional for yesno: yes, no)."),
        Field("min", NUMBER, "Smallest value (scale, number)."),
        Field("max", NUMBER, "Largest value (scale, number)."),
        Field("step", NUMBER, "Step (scale, number)."),
        Field("unit", TEXT, "Unit shown after a number."),
        Field("min_label", TEXT, "Label of the low end of a scale."),
        Field("max_label", TEXT, "Label of the high end of a scale."),
        Field("max_length", INT, "Longest free-text answer."),
        Field("validation", list_of(obj("validation")), "Checks on the answer."),
        Field("effects", list_of(obj("range_effect")), "Effects of a scale/number answer by range."),
        Field("default", ANY, "Answer preselected when the question is first shown."),
        Field("what_if", BOOL, "false: a fact about who you are; never suggested as a change (default true)."),
        Field("needs", BOOL, "true: each choice is a need a split advice may serve with a pair of its own."),
    ],
    "choice": [
        Field("id", ID, "Identifier, used in conditions and answers files.", True),
        Field("label", TEXT, "Text of the option.", True),
        Field("hint", TEXT, "Explanation under the option."),
        Field("when", CONDITION, "Offer the option only when this holds."),
        Field("exclusive", BOOL, "Multiple choice: choosing this clears the others (e.g. 'none')."),
        Field("dont_know", BOOL, "This choice means 'I don't know'; never suggested as a change."),
        *_effect_fields(),
    ],
    "validation": [
        Field("rule", CONDITION, "Must hold for the answer ('value'), e.g. value <= 10000.", True),
        Field("message", TEXT, "Shown when the rule fails.", True),
    ],
    "range_effect": [
        Field("when", CONDITION, "When this holds for the answer ('value'), e.g. value >= 50.", True),
        *_effect_fields(),
    ],
    "rule": [
        Field("id", ID, "Identifier.", True),
        Field("when", CONDITION, "The combination of answers.", True),
        *_effect_fields(),
    ],
    "notice": [
        Field("id", ID, "Identifier.", True),
        Field("title", TEXT, "Heading.", True),
        Field("text", TEXT, "The text.", True),
        Field("when", CONDITION, "Show only when this holds."),
        Field("kind", enum(*NOTICE_KINDS), "info (default), policy or warning."),
        Field("sources", list_of(SOURCE_ID), "Ids of the sources it relies on."),
    ],
    "reading": [
        Field("id", ID, "Identifier.", True),
        Field("title", TEXT, "Name of the institution or page.", True),
        Field("url", URL, "Address (http or https)."),
        Field("text", TEXT, "What the reader finds there."),
        Field("when", CONDITION, "Show only when this holds."),
        Field("sources", list_of(SOURCE_ID), "Ids of the sources it relies on."),
    ],
    "scenario": [
        Field("name", STR, "What the scenario checks.", True),
        Field("answers", map_of(ANY), "Answers by question id.", True),
        Field("expect", obj("expectation"), "What the answers must give.", True),
    ],
    "expectation": [
        Field("model", enum(*DEPLOYMENTS), "Expected deployment of the recommended pair (a model or on_premises)."),
        Field("layer", enum(*LAYERS, NO_LAYER), "Expected layer of the recommended pair (none: you run it yourself)."),
        Field("visible", list_of(ID), "Questions that must be visible."),
        Field("hidden", list_of(ID), "Questions that must be hidden."),
        Field("constraints", list_of(ID), "Constraints that must apply."),
        Field("precautions", list_of(ID), "Precautions that must apply."),
    ],
}

FIELDS: dict[str, dict[str, Field]] = {name: {f.name: f for f in fields} for name, fields in OBJECTS.items()}


def _kind_schema(kind: Kind, languages: tuple[str, ...]) -> dict[str, Any]:
    patterns: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "source_id": {"type": "string", "pattern": SOURCE_ID_PATTERN},
        "questionnaire_id": {"type": "string", "pattern": QUESTIONNAIRE_ID_PATTERN},
        "str": {"type": "string"},
        "int": {"type": "integer"},
        "number": {"type": "number"},
        "bool": {"type": "boolean"},
        "condition": {"type": "string", "minLength": 1},
        "date": {"type": "string", "pattern": DATE_PATTERN},
        "lang": {"type": "string", "pattern": LANG_PATTERN},
        "url": {"type": "string", "pattern": "^https?://"},
        "any": {},
    }
    if kind.name in patterns:
        return dict(patterns[kind.name])
    if kind.name == "text":
        return {"$ref": "#/$defs/text"}
    if kind.name == "required":
        return {"oneOf": [{"type": "boolean"}, {"type": "string", "minLength": 1}]}
    if kind.name == "score":
        return {
            "type": "object",
            "propertyNames": {"enum": list(OPTIONS)},
            "additionalProperties": {"type": "number"},
        }
    if kind.name == "enum":
        return {"enum": list(kind.values)}
    if kind.name == "list":
        assert kind.item is not None
        return {"type": "array", "items": _kind_schema(kind.item, languages)}
    if kind.name == "object":
        return {"$ref": f"#/$defs/{kind.obj}"}
    if kind.name == "map":
        assert kind.item is not None
        out: dict[str, Any] = {"type": "object", "additionalProperties": _kind_schema(kind.item, languages)}
        if kind.values:
            out["propertyNames"] = {"enum": list(kind.values)}
        return out
    raise ValueError(kind.name)  # pragma: no cover - every kind above is handled


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the questionnaire format, generated from `OBJECTS`."""
    defs: dict[str, Any] = {
        "text": {
            "description": "A localizable text: one entry per language code.",
            "type": "object",
            "propertyNames": {"pattern": LANG_PATTERN},
            "additionalProperties": {"type": "string"},
            "minProperties": 1,
        }
    }
    for name, fields in OBJECTS.items():
        if name == "questionnaire":
            continue
        defs[name] = _object_schema(fields)
    root = _object_schema(OBJECTS["questionnaire"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cloudwizard.invalid/questionnaire.schema.json",
        "title": "CloudWizard questionnaire",
        "description": "Generated by `cloudwizard schema` from cloudwizard/engine/schema.py; do not edit.",
        **root,
        "$defs": defs,
    }


def _object_schema(fields: list[Field]) -> dict[str, Any]:
    props = {}
    for f in fields:
        props[f.name] = {"description": f.doc, **_kind_schema(f.kind, LANGUAGES)}
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out
