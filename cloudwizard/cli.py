"""The ``cloudwizard`` command: the desktop app, the terminal questionnaire and scripting commands.

Qt is imported only when the GUI starts, so every other command runs on a machine without a display
and starts fast.

Exit status: 0 success, 1 invalid input or a failed check, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from cloudwizard import __version__
from cloudwizard.engine.i18n import N_, gettext_for, ngettext_for, system_language
from cloudwizard.engine.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from cloudwizard.engine.answers import AnswersFile
    from cloudwizard.engine.diagnostics import Report
    from cloudwizard.engine.model import Questionnaire
    from cloudwizard.engine.recommender import Recommendation
    from cloudwizard.engine.report.view import Justification, ReportView
    from cloudwizard.terminal import TerminalAsker

COMMANDS = ("ask", "recommend", "validate", "schema", "influence", "evaluate", "kiosk-pin")
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Answer sets `influence` samples when --samples is not given.
DEFAULT_SAMPLES = 300


#: The argparse module's own messages that our command lines can show, for the catalogs (argparse
#: looks them up itself, see `_usage_language`; the same in Python 3.11 and Debian 12's python3.11).
ARGPARSE_MESSAGES: tuple[str, ...] = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("show this help message and exit"),
    N_("options"),
    N_("positional arguments"),
    N_("show program's version number and exit"),
)
#: The language usage errors and the help's headings are said in, while `_usage_language` is active.
_usage_lang = "en"


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped to the terminal's width in every language (``COLUMNS``, else the window's).

    The texts are typeset (French no-break spaces before ``:``) before they are wrapped, so the spaces
    typography adds cannot push a line past the width; a description or epilog keeps its own line
    breaks, and an indented ``name  text`` line (the commands' list) wraps under its text; a usage
    line that does not fit under the program's name (``[--format {pdf,markdown,…}]`` at 60 columns)
    is wrapped again with a short indent.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        import shutil

        if width is None:  # argparse's own rule (the terminal's columns less 2), never below 30
            width = max(30, shutil.get_terminal_size().columns - 2)
        super().__init__(prog, indent_increment, min(max_help_position, width // 3), width)

    def _split_lines(self, text: str, width: int) -> list[str]:
        from cloudwizard.engine.typography import typeset

        return super()._split_lines(typeset(text, _usage_lang), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import re
        import textwrap

        from cloudwizard.engine.typography import typeset

        lines = []
        for line in typeset(text, _usage_lang).splitlines():
            listed = re.match(r"(\s+\S+\s{2,})\S", line)  # "  ask        answer the questionnaire …"
            hang = " " * len(listed.group(1)) if listed else re.match(r"\s*", line).group(0)  # type: ignore[union-attr]
            lines.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + hang,
                                       break_long_words=False, break_on_hyphens=False) or [""])
        return "\n".join(lines)

    def _format_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None) -> str:
        import re

        text = super()._format_usage(usage, actions, groups, prefix)
        body = text.rstrip("\n")
        if all(len(line) <= self._width for line in body.splitlines()):
            return text
        head = prefix if prefix is not None else argparse._("usage: ")  # type: ignore[attr-defined]
        flat = " ".join(body[len(head):].split()) if body.startswith(head) else " ".join(body.split())
        parts = re.findall(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+", flat)
        lines, line = [], head.rstrip() if len(head) > 12 else head + parts.pop(0)
        for part in parts:
            if len(line) + 1 + len(part) > self._width and line.strip():
                lines.append(line)
                line = "    " + part
            else:
                line = f"{line} {part}" if line.strip() else f"    {part}"
        lines.append(line)
        return "\n".join(lines) + "\n\n"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit status 2 and no traceback (its default).

    Its messages are said in the session's language (see `_usage_language`); a value that is not
    one of the choices is quoted with the language's quotes, as the other messages quote values.
    Its help is wrapped to the terminal (`_HelpFormatter`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        """The help, with the language's punctuation spacing (argparse adds the headings' colons itself)."""
        from cloudwizard.engine.typography import typeset

        return typeset(super().format_help(), _usage_lang)

    def format_usage(self) -> str:
        """The usage line, with the language's punctuation spacing."""
        from cloudwizard.engine.typography import typeset

        return typeset(super().format_usage(), _usage_lang)

    def error(self, message: str) -> NoReturn:
        """A usage error: the usage line, then the message (wrapped on a terminal, one line in a log); exit 2."""
        self.print_usage(sys.stderr)
        text = argparse._("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}  # type: ignore[attr-defined]
        self.exit(EXIT_USAGE, _for_stderr(text.rstrip("\n")) + "\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            from cloudwizard.engine.report.style import quote

            _ = gettext_for(_usage_lang)
            choices = ", ".join(quote(str(c), _usage_lang) for c in action.choices)
            raise argparse.ArgumentError(action, _("invalid choice: {value} (choose from {choices})").format(
                value=quote(str(value), _usage_lang), choices=choices))


def _language_in(args: Sequence[str]) -> str:
    """The language of a command line's usage errors: its ``--lang`` if it can be read, else the system's."""
    for at, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            args[at + 1] if arg == "--lang" and at + 1 < len(args) else None)
        if value in LANGUAGES:
            return value
    return system_language()


@contextlib.contextmanager
def _usage_language(lang: str) -> Iterator[None]:
    """The argparse module's own messages ("usage: ", "the following arguments are required: …") in `lang`.

    argparse looks its texts up through the module's ``_`` and ``ngettext`` at the moment it builds a
    parser or reports an error; they are pointed at our catalogs (which hold argparse's message ids)
    for as long as the block runs.
    """
    global _usage_lang
    saved = argparse._, argparse.ngettext, _usage_lang  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext_for(lang), ngettext_for(lang)  # type: ignore[attr-defined]
    _usage_lang = lang
    try:
        yield
    finally:
        argparse._, argparse.ngettext, _usage_lang = saved  # type: ignore[attr-defined]


#: Each command and what it does, as both help listings show it (the app's epilog, the commands').
COMMAND_HELP: dict[str, str] = {
    "ask": N_("answer the questionnaire in the terminal"),
    "recommend": N_("advice for an answers file"),
    "validate": N_("check questionnaire files and run their scenario tests"),
    "schema": N_("print the JSON Schema of the questionnaire format"),
    "influence": N_("how much each question changes the advice"),
    "evaluate": N_("score the advice against independent cases"),
    "kiosk-pin": N_("make the staff PIN lines for a kiosk configuration"),
}


def _gui_parser() -> argparse.ArgumentParser:
    """The app's parser; its help texts in the language of `_usage_language` (English outside it)."""
    _ = gettext_for(_usage_lang)
    helps = {name: _(text) for name, text in COMMAND_HELP.items()}
    helps["recommend"] = _("advice for an answers file, as {formats}").format(formats=_format_names(_))
    width = max(len(name) for name in helps) + 2
    p = _Parser(
        prog="cloudwizard",
        description=_("CloudWizard: which cloud deployment model and service layer fits you, and why. "
                      "Without a command, the desktop app opens."),
        epilog=_("Commands (cloudwizard COMMAND --help for more):") + "\n"
        + "".join(f"  {name:<{width}}{text}\n" for name, text in helps.items()),
    )
    p.add_argument("--version", action="version", version=f"CloudWizard {__version__}",
                   help=_("show program's version number and exit"))
    p.add_argument("--lang", choices=LANGUAGES, help=_("language of the app (default: the system's)"))
    p.add_argument("--questionnaire", type=Path, metavar=_("FILE"),
                   help=_("use this questionnaire instead of the bundled one"))
    p.add_argument("--kiosk", action="store_true", help=_("run as a kiosk for walk-up visitors"))
    p.add_argument("--quit-after-first-paint", action="store_true",
                   help=_("start, paint the first page, and exit 0 (for start-up measurements)"))
    p.add_argument("answers_file", nargs="?", type=Path, metavar=_("ANSWERS_FILE"), help=_("an answers file to open"))
    return p


def _command_parser() -> argparse.ArgumentParser:
    """The commands' parser; its help texts in the language of `_usage_language` (English outside it)."""
    from cloudwizard.engine.numbers import format_number
    from cloudwizard.kioskpin import DEFAULT_ITERATIONS, MIN_ITERATIONS

    _ = gettext_for(_usage_lang)
    file, number = _("FILE"), _("N")  # the placeholders of the usage lines, in the language too
    answers_file = _("ANSWERS_FILE")
    questionnaire = _("questionnaire file (default: the bundled one)")
    report_format = _("format of the report at the end (default: the suffix of -o's file, {suffixes}, or markdown "
                      "if it has none; else the terminal's own on a terminal, markdown elsewhere; pdf needs "
                      "-o)").format(suffixes=_suffixes())
    advice_format = _("format of the advice (default: the suffix of -o's file, {suffixes}, or markdown if it has "
                      "none; else the terminal's own on a terminal, markdown elsewhere; pdf needs -o)").format(
        suffixes=_suffixes())
    p = _Parser(prog="cloudwizard")
    p.add_argument("--version", action="version", version=f"CloudWizard {__version__}",
                   help=_("show program's version number and exit"))
    sub = p.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help=_(COMMAND_HELP["ask"]))
    ask.add_argument("--lang", choices=LANGUAGES, help=_("language (default: the system's)"))
    ask.add_argument("--questionnaire", type=Path, metavar=file, help=questionnaire)
    ask.add_argument("--format", choices=_file_formats(), default=None, help=report_format)
    ask.add_argument("-o", "--output", type=Path, metavar=file, help=_("also write the report to this file"))
    ask.add_argument("--save", type=Path, metavar=file, help=_("save the answers to this file, also when you stop early"))
    ask.add_argument("--answers", type=Path, metavar=file,
                     help=_("go on from this answers file (saved back to it unless --save is given)"))

    rec = sub.add_parser("recommend", help=_(COMMAND_HELP["recommend"]))
    rec.add_argument("answers_file", nargs="?", type=Path, metavar=answers_file, help=_("the answers file"))
    rec.add_argument("--answers", type=Path, metavar=file,  # the catalogs name ANSWERS_FILE as its metavar does
                     help=_("the answers file (the same as ANSWERS_FILE)"))
    rec.set_defaults(answers_parser=rec)
    rec.add_argument("--questionnaire", type=Path, metavar=file, help=questionnaire)
    rec.add_argument("--lang", choices=LANGUAGES, help=_("language (default: the answers file's)"))
    rec.add_argument("--format", choices=_file_formats(), default=None, help=advice_format)
    rec.add_argument("-o", "--output", type=Path, metavar=file, help=_("write the report here instead of to standard output"))

    val = sub.add_parser("validate", help=_(COMMAND_HELP["validate"]))
    val.add_argument("--strict", action="store_true", help=_("treat warnings (e.g. missing translations) as errors"))
    val.add_argument("--lang", choices=LANGUAGES, help=_("language of the messages (default: the system's)"))
    val.add_argument("files", nargs="+", type=Path, metavar=file, help=_("the questionnaire files to check"))

    sch = sub.add_parser("schema", help=_(COMMAND_HELP["schema"]))
    sch.add_argument("--lang", choices=LANGUAGES, help=_("language of the messages (default: the system's)"))
    sch.add_argument("-o", "--output", type=Path, metavar=file, help=_("write it to this file"))

    inf = sub.add_parser("influence", help=_(COMMAND_HELP["influence"]))
    inf.add_argument("--questionnaire", type=Path, metavar=file, help=questionnaire)
    inf.add_argument("--lang", choices=LANGUAGES, help=_("language of the report (default: the system's)"))
    inf.add_argument("--samples", type=_whole_number, metavar=number, default=None,
                     help=_("answer sets to sample (default {count})").format(
                         count=format_number(DEFAULT_SAMPLES, _usage_lang)))

    ev = sub.add_parser("evaluate", help=_(COMMAND_HELP["evaluate"]),
                        description=_("Run each case's answers through the recommender and compare the advice with "
                                      "what the case's source chose (see docs/advice-quality.md)."))
    ev.add_argument("cases", nargs="*", type=Path, metavar=_("CASES"),
                    help=_("case files (*.case.yaml) or folders of them (default: the bundled corpus)"))
    ev.add_argument("--questionnaire", type=Path, metavar=file, help=questionnaire)
    ev.add_argument("--lang", choices=LANGUAGES,
                    help=_("language of the report, of the case titles and of the answers and reasons quoted from "
                           "the questionnaire (default: the system's)"))
    ev.add_argument("--json", action="store_true", help=_("print the result as JSON"))

    pin = sub.add_parser("kiosk-pin", help=_(COMMAND_HELP["kiosk-pin"]),
                         description=_("Ask for a new staff PIN (6 to 12 digits) twice and print the pin_hash/pin_salt "
                                       "lines to paste under [kiosk] in the kiosk configuration (see "
                                       "packaging/kiosk/README.md)."))
    pin.add_argument("--iterations", type=_whole_number, metavar=number,
                     help=_("PBKDF2-SHA256 iterations (default {default}, at least "
                                                      "{least})").format(default=format_number(DEFAULT_ITERATIONS, _usage_lang),
                                                                         least=format_number(MIN_ITERATIONS, _usage_lang)))
    pin.add_argument("--stdin", action="store_true", help=_("read the PIN from the first line of standard input"))
    return p


def _file_formats() -> tuple[str, ...]:
    from cloudwizard.engine.report.formats import FILE_FORMATS  # the registry only (no renderer, no Qt)

    return FILE_FORMATS


#: The formats' names that are words (the others, PDF, HTML …, are the same in every language).
_FORMAT_WORDS = {"Text": N_("Text")}


def _format_names(_: Callable[[str], str] = str) -> str:
    """The file formats' names from the FORMATS registry: "PDF, Markdown, HTML, Text or JSON" (in `_`'s language)."""
    from cloudwizard.engine.report.formats import FORMATS

    names = [_(_FORMAT_WORDS[f.file_filter]) if f.file_filter in _FORMAT_WORDS else f.file_filter
             for f in FORMATS.values() if f.to_file]
    if len(names) < 2:
        return "".join(names)
    return _("{names} or {last}").format(names=", ".join(names[:-1]), last=names[-1])


def _suffixes() -> str:
    """The file name suffixes the formats are known by: ".pdf .md .html .txt .json"."""
    from cloudwizard.engine.report.formats import FORMATS

    return " ".join(f.suffix for f in FORMATS.values() if f.to_file and f.suffix)


class UnknownSuffix(ValueError):
    """``-o`` names a file whose suffix is no known format, and no ``--format`` is given."""

    def __init__(self, output: Path) -> None:
        super().__init__(str(output))
        self.output = output


def build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The app's parser and the commands' parser, for tools that document them (packaging/make_manpage.py)."""
    return _gui_parser(), _command_parser()


#: Other spellings of the formats' file name suffixes.
_SUFFIX_ALIASES = {".markdown": "markdown", ".htm": "html", ".text": "text"}


def format_for_output(fmt: str | None, output: Path | None) -> str | None:
    """The report format: `fmt` when given, else the one `output`'s suffix names (``-o advice.pdf``).

    A file without a suffix gets Markdown; a suffix that names no format (``-o advice.xyz``) is
    refused, since writing Markdown under it would surprise. Without a file the caller decides (the
    terminal's own rendering on a terminal).

    Raises:
        UnknownSuffix: `output`'s suffix names no format and `fmt` is None.
    """
    if fmt is not None or output is None:
        return fmt
    from cloudwizard.engine.report.formats import FORMATS

    suffix = output.suffix.lower()
    by_suffix = {f.suffix: f.id for f in FORMATS.values() if f.to_file and f.suffix}
    if not suffix:
        return "markdown"
    found = by_suffix.get(suffix) or _SUFFIX_ALIASES.get(suffix)
    if found is None:
        raise UnknownSuffix(output)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    usage_lang = _language_in(args)
    args = _command_first(args)
    lang: str | None = None  # the session's language once known (for "Interrupted.")
    try:
        if args and args[0] in COMMANDS:
            with _usage_language(usage_lang):
                parser = _command_parser()
                ns, extras = parser.parse_known_args(args)
                if extras:  # said under the command's own usage line, not the app's
                    _subparser(parser, ns.command).error(
                        argparse._("unrecognized arguments: %s") % " ".join(extras))  # type: ignore[attr-defined]
                if ns.command == "recommend":
                    ns.answers = _answers_argument(ns)
            if not hasattr(ns, "lang"):  # kiosk-pin: its messages in the usage's language
                ns.lang = usage_lang
            lang = getattr(ns, "lang", None)
            if hasattr(ns, "format") and hasattr(ns, "output"):
                try:
                    ns.format = format_for_output(ns.format, ns.output)
                except UnknownSuffix as e:  # a usage error, said at once, before any question is asked
                    _ = gettext_for(getattr(ns, "lang", None) or system_language())
                    sys.stderr.write(_command_usage(ns.command, getattr(ns, "lang", None) or usage_lang))
                    _err(_("-o {file}: no report format has the suffix {suffix}; use one of {suffixes}, "
                           "or give --format").format(file=e.output, suffix=e.output.suffix, suffixes=_suffixes()))
                    return EXIT_USAGE
            if getattr(ns, "format", None) == "pdf" and ns.output is None:  # a usage error, said at once
                _ = gettext_for(getattr(ns, "lang", None) or system_language())
                sys.stderr.write(_command_usage(ns.command, getattr(ns, "lang", None) or usage_lang))
                _err(_("--format pdf writes a file: give it with -o FILE.pdf"))
                return EXIT_USAGE
            handler: Callable[[argparse.Namespace], int] = {
                "ask": cmd_ask,
                "recommend": cmd_recommend,
                "validate": cmd_validate,
                "schema": cmd_schema,
                "influence": cmd_influence,
                "evaluate": cmd_evaluate,
                "kiosk-pin": cmd_kiosk_pin,
            }[ns.command]
            if sys.stdout is None:  # started with standard output closed (`>&-`)
                sys.stdout = _ClosedOutput()
            try:
                status = handler(ns)
                sys.stdout.flush()  # a failed write still in the buffer is reported here, not at exit
                return status
            except BrokenPipeError:
                raise
            except OSError as exc:
                if not _is_stdout_error(exc):
                    raise
                _discard_stdout()
                _ = gettext_for(getattr(ns, "lang", None) or system_language())
                _err(_("cannot write to standard output: {reason}").format(reason=_stdout_reason(exc, _)))
                return EXIT_INVALID
        with _usage_language(usage_lang):
            ns = _gui_parser().parse_args(args)
        return cmd_gui(ns)
    except KeyboardInterrupt:
        print("\n" + gettext_for(lang or system_language())("Interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE


#: The commands that take ``--lang`` themselves.
_LANG_COMMANDS = ("ask", "recommend", "validate", "evaluate", "schema", "influence")


def _command_first(args: list[str]) -> list[str]:
    """`args` with a leading ``--lang X`` moved behind the command: ``cloudwizard --lang fr ask`` is ``ask --lang fr``.

    A command without a ``--lang`` of its own (``kiosk-pin``) drops it: its
    help and usage errors are still said in that language (`_language_in` read it before).
    """
    if args[:1] == ["--lang"] and len(args) > 2 and args[2] in COMMANDS:
        given, rest = args[:2], args[2:]
    elif args[:1] and args[0].startswith("--lang=") and len(args) > 1 and args[1] in COMMANDS:
        given, rest = args[:1], args[1:]
    else:
        return args
    return [rest[0], *given, *rest[1:]] if rest[0] in _LANG_COMMANDS else rest


def _answers_argument(ns: argparse.Namespace) -> Path:
    """The answers file of ``recommend``: ANSWERS_FILE or ``--answers`` (both only if they name the same file).

    Raises:
        SystemExit: neither is given, or both name different files (a usage error, status 2).
    """
    parser: argparse.ArgumentParser = ns.answers_parser
    _ = gettext_for(_usage_lang)
    given: Path | None = ns.answers_file
    option: Path | None = ns.answers
    if given is None and option is None:
        parser.error(_("the following arguments are required: %s") % (_("ANSWERS_FILE") + " (--answers)"))
    if given is not None and option is not None and given.resolve() != option.resolve():
        parser.error(_("two answers files are given, {file} and --answers {option}; give one").format(
            file=given, option=option))
    found = given if given is not None else option
    assert found is not None  # parser.error() does not return
    return found


class _ClosedOutput(io.TextIOBase):
    """Standard output when the program was started without one: every write fails (EBADF)."""

    def write(self, _text: str) -> int:
        """Refuse, as a closed file descriptor does."""
        raise OSError(errno.EBADF, "standard output is closed")


def _is_stdout_error(exc: OSError) -> bool:
    """Whether `exc` came from writing to standard output (the commands handle their own files)."""
    if isinstance(sys.stdout, _ClosedOutput):
        return exc.errno == errno.EBADF
    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF, errno.EFBIG)


def _stdout_reason(exc: OSError, _: Callable[[str], str] = str) -> str:
    """Why writing failed, in the language of `_` for the common reasons."""
    reasons = {errno.ENOSPC: _("the disk is full"), errno.EDQUOT: _("the disk quota is used up"),
               errno.EBADF: _("it is closed"), errno.EFBIG: _("the file is too large"),
               errno.EIO: _("an input/output error")}
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _discard_stdout() -> None:
    """Point standard output at the null device, so the exit's own flush cannot fail again."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of `command` within the commands' `parser` (`parser` itself if there is none)."""
    for action in parser._subparsers._group_actions if parser._subparsers is not None else ():
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def _whole_number(text: str) -> int:
    """An option's value that must be a whole number (``--samples 300``); refused in words, in the usage's language.

    Raises:
        argparse.ArgumentTypeError: `text` is not a whole number.
    """
    try:
        return int(text)
    except ValueError:
        from cloudwizard.engine.report.style import quote

        raise argparse.ArgumentTypeError(gettext_for(_usage_lang)("{value} is not a whole number").format(
            value=quote(text, _usage_lang))) from None


def _command_usage(command: str, lang: str | None) -> str:
    """The usage line of `command` ("Aufruf: cloudwizard recommend …") in `lang`, for a usage error said later."""
    with _usage_language(lang or system_language()):
        parser = _command_parser()
        for action in parser._subparsers._group_actions if parser._subparsers is not None else ():
            if isinstance(action, argparse._SubParsersAction) and command in action.choices:
                return action.choices[command].format_usage()
        return parser.format_usage()


def _err(message: str) -> None:
    from cloudwizard.engine.diagnostics import one_line  # a path or a quoted value must not drive the terminal

    print(_for_stderr(f"cloudwizard: {one_line(message)}"), file=sys.stderr)


def _for_stderr(text: str) -> str:
    """A one-line message for standard error: wrapped at word boundaries when a person reads it there.

    On a terminal the further lines are indented by two spaces; a log or a pipe gets the one line.
    """
    if not _stream_is_tty(sys.stderr):
        return text
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
    return "\n".join(textwrap.wrap(text, width=width, subsequent_indent="  ", break_long_words=False,
                                    break_on_hyphens=False)) or text


#: The start of a located problem line, up to its message: ``FILE:LINE:COL: error: `` (the severity in any language).
_LOCATION = re.compile(r"^(.+?(?::\d+){0,2}: [^\W\d_]+\u00a0?: )\S")  # French: "erreur\u00a0: "


def _print_problems(text: str) -> None:
    """Problem lines (``FILE:LINE:COL: severity: message``) on standard error.

    A log or a tool reading them gets one line per problem, as ``validate`` promises; on a terminal
    a line longer than the window is wrapped at word boundaries, its further lines indented under
    the message (or by four spaces when the location is long), so that each problem still starts at
    the left margin.
    """
    if _stream_is_tty(sys.stderr):
        import shutil
        import textwrap

        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        wrapped = []
        for line in text.splitlines():
            found = _LOCATION.match(line)
            hang = len(found.group(1)) if found and len(found.group(1)) <= width * 2 // 5 else 4
            wrapped.extend(textwrap.wrap(line, width=width, subsequent_indent=" " * hang, break_long_words=False,
                                         break_on_hyphens=False) or [line])
        text = "\n".join(wrapped)
    print(text, file=sys.stderr)


# -- GUI ---------------------------------------------------------------------------------------


def cmd_gui(ns: argparse.Namespace) -> int:
    """Start the desktop app (the only place Qt is imported)."""
    if ns.questionnaire is not None and not _questionnaire_ok(ns.questionnaire, ns.lang or system_language()):
        return EXIT_INVALID
    from cloudwizard.gui.display import missing_display  # issue 14: no display, said plainly (not Qt's abort)

    if (no_display := missing_display(ns.lang or system_language())) is not None:
        print(no_display, file=sys.stderr)
        return EXIT_INVALID
    from cloudwizard.gui.app import run

    return run(ns)


# -- loading -----------------------------------------------------------------------------------


def _questionnaire_ok(path: Path, lang: str = "en") -> bool:
    """Whether the questionnaire at `path` loads; if not, its problems are said in `lang` (as by ``validate``)."""
    from cloudwizard.engine.diagnostic_text import format_report
    from cloudwizard.engine.loader import load_questionnaire

    result = load_questionnaire(path)
    if result.questionnaire is None:
        _ = gettext_for(lang)
        _print_problems(format_report(result.report, lang))
        _err(_("{path}: the questionnaire has errors; nothing was run").format(path=path))
        return False
    return True


def _load(path: Path | None, lang: str = "en") -> Questionnaire | None:
    """The questionnaire at `path` (the bundled one when None); its problems said on standard error.

    The problems are printed as ``validate`` prints them (``FILE:LINE:COL: severity: message``, in
    `lang`), then a closing line in `lang`.
    """
    from cloudwizard.engine.diagnostic_text import format_report
    from cloudwizard.engine.loader import bundled_path, load_questionnaire

    result = load_questionnaire(path or bundled_path())
    if result.questionnaire is None:
        _ = gettext_for(lang)
        _print_problems(format_report(result.report, lang))
        _err(_("{path}: the questionnaire has errors; nothing was run").format(
            path=path or _("the bundled questionnaire")))
    return result.questionnaire


def _write_output(text: str, output: Path | None, lang: str = "en") -> int:
    """`text` to standard output, or to the file `output` (then "wrote FILE" is said in `lang`)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    from cloudwizard.engine.answers import SaveError, write_atomic

    try:
        write_atomic(output, text)
    except SaveError as exc:
        from cloudwizard.terminal import save_failure

        _err(gettext_for(lang)("{path} could not be saved: {reason}.").format(
            path=output, reason=save_failure(exc, lang)))
        return EXIT_INVALID
    _err(gettext_for(lang)("wrote {path}").format(path=output))
    return EXIT_OK


# -- recommend ---------------------------------------------------------------------------------


def cmd_recommend(ns: argparse.Namespace) -> int:
    """``cloudwizard recommend``: advice for an answers file."""
    from cloudwizard.engine.answers import read_answers
    from cloudwizard.engine.recommender import recommend

    q = _load(ns.questionnaire, ns.lang or system_language())
    if q is None:
        return EXIT_INVALID
    result = read_answers(ns.answers, q)
    lang = ns.lang or result.language or (result.data.language if result.data is not None else system_language())
    _print_answers_problems(result.report, lang, q)
    if result.data is None:
        _answers_unusable(ns.answers, lang)
        return EXIT_INVALID
    _warn_if_unfinished(q, result.data, ns.answers, ns.questionnaire, lang)
    rec = recommend(q, result.data.answers)
    return _emit_report(rec, ns.format, lang, ns.output, justification=_justification(result.data.justification))


def _answers_unusable(path: Path, lang: str) -> None:
    """The closing line when the answers file at `path` cannot be used: it does not exist, or it was left unchanged."""
    _ = gettext_for(lang)
    if not path.exists() and not path.is_symlink():
        _err(_("{path}: this answers file does not exist; nothing was run").format(path=path))
    else:
        _err(_("{path}: cannot use this answers file; it was left unchanged").format(path=path))


def _justification(kept: tuple[str, str] | None) -> Justification | None:
    """The comply-or-explain kept in an answers file (model chosen, reason), for the report."""
    if kept is None:
        return None
    from cloudwizard.engine.report.view import Justification

    return Justification(*kept)


def _print_answers_problems(report: Report, lang: str, q: Questionnaire | None = None) -> None:
    """The problems found in an answers file, on standard error, in the session's language.

    Each at ``FILE:LINE:COL``; a problem with the whole file (no such file) at ``FILE`` alone.
    """
    if report.diagnostics:
        from cloudwizard.engine.diagnostic_text import format_report

        _print_problems(format_report(report, lang, q))  # questions by their text


def _warn_if_unfinished(q: Questionnaire, data: AnswersFile, path: Path, questionnaire: Path | None,
                        lang: str) -> None:
    """Say on standard error when required questions are still open (a run stopped early), and how to go on."""
    import shlex

    from cloudwizard.engine.session import Session

    session = Session.from_file(q, data)
    open_count = sum(1 for p in session.problems() if p.kind == "required")
    if not open_count:
        return
    words = ["cloudwizard", "ask", *(["--questionnaire", str(questionnaire)] if questionnaire else []),
             "--answers", str(path)]
    _ = gettext_for(lang)
    _err(_("{path}: some questions are not answered yet (open: {count}); this advice rests on the "
           "answers so far. To go on answering: {command}").format(
        path=path, count=open_count, command=shlex.join(words)))


# -- validate ----------------------------------------------------------------------------------


def cmd_validate(ns: argparse.Namespace) -> int:
    """``cloudwizard validate``: check files and run their scenarios; exit 1 if any is invalid.

    The problems are printed ``FILE:LINE:COL: severity: message`` in the session's language
    (``--lang``, else the system's), as every other command prints them; a message that has no
    translation yet stays English (`diagnostic_text.translate`).
    """
    from cloudwizard.engine.diagnostic_text import format_report
    from cloudwizard.engine.diagnostics import Report, one_line
    from cloudwizard.engine.loader import load_questionnaire
    from cloudwizard.engine.scenarios import run_scenarios

    lang = ns.lang or system_language()
    _ = gettext_for(lang)
    ngettext = ngettext_for(lang)
    failed = False
    for path in ns.files:
        shown = one_line(str(path))  # the file's name is printed too: ESC or a line break in it stays inert
        result = load_questionnaire(path)
        report = result.report
        scenarios = []
        if result.questionnaire is not None:
            scenario_report = Report()
            scenarios = run_scenarios(result.questionnaire, scenario_report)
            report.extend(scenario_report)
        if report.diagnostics:
            _print_problems(format_report(report, lang))  # ids, not texts: the reader is the author
        ok = report.ok(strict=ns.strict)
        failed |= not ok
        if ok and result.questionnaire is not None:
            q = result.questionnaire
            passed = sum(1 for s in scenarios if s.passed)
            warnings = len(report.warnings)
            print(_("{file}: valid ({questions} questions in {sections} sections, {passed}/{total} scenarios passed, "
                    "{warnings})").format(file=shown, questions=len(q.questions), sections=len(q.sections),
                                          passed=passed, total=len(scenarios),
                                          warnings=ngettext("{count} warning", "{count} warnings",
                                                            warnings).format(count=warnings)))
        else:
            errors = len(report.errors) + (len(report.warnings) if ns.strict else 0)
            print(f"{shown}: " + ngettext("invalid ({count} problem)", "invalid ({count} problems)",
                                          errors).format(count=errors))
    return EXIT_INVALID if failed else EXIT_OK


def cmd_schema(ns: argparse.Namespace) -> int:
    """``cloudwizard schema``: the JSON Schema generated from the format's declaration."""
    import json

    from cloudwizard.engine.schema import json_schema

    return _write_output(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", ns.output,
                         getattr(ns, "lang", None) or system_language())


def cmd_influence(ns: argparse.Namespace) -> int:
    """``cloudwizard influence``: how often each question changes the top recommendation."""
    from cloudwizard.engine.numbers import format_number

    lang = getattr(ns, "lang", None) or system_language()
    _ = gettext_for(lang)
    try:
        from cloudwizard.engine.influence import format_influence, influence
    except ImportError:
        _err(_("the influence report is not available in this build"))
        return EXIT_INVALID
    from cloudwizard.engine.influence import MAX_SAMPLES  # issue 14: a bounded run

    given = ns.samples is not None  # named in messages only when the person gave it
    if not given:
        ns.samples = DEFAULT_SAMPLES
    if not 1 <= ns.samples <= MAX_SAMPLES:
        _err(_("--samples must be from 1 to {most} (got {samples})").format(
            most=format_number(MAX_SAMPLES, lang), samples=format_number(ns.samples, lang)))
        return EXIT_USAGE
    q = _load(ns.questionnaire, lang)
    if q is None:
        return EXIT_INVALID
    from cloudwizard.engine.influence import max_samples, questionnaire_size

    if ns.samples > (most := max_samples(q)):  # the cost grows with the square of the questionnaire's size
        size = format_number(questionnaire_size(q), lang)
        if most < 1:
            _err(_("the questionnaire is too large for an influence report ({size} questions and choices; "
                   "the cost grows with the square of that)").format(size=size))
            return EXIT_INVALID
        why = _("at most {most} samples for a questionnaire of {size} questions and choices").format(
            most=format_number(most, lang), size=size)
        # name the option only when the person gave it: the default is theirs to change, not their mistake
        _err(_("{option}: {reason}").format(option="--samples", reason=why) if given
             else _("{reason}; give fewer with --samples N").format(reason=why))
        return EXIT_USAGE
    progress = _InfluenceProgress(sys.stderr, lang=lang) if _stream_is_tty(sys.stderr) else None
    try:
        rows = influence(q, samples=ns.samples, progress=progress)
    finally:
        if progress is not None:
            progress.clear()
    print(format_influence(rows, lang=lang))
    return EXIT_OK


class _InfluenceProgress:
    """``12 % (1,200 of 10,000 samples)`` on a terminal, rewritten in place a few times a second."""

    #: Seconds between two updates at the least: redrawing more often only costs time.
    INTERVAL = 0.25

    def __init__(self, stream: TextIO, clock: Callable[[], float] | None = None, lang: str = "en") -> None:
        import time

        self.stream = stream
        self.lang = lang
        self.clock = clock or time.monotonic
        self.shown = ""
        self.last = -self.INTERVAL

    def __call__(self, done: int, total: int) -> None:
        """Show `done` of `total` samples, unless the last update was less than `INTERVAL` ago."""
        now = self.clock()
        if now - self.last < self.INTERVAL and done < total:
            return
        self.last = now
        from cloudwizard.engine.numbers import format_number

        self.shown = ngettext_for(self.lang)("{percent} % ({done} of {total} sample)",
                                             "{percent} % ({done} of {total} samples)", total).format(
            percent=done * 100 // total, done=format_number(done, self.lang), total=format_number(total, self.lang))
        self.stream.write(f"\r{self.shown}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        """Remove the progress line, so the report (or an error) starts on a clean line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = ""


def cmd_kiosk_pin(ns: argparse.Namespace) -> int:
    """``cloudwizard kiosk-pin``: the salted PIN hash for a kiosk configuration (no Qt needed)."""
    from cloudwizard.kioskpin import main as pin_main

    argv = ["--stdin"] if ns.stdin else []
    if ns.iterations is not None:
        argv += ["--iterations", str(ns.iterations)]
    return pin_main(argv)


# -- evaluate ----------------------------------------------------------------------------------


def cmd_evaluate(ns: argparse.Namespace) -> int:
    """``cloudwizard evaluate``: agreement of the advice with independent cases (engine/evaluation.py)."""
    from cloudwizard.engine.evaluation import bundled_cases, evaluate_cases, format_evaluation, format_json

    lang = ns.lang or system_language()
    _ = gettext_for(lang)
    q = _load(ns.questionnaire, lang)
    if q is None:
        return EXIT_INVALID
    paths = list(ns.cases) or [bundled_cases()]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]  # a broken link is read, and said
    for p in missing:
        _err(_("{path}: no such file or folder").format(path=p))
    if missing:
        return EXIT_INVALID
    result = evaluate_cases(q, paths, lang if lang in q.languages else q.fallback_language)
    if not result.cases_found:
        _err(_("no case files (*.case.yaml) in {paths}").format(paths=", ".join(str(p) for p in paths)))
        return EXIT_INVALID
    if ns.json:
        sys.stdout.write(format_json(result, lang))
    elif _stream_is_tty(sys.stdout):  # wrapped to the terminal, headings in bold, paged when long
        import os
        import shutil

        size = shutil.get_terminal_size((80, 24))
        color = not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"
        text = format_evaluation(result, lang, width=size.columns - 1, color=color)
        if text.count("\n") < size.lines - 1 or not _stream_is_tty(sys.stdin) or not _page(text):
            sys.stdout.write(text)
    else:
        sys.stdout.write(format_evaluation(result, lang))
    if ns.json and result.report.errors:
        from cloudwizard.engine.diagnostic_text import format_report

        print(format_report(result.report, lang, q), file=sys.stderr)  # in the session's language, as without --json
    return EXIT_INVALID if result.report.errors else EXIT_OK


# -- ask ---------------------------------------------------------------------------------------


def cmd_ask(ns: argparse.Namespace) -> int:
    """``cloudwizard ask``: the whole questionnaire in the terminal, then the advice on screen.

    Without ``-o`` the report goes to standard output (in ``--format``); with ``-o`` it is written
    to the file and the advice is also shown on screen. ``q`` (confirmed), Ctrl-C and the end of the
    input keep the answers so far in the ``--save`` file (or the ``--answers`` file being resumed).
    Exit status: 0 when the advice was given, 1 when the run stopped early, 130 on Ctrl-C.
    """
    from cloudwizard.engine.session import Session
    from cloudwizard.terminal import Outcome, TerminalAsker

    lang = ns.lang or system_language()
    q = _load(ns.questionnaire, lang)
    if q is None:
        return EXIT_INVALID
    _ = gettext_for(lang)
    for option, target in (("--save", ns.save), ("-o", ns.output)):  # said now, not after twenty questions
        if target is None:
            continue
        if not (target.parent if str(target.parent) else Path()).is_dir():
            _err(_("{path}: the folder does not exist; give {option} a file in an existing folder").format(
                path=target, option=option))
            return EXIT_USAGE
        if target.is_dir():
            _err(_("{path} is a folder; give {option} a file name").format(path=target, option=option))
            return EXIT_USAGE
        if target.exists() and not target.is_file():  # /dev/full, a FIFO: found now, not at the end
            _err(_("{path} is not a regular file (a device or a pipe); give {option} a file name").format(
                path=target, option=option))
            return EXIT_USAGE
        import os

        if not os.access(target.parent if str(target.parent) else Path(), os.W_OK):
            _err(_("{path}: the folder cannot be written to; give {option} a file in another folder").format(
                path=target, option=option))
            return EXIT_USAGE
    session = None
    if ns.answers is not None:
        from cloudwizard.engine.answers import read_answers

        result = read_answers(ns.answers, q)
        lang = ns.lang or result.language or (result.data.language if result.data is not None else lang)
        _print_answers_problems(result.report, lang, q)
        if result.data is None:
            _answers_unusable(ns.answers, lang)
            return EXIT_INVALID
        session = Session.from_file(q, result.data)
    # The report goes to standard output; when that is a pipe or a file, the questions go to
    # standard error so the report stays clean for the next program.
    prompts = sys.stdout if _stream_is_tty(sys.stdout) else sys.stderr
    asker = TerminalAsker(q, lang, sys.stdin, prompts, echo=not _stream_is_tty(sys.stdin), session=session,
                          save_path=ns.save or ns.answers,
                          line_editing=prompts is sys.stdout and _stream_is_tty(sys.stdin),
                          questionnaire_path=ns.questionnaire)
    outcome = asker.run()
    if outcome is Outcome.INTERRUPTED:
        return EXIT_INTERRUPTED
    if outcome is not Outcome.DONE:
        return EXIT_INVALID
    from cloudwizard.engine.recommender import recommend

    rec = recommend(q, asker.session.effective_answers())
    justification = _justification(asker.session.justification)  # kept from --answers FILE, never asked
    asker.say()
    if ns.output is None:
        code = _emit_report(rec, ns.format, lang, None, justification=justification)
        return _unsaved_answers(asker, lang) or code
    from cloudwizard.engine.report.view import build_view

    _show_in_terminal(build_view(rec, lang, justification), prompts)
    code = _emit_report(rec, ns.format, lang, ns.output, quiet=True, justification=justification)
    if code == EXIT_OK:
        _ = gettext_for(lang)
        asker.say(_("The advice is also saved in {path}.").format(path=ns.output))
    return _unsaved_answers(asker, lang) or code


def _unsaved_answers(asker: TerminalAsker, lang: str) -> int:
    """After the advice: when the answers could be saved nowhere, say so and fail (exit 1)."""
    if not asker.save_failed:
        return EXIT_OK
    _ = gettext_for(lang)
    _err(_("Your answers were not saved anywhere; nothing was saved. Save them in a folder with room "
           "(--save FILE)."))
    return EXIT_INVALID


# Characters that JSON may hold raw but that a terminal obeys: C1 controls (U+009B is a one-byte CSI),
# DEL, and the line and paragraph separators.
_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in [0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x200E, 0x200F,
                                             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def _write_report(text: str, fmt: str, output: Path | None, lang: str, *, quiet: bool = False) -> int:
    r"""Write a report of `fmt` to `output` or standard output, with control characters escaped.

    JSON escapes them as ``\u009b`` (still the same JSON value); other text formats show them as
    ``\x9b``-style escapes on standard output.
    """
    from cloudwizard.terminal import safe_for_terminal

    if fmt == "json":
        text = text.translate(_JSON_UNSAFE)
    elif output is None:
        text = safe_for_terminal(text)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    from cloudwizard.engine.answers import SaveError, write_atomic

    try:
        write_atomic(output, text)
    except SaveError as exc:
        _report_not_saved(output, exc, lang)
        return EXIT_INVALID
    if not quiet:
        _ = gettext_for(lang)
        _err(_("wrote {path}").format(path=output))
    return EXIT_OK


# -- the report --------------------------------------------------------------------------------


def _emit_report(rec: Recommendation, fmt: str | None, lang: str, output: Path | None, *, quiet: bool = False,
                 justification: Justification | None = None) -> int:
    """Write the advice: to `output` in `fmt`, or to standard output (a terminal gets it wrapped and paged).

    Control characters are escaped on standard output (and in JSON everywhere); `quiet` leaves out
    the "wrote FILE" line when the caller says where the file went itself; `justification` is a
    public body's comply-or-explain from its answers file.
    """
    from cloudwizard.engine.report.view import build_view

    view = build_view(rec, lang, justification)
    if fmt == "pdf":
        if output is None:
            _ = gettext_for(lang)
            _err(_("--format pdf writes a file: give it with -o FILE.pdf"))
            return EXIT_USAGE
        return _write_pdf(view, output, lang, quiet=quiet)
    if fmt is None and output is None and _stream_is_tty(sys.stdout):
        return _show_in_terminal(view)
    from cloudwizard.engine.report.formats import render_text

    return _write_report(render_text(view, fmt or "markdown"), fmt or "markdown", output, lang, quiet=quiet)


def _report_not_saved(output: Path, exc: OSError, lang: str) -> None:
    """Say, in `lang`, that the report could not be written to `output`, and why."""
    from cloudwizard.terminal import save_failure

    _ = gettext_for(lang)
    _err(_("{path}: the report could not be saved: {reason}. The previous file, if any, is unchanged.").format(
        path=output, reason=save_failure(exc, lang)))


def _write_pdf(view: ReportView, output: Path, lang: str, *, quiet: bool = False) -> int:
    from cloudwizard.engine.answers import SaveError
    from cloudwizard.engine.report.document import build_document

    _ = gettext_for(lang)
    try:
        from cloudwizard.pdf import write_pdf  # the only command-line path that imports Qt
    except ImportError as exc:
        _err(_("PDF export needs PySide6 (Qt), which could not be loaded: {error}").format(error=exc))
        return EXIT_INVALID
    try:
        pages = write_pdf(build_document(view), output)
    except SaveError as exc:
        _report_not_saved(output, exc, lang)
        return EXIT_INVALID
    if not quiet:
        _err(_("wrote {path} ({pages} pages)").format(path=output, pages=pages))
    return EXIT_OK


def _show_in_terminal(view: ReportView, stream: TextIO | None = None) -> int:
    """The report wrapped to the terminal's width, through a pager when it is longer than the screen.

    `stream` (standard output by default) is where it goes; only standard output is paged.
    """
    import os
    import shutil

    from cloudwizard.engine.report import terminal
    from cloudwizard.engine.report.document import build_document

    size = shutil.get_terminal_size((80, 24))
    color = not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"
    text = terminal.render(build_document(view), width=size.columns - 1, color=color)
    out = sys.stdout if stream is None else stream
    if (out is not sys.stdout or text.count("\n") < size.lines - 1 or not _stream_is_tty(sys.stdin)
            or not _page(text)):
        out.write(text)
        out.flush()
    return EXIT_OK


def _page(text: str) -> bool:
    """Show `text` through ``$PAGER`` (default ``less -R``); False when there is no pager to run."""
    import contextlib
    import os
    import shlex
    import shutil
    import subprocess

    pager = os.environ.get("PAGER")
    command = shlex.split(pager) if pager else (["less", "-R"] if shutil.which("less") else ["more"])
    if not command or shutil.which(command[0]) is None:
        return False
    import signal

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit at once if it fits, keep the text on screen, pass colours
    if Path(command[0]).name == "less" and not {"-R", "-r"} & set(command[1:]):
        command.append("-R")  # a LESS of the user's own (LESS=-i) would show the bold headings as "ESC[1m"
    # Ctrl-C in the pager is the pager's (less stops a search with it); as git does, this process
    # ignores it meanwhile instead of dying under the pager and leaving the terminal to it.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    except OSError:
        signal.signal(signal.SIGINT, previous)
        return False
    try:
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
            process.stdin.write(text.encode("utf-8"))
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


def _stream_is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
