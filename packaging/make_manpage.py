#!/usr/bin/env python3
"""Write the manual page ``cloudwizard.1`` from the command line's own argparse parsers.

    python packaging/make_manpage.py > cloudwizard.1      # then: man -l cloudwizard.1

Every option and command, with its help text, choices and defaults, comes from
``cloudwizard.cli.build_parsers()``, and the exit statuses from the module's docstring, so the page
cannot drift from ``cloudwizard --help``. ``build_deb.sh`` installs it as
``/usr/share/man/man1/cloudwizard.1.gz``. The date is ``SOURCE_DATE_EPOCH`` when set (reproducible
builds), else the last commit's, else today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cloudwizard import __version__, cli  # noqa: E402 - the checkout, after sys.path is set


def roff(text: str) -> str:
    """Escape text for roff: backslashes, hyphens (so they stay ASCII minus), leading dots/quotes."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.splitlines())


def page_date() -> str:
    """The page's date: SOURCE_DATE_EPOCH, else the last commit's, else today (YYYY-MM-DD)."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%d")
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"], capture_output=True,
                             text=True, check=False, timeout=10).stdout.strip()
    except OSError:
        out = ""
    return out if re.fullmatch(r"\d{4}-\d{2}-\d{2}", out) else dt.date.today().isoformat()


def metavar(action: argparse.Action) -> str:
    """How the option's value is written: its choices, its metavar, or its destination in capitals."""
    if action.nargs == 0:
        return ""
    if action.choices:
        return "{" + ",".join(str(c) for c in action.choices) + "}"
    if isinstance(action.metavar, str):
        return action.metavar
    if action.type is Path:
        return "FILE"
    if action.type is int:
        return "N"
    return action.dest.upper()


def sentence(text: str) -> str:
    """Help text as a sentence in the page: capital first letter, paths as installed."""
    text = text.strip().replace("packaging/kiosk/README.md", "/usr/share/doc/cloudwizard/kiosk/README.md")
    return text[:1].upper() + text[1:] if text else text


def option_items(parser: argparse.ArgumentParser) -> list[str]:
    """One ``.TP`` item per option and positional argument of ``parser`` (not --help)."""
    items = []
    for action in parser._actions:  # argparse has no public list of its actions
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        value = metavar(action)
        if action.option_strings:
            names = ", ".join(f"\\fB{roff(o)}\\fR" for o in action.option_strings)
            head = names + (f" \\fI{roff(value)}\\fR" if value else "")
        else:
            head = f"\\fI{roff(value)}\\fR" + (" ..." if action.nargs in ("+", "*") else "")
        help_text = action.help or ""
        if isinstance(action, argparse._VersionAction):
            help_text = "print the version (" + str(action.version) + ") and exit"
        elif action.default not in (None, False, argparse.SUPPRESS) and "default" not in help_text:
            help_text = f"{help_text} (default: {action.default})" if help_text else f"Default: {action.default}."
        if action.required and action.option_strings:
            help_text += " (required)"
        items.append(f".TP\n{head}\n{roff(sentence(help_text))}" if help_text else f".TP\n{head}\n")
    return items


def synopsis_of(parser: argparse.ArgumentParser, prefix: str) -> str:
    """``cloudwizard recommend --answers FILE [options]`` from the parser's required/positional arguments."""
    parts = [f".B {prefix}"]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        value = metavar(action)
        if action.option_strings and action.required:
            parts.append(f"\\fB{roff(action.option_strings[-1])}\\fR \\fI{roff(value)}\\fR")
        elif not action.option_strings and not isinstance(action, argparse._SubParsersAction):
            word = f"\\fI{roff(value)}\\fR" + (" ..." if action.nargs in ("+", "*") else "")
            parts.append(f"[{word}]" if action.nargs == "?" else word)
    parts.insert(1, "[\\fIoptions\\fR]")
    return parts[0] + "\n" + " ".join(parts[1:])


#: Commands whose one argument may be given in two ways: each way is a line of the synopsis
#: (``recommend FILE`` and ``recommend --answers FILE`` name the same answers file).
TWO_FORMS = {"recommend": ("answers_file", "answers")}


def synopsis(parser: argparse.ArgumentParser, name: str) -> str:
    """The command's synopsis: one line, or one per form of `TWO_FORMS`."""
    if name not in TWO_FORMS:
        return synopsis_of(parser, f"cloudwizard {name}")
    forms = []
    for dest in TWO_FORMS[name]:  # each form as the parser names it (its metavar, as the help shows it)
        action = next(a for a in parser._actions if a.dest == dest)
        value = f"\\fI{roff(metavar(action))}\\fR"
        forms.append(f"\\fB{roff(action.option_strings[-1])}\\fR {value}" if action.option_strings else value)
    return "\n.br\n".join(f".B cloudwizard {name}\n[\\fIoptions\\fR] {form}" for form in forms)


def exit_statuses() -> list[tuple[str, str]]:
    """The statuses listed in cloudwizard.cli's docstring ("Exit status: 0 success, 1 ...")."""
    doc = " ".join((cli.__doc__ or "").split())
    match = re.search(r"Exit status: (.*?)\.", doc)
    if not match:
        return []
    return re.findall(r"(\d+) ([^,]+)", match.group(1))


def manpage() -> str:
    """The whole page, in roff (man macros)."""
    app, commands = cli.build_parsers()
    sub = next(a for a in commands._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    description = app.description or ""
    if description.startswith("CloudWizard:") and ". " in description:  # its first sentence is the NAME line
        description = description.split(". ", 1)[1]
    lines = [
        f'.TH CLOUDWIZARD 1 "{page_date()}" "CloudWizard {__version__}" "User Commands"',
        ".SH NAME",
        "cloudwizard \\- which cloud deployment model and service layer fits you, and why",
        ".SH SYNOPSIS",
        ".B cloudwizard",
        f"[\\fIoptions\\fR] [\\fI{roff(metavar(next(a for a in app._actions if a.dest == 'answers_file')))}\\fR]",
        ".br",
        ".B cloudwizard",
        "\\fICOMMAND\\fR [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        roff(description),
        ".PP",
        roff("It asks plain questions about your data, budget and the rules you must follow, and "
             "recommends a cloud deployment model (public, private, community or hybrid) and a service "
             "layer (IaaS, PaaS, SaaS, or running it yourself), with the reasons and trade-offs. It works "
             "offline and speaks Dutch, French, German and English. The commands below run the same "
             "questionnaire and advice in a terminal or a script, without a display."),
        ".SH OPTIONS",
        "These start the desktop app.",
        *option_items(app),
        ".SH COMMANDS",
    ]
    for name, parser in sub.choices.items():
        lines += [f".SS {name}", synopsis(parser, name), ".PP",
                  roff(sentence(parser.description or helps.get(name, "")).rstrip(".") + ".")]
        lines += option_items(parser)
    lines += [".SH EXIT STATUS"]
    for code, meaning in exit_statuses():
        lines += [".TP", f"\\fB{code}\\fR", roff(sentence(meaning) + ".")]
    lines += [
        ".SH ENVIRONMENT",
        ".TP", "\\fBLANGUAGE\\fR, \\fBLC_ALL\\fR, \\fBLC_MESSAGES\\fR, \\fBLANG\\fR",
        roff("Choose the language when --lang is not given (nl, fr, de, else en)."),
        ".TP", "\\fBQT_QPA_PLATFORM\\fR",
        roff("The Qt platform of the desktop app; offscreen runs it without a display."),
        ".TP", "\\fBCLOUDWIZARD_KIOSK_CONFIG\\fR",
        roff("Read this kiosk configuration instead of the system-wide one."),
        ".SH FILES",
        ".TP", "\\fI*.cwanswers.yaml\\fR",
        roff("Answers files: what someone answered, saved by the app (MIME type "
             "application/x-cloudwizard-answers); open one with cloudwizard FILE, or get its advice with "
             "cloudwizard recommend FILE (or cloudwizard recommend --answers FILE)."),
        ".TP", "\\fI/etc/xdg/CloudWizard/kiosk.ini\\fR",
        roff("The kiosk configuration (owned by root, mode 640, group of the kiosk account); see "
             "/usr/share/doc/cloudwizard/kiosk/README.md."),
        ".TP", "\\fI/opt/cloudwizard/\\fR",
        roff("The program and its libraries; /usr/bin/cloudwizard points into it."),
        ".SH EXAMPLES",
        ".nf",
        roff("cloudwizard                                              # the desktop app\n"
             "cloudwizard ask --save mine.cwanswers.yaml               # answer in the terminal\n"
             "cloudwizard recommend mine.cwanswers.yaml                # the advice in the terminal\n"
             "cloudwizard recommend mine.cwanswers.yaml -o advice.pdf  # the advice as a PDF\n"
             "cloudwizard recommend --answers mine.cwanswers.yaml --format html -o advice.html"),
        ".fi",
        ".SH SEE ALSO",
        roff("/usr/share/doc/cloudwizard/kiosk/README.md (setting up a kiosk for an advice centre)"),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(manpage())
