"""Hypothesis strategies shared by the property tests and ``tools/fuzz.py``.

Two families:

* *generated* questionnaires: structurally valid ones built from strategies (sections, questions of
  every type, choices with effects, conditions that read earlier questions only, rules, notices),
  and answers to them, valid or not;
* *mutated* files: a valid questionnaire or answers file with lines deleted, duplicated, swapped or
  truncated, characters flipped, values replaced by YAML's special values, and keys changed.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from cloudwizard.engine.conditions import NameInfo
from cloudwizard.engine.model import OPTIONS, Questionnaire, QuestionType
from cloudwizard.engine.yamlsafe import plain_kind

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_TEXT = (REPO / "questionnaires" / "examples" / "example.yaml").read_text(encoding="utf-8")

#: A valid answers file for the example questionnaire, the base of answers mutations.
EXAMPLE_ANSWERS = textwrap.dedent(
    """\
    # CloudWizard answers file.
    cloudwizard_answers: 1
    questionnaire: {id: example, version: '1.0'}
    language: nl
    saved: '2026-01-02T03:04:05+00:00'
    answers:
      audience: business
      staff: 12
      data_kinds: [customers, classified]
      sensitivity: 4
      peers: 'yes'
      offline_copy: 'no'
      notes: 'Kantoor in Gent'
    set_aside: {}
    """
)

QUESTION_TYPES = ("single", "multiple", "yesno", "scale", "number", "text")
#: Names that random conditions may read: one question of each type.
CONDITION_NAMES = {
    "who": NameInfo(QuestionType.SINGLE, ("me", "firm"), 0),
    "kinds": NameInfo(QuestionType.MULTIPLE, ("photos", "secret"), 1),
    "offline": NameInfo(QuestionType.YESNO, ("yes", "no"), 2),
    "size": NameInfo(QuestionType.NUMBER, (), 3),
    "notes": NameInfo(QuestionType.TEXT, (), 4),
}

# -- generated questionnaires ---------------------------------------------------------------------

_LANG_SETS = (("en",), ("en", "nl"), ("nl", "fr", "de", "en"))
_words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)


@st.composite
def _score(draw: st.DrawFn) -> dict[str, int]:
    return draw(st.dictionaries(st.sampled_from(OPTIONS), st.integers(-5, 5), max_size=3))


@st.composite
def _condition(draw: st.DrawFn, earlier: list[tuple[str, str, tuple[str, ...], tuple[int, int]]]) -> str:
    """A condition that reads only questions in `earlier` (id, type, choices, numeric range)."""

    def one() -> str:
        qid, qtype, choices, (lo, hi) = draw(st.sampled_from(earlier))
        if qtype == "single":
            c = draw(st.sampled_from(choices))
            return draw(st.sampled_from([f"{qid} == '{c}'", f"{qid} != '{c}'", f"{qid} in ('{c}', '{choices[0]}')"]))
        if qtype == "multiple":
            c = draw(st.sampled_from(choices))
            return draw(st.sampled_from([f"'{c}' in {qid}", f"'{c}' not in {qid}", f"count({qid}) >= 2"]))
        if qtype == "yesno":
            return draw(st.sampled_from([qid, f"not {qid}", f"{qid} == 'no'"]))
        if qtype in ("scale", "number"):
            v = draw(st.integers(lo, hi))
            return draw(st.sampled_from([f"{qid} >= {v}", f"{qid} < {v}", f"answered({qid})"]))
        return f"answered({qid})"

    parts = [one() for _ in range(draw(st.integers(1, 3)))]
    joiner = draw(st.sampled_from([" and ", " or "]))
    return joiner.join(parts)


@st.composite
def questionnaire_docs(draw: st.DrawFn) -> dict[str, Any]:
    """A structurally valid questionnaire as plain data (dump it with `yaml.safe_dump`)."""
    langs = draw(st.sampled_from(_LANG_SETS))

    def text(s: str) -> dict[str, str]:
        return {lang: s for lang in langs}

    n_constraints, n_precautions = draw(st.integers(0, 2)), draw(st.integers(0, 2))
    constraints = [
        {"id": f"con{i}", "title": text(f"Constraint {i}"), "reason": text("Because."),
         "rules_out": draw(st.lists(st.sampled_from(OPTIONS), max_size=2, unique=True))}
        for i in range(n_constraints)
    ]
    precautions = [{"id": f"pre{i}", "title": text(f"Precaution {i}"), "text": text(draw(_words))}
                   for i in range(n_precautions)]

    def effect() -> dict[str, Any]:
        out: dict[str, Any] = {}
        if draw(st.booleans()):
            out["score"] = draw(_score())
        if constraints and bool(draw(st.booleans())):
            out["constraints"] = [draw(st.sampled_from([c["id"] for c in constraints]))]
        if precautions and bool(draw(st.booleans())):
            out["precautions"] = [draw(st.sampled_from([p["id"] for p in precautions]))]
        if out and bool(draw(st.booleans())):
            out["because"] = text(draw(_words))
        return out

    earlier: list[tuple[str, str, tuple[str, ...], tuple[int, int]]] = []
    sections = []
    n = 0
    for si in range(draw(st.integers(1, 3))):
        section: dict[str, Any] = {"id": f"s{si}", "title": text(f"Section {si}")}
        if earlier and draw(st.integers(0, 3)) == 0:
            section["when"] = draw(_condition(list(earlier)))
        questions = []
        for _ in range(draw(st.integers(1, 4))):
            qid, n = f"q{n}", n + 1
            qtype = draw(st.sampled_from(QUESTION_TYPES))
            q: dict[str, Any] = {"id": qid, "type": qtype, "label": text(draw(_words))}
            choices: tuple[str, ...] = ()
            bounds = (0, 0)
            if qtype in ("single", "multiple"):
                choices = tuple(f"{qid}_c{i}" for i in range(draw(st.integers(2, 4))))
                q["choices"] = []
                for i, cid in enumerate(choices):
                    choice = {"id": cid, "label": text(draw(_words)), **effect()}
                    if qtype == "multiple" and i == len(choices) - 1 and draw(st.booleans()):
                        choice["exclusive"] = True
                    if i > 1 and earlier and draw(st.integers(0, 3)) == 0:
                        choice["when"] = draw(_condition(list(earlier)))
                    q["choices"].append(choice)
            elif qtype == "yesno":
                choices = ("yes", "no")
                if draw(st.booleans()):
                    q["choices"] = [{"id": c, "label": text(c), **effect()} for c in choices]
            elif qtype in ("scale", "number"):
                lo = draw(st.integers(-50, 50))
                hi = lo + draw(st.integers(1, 50))
                bounds = (lo, hi)
                q["min"], q["max"] = lo, hi
                if draw(st.booleans()):
                    q["effects"] = [{"when": f"value >= {draw(st.integers(lo, hi))}", **effect()}]
                if draw(st.booleans()):
                    q["validation"] = [{"rule": f"value <= {hi}", "message": text("Too big.")}]
            else:
                q["max_length"] = draw(st.integers(1, 500))
            if earlier and draw(st.integers(0, 2)) == 0:
                q["when"] = draw(_condition(list(earlier)))
            if draw(st.integers(0, 3)) == 0:
                q["required"] = False
            questions.append(q)
            earlier.append((qid, qtype, choices, bounds))
        section["questions"] = questions
        sections.append(section)

    doc: dict[str, Any] = {
        "format": 1, "id": "generated", "version": str(draw(st.integers(1, 9))), "languages": list(langs),
        "fallback_language": langs[-1], "title": text("Generated"),
    }
    if constraints:
        doc["constraints"] = constraints
    if precautions:
        doc["precautions"] = precautions
    if draw(st.booleans()):
        doc["base_scores"] = draw(_score())
    doc["sections"] = sections
    rules = [{"id": f"r{i}", "when": draw(_condition(earlier)), **effect()} for i in range(draw(st.integers(0, 2)))]
    if rules:
        doc["rules"] = rules
    if draw(st.booleans()):
        doc["notices"] = [{"id": "n0", "title": text("Notice"), "text": text(draw(_words)),
                           "when": draw(_condition(earlier))}]
    return doc


class _Dumper(yaml.SafeDumper):
    """Quotes texts that the engine's reader (YAML 1.2 numbers) would not read back as texts."""


_Dumper.add_representer(str, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:str", v, style="'" if plain_kind(v) != "str" else None))


def dump(doc: dict[str, Any]) -> str:
    """YAML text of a generated document."""
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


#: Values of every kind, for answers that may or may not fit.
ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.lists(st.text(max_size=8), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def answers_for(draw: st.DrawFn, q: Questionnaire, valid_only: bool = False) -> dict[str, Any]:
    """Raw answers for `q`: mostly fitting ones, some missing, some of the wrong kind."""
    out: dict[str, Any] = {}
    for question in q.questions:
        roll = draw(st.integers(0, 9))
        if roll == 0:
            continue
        if roll == 1 and not valid_only:
            out[question.id] = draw(ANY_VALUE)
            continue
        t = question.type
        if t is QuestionType.SINGLE or t is QuestionType.YESNO:
            out[question.id] = draw(st.sampled_from(question.choice_ids))
        elif t is QuestionType.MULTIPLE:
            out[question.id] = draw(st.lists(st.sampled_from(question.choice_ids), unique=True))
        elif t in (QuestionType.SCALE, QuestionType.NUMBER):
            lo, hi = question.minimum, question.maximum
            out[question.id] = draw(st.integers(int(lo if lo is not None else -100), int(hi if hi is not None else 100)))
        else:
            out[question.id] = draw(st.text(max_size=min(question.max_length, 40)))
    return out


# -- mutations ---------------------------------------------------------------------------------------

#: YAML's special and troublesome values, put in place of a value or inserted as lines.
SPECIALS = (
    "~", "null", "yes", "no", "on", "off", "y", "n", "true", "False", ".inf", "-.inf", ".nan", "0x1F", "0o17",
    "1e400", "1" + "0" * 400, "9" * 5000, "-1e16", "!!float nan", "!!float -inf", "!!int {a: 1}", "!!str [1]",
    "-5", "-0", "12:30:00", "2026-01-01", "[]", "{}", "''", '""', "'", '"', "[", "{", "]", "}", "&a x", "*a",
    "*undefined", "!!str 1", "!!int x", "!!float y", "!!bool maybe", "!!binary aGVsbG8=", "!!set {a, b}",
    "!!python/object/apply:os.system ['id']", "!local x", "|", ">", "|-\n  block", "? complex", "- item",
    "- - nested", "<<: *a", "%YAML 1.1", "---", "...", "#", "@", "`", "\t", "\\", "\ufeff", "\u202e", "\x85",
    "é", "日本", "a: b: c", "{a: [b, {c: d}]}", "&b [*b]", "'unterminated", '"\\xZZ"', "1_000", "+1", "0b101",
)


@st.composite
def mutated(draw: st.DrawFn, text: str, max_mutations: int = 4) -> str:
    """`text` with one to `max_mutations` random changes."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, max_mutations))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(
            ["delete", "duplicate", "swap", "insert", "replace_value", "replace_key", "flip", "truncate", "indent",
             "dedent", "change_type"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            indent = " " * draw(st.integers(0, 12))
            lines.insert(i, indent + draw(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=20))))
        elif op == "replace_value" and ": " in line:
            key, _, _ = line.partition(": ")
            lines[i] = f"{key}: {draw(st.sampled_from(SPECIALS))}"
        elif op == "replace_key" and ":" in line:
            _, _, rest = line.partition(":")
            lead = line[: len(line) - len(line.lstrip(' -'))]
            lines[i] = f"{lead}{draw(st.sampled_from(['id', 'type', 'when', 'label', 'x', 'choices', 'score', '']))}:{rest}"
        elif op == "flip" and line:
            j = draw(st.integers(0, len(line) - 1))
            ch = draw(st.characters(codec="utf-8", exclude_categories=["Cs"]))
            lines[i] = line[:j] + ch + line[j + 1:]
        elif op == "truncate":
            cut = draw(st.integers(0, len(line)))
            lines = [*lines[:i], line[:cut]]
        elif op == "indent":
            lines[i] = "  " + line
        elif op == "dedent":
            lines[i] = line[2:] if line.startswith("  ") else line
        elif op == "change_type" and ": " in line:
            key, _, value = line.partition(": ")
            lines[i] = f"{key}: " + draw(st.sampled_from([f"[{value}]", f"{{x: {value}}}", "42", "3.5", "true", f"'{value}'"]))
    return "\n".join(lines)


#: Bytes that no text editor would save: for the decoding paths.
RAW_BYTES = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda t, enc: t.encode(enc, errors="replace"), st.text(max_size=100),
              st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "cp1252", "utf-8-sig"])),
)
