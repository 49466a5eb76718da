"""Safe conditions: a small expression language for ``when:``, ``required:`` and validation rules.

A condition is a Python expression restricted to a whitelist of node types, parsed once with
`ast.parse` in ``eval`` mode and compiled into closures. Nothing is ever passed to `eval` or
`exec`. Examples::

    audience == 'sme'
    'photos' in data_kinds and not backup_offline
    staff >= 50 or sector in ('health', 'public')
    answered(budget) and count(data_kinds) > 2

Names are question ids. What an answer looks like inside a condition:

* single choice: the chosen id (``q == 'a'``, ``q in ('a', 'b')``);
* multiple choice: a set of ids (``'a' in q``, ``count(q) >= 2``);
* yes/no: ``'yes'`` or ``'no'``; the bare name ``q`` means ``q == 'yes'``;
* scale and number: a number (``q >= 3``);
* free text: a string (``answered(q)``).

An unanswered or hidden question is *unanswered*: every comparison with it is false, so
``not (q == 'a')`` is true for an unanswered ``q``.

In validation rules and range effects the name ``value`` is the answer being checked.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cloudwizard.engine.hints import close_match
from cloudwizard.engine.model import QuestionType

Answers = Mapping[str, Any]
Evaluator = Callable[[Answers], Any]

#: Functions a condition may call.
FUNCTIONS = ("answered", "count")
#: Longest condition text we accept.
MAX_LENGTH = 2000
_MAX_NODES = 400


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What the compiler knows of a name: the question's type, choice ids and reading position."""

    type: QuestionType
    choices: tuple[str, ...] = ()
    position: int = 0


class ConditionError(Exception):
    """One or more problems in a condition. `problems` holds ``(message, column)`` pairs."""

    def __init__(self, problems: list[tuple[str, int]]) -> None:
        super().__init__("; ".join(m for m, _ in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition.

    Attributes:
        source: the expression as written.
        names: the question ids it reads (``value`` excluded).
    """

    source: str
    names: frozenset[str]
    _evaluate: Evaluator

    def __call__(self, answers: Answers) -> bool:
        """True when the condition holds for these answers."""
        return bool(self._evaluate(answers))

    def __repr__(self) -> str:
        return f"Condition({self.source!r})"


_UNANSWERED = object()


def _answered(v: Any) -> bool:
    return v is not None and v != "" and v != frozenset()


def compile_condition(
    source: str,
    names: Mapping[str, NameInfo],
    *,
    before: int | None = None,
    value: NameInfo | None = None,
    self_id: str | None = None,
    own_section: range | None = None,
) -> Condition:
    """Parse and check `source`, returning a `Condition`.

    Args:
        source: the expression.
        names: every question id the expression may name, with its type and position.
        before: if given, only questions at a position lower than this may be named (a condition
            may only read answers to questions asked before it).
        value: if given, ``value`` names the answer being validated, of this type.
        self_id: the question the condition belongs to, to name a self-reference as a cycle.
        own_section: for a section's condition, the positions of its own questions, to name a
            reference to one of them as such.

    Raises:
        ConditionError: with every problem found.
    """
    if not isinstance(source, str) or not source.strip():
        raise ConditionError([("the condition is empty", 0)])
    if len(source) > MAX_LENGTH:
        raise ConditionError([(f"the condition is longer than {MAX_LENGTH} characters", 0)])
    if "\0" in source:  # Python before 3.11.4 raises ValueError for it, later ones SyntaxError: say it ourselves
        raise ConditionError([("a condition cannot hold a NUL character (U+0000); remove it", source.strip().find("\0"))])
    try:
        with warnings.catch_warnings():  # e.g. "invalid decimal literal" for '1if': we report our own errors
            warnings.simplefilter("ignore")
            tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        return _raise_syntax(exc)
    except ValueError as exc:  # pragma: no cover - no other ValueError is known from ast.parse
        raise ConditionError([(f"not a valid condition: {exc}", 0)]) from None
    except (MemoryError, RecursionError):  # pragma: no cover - the length limit keeps this away
        raise ConditionError([("the condition is too complex", 0)]) from None
    count = sum(1 for _ in ast.walk(tree))
    if count > _MAX_NODES:
        raise ConditionError([(f"the condition is too complex ({count} parts)", 0)])
    compiler = _Compiler(names, before, value, self_id, own_section)
    evaluate = compiler.truth(tree.body)
    if compiler.problems:
        raise ConditionError(compiler.problems)
    return Condition(source.strip(), frozenset(compiler.used), evaluate)


def _raise_syntax(exc: SyntaxError) -> Condition:
    col = (exc.offset or 1) - 1
    raise ConditionError([(f"not a valid condition: {exc.msg}", col)]) from None


#: Largest number a condition may hold (in size): beyond it a number is not exactly an integer any more.
MAX_NUMBER = 1e15


# Kinds of value an expression can have, for type checks.
_BOOL, _STR, _NUM, _SET, _TUPLE, _NONE = "bool", "str", "number", "set", "tuple", "none"


class _Compiler:
    def __init__(
        self,
        names: Mapping[str, NameInfo],
        before: int | None,
        value: NameInfo | None,
        self_id: str | None,
        own_section: range | None = None,
    ) -> None:
        self.names = names
        self.before = before
        self.value = value
        self.self_id = self_id
        self.own_section = own_section
        self.problems: list[tuple[str, int]] = []
        self.used: set[str] = set()

    def fail(self, node: ast.AST, message: str) -> tuple[Evaluator, str]:
        self.problems.append((message, getattr(node, "col_offset", 0)))
        return (lambda _a: False), _BOOL

    # -- expressions -------------------------------------------------------------------------
    def expr(self, node: ast.expr) -> tuple[Evaluator, str]:
        if isinstance(node, ast.BoolOp):
            parts = [self.truth(v) for v in node.values]
            if isinstance(node.op, ast.And):
                return (lambda a: all(p(a) for p in parts)), _BOOL
            return (lambda a: any(p(a) for p in parts)), _BOOL
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                inner = self.truth(node.operand)
                return (lambda a: not inner(a)), _BOOL
            if isinstance(node.op, (ast.USub, ast.UAdd)) and isinstance(node.operand, ast.Constant):
                v = node.operand.value
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    self.constant(node.operand)  # the size check
                    n = -v if isinstance(node.op, ast.USub) else v
                    return (lambda _a: n), _NUM
            return self.fail(node, "only 'not' and negative numbers are allowed here")
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = []
            for elt in node.elts:
                if not isinstance(elt, ast.Constant) or isinstance(elt.value, bool):
                    self.fail(elt, "a list in a condition may hold only texts and numbers")
                    continue
                if isinstance(elt.value, (int, float)):
                    self.constant(elt)  # the size check
                items.append(elt.value)
            frozen = frozenset(items)
            return (lambda _a: frozen), _TUPLE
        if isinstance(node, ast.Call):
            return self.call(node)
        return self.fail(node, f"'{ast.unparse(node)}' is not allowed in a condition")

    def truth(self, node: ast.expr) -> Evaluator:
        """An evaluator for something used as true/false."""
        if isinstance(node, ast.Name) and node.id in self.names:
            info = self.names[node.id]
            if info.type is not QuestionType.YESNO:
                self.fail(
                    node,
                    f"'{node.id}' is a {info.type.value} question; a bare name is only for yes/no "
                    f"questions: write answered({node.id}) or compare it",
                )
                return lambda _a: False
            reader, _ = self.name(node)
            return lambda a: reader(a) == "yes"
        evaluate, kind = self.expr(node)
        if kind in (_STR, _NUM, _TUPLE) and not isinstance(node, ast.Name):
            self.fail(node, f"'{ast.unparse(node)}' is not a condition (true or false)")
        return evaluate

    def name(self, node: ast.Name) -> tuple[Evaluator, str]:
        ident = node.id
        if ident in ("true", "false"):
            const = ident == "true"
            return (lambda _a: const), _BOOL
        if ident == "value" and self.value is not None:
            return self._reader("value", self.value)
        info = self.names.get(ident)
        if info is None:
            hint = _listed(close_match(ident, self.names))
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            return self.fail(node, f"unknown question '{ident}'{extra}")
        if ident == self.self_id:
            return self.fail(node, f"'{ident}' refers to itself: a condition cannot read its own answer (cycle)")
        if self.own_section is not None and info.position in self.own_section:
            return self.fail(
                node,
                f"'{ident}' is asked in this section itself; a section's condition may only read questions "
                "of earlier sections (cycle)",
            )
        if self.before is not None and info.position >= self.before:
            return self.fail(
                node,
                f"'{ident}' is asked later; a condition may only read answers to earlier questions "
                "(this would make a cycle or a forward reference)",
            )
        self.used.add(ident)
        return self._reader(ident, info)

    def _reader(self, ident: str, info: NameInfo) -> tuple[Evaluator, str]:
        kind = {
            QuestionType.YESNO: _STR,
            QuestionType.SINGLE: _STR,
            QuestionType.TEXT: _STR,
            QuestionType.MULTIPLE: _SET,
            QuestionType.SCALE: _NUM,
            QuestionType.NUMBER: _NUM,
        }[info.type]
        return (lambda a: a.get(ident)), kind

    def constant(self, node: ast.Constant) -> tuple[Evaluator, str]:
        v = node.value
        if isinstance(v, bool):
            return (lambda _a: v), _BOOL
        if isinstance(v, str):
            return (lambda _a: v), _STR
        if isinstance(v, (int, float)):
            if not abs(v) <= MAX_NUMBER:  # also false for NaN
                self.fail(node, "a number in a condition must be finite and at most 10^15 in size")
                return (lambda _a: 0), _NUM  # a number still, so that no second message follows
            return (lambda _a: v), _NUM
        return self.fail(node, f"the value {v!r} is not allowed in a condition")

    def call(self, node: ast.Call) -> tuple[Evaluator, str]:
        func = node.func.id if isinstance(node.func, ast.Name) else None
        if func not in FUNCTIONS:
            called = ast.unparse(node.func)
            called = called if len(called) <= 40 else called[:37] + "..."
            return self.fail(node, f"'{called}' is not a function a condition may call; allowed: {', '.join(FUNCTIONS)}")
        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            return self.fail(node, f"{func}() takes one question id, e.g. {func}(question_id)")
        arg = node.args[0]
        info = self.names.get(arg.id) if arg.id != "value" else self.value
        if info is None:
            return self.fail(arg, f"unknown question '{arg.id}'")
        self.name(arg)  # checks the name (forward references, cycles) and records its use
        ident = "value" if arg.id == "value" else arg.id
        if func == "answered":
            return (lambda a: _answered(a.get(ident))), _BOOL
        if info.type is not QuestionType.MULTIPLE:
            return self.fail(node, f"count() is for multiple-choice questions; '{arg.id}' is {info.type.value}")
        return (lambda a: _count(a.get(ident))), _NUM

    # -- comparisons -------------------------------------------------------------------------
    def compare(self, node: ast.Compare) -> tuple[Evaluator, str]:
        left_node = node.left
        pairs: list[Evaluator] = []
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            pairs.append(self.pair(left_node, op, right_node))
            left_node = right_node
        if len(pairs) == 1:
            return pairs[0], _BOOL
        return (lambda a: all(p(a) for p in pairs)), _BOOL

    def _choices_of(self, node: ast.expr) -> tuple[str, ...] | None:
        if isinstance(node, ast.Name):
            info = self.value if node.id == "value" else self.names.get(node.id)
            if info is not None and info.type.has_choices:
                return info.choices
        return None

    def _check_choice_literal(self, qnode: ast.expr, lit: ast.expr) -> None:
        choices = self._choices_of(qnode)
        if choices is None:
            return
        literals = lit.elts if isinstance(lit, (ast.Tuple, ast.List, ast.Set)) else [lit]
        for item in literals:
            if isinstance(item, ast.Constant) and isinstance(item.value, str) and item.value not in choices:
                assert isinstance(qnode, ast.Name)
                hint = _listed(close_match(item.value, choices))
                extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.fail(item, f"'{qnode.id}' has no choice '{item.value}'{extra}")

    def pair(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> Evaluator:
        lf, lk = self.expr(left)
        rf, rk = self.expr(right)
        if isinstance(op, (ast.Eq, ast.NotEq)):
            if _SET in (lk, rk):
                q = left if lk == _SET else right
                self.fail(q, f"'{ast.unparse(q)}' is a multiple-choice answer: write 'choice' in {ast.unparse(q)}")
            elif {lk, rk} == {_STR, _NUM}:
                self.fail(right, "comparing a text with a number is always false")
            else:
                self._check_choice_literal(left, right)
                self._check_choice_literal(right, left)
            if isinstance(op, ast.Eq):
                return lambda a: _eq(lf(a), rf(a))
            return lambda a: _ne(lf(a), rf(a))
        if isinstance(op, (ast.In, ast.NotIn)):
            if rk == _SET:
                if lk not in (_STR,):
                    self.fail(left, "write a choice id in quotes before 'in'")
                self._check_choice_literal(right, left)
            elif rk == _TUPLE:
                if lk == _SET:
                    shown = ast.unparse(left)
                    self.fail(left, f"'{shown}' is a multiple-choice answer; test one choice: 'x' in {shown}")
                self._check_choice_literal(left, right)
            elif rk == _STR and isinstance(right, ast.Name):
                self.fail(right, f"'{right.id}' is a single answer: write {right.id} == '…'")
            else:
                self.fail(right, "'in' needs a multiple-choice question or a list like ('a', 'b')")
            if isinstance(op, ast.In):
                return lambda a: _contains(rf(a), lf(a))
            return lambda a: (not _contains(rf(a), lf(a))) if rf(a) is not None else False
        if isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)):
            for n, k in ((left, lk), (right, rk)):
                if k != _NUM:
                    self.fail(n, f"'{ast.unparse(n)}' is not a number; '<' and '>' compare numbers")
            cmp = _ORDER[type(op)]
            return lambda a: _ordered(cmp, lf(a), rf(a))
        self.fail(right, "only ==, !=, <, <=, >, >=, in and not in are allowed")
        return lambda _a: False


def _eq(x: Any, y: Any) -> bool:
    if x is None or y is None:
        return False
    return bool(x == y)


def _ne(x: Any, y: Any) -> bool:
    if x is None or y is None:
        return False
    return bool(x != y)


def _count(v: Any) -> int:
    return len(v) if isinstance(v, (frozenset, set, list, tuple)) else 0


def _contains(container: Any, item: Any) -> bool:
    if container is None or item is None:
        return False
    try:
        return item in container
    except TypeError:  # an answer of the wrong shape (e.g. a list where a choice id belongs) is no match
        return False


def _ordered(cmp: Callable[[Any, Any], bool], x: Any, y: Any) -> bool:
    if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
        return False
    return cmp(x, y)


_ORDER: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: lambda x, y: x < y,
    ast.LtE: lambda x, y: x <= y,
    ast.Gt: lambda x, y: x > y,
    ast.GtE: lambda x, y: x >= y,
}


def _listed(hint: str | None) -> list[str]:
    """A hint as the list difflib gave (callers test ``if hint`` and use ``hint[0]``)."""
    return [hint] if hint else []
