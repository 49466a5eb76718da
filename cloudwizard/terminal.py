"""The questionnaire in a terminal (``cloudwizard ask``), for people and machines without a display.

It reads plain lines, so it works at a prompt and with answers piped in. Commands at any question:
``?`` shows "why we ask this", ``b`` goes back one question, ``q`` stops (after a confirmation;
the answers so far are saved when there is somewhere to save them). Choices are numbered; several
choices are given as ``1,3``, ``1 3`` or ``1, 3``, and runs of them as ``1-3`` (or ``1–3``,
``1 - 3``). An empty line keeps the current answer or skips an optional question.

What the terminal promises:

* Numbers are read the way the session's language writes them (`cloudwizard.engine.numbers`); an
  entry that reads two ways, or only another language's way, is asked back ("Did you mean
  200 000?"), never truncated; only readings within the question's range are offered (none left:
  the range is said). Prompts show the range that is accepted, written the language's way.
* A questionnaire's validation rule is a plausibility warning the user may confirm ("That is a lot
  for a small business ... Keep 100 000 anyway?"); the hard limits are ``min`` and ``max``.
* Every line is wrapped to the terminal's width at word boundaries, with hanging indents for
  choices, and every questionnaire or user text passes `safe_for_terminal` before it is printed.
* The progress line reads "Part n of N · Question m of M" and holds steady: a count once shown
  does not change as branches are ruled out or when going back, see `ProgressPlan`.
* Ctrl-C is never missed, and never interrupts the saving of the answers, see `CtrlC`.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import shlex
import shutil
import signal
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from cloudwizard.engine.answers import AnswerError, SaveError, save_answers
from cloudwizard.engine.diagnostics import printable
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.model import Choice, Question, Questionnaire, QuestionType
from cloudwizard.engine.numbers import Ambiguity, NumberError, format_number, is_integer_question, parse_number
from cloudwizard.engine.report.view import format_answer
from cloudwizard.engine.session import Session
from cloudwizard.engine.typography import typeset

_BACK, _QUIT, _HELP = "b", "q", "?"
#: Name of the file the answers are saved in when the user stops without ``--save`` (in the current folder).
RECOVERY_NAME = "cloudwizard-answers.yaml"
#: Groups of digits in numbers we ask back about: a no-break space reads the same in every language
#: and keeps the number on one line.
_ASK_BACK_GROUP = "\u00a0"
#: A range of choice numbers: "1-3", "1–3" (en dash), "1—3"; `_RANGE_SPACES` closes up "1 - 3".
_RANGE = re.compile(r"([0-9]+)[-\u2010-\u2015\u2212]([0-9]+)")
_RANGE_SPACES = re.compile(r"([0-9]+)\s*([-\u2010-\u2015\u2212])\s*([0-9]+)")
_BULLET = re.compile(r"\s*(?:[•*-]|\d+[.)])\s+")


def safe_for_terminal(text: str) -> str:
    r"""`text` with control characters shown as escapes, so it cannot drive the terminal.

    ESC, BEL, CR, backspace, the other C0 controls, DEL, the C1 controls (U+0080–U+009F, among them
    the one-byte CSI U+009B) and the invisible bidirectional overrides become ``\x1b``-style escapes;
    line feeds and tabs stay.
    """
    return printable(text)


class CtrlC:
    """Ctrl-C during a run: never missed, and acted on only where the run can stop cleanly.

    Python runs its signal handlers between bytecodes, so a Ctrl-C that arrives after a prompt is
    drawn but before the blocking read (readline's ``select`` or ``read``) has started only marks
    the signal as pending, and the program waits for a key that never comes (CI saw it now and
    then under load; tests/cli/test_ctrl_c.py opens that window on purpose). While the guard is
    active:

    * a watcher thread sees every SIGINT through `signal.set_wakeup_fd`; as long as the handler has
      not run while the main thread is reading, it sends SIGINT to the main thread again, which
      breaks the blocking read (EINTR) so the handler runs;
    * the handler raises `KeyboardInterrupt` only inside `reading` (around the blocking read);
      elsewhere it notes the key in `pressed`, and the next read stops at once. So a Ctrl-C while
      the answers are saved does not cut the save short.

    Outside the main thread, or when SIGINT is ignored (started in the background), the guard
    does nothing and `pressed` stays False.
    """

    def __init__(self) -> None:
        self.pressed = False
        self._reading = False
        self._active = False
        self._closing = False
        self._pipe: tuple[int, int] | None = None
        self._thread: threading.Thread | None = None
        self._previous_handler: Any = None
        self._previous_wakeup = -1

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is not threading.main_thread() or \
                signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            return self
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)
        self._pipe = (read_end, write_end)
        self._previous_wakeup = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        self._previous_handler = signal.signal(signal.SIGINT, self._handler)
        self._active = True
        self._thread = threading.Thread(target=self._watch, args=(threading.main_thread().ident,),
                                        name="cloudwizard-ctrl-c", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if not self._active or self._pipe is None:
            return
        self._active = False
        signal.signal(signal.SIGINT, self._previous_handler)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._closing = True
        read_end, write_end = self._pipe
        os.set_blocking(write_end, True)
        os.write(write_end, b"\0")  # wakes the watcher, which sees `_closing`
        if self._thread is not None:
            self._thread.join()
        os.close(read_end)
        os.close(write_end)

    def _handler(self, _signum: int, _frame: object) -> None:
        self.pressed = True
        if self._reading:
            self._reading = False  # once: a second key while stopping changes nothing
            raise KeyboardInterrupt

    def _watch(self, main: int | None) -> None:
        assert self._pipe is not None and main is not None
        while not self._closing:
            try:
                data = os.read(self._pipe[0], 64)
            except OSError:
                return
            if signal.SIGINT not in data:
                continue
            # The handler runs in the main thread at its next bytecode; if it is stuck in a read
            # instead, interrupt the read. A key that came while not reading is seen by the next read.
            while not self.pressed and not self._closing:
                if self._reading:
                    signal.pthread_kill(main, signal.SIGINT)
                time.sleep(0.05)

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Around one blocking read: Ctrl-C raises `KeyboardInterrupt` here (at once if already pressed)."""
        try:
            self._reading = self._active
            if self.pressed:
                raise KeyboardInterrupt
            yield
        finally:
            self._reading = False


class Outcome(enum.Enum):
    """How a run of the questionnaire ended."""

    DONE = "done"
    QUIT = "quit"
    END_OF_INPUT = "end_of_input"
    INTERRUPTED = "interrupted"


class _Back(Exception):
    pass


class _Refused(ValueError):
    """An answer that was understood but cannot be accepted; the message says why."""


class _Stop(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a question stands: part `part` of `parts`, question `question` of `questions` in that part."""

    part: int
    parts: int
    question: int
    questions: int


def _counted(session: Session, question: Question) -> tuple[list[str], list[str]]:
    """The parts, and the questions of `question`'s part, that count at `question` (see `progress`)."""
    q = session.questionnaire
    order = {item.id: i for i, item in enumerate(q.questions)}
    here = order[question.id]
    answers = session.effective_answers()
    visible_sections = {s.id for s in session.visible_sections()}

    def open_condition(condition: Any) -> bool:
        return condition is not None and any(order.get(name, -1) >= here for name in condition.names)

    def section_counts(section_id: str) -> bool:
        return section_id in visible_sections or open_condition(q.section(section_id).when)

    def question_counts(item: Question) -> bool:
        if session.is_visible(item.id) or item.id == question.id:
            return True
        if order[item.id] < here or not section_counts(item.section_id):
            return False
        return item.when is None or open_condition(item.when) or item.when(answers)

    parts = [s.id for s in q.sections if any(question_counts(item) for item in s.questions)]
    in_part = [item.id for item in q.section(question.section_id).questions if question_counts(item)]
    return parts, in_part


def progress(session: Session, question: Question) -> Progress:
    """Where `question` stands among the parts and questions that are shown or may still appear.

    A question or part counts when it is shown for the answers so far, *or* when its condition reads
    a question not yet passed (the current one or a later one), because it may still appear. Passed
    questions are settled: a condition may only read earlier questions, so their visibility is known.
    Going on, these counts never grow; they shrink when a branch is ruled out. `ProgressPlan`, which
    the terminal shows, holds them steady.
    """
    parts, in_part = _counted(session, question)
    return Progress(parts.index(question.section_id) + 1, len(parts), in_part.index(question.id) + 1, len(in_part))


class ProgressPlan:
    """The progress line of one run, held steady: "Part n of N · Question m of M".

    The rule: a part or question is counted once it is shown or may still appear (`progress`), and
    stays counted for the rest of the run. So N never changes as branches are ruled out, M never
    changes while the user answers its part, and going back shows the numbers shown the first time.
    A question ruled out is skipped in the numbering ("Question 2 of 4" may be followed by the next
    part): the counts do not jump back. Only an earlier answer changed so that new questions may
    appear adds them, in the questionnaire's order.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._questions: dict[str, list[str]] = {}

    def at(self, session: Session, question: Question) -> Progress:
        """The progress line for `question`, remembering what was counted before."""
        q = session.questionnaire
        parts, in_part = _counted(session, question)
        section_order = {s.id: i for i, s in enumerate(q.sections)}
        question_order = {item.id: i for i, item in enumerate(q.questions)}
        self._parts = sorted({*self._parts, *parts}, key=section_order.__getitem__)
        plan = sorted({*self._questions.get(question.section_id, []), *in_part}, key=question_order.__getitem__)
        self._questions[question.section_id] = plan
        return Progress(self._parts.index(question.section_id) + 1, len(self._parts),
                        plan.index(question.id) + 1, len(plan))


def exclusive_conflict(question: Question, chosen: list[str]) -> tuple[str, list[str]] | None:
    """An exclusive choice (e.g. "none of these") chosen with others: (its id, the other ids), else None.

    Whether the set conflicts is the engine's one rule (`cloudwizard.engine.coercion.exclusive_conflict`,
    which the GUI, answers files and the session follow too); this only names the entries for the
    terminal's own message, the exclusive one first as the engine names it.
    """
    from cloudwizard.engine.coercion import exclusive_conflict as engine_rule

    if engine_rule(question, chosen) is None:
        return None
    alone = next(c.id for c in question.choices if c.exclusive and c.id in chosen)
    return alone, [c for c in chosen if c != alone]


class TerminalAsker:
    """Walks a `Session` question by question on text streams.

    Args:
        questionnaire: what to ask.
        lang: the session's language.
        stdin: where answers are read.
        stdout: where questions are written (the terminal).
        echo: print each line read (for piped input, so a transcript reads well).
        session: a session to resume (e.g. from an answers file); a new one when None.
        save_path: where the answers are saved when the run ends, however it ends.
        width: the line width; the terminal's width (read at each line) when None.
        line_editing: read with `input` and the `readline` module (arrow keys, history), for a
            person at a terminal whose standard input and output are `stdin` and `stdout`.
        questionnaire_path: the questionnaire's file when it is not the bundled one (named in the
            command that resumes a run).
    """

    def __init__(
        self,
        questionnaire: Questionnaire,
        lang: str,
        stdin: TextIO,
        stdout: TextIO,
        *,
        echo: bool = False,
        session: Session | None = None,
        save_path: Path | None = None,
        width: int | None = None,
        line_editing: bool = False,
        questionnaire_path: Path | None = None,
    ) -> None:
        self.questionnaire_path = questionnaire_path
        self.echo = echo
        self.q = questionnaire
        self.lang = lang
        self.stdin = stdin
        self.out = stdout
        self._ = gettext_for(lang)
        self.session = session or Session(questionnaire, language=lang)
        self.session.language = lang
        self.save_path = save_path
        self.saved_to: Path | None = None
        #: Saving was asked for (``--save``, ``--answers``) and failed, in the fallback file too.
        self.save_failed = False
        self._width = width
        self.line_editing = line_editing and _readline_available()
        #: Answers the user kept although a validation rule warned about them (question id → value).
        self.confirmed: dict[str, Any] = {}
        self._heading_shown: str | None = None
        #: The progress line, held steady for the run (see `ProgressPlan`).
        self.progress = ProgressPlan()
        #: Ctrl-C during `run` (inactive outside it: a read then raises KeyboardInterrupt as usual).
        self.ctrl_c = CtrlC()

    # -- output --------------------------------------------------------------------------------
    def width(self) -> int:
        """The width to wrap to: the terminal's, read now (a window may be resized between questions)."""
        if self._width is not None:
            return self._width
        columns = 0
        if "COLUMNS" not in os.environ:
            try:
                columns = os.get_terminal_size(self.out.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 0
        return max(20, columns or shutil.get_terminal_size((80, 24)).columns)

    def wrap(self, text: str, indent: str = "", hanging: str | None = None, *, room: int = 0) -> list[str]:
        """`text` (made safe) wrapped at word boundaries; later lines are indented by `hanging`.

        `room` columns are kept free at the end of the line (for the cursor after a prompt).
        """
        rest = indent if hanging is None else hanging
        lines: list[str] = []
        # French puts a space before : ; ? ! and inside « »; a line must not start with that mark.
        text = typeset(safe_for_terminal(text), self.lang)
        for paragraph in text.split("\n"):
            bullet = _BULLET.match(paragraph)
            wrapped = textwrap.wrap(paragraph, width=self.width() - room, initial_indent=indent,
                                    subsequent_indent=rest + " " * (bullet.end() if bullet else 0),
                                    break_long_words=False, break_on_hyphens=False)
            lines.extend(wrapped or [""])
        return lines

    def say(self, text: str = "", indent: str = "", hanging: str | None = None) -> None:
        """Print `text`, wrapped."""
        self.out.write("\n".join(self.wrap(text, indent, hanging)) + "\n")
        self.out.flush()

    def t(self, text: Any) -> str:
        """A questionnaire text in the session's language."""
        return self.q.text(text, self.lang)

    def read(self, prompt: str) -> str:
        """Show `prompt` (wrapped, the cursor after its last line) and read a line.

        Raises:
            _Stop: at the end of the input or on Ctrl-C.
        """
        # the cursor and the first typed characters stay on the prompt's last line
        lines = self.wrap(prompt.rstrip(), "", "", room=2)
        try:
            with self.ctrl_c.reading():
                if self.line_editing:
                    if lines[:-1]:
                        self.out.write("\n".join(lines[:-1]) + "\n")
                        self.out.flush()
                    try:
                        line = input(lines[-1] + " ") + "\n"
                    except EOFError:
                        line = ""
                else:
                    self.out.write("\n".join(lines) + " ")
                    self.out.flush()
                    line = self.stdin.readline()
        except KeyboardInterrupt:
            raise _Stop(Outcome.INTERRUPTED) from None
        if not line:
            self.say()
            self.say(self._("Input ended before the questionnaire was finished."))
            raise _Stop(Outcome.END_OF_INPUT)
        if self.echo:
            self.out.write(safe_for_terminal(line.rstrip("\n")) + "\n")
        return line.strip()

    def yes(self, line: str) -> bool:
        """Whether `line` says yes (in the session's language or in English)."""
        return line.strip().lower() in {self._("y"), self._("yes"), "y", "yes"}

    def no(self, line: str) -> bool:
        """Whether `line` says no (in the session's language or in English)."""
        return line.strip().lower() in {self._("n"), self._("no"), "n", "no"}

    def confirm(self, prompt: str, offers: tuple[str, ...] = ("y",), *, also: tuple[str, ...] = ()) -> str:
        """Ask `prompt` until the reply is one it accepts; returns "y", "n" or the word given.

        No (the session language's word, or English "n"/"no") and an empty line always mean "n". A
        reply that is none of the accepted ones (a number typed again, a slip) is not taken for "no"
        in silence: the user is told what the question accepts and asked again.

        Args:
            prompt: the question, listing what it accepts (``[y/n]``, ``[1/2/n]``).
            offers: the replies the prompt lists before no, in its order: ``"y"`` stands for yes in
                the session's language or in English (returned as "y"), any other word is taken as
                it is (lower case) and returned. Only these and no are named when asking again.
            also: further replies accepted and returned without being named (older letters).
        """
        _ = self._
        words = tuple(w.lower() for w in offers if w != "y") + tuple(w.lower() for w in also)
        while True:
            line = self.read(prompt)
            if "y" in offers and self.yes(line):
                return "y"
            if line == "" or self.no(line):
                return "n"
            if line.lower() in words:
                return line.lower()
            named = [_("y") if w == "y" else w for w in offers] + [_("n")]
            self.say(_("Please answer {choices} or {last}.").format(
                choices=", ".join(named[:-1]), last=named[-1]), "   ", "   ")

    def num(self, value: float) -> str:
        """A number written the session language's way."""
        return format_number(value, self.lang)

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> Outcome:
        """Ask every visible question, then show a summary; returns how the run ended.

        However it ends, the answers are saved when `save_path` is set (or, when a person stops
        with ``q`` or Ctrl-C, in a file they agree to).
        """
        with self.ctrl_c:
            try:
                self._intro()
                self._loop(self._first_open_question())
                outcome = Outcome.DONE
            except _Stop as stop:
                outcome = stop.outcome
            except KeyboardInterrupt:  # without the guard (not the main thread)
                outcome = Outcome.INTERRUPTED
            if outcome is Outcome.INTERRUPTED:
                self.say()
                self.say(self._("Interrupted."))
            self._keep(outcome)  # a Ctrl-C meanwhile is noted, and does not cut the save short
            if self.ctrl_c.pressed and outcome is not Outcome.INTERRUPTED:
                self.say(self._("Interrupted."))  # pressed while the answers were saved: stop here
                outcome = Outcome.INTERRUPTED
        return outcome

    def _intro(self) -> None:
        _ = self._
        title = self.t(self.q.title)
        self.say(title)
        self.say("=" * min(len(title), self.width()))
        if self.q.introduction:
            self.say(self.t(self.q.introduction))
        if self.q.privacy:
            self.say()
            self.say(self.t(self.q.privacy))
        self.say()
        self.say(_("Type ? for help on a question, b to go back, q to quit."))
        answered, _total = self.session.progress()
        if answered:
            self.say(_("Going on from your answers file (questions answered so far: {count}). Type b to go back.").format(
                count=answered))

    def _first_open_question(self) -> int:
        """Index of the first visible question without an answer (or with a problem), for resuming."""
        visible = self.session.visible_questions()
        at_fault = {p.question_id for p in self.session.problems()}
        for i, question in enumerate(visible):
            if self.session.answer(question.id) is None or question.id in at_fault:
                return i
        return len(visible)

    def _loop(self, index: int) -> None:
        while True:
            visible = self.session.visible_questions()
            if index >= len(visible):
                target = self.summary()
                if target is None:
                    return
                index = target
                continue
            try:
                self.ask(visible[index], index, visible)
                index += 1
            except _Back:
                index = max(0, index - 1)

    def _keep(self, outcome: Outcome) -> None:
        """Save the answers at the end of a run, and say where (or that they were not saved)."""
        _ = self._
        path = self.save_path
        has_answers = bool(self.session.answers or self.session.set_aside)
        stopped_by_a_person = outcome in (Outcome.INTERRUPTED, Outcome.END_OF_INPUT) and not self.echo
        if path is None and stopped_by_a_person and has_answers:
            path = recovery_path()
        if path is None:
            if outcome is not Outcome.DONE and has_answers and self.saved_to is None:
                self.say(_("Your answers were not saved (use --save FILE to keep them)."))
            return
        try:
            save_answers(path, self.session.to_file())
        except SaveError as exc:
            self.say(_("Your answers could not be saved in {path}: {reason}").format(
                path=path, reason=self.save_failure(exc)))
            fallback = recovery_path()
            if fallback.resolve() == path.resolve():
                self.save_failed = True
                return
            path = fallback  # nothing typed is lost: keep them in the current folder instead
            try:
                save_answers(path, self.session.to_file())
            except SaveError as again:
                self.say(_("Your answers could not be saved in {path}: {reason}").format(
                    path=path, reason=self.save_failure(again)))
                self.save_failed = True
                return
        self.saved_to = path
        if outcome is Outcome.DONE:
            self.say(_("Your answers are saved in {path}.").format(path=path))
        else:
            self.say(_("Your answers are saved in {path}. To go on later:").format(path=path))
            self.out.write("\n".join(self.command_lines(self.resume_command(path))) + "\n")
            self.out.flush()

    def command_lines(self, command: str) -> list[str]:
        """A shell command indented on lines of its own, broken between words with a backslash so it pastes whole."""
        words = [safe_for_terminal(w) for w in shlex.split(command)]
        lines: list[str] = []
        line = "  "
        for word in (shlex.quote(w) for w in words):
            if line.strip() and len(line) + 1 + len(word) + 2 > self.width():
                lines.append(line + " \\")
                line = "      "
            line += ("" if not line.strip() else " ") + word
        return [*lines, line]

    def save_failure(self, exc: OSError) -> str:
        """Why saving failed, in the session's language when the reason is a common one."""
        return save_failure(exc, self.lang)

    def resume_command(self, path: Path) -> str:
        """The shell command that goes on from the answers saved in `path` (with this questionnaire)."""
        words = ["cloudwizard", "ask"]
        if self.questionnaire_path is not None:
            words += ["--questionnaire", str(self.questionnaire_path)]
        return shlex.join([*words, "--answers", str(path)])

    def _quit(self) -> None:
        """``q``: confirm, maybe save, then stop; returns when the user goes on instead."""
        _ = self._
        if self.save_path is not None:
            if self.confirm(_("Stop now? Your answers so far will be saved in {path}. [{yes}/{no}]").format(
                    path=self.save_path, yes=_("y"), no=_("n"))) == "y":
                raise _Stop(Outcome.QUIT)
            return
        if not (self.session.answers or self.session.set_aside):
            if self.confirm(_("Stop now? [{yes}/{no}]").format(yes=_("y"), no=_("n"))) == "y":
                raise _Stop(Outcome.QUIT)
            return
        target = recovery_path()
        # "Yes" (the answer people give by habit) saves; throwing the work away takes its own letter.
        discard = _("d")
        reply = self.confirm(_("Stop now? {yes} = save your answers in {path} and stop, {discard} = stop without "
                               "saving, {no} = go on:").format(yes=_("y"), path=target, discard=discard, no=_("n")),
                             offers=(discard, "y"), also=tuple(dict.fromkeys((_("s"), "s"))))
        if reply == discard:
            raise _Stop(Outcome.QUIT)
        if reply == "n":
            return
        self.save_path = target  # yes, or the save letter of earlier versions
        raise _Stop(Outcome.QUIT)

    # -- the summary ---------------------------------------------------------------------------
    def summary(self) -> int | None:
        """Show the answers; None to go on to the advice, else the index of the question to ask next."""
        _ = self._
        self.say()
        self.say(_("Your answers"))
        self.say("-" * min(len(_("Your answers")), self.width()))
        self._heading_shown = None
        answers = self.session.effective_answers()
        for section in self.session.visible_sections():
            self.say(f"[{self.t(section.title)}]")
            for question in self.session.visible_questions(section.id):
                shown = self.show_answer(question, answers.get(question.id))
                self.say(f"{self.t(question.label)}\u00a0→ {shown}", "  ", "      ")
        open_problems = [p for p in self.session.problems() if not self._confirmed(p.question_id, p.kind)]
        visible = self.session.visible_questions()
        if open_problems:
            self.say(_("Some required questions are not answered yet."))
            ids = [v.id for v in visible]
            return ids.index(open_problems[0].question_id)
        while True:
            line = self.read(_("Press Enter to see the advice, b to go back, q to quit: "))
            if line == "":
                return None
            if line.lower() == _BACK:
                return max(0, len(visible) - 1)
            if line.lower() == _QUIT:
                self._quit()
                continue
            self.say(_("Press Enter for the advice, or type b or q."), "   ")

    def _confirmed(self, question_id: str, kind: str) -> bool:
        return kind == "validation" and question_id in self.confirmed and \
            self.confirmed[question_id] == self.session.answer(question_id)

    def show_answer(self, question: Question, value: Any) -> str:
        """An answer as the user reads it; numbers written the language's way."""
        if value is not None and question.type in (QuestionType.NUMBER, QuestionType.SCALE):
            if question.type is QuestionType.SCALE and question.maximum is not None:
                return f"{self.num(value)}\u00a0/\u00a0{self.num(question.maximum)}"
            unit = self.t(question.unit)
            return f"{self.num(value)}\u00a0{unit}" if unit else self.num(value)
        return format_answer(self.q, question, value, self.lang)

    # -- one question --------------------------------------------------------------------------
    def ask(self, question: Question, index: int, visible: tuple[Question, ...]) -> None:
        """Ask one question until it has an accepted answer (or is skipped when optional)."""
        _ = self._
        section = self.q.section(question.section_id)
        if self._heading_shown != section.id:
            self._heading_shown = section.id
            title = self.t(section.title)
            self.say()
            self.say(title)
            self.say("-" * min(len(title), self.width()))
            if section.intro:
                self.say(self.t(section.intro))
        where = self.progress.at(self.session, question)
        self.say()
        self.say(_("Part {part} of {parts} · Question {question} of {questions}").format(
            part=where.part, parts=where.parts, question=where.question, questions=where.questions))
        self.say(self.t(question.label))
        if question.hint:
            self.say(self.t(question.hint), "   ")
        choices = self.session.visible_choices(question.id) if question.type.has_choices else ()
        width = len(str(len(choices)))
        for n, cid in enumerate(choices, 1):
            choice = question.choice(cid)
            assert choice is not None
            hint = f" — {self.t(choice.hint)}" if choice.hint else ""
            marker = f"   {n:>{width}}. "
            self.say(f"{self.t(choice.label)}{hint}", marker, " " * len(marker))
        current = self.session.answer(question.id)
        prompt = self._prompt(question)
        if current is not None:
            kept = self.show_answer(question, current)
            if question.type is QuestionType.MULTIPLE:  # the numbers just listed: shorter than the labels
                kept = ", ".join(str(n) for n, cid in enumerate(choices, 1) if cid in current) or kept
            prompt = _("{prompt} [Enter keeps: {current}] ").format(prompt=prompt.rstrip(), current=kept)
        while True:
            line = self.read(prompt)
            low = line.lower()
            if low == _HELP:
                self.say(self.t(question.help) or _("No further help for this question."), "   ")
                continue
            if low == _BACK:
                if index == 0:
                    self.say(_("This is the first question: there is nothing to go back to."), "   ", "   ")
                    continue
                raise _Back
            if low == _QUIT:
                self._quit()
                continue
            if line == "":
                if current is not None:
                    if self._accept(question, current, current):
                        return
                    continue
                if not self.session.is_required(question):
                    return
                self.say(_("This question needs an answer."), "   ")
                continue
            try:
                raw = self._parse(question, choices, line)
            except _Refused as exc:
                self.say(str(exc), "   ", "   ")
                continue
            except ValueError as exc:
                self.say(_("Not understood: {error}").format(error=exc), "   ", "   ")
                continue
            if raw is None:  # asked back and not confirmed: ask the question again
                continue
            if self._accept(question, raw, current):
                return

    def _accept(self, question: Question, raw: Any, previous: Any) -> bool:
        """Store `raw`; a failed validation rule is a warning the user may confirm. False to ask again."""
        _ = self._
        try:
            self.session.set_answer(question.id, raw)
        except AnswerError as exc:  # the checks above should catch every case; never show a traceback
            self.say(_("Not understood: {error}").format(error=exc), "   ", "   ")
            return False
        problem = next((p for p in self.session.problems() if p.question_id == question.id), None)
        if problem is None or problem.kind != "validation" or self._confirmed(question.id, "validation"):
            return True
        value = self.session.answer(question.id)
        self.say(self.t(problem.message), "   ", "   ")
        keep = _("Keep {answer} anyway? [{yes}/{no}, q to quit]").format(
            answer=self.show_answer(question, value), yes=_("y"), no=_("n"))
        while (reply := self.confirm(keep, also=(_QUIT,))) == _QUIT:  # q stops here as at every prompt
            # a value not yet confirmed is not saved: stopping keeps the answer there was before it
            self._restore(question, raw, previous)
            self._quit()  # returns when the user goes on: the same question again
            self.session.set_answer(question.id, raw)
        if reply == "y":
            self.confirmed[question.id] = value
            return True
        self._restore(question, raw, previous)
        return False

    def _restore(self, question: Question, raw: Any, previous: Any) -> None:
        """Put back the answer `question` had before `raw` was typed (none when it had none)."""
        if previous is not None and previous != raw:
            self.session.set_answer(question.id, previous)
        else:
            self.session.clear_answer(question.id)

    def _range_text(self, question: Question) -> tuple[str, str]:
        lo = self.num(question.minimum) if question.minimum is not None else ""
        hi = self.num(question.maximum) if question.maximum is not None else ""
        return lo, hi

    def _prompt(self, question: Question) -> str:
        _ = self._
        t = question.type
        if t is QuestionType.MULTIPLE:
            return _("Numbers, separated by commas or spaces: ")
        if t is QuestionType.SINGLE:
            return _("Number: ")
        if t is QuestionType.YESNO:
            return _("1 = yes, 2 = no: ")
        if t in (QuestionType.SCALE, QuestionType.NUMBER):
            lo, hi = self._range_text(question)
            unit = f" {self.t(question.unit)}" if question.unit else ""
            if t is QuestionType.SCALE:
                ends = ""
                if question.min_label or question.max_label:
                    ends = f" ({lo} = {self.t(question.min_label)}, {hi} = {self.t(question.max_label)})"
                # a scale takes its points only: say "whole number", as its refusals do
                return _("A whole number from {low} to {high}{unit}{ends}: ").format(
                    low=lo, high=hi, unit=unit, ends=ends)
            whole = is_integer_question(question)
            if lo and hi:
                text = _("A whole number from {low} to {high}{unit}: ") if whole else \
                    _("A number from {low} to {high}{unit}{ends}: ")
            elif lo:
                text = _("A whole number of at least {low}{unit}: ") if whole else _("A number of at least {low}{unit}: ")
            elif hi:
                text = _("A whole number up to {high}{unit}: ") if whole else _("A number up to {high}{unit}: ")
            else:
                text = _("A whole number{unit}: ") if whole else _("A number{unit}: ")
            return text.format(low=lo, high=hi, unit=unit, ends="")
        return _("Your answer: ")

    def _parse(self, question: Question, choices: tuple[str, ...], line: str) -> Any:
        """The raw answer for `line`, None after a "Did you mean" the user declined; ValueError when refused."""
        _ = self._
        t = question.type
        if t is QuestionType.YESNO and not line.isdigit():
            if self.yes(line):
                return "yes"
            if line.lower() in {_("n"), _("no"), "n", "no"}:
                return "no"
        if t in (QuestionType.SINGLE, QuestionType.YESNO, QuestionType.MULTIPLE):
            return self._parse_choices(question, choices, line)
        if t in (QuestionType.SCALE, QuestionType.NUMBER):
            return self._parse_number(question, line)
        if len(line) > question.max_length:
            raise _Refused(_("The text is {length} characters long; at most {limit} fit here.").format(
                length=len(line), limit=question.max_length))
        return line

    def _parse_choices(self, question: Question, choices: tuple[str, ...], line: str) -> Any:
        """The choice id(s) for `line`: numbers separated by commas or spaces, and ranges ("1-3", "1–3", "1 - 3")."""
        _ = self._
        # a range's dash may stand between spaces: "1 - 3" is one entry, not three
        picks = [p for p in re.split(r"[\s,;]+", _RANGE_SPACES.sub(r"\1\2\3", line)) if p]
        ids: list[str] = []
        for p in picks:
            for n in self._entry_numbers(p, len(choices)):
                if choices[n - 1] not in ids:
                    ids.append(choices[n - 1])
        if question.type is not QuestionType.MULTIPLE:
            if len(ids) != 1:
                raise ValueError(_("choose one number"))
            return ids[0]
        conflict = exclusive_conflict(question, ids)
        if conflict is not None:
            alone, others = conflict
            raise _Refused(_("{choice} cannot be chosen together with {others}: it means none of the others "
                               "apply. Choose it on its own, or leave it out.").format(
                choice=self._choice_name(question, choices, alone),
                others=", ".join(self._choice_name(question, choices, o) for o in others)))
        return ids

    def _entry_numbers(self, entry: str, count: int) -> range:
        """The choice numbers one entry stands for ("2" or "1-3"); ValueError naming the entry when refused."""
        _ = self._
        if entry.isdigit() and entry.isascii() and 1 <= int(entry) <= count:
            return range(int(entry), int(entry) + 1)
        ends = _RANGE.fullmatch(entry)
        if ends is None:
            raise ValueError(_("'{value}' is not one of the numbers 1 to {count}").format(value=entry, count=count))
        low, high = int(ends.group(1)), int(ends.group(2))
        if low > high:
            raise _Refused(_("'{value}': a range goes from the lower number to the higher, e.g. {low}-{high}.").format(
                value=entry, low=high, high=low))
        if low < 1 or high > count:
            raise _Refused(_("'{value}' goes beyond the choices: the numbers are 1 to {count}.").format(
                value=entry, count=count))
        return range(low, high + 1)

    def _choice_name(self, question: Question, choices: tuple[str, ...], cid: str) -> str:
        choice: Choice | None = question.choice(cid)
        label = self.t(choice.label) if choice else cid
        return f"{choices.index(cid) + 1} ({label})"

    def _parse_number(self, question: Question, line: str) -> Any:
        _ = self._
        whole = is_integer_question(question)
        unit = self.t(question.unit).strip() if question.unit else ""
        if unit and line.lower().endswith(unit.lower()) and line[: -len(unit)].strip():
            line = line[: -len(unit)].strip()  # "12 people", as the prompt writes it, is 12
        try:
            result = parse_number(line, self.lang, integer=whole)
        except NumberError as exc:
            raise ValueError(exc.message(self.lang)) from None
        if isinstance(result, Ambiguity):
            # only the readings the question can take are offered: asking "Did you mean 1 000 000?"
            # to refuse it as above the maximum would be a trap
            readings = [r for r in result.readings if question.in_range(r)]
            if not readings:
                self._check_range(question, result.suggestion)  # the likelier reading's range error
            shown = [format_number(r, self.lang, group=_ASK_BACK_GROUP) for r in readings]
            if len(readings) >= 2:
                # two readings ("1.000,000" in Dutch: 1 000 or 1 000 000), the likelier first, as the GUI offers them
                reply = self.confirm(_("Did you mean {first} (1) or {second} (2)? [1/2/{no}]").format(
                    first=shown[0], second=shown[1], no=_("n")), offers=("1", "2"), also=(_QUIT,))
            else:
                reply = self.confirm(_("Did you mean {number}? [{yes}/{no}]").format(
                    number=shown[0], yes=_("y"), no=_("n")), also=(_QUIT,))
            if reply == _QUIT:  # q stops here as at every prompt (going on asks the question again)
                self._quit()
                return None
            if reply == "n":
                return None
            value: float = readings[1] if reply == "2" else readings[0]
        else:
            value = result
        self._check_range(question, value)
        return value

    def _check_range(self, question: Question, value: float) -> None:
        _ = self._
        if question.minimum is not None and value < question.minimum:
            raise _Refused(_("{value} is below the minimum, {minimum}.").format(
                value=self.num(value), minimum=self.num(question.minimum)))
        if question.maximum is not None and value > question.maximum:
            raise _Refused(_("{value} is above the maximum, {maximum}.").format(
                value=self.num(value), maximum=self.num(question.maximum)))
        if question.type is QuestionType.SCALE and question.minimum is not None and question.step:
            steps = (value - question.minimum) / question.step
            if not float(steps).is_integer():
                raise _Refused(_("{value} is not a point of this scale.").format(value=self.num(value)))


def save_failure(exc: OSError, lang: str) -> str:
    """Why saving a file failed, in `lang` when the reason is a common one (else the system's words)."""
    from cloudwizard.engine.atomicio import SaveError
    from cloudwizard.engine.diagnostic_text import save_reason

    if isinstance(exc, SaveError):  # its str() is a whole English sentence: only the why goes in a message
        return save_reason(exc, lang) or exc.reason
    return save_reason(exc, lang) or str(exc.strerror or exc)


def _readline_available() -> bool:
    """Load `readline` so that `input` edits lines (not on every platform)."""
    try:
        import readline  # noqa: F401 - imported for its effect on input()
    except ImportError:
        return False
    return True


def recovery_path(folder: Path | None = None, exists: Callable[[Path], bool] = Path.exists) -> Path:
    """A file name in `folder` (the current one) for answers saved on stopping, not overwriting a file."""
    base = folder or Path()
    candidate = base / RECOVERY_NAME
    n = 2
    while exists(candidate):
        candidate = base / f"cloudwizard-answers-{n}.yaml"
        n += 1
    return candidate
