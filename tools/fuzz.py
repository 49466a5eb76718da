"""Fuzz the engine for a while and count unhandled exceptions.

Runs the hypothesis strategies of ``tests/reliability/strategies.py`` against five targets, in
turn, until the time or the number of inputs runs out:

* ``loader``: mutated questionnaires (from the example) through `load_questionnaire_text`;
* ``answers``: mutated answers files through `parse_answers`;
* ``bytes``: raw bytes in any encoding through `parse_bytes` and the loader;
* ``conditions``: random and mutated conditions compiled and evaluated on random answers;
* ``recommender``: generated questionnaires, loaded, answered at random through a session,
  recommended, rendered in every format, saved and read back.

Anything other than a returned report (or the engine's own documented errors, such as
`ConditionError` from the compiler or `AnswerError` when setting a bad answer) counts as an
unhandled exception; its traceback and the input are written to ``--crashes``. The summary line is::

    fuzz: 123456 inputs in 600 s (loader 30000, ...), 0 unhandled exceptions, 2026-11-23

Usage (from the repository root; run it niced, it keeps one core busy)::

    nice -n 10 python tools/fuzz.py --minutes 10
    python tools/fuzz.py --examples 2000 --targets loader,answers
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import HypothesisException  # noqa: E402

from cloudwizard.engine.answers import AnswerError, dump_answers, parse_answers  # noqa: E402
from cloudwizard.engine.conditions import ConditionError, compile_condition  # noqa: E402
from cloudwizard.engine.loader import load_questionnaire_text  # noqa: E402
from cloudwizard.engine.model import Questionnaire  # noqa: E402
from cloudwizard.engine.recommender import recommend  # noqa: E402
from cloudwizard.engine.report import render  # noqa: E402
from cloudwizard.engine.session import Session  # noqa: E402
from cloudwizard.engine.yamlsafe import YamlError, parse_bytes  # noqa: E402
from tests.reliability.strategies import (  # noqa: E402
    ANY_VALUE,
    CONDITION_NAMES,
    EXAMPLE_ANSWERS,
    EXAMPLE_TEXT,
    RAW_BYTES,
    answers_for,
    dump,
    mutated,
    questionnaire_docs,
)

TARGETS = ("loader", "answers", "bytes", "conditions", "recommender")


class Budget(Exception):
    """Raised inside a test body when the time is up, to end the hypothesis run early."""


class Fuzzer:
    """Counts inputs and unhandled exceptions across targets."""

    def __init__(self, deadline: float, crashes: Path, max_per_round: int) -> None:
        self.deadline = deadline
        self.crashes = crashes
        self.max_per_round = max_per_round
        self.inputs: dict[str, int] = dict.fromkeys(TARGETS, 0)
        self.unhandled = 0
        self.seen: set[str] = set()

    def run(self, target: str, body: Callable[..., None], **strategies: Any) -> None:
        """One hypothesis run of `body` over `strategies` (the body's exceptions are caught and counted)."""

        def wrapped(**kwargs: Any) -> None:
            if time.monotonic() > self.deadline:
                raise Budget
            self.inputs[target] += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")  # a warning on the way is a finding too
                    body(**kwargs)
            except Budget:
                raise
            except Exception as exc:
                self.record(target, exc, kwargs)

        test = settings(
            max_examples=self.max_per_round,
            deadline=None,
            database=None,
            phases=[Phase.generate],  # no shrinking: we record the input as it came
            suppress_health_check=list(HealthCheck),
        )(given(**strategies)(wrapped))
        try:
            test()
        except Budget:
            pass
        except HypothesisException:
            # Ending a run early (Budget) can look like inconsistent data generation to hypothesis;
            # before the deadline, though, such an error is a fault of this script.
            if time.monotonic() <= self.deadline:
                raise

    def record(self, target: str, exc: BaseException, kwargs: dict[str, Any]) -> None:
        """Count an unhandled exception, write its traceback and input, and announce it once per place."""
        self.unhandled += 1
        tb = traceback.format_exc()
        key = f"{type(exc).__name__}:{traceback.extract_tb(exc.__traceback__)[-1][:2]}"
        with self.crashes.open("a", encoding="utf-8") as fh:
            fh.write(f"=== {target} {key}\n{tb}\ninput: {kwargs!r}\n\n")
        if key not in self.seen:
            self.seen.add(key)
            print(f"fuzz: unhandled {type(exc).__name__} in {target}: {exc}", file=sys.stderr, flush=True)


# -- targets --------------------------------------------------------------------------------------

def _example() -> Questionnaire:
    q = load_questionnaire_text(EXAMPLE_TEXT, "example.yaml").questionnaire
    assert q is not None
    return q


EXAMPLE_Q = _example()
NAMES = CONDITION_NAMES
CONDITIONS = ("who == 'me' and 'photos' in kinds", "not offline or size >= 50", "count(kinds) > 1",
              "answered(notes) and who in ('me', 'firm')", "size < 3 or size > -2.5 and not (who != 'firm')")


def _check_report(report: Any) -> None:
    for d in report:
        if d.location.line == 0 and d.code not in ("missing", "directory", "io", "size", "empty", "encoding", "binary"):
            raise AssertionError(f"problem without a place: {d}")


def _exercise(q: Questionnaire, raw: dict[str, Any]) -> None:
    session = Session(q)
    for qid, value in raw.items():
        with contextlib.suppress(AnswerError):
            session.set_answer(qid, value)
    while session.go_next():
        pass
    rec = recommend(q, session.effective_answers())
    for fmt in ("json", "markdown", "html"):
        render(rec, fmt, "nl")
    back = parse_answers(dump_answers(session.to_file()), q, "saved.yaml")
    if back.report.errors or back.data is None or back.data.answers != session.answers:
        raise AssertionError(f"saved answers do not read back: {back.report.format()}")


def fuzz_loader(text: str, data: st.DataObject) -> None:
    """A mutated questionnaire: a report with places; when it loads, a whole session on it."""
    result = load_questionnaire_text(text, "fuzz.yaml")
    _check_report(result.report)
    if result.questionnaire is not None:
        _exercise(result.questionnaire, data.draw(answers_for(result.questionnaire)))


def fuzz_answers(text: str) -> None:
    """A mutated answers file: a report with places; when usable, a session and a recommendation."""
    result = parse_answers(text, EXAMPLE_Q, "fuzz.yaml")
    _check_report(result.report)
    if result.data is not None:
        recommend(EXAMPLE_Q, Session.from_file(EXAMPLE_Q, result.data).effective_answers(), counterfactuals=False)


def fuzz_bytes(raw: bytes) -> None:
    """Raw bytes through the YAML reader and, when they are UTF-8 text, the loader."""
    with contextlib.suppress(YamlError):
        parse_bytes(raw, "fuzz.yaml")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    _check_report(load_questionnaire_text(text, "fuzz.yaml").report)


def fuzz_conditions(source: str, answers: dict[str, Any], before: int | None) -> None:
    """A condition compiles or explains why not; a compiled one is true or false for any answers."""
    try:
        cond = compile_condition(source, NAMES, before=before)
    except ConditionError:
        return
    if cond(answers) not in (True, False):
        raise AssertionError("a condition gave something other than true or false")


def fuzz_recommender(doc: dict[str, Any], data: st.DataObject) -> None:
    """A generated questionnaire loads, and a session, a recommendation and a save all work."""
    result = load_questionnaire_text(dump(doc), "generated.yaml")
    if result.questionnaire is None:
        raise AssertionError(f"a generated questionnaire did not load: {result.report.format()}")
    _exercise(result.questionnaire, data.draw(answers_for(result.questionnaire)))


ANSWERS = st.dictionaries(st.sampled_from(sorted(NAMES)), st.one_of(
    ANY_VALUE, st.sampled_from(["me", "firm", "yes", "no"]), st.frozensets(st.sampled_from(["photos", "secret"]))))


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; exit status 1 when anything unhandled was found."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    p.add_argument("--examples", type=int, default=0, help="stop after about this many inputs in all (0: no limit)")
    p.add_argument("--targets", default=",".join(TARGETS), help=f"comma-separated, from {', '.join(TARGETS)}")
    p.add_argument("--crashes", type=Path, default=Path("fuzz-crashes.txt"), help="where tracebacks go")
    args = p.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        p.error(f"unknown targets: {', '.join(sorted(unknown))}")
    args.crashes.unlink(missing_ok=True)
    start = time.monotonic()
    fuzzer = Fuzzer(start + args.minutes * 60, args.crashes, max_per_round=200)
    plans: dict[str, tuple[Callable[..., None], dict[str, Any]]] = {
        "loader": (fuzz_loader, {"text": mutated(EXAMPLE_TEXT, 6), "data": st.data()}),
        "answers": (fuzz_answers, {"text": mutated(EXAMPLE_ANSWERS, 6)}),
        "bytes": (fuzz_bytes, {"raw": RAW_BYTES}),
        "conditions": (fuzz_conditions, {
            "source": st.one_of(st.text(max_size=80), st.sampled_from(CONDITIONS).flatmap(lambda c: mutated(c, 3))),
            "answers": ANSWERS, "before": st.one_of(st.none(), st.integers(0, 5))}),
        "recommender": (fuzz_recommender, {"doc": questionnaire_docs(), "data": st.data()}),
    }
    while time.monotonic() < fuzzer.deadline:
        for target in targets:
            body, strategies = plans[target]
            fuzzer.run(target, body, **strategies)
            if args.examples and sum(fuzzer.inputs.values()) >= args.examples:
                fuzzer.deadline = 0
            if time.monotonic() >= fuzzer.deadline:
                break
    elapsed = time.monotonic() - start
    per_target = ", ".join(f"{t} {fuzzer.inputs[t]}" for t in targets)
    print(f"fuzz: {sum(fuzzer.inputs.values())} inputs in {elapsed:.0f} s ({per_target}), "
          f"{fuzzer.unhandled} unhandled exceptions, {_dt.date.today().isoformat()}")
    if fuzzer.unhandled:
        print(f"fuzz: tracebacks and inputs in {args.crashes}", file=sys.stderr)
    return 1 if fuzzer.unhandled else 0


if __name__ == "__main__":
    sys.exit(main())
