"""The questionnaire in a terminal (``cloudwizard ask``), for people and machines without a display.

It reads plain lines, so it works at a prompt and with answers piped in. Commands at any question:
``?`` shows "why we ask this", ``b`` goes back one question, ``q`` quits. Choices are numbered;
several choices are given as ``1,3``. An empty line keeps the current answer or skips an optional
question.
"""

from __future__ import annotations

from typing import Any, TextIO

from cloudwizard.engine.answers import AnswerError
from cloudwizard.engine.i18n import gettext_for
from cloudwizard.engine.model import Question, Questionnaire, QuestionType
from cloudwizard.engine.reports import format_answer
from cloudwizard.engine.session import Session

_BACK, _QUIT, _HELP = "b", "q", "?"


class _Back(Exception):
    pass


class _Quit(Exception):
    pass


class TerminalAsker:
    """Walks a `Session` question by question on text streams."""

    def __init__(
        self, questionnaire: Questionnaire, lang: str, stdin: TextIO, stdout: TextIO, *, echo: bool = False
    ) -> None:
        """Set up on the given streams; with `echo`, lines read are printed (for piped input)."""
        self.echo = echo
        self.q = questionnaire
        self.lang = lang
        self.stdin = stdin
        self.out = stdout
        self._ = gettext_for(lang)
        self.session = Session(questionnaire, language=lang)

    def say(self, text: str = "") -> None:
        """Print one line."""
        self.out.write(text + "\n")
        self.out.flush()

    def t(self, text: Any) -> str:
        """A questionnaire text in the session's language."""
        return self.q.text(text, self.lang)

    def read(self, prompt: str) -> str:
        """Read a line; end of input quits."""
        self.out.write(prompt)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            self.say(self._("Input ended before the questionnaire was finished."))
            raise _Quit
        if self.echo:
            self.out.write(line if line.endswith("\n") else line + "\n")
        return line.strip()

    def run(self) -> Session | None:
        """Ask every visible question, then confirm; None when the user quits."""
        _ = self._
        self.say(self.t(self.q.title))
        self.say("=" * len(self.t(self.q.title)))
        if self.q.introduction:
            self.say(self.t(self.q.introduction))
        if self.q.privacy:
            self.say(self.t(self.q.privacy))
        self.say(_("Type ? for help on a question, b to go back, q to quit."))
        index = 0
        try:
            while True:
                visible = self.session.visible_questions()
                if index >= len(visible):
                    if self.confirm():
                        return self.session
                    index = max(0, len(visible) - 1)
                    continue
                question = visible[index]
                try:
                    self.ask(question, index, visible)
                    index += 1
                except _Back:
                    index = max(0, index - 1)
        except _Quit:
            return None

    def confirm(self) -> bool:
        """Show a summary; True to go on to the advice, False to go back."""
        _ = self._
        self.say()
        self.say(_("Your answers"))
        self.say("-" * len(_("Your answers")))
        for section in self.session.visible_sections():
            self.say(f"[{self.t(section.title)}]")
            for question in self.session.visible_questions(section.id):
                value = self.session.effective_answers().get(question.id)
                self.say(f"  {self.t(question.label)} {format_answer(self.q, question, value, self.lang)}")
        problems = self.session.problems()
        if problems:
            self.say(_("Some required questions are not answered yet."))
            return False
        while True:
            line = self.read(_("Press Enter to see the advice, b to go back, q to quit: "))
            if line == "":
                return True
            if line.lower() == _BACK:
                return False
            if line.lower() == _QUIT:
                raise _Quit

    def ask(self, question: Question, index: int, visible: tuple[Question, ...]) -> None:
        """Ask one question until it has a valid answer (or is skipped when optional)."""
        _ = self._
        section = self.q.section(question.section_id)
        if index == 0 or visible[index - 1].section_id != question.section_id:
            self.say()
            self.say(f"## {self.t(section.title)}")
            if section.intro:
                self.say(self.t(section.intro))
        _answered, total = self.session.progress()
        self.say()
        self.say(f"({index + 1}/{total}) {self.t(question.label)}")
        if question.hint:
            self.say(f"   {self.t(question.hint)}")
        choices = self.session.visible_choices(question.id) if question.type.has_choices else ()
        for n, cid in enumerate(choices, 1):
            choice = question.choice(cid)
            assert choice is not None
            hint = f" — {self.t(choice.hint)}" if choice.hint else ""
            self.say(f"   {n}. {self.t(choice.label)}{hint}")
        current = self.session.answer(question.id)
        prompt = self._prompt(question, choices)
        if current is not None:
            prompt = _("{prompt} [Enter keeps: {current}] ").format(
                prompt=prompt.rstrip(), current=format_answer(self.q, question, current, self.lang))
        while True:
            line = self.read(prompt)
            low = line.lower()
            if low == _HELP:
                self.say("   " + (self.t(question.help) or _("No further help for this question.")))
                continue
            if low == _BACK:
                raise _Back
            if low == _QUIT:
                raise _Quit
            if line == "":
                if current is not None:
                    return
                if not self.session.is_required(question):
                    return
                self.say("   " + _("This question needs an answer."))
                continue
            try:
                raw = self._parse(question, choices, line)
                self.session.set_answer(question.id, raw)
            except (AnswerError, ValueError) as exc:
                self.say("   " + _("Not understood: {error}").format(error=exc))
                continue
            problem = next((p for p in self.session.problems() if p.question_id == question.id), None)
            if problem is not None and problem.kind == "validation":
                self.say("   " + self.t(problem.message))
                self.session.clear_answer(question.id)
                continue
            return

    def _prompt(self, question: Question, choices: tuple[str, ...]) -> str:
        _ = self._
        t = question.type
        if t is QuestionType.MULTIPLE:
            return _("Numbers, separated by commas: ")
        if t is QuestionType.SINGLE:
            return _("Number: ")
        if t is QuestionType.YESNO:
            return _("1 = yes, 2 = no: ")
        if t in (QuestionType.SCALE, QuestionType.NUMBER):
            lo = f"{question.minimum:g}" if question.minimum is not None else ""
            hi = f"{question.maximum:g}" if question.maximum is not None else ""
            ends = ""
            if question.min_label or question.max_label:
                ends = f" ({lo} = {self.t(question.min_label)}, {hi} = {self.t(question.max_label)})"
            unit = f" {self.t(question.unit)}" if question.unit else ""
            return _("A number from {low} to {high}{unit}{ends}: ").format(low=lo, high=hi, unit=unit, ends=ends)
        return _("Your answer: ")

    def _parse(self, question: Question, choices: tuple[str, ...], line: str) -> Any:
        _ = self._
        t = question.type
        if t in (QuestionType.SINGLE, QuestionType.YESNO, QuestionType.MULTIPLE):
            picks = [p.strip() for p in line.replace(";", ",").split(",") if p.strip()]
            ids = []
            for p in picks:
                if not p.isdigit() or not 1 <= int(p) <= len(choices):
                    raise ValueError(_("'{value}' is not one of the numbers 1 to {count}").format(
                        value=p, count=len(choices)))
                ids.append(choices[int(p) - 1])
            if t is QuestionType.MULTIPLE:
                return ids
            if len(ids) != 1:
                raise ValueError(_("choose one number"))
            return ids[0]
        if t in (QuestionType.SCALE, QuestionType.NUMBER):
            try:
                number = float(line.replace(",", "."))
            except ValueError:
                raise ValueError(_("'{value}' is not a number").format(value=line)) from None
            return int(number) if number.is_integer() else number
        return line
