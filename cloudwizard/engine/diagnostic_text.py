"""Problems found in an answers file, said in the session's language, at their place.

The readers (`cloudwizard.engine.answers`, `coercion`, `yamlsafe`) write their messages in
English, with the values they quote (a key, a question id, a number). `translate` reads such a
message back against the English message ids below and returns the catalog's translation with the
same values; in English, the ids and values quoted in typewriter quotes get the English quotes
(“…”, `diagnostics.english_quotes`); code keeps them. A message that matches none stays English
(and a test fails on it for every file of the bad-input corpus). Values that are English words
themselves ("a list", "a device") are translated too; the ids and texts quoted from the file are not.

`format_report` prints one line per problem, ``FILE:LINE:COL: error: message``, with the severity
in the language too, as compilers do. A problem with the whole file (no such file, a folder, too
big) has no position in it, so it is printed ``FILE: error: message`` rather than at a made-up
``0:0``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from cloudwizard.engine.diagnostics import MAX_SHOWN, Diagnostic, Report, Severity, english_quotes, one_line, place
from cloudwizard.engine.i18n import N_, gettext_for, ngettext_for

if TYPE_CHECKING:
    from cloudwizard.engine.model import Questionnaire

#: Placeholders that hold a number of the answer's range: written as the language writes numbers.
_NUMBERS = frozenset({"value", "minimum", "maximum"})
#: How long a question's text may be in a message (longer ones are cut at a word, with "…").
SHORT_QUESTION = 60
#: Placeholders that hold a count or a limit the readers write the English way ("100,000"): in the
#: language's way in a translation ("100.000", "100 000").
_COUNTS = frozenset({"limit", "count", "size"})
_ENGLISH_COUNT = re.compile(r"\d{1,3}(,\d{3})+")
#: A number as Python writes it in the readers' messages ("150000", "2.5").
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: A size with one decimal, as the readers write it ("1.9").
_DECIMAL = re.compile(r"\d+\.\d")

#: The English messages of the answers-file path, as message ids; ``{name}`` stands for a value.
#: A placeholder named ``detail`` holds a message of its own (translated in turn); one named
#: ``shown`` or ``kind`` may hold one of the English words in `_WORDS`.
MESSAGES: tuple[str, ...] = (
    # answers.py
    N_("this is not a CloudWizard answers file (expected a mapping)"),
    N_("this is not a CloudWizard answers file (no 'cloudwizard_answers' key)"),
    N_("answers format {found} is not supported; expected {expected}"),
    N_("'cloudwizard_answers' must be the format number {expected} (found {shown})"),
    N_("unknown key '{key}' in answers file; allowed: {allowed}"),
    N_("missing 'questionnaire: {id: …, version: …}'"),
    N_("the questionnaire id must be a text such as '{example}' (found {shown})"),
    N_("the questionnaire version must be a text such as '{example}' (found {shown})"),
    N_("these answers are for questionnaire '{found}', not '{expected}'"),
    N_("language must be one of {allowed} (found {shown})"),
    N_("these answers are for version {old} of the questionnaire (now {new}); {count} answer(s) could not be "
       "kept in full: {names}"),
    N_("'{key}' must be a mapping of question id to answer"),
    N_("missing '{key}'"),
    N_("{detail}; this answer could not be kept"),
    N_("the question '{qid}' no longer exists"),
    N_("unknown question '{qid}'"),
    N_("answer to '{qid}': {detail}"),
    N_("{choice} cannot be chosen together with other choices; {dropped} was dropped and the other choices kept"),
    N_("{choice} cannot be chosen together with other choices"),
    N_("the choice(s) {names} no longer exist; the other choices were kept"),
    N_("{raw} can be read two ways in a file in language '{lang}' (perhaps {number}); write the number "
       "without quotes, e.g. {plain}"),
    N_("'comply_or_explain' must be a mapping such as {chosen: hybrid, reason: '…'}"),
    N_("unknown key '{key}' in 'comply_or_explain'; allowed: chosen, reason"),
    N_("missing 'chosen' in 'comply_or_explain' (the deployment model chosen)"),
    N_("'comply_or_explain' chosen must be one of {allowed} (found {shown})"),
    N_("'comply_or_explain' reason must be a text (found {shown}); put it in quotes"),
    N_("'comply_or_explain' reason: {detail}"),
    # coercion.py
    N_("expected one choice id, got {shown}"),
    N_("{shown} is not a choice here; choices: {choices}"),
    N_("expected a list of choice ids, got {shown}"),
    N_("expected yes or no, got {shown}"),
    N_("expected a number, got {shown}"),
    N_("the number is too large"),
    N_("{value} is below the minimum {minimum}"),
    N_("{value} is above the maximum {maximum}"),
    N_("expected text, got {shown}"),
    N_("the text is longer than {limit} characters"),
    # numbers.py (the ids it translates itself)
    N_("'{text}' is not a number"),
    N_("'{text}' is not a whole number; type a whole number"),
    N_("'{text}' is too long for a number"),
    # yamlsafe.py: the file
    N_("no such file"),
    N_("no such file (a part of the path is not a folder)"),
    N_("the path is a loop of symbolic links that never reaches a file"),
    N_("cannot read the file: {reason}"),
    N_("this is a folder, not a file"),
    N_("this is {kind}, not a regular file; only regular files are read"),
    N_("the file is larger than the limit of {limit} MB"),
    N_("the file is {size} MB; the limit is {limit} MB"),
    N_("the file is empty"),
    N_("the file is {encoding} text; save it as UTF-8"),
    N_("the file is not UTF-8 text (byte {byte}); save it as UTF-8"),
    N_("this is a binary file, not YAML text"),
    # yamlsafe.py: the YAML in it
    N_("YAML syntax error: {detail}"),
    N_("found a tab character that violates indentation; indent with spaces, not tabs"),
    N_("the file holds no YAML document"),
    N_("the file holds more than one YAML document ('---'); keep one"),
    N_("the file holds a control character ({code}) that YAML does not allow; remove it"),
    N_("duplicate key {key} (first at line {line}); the later one is ignored"),
    N_("not-a-number (NaN) is not allowed; write a number"),
    N_("infinity is not allowed; write a number"),
    N_("the YAML tag '{tag}' cannot stand on a mapping; remove the tag"),
    N_("the YAML tag '{tag}' cannot stand on a list; remove the tag"),
    N_("the YAML tag '{tag}' is not allowed: these files hold only texts, numbers, true/false, lists and "
       "mappings; remove the tag"),
    N_("unknown alias *{name}"),
    N_("the alias *{name} is inside the value anchored as &{name}, so it would repeat itself endlessly "
       "(an endless loop); remove it"),
    N_("aliases repeat too much data (more than {limit} values): refused as an alias bomb"),
    N_("the number {number} is too large: numbers must stay below 1.8e308 in size"),
    N_("a mapping key must be a plain name, not a list, mapping or empty value"),
    # yamlsafe.py: how a number too long to show is shortened ("123456789012…345678 (5000 digits)")
    N_("({count} digits)"),
    N_("({count} characters)"),
)

#: Messages that hold a message of their own after a prefix ("condition 'x': {detail}"): tried
#: before every other, so that a message starting with a placeholder ("{value} is above …") does not
#: take the prefix for its value.
WRAPPERS: tuple[str, ...] = (
    N_("condition '{condition}': {detail}"),
    N_("default: {detail}"),
    N_("scenario '{name}': {detail}"),
    N_("'{field}': {detail}"),
)

#: The English messages of a questionnaire's problems (`loader`, `conditions`, `scenarios`), as
#: ``cloudwizard validate`` prints them, in the same form as `MESSAGES` (tried after them). A
#: placeholder named ``object`` holds one of the format's object names in `_OBJECTS`.
QUESTIONNAIRE_MESSAGES: tuple[str, ...] = (
    N_("unknown question '{qid}' (did you mean '{hint}'?)"),
    N_("unknown constraint '{ident}' (did you mean '{hint}'?)"),
    N_("unknown constraint '{ident}'"),
    N_("unknown precaution '{ident}' (did you mean '{hint}'?)"),
    N_("unknown precaution '{ident}'"),
    N_("unknown source '{ident}' (did you mean '{hint}'?)"),
    N_("unknown source '{ident}'"),
    N_("unknown key '{key}' in {object}; allowed: {allowed}"),
    N_("unknown key '{key}' in {object}; did you mean '{hint}'?"),
    N_("missing key '{key}' in {object}"),
    N_("duplicate {object} id '{ident}' (first at line {line})"),
    N_("unknown {object} '{ident}' (did you mean '{hint}'?)"),
    N_("unknown {object} '{ident}'"),
    N_("expected a mapping ({object}), found {shown}"),
    N_("{number} is too large; numbers in a questionnaire must be at most 10^15 in size"),
    N_("'{field}' must be a text per language, e.g. {example} (found {shown})"),
    N_("missing translation: {languages}"),
    N_("language '{lang}' is not one of this questionnaire's languages ({languages})"),
    N_("'{ident}' is asked later; a condition may only read answers to earlier questions (this would make a "
       "cycle or a forward reference)"),
    N_("'{ident}' refers to itself: a condition cannot read its own answer (cycle)"),
    N_("'{qid}' has no choice '{choice}' (did you mean '{hint}'?)"),
    N_("'{qid}' has no choice '{choice}'"),
    N_("'{expr}' is not allowed in a condition"),
    N_("'{field}' must be one of {allowed}, not '{found}'; did you mean '{hint}'?"),
    N_("'{field}' must be one of {allowed}, not '{found}'"),
    N_("'{field}' must be a number (found {shown})"),
    N_("a section needs at least one question"),
    N_("a {qtype} question needs at least two choices"),
    N_("a {qtype} question has no choices"),
    N_("'exclusive' is only for multiple-choice questions"),
    N_("'max_length' is only for text questions"),
    N_("'{key}' is only for scale and number questions"),
    N_("scenario answers an unknown question '{qid}' (did you mean '{hint}'?)"),
    N_("expected model {expected}, got {got} ({scores})"),
    N_("expected layer {expected}, got {got} ({scores})"),
    N_("expected '{qid}' to be hidden, but it is visible"),
    N_("expected '{qid}' to be visible, but it is hidden"),
    N_("'{ref}' has a score but no 'because': the report lists it as a reason with no words; add a short "
       "'because' text saying why"),
    N_("format {found} is not supported; this CloudWizard reads format {expected}"),
    N_("'{field}' must be an http or https address, not '{url}'"),
    N_("a condition cannot hold a NUL character (U+0000); remove it"),
    N_("a number in a condition must be finite and at most 10^15 in size"),
    N_("the condition is longer than {limit} characters"),
    N_("not a valid condition: {reason}"),
    N_("'{field}' holds a control character {code} at character {at}; remove it (it is shown escaped, "
       "as \\x.., never as typed)"),
    N_("'{field}' holds a control character {code} at character {at} and {count} more; remove it (it "
       "is shown escaped, as \\x.., never as typed)"),
    N_("audience_question '{qid}' is not a question"),
    N_("the document is nested more than {limit} levels deep"),
    N_("fallback_language '{lang}' is not in languages"),
    N_("'{field}' must be a whole number (found {shown})"),
    N_("'{field}' must be a list (found {shown})"),
    N_("'{field}' must be an id: lower-case letters, digits and '_', starting with a letter, not "
       "'{found}'"),
    N_("'{field}' must be a questionnaire id: lower-case letters, digits, '_' and '-', starting with a "
       "letter, not '{found}'"),
    N_("max_length must be from 1 to {limit} (found {found})"),
    N_("max ({maximum}) must be larger than min ({minimum})"),
    N_("step must be positive"),
    N_("a scale has at most {limit} points (this one has {count}); use a number question for a wider "
       "range, or a larger step"),
    N_("a scale question needs 'min' and 'max'"),
    N_("{value} is out of range ({low} to {high})"),
    N_("tie_order.{key} must list each of {allowed} once"),
    N_("'{field}' must be an address with a host and no spaces, quotes, '<', '>' or control "
       "characters, not '{url}'"),
    N_("'{field}' must be true or false: write true instead of '{found}'"),
    N_("'{field}' must be true or false: write false instead of '{found}'"),
    N_("'{field}' must be true, false or a condition: write true instead of '{found}'"),
    N_("'{field}' must be true, false or a condition: write false instead of '{found}'"),
    N_("'{field}' must be true or false (found {shown})"),
    N_("'{field}' must be true, false or a condition (found {shown})"),
    # conditions.py
    N_("'{ident}' is asked in this section itself; a section's condition may only read questions of earlier "
       "sections (cycle)"),
    N_("the condition is empty"),
    N_("the condition is too complex"),
    N_("the condition is too complex ({count} parts)"),
    N_("only 'not' and negative numbers are allowed here"),
    N_("a list in a condition may hold only texts and numbers"),
    N_("'{qid}' is a {qtype} question; a bare name is only for yes/no questions: write answered({qid}) "
       "or compare it"),
    N_("'{expr}' is not a condition (true or false)"),
    N_("the value {value} is not allowed in a condition"),
    N_("'{called}' is not a function a condition may call; allowed: {allowed}"),
    N_("{func}() takes one question id, e.g. {func}(question_id)"),
    N_("count() is for multiple-choice questions; '{qid}' is {qtype}"),
    N_("'{expr}' is a multiple-choice answer: write 'choice' in {expr}"),
    N_("comparing a text with a number is always false"),
    N_("write a choice id in quotes before 'in'"),
    N_("'{expr}' is a multiple-choice answer; test one choice: 'x' in {expr}"),
    N_("'{qid}' is a single answer: write {qid} == '…'"),
    N_("'in' needs a multiple-choice question or a list like ('a', 'b')"),
    N_("'{expr}' is not a number; '<' and '>' compare numbers"),
    N_("only ==, !=, <, <=, >, >=, in and not in are allowed"),
    N_("the unquoted '{word}' is read as a yes/no boolean by YAML 1.1 tools; write it in quotes: '{quoted}'"),
    N_("unknown model or layer '{key}'; did you mean '{hint}'?"),
    N_("the choices of a yes/no question must be 'yes' and 'no'"),
    N_("a {qtype} question needs 'choices'"),
)

#: The YAML parser's (libyaml's) own words in "YAML syntax error: {detail}": the problem, the
#: construct it was reading ("while parsing …") and our tip. A detail is translated only when every
#: part of it is known; otherwise the whole message stays English, never half.
_SYNTAX_FRAMES: tuple[str, ...] = (
    N_("{problem} ({context} that starts at line {line}, column {column})"),
    N_("{problem}; {tip}"),
)
_SYNTAX_PARTS: tuple[str, ...] = (
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected node content"),
    N_("could not find expected ':'"),
    N_("mapping values are not allowed in this context"),
    N_("block sequence entries are not allowed in this context"),
    N_("found unexpected end of stream"),
    N_("found character that cannot start any token"),
    N_("found unknown escape character"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while parsing a block node"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning for the next token"),
    # the rest of libyaml's scanner and parser (anchors, aliases, tags, directives, block scalars, …)
    N_("invalid YAML"),
    N_("could not find expected directive name"),
    N_("did not find URI escaped octet"),
    N_("did not find expected '!'"),
    N_("did not find the expected '>'"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected tag URI"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found extremely long version number"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("mapping keys are not allowed in this context"),
    N_("while parsing a %TAG directive"),
    N_("while parsing a tag directive"),
    N_("while parsing a flow node"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a tag directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a plain scalar"),
    N_("while scanning a tag"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("put a text that holds ': ' in quotes"),
    N_("indent with spaces, not tabs"),
)
_SYNTAX_CONTEXT = re.compile(r"(?P<problem>.+) \((?P<context>.+) that starts at line (?P<line>\d+), column (?P<column>\d+)\)",
                             re.DOTALL)


def _syntax_detail(detail: str, _: Callable[[str], str]) -> str | None:
    """The detail of a YAML syntax error in the language, or None when a part of it is not known."""
    if (m := _SYNTAX_CONTEXT.fullmatch(detail)) is not None:
        parts = {"problem": m["problem"], "context": m["context"]}
        frame, numbers = _SYNTAX_FRAMES[0], {"line": m["line"], "column": m["column"]}
    elif detail.count("; ") == 1:
        problem, tip = detail.split("; ")
        parts, frame, numbers = {"problem": problem, "tip": tip}, _SYNTAX_FRAMES[1], {}
    else:
        return _(detail) if detail in _SYNTAX_PARTS else None
    if not all(part in _SYNTAX_PARTS for part in parts.values()):
        return None
    return _fill(_(frame), {**{k: _(v) for k, v in parts.items()}, **numbers})


#: The English messages of a case file's problems (`cloudwizard.engine.evaluation`), as ``cloudwizard
#: evaluate`` prints them (tried after the others: a case's "'audience' must be one of …" is the
#: questionnaire's message). A longer message that starts as a shorter one comes first.
CASE_MESSAGES: tuple[str, ...] = (
    N_("cannot read the case file: {reason}"),
    N_("cannot read this folder: {reason}"),
    N_("a case file must be a mapping (id, title, audience, …)"),
    N_("unknown key '{key}' in a case file"),
    N_("missing key '{key}'"),
    N_("'id' must be letters, digits, '-', '_' or '.', not '{found}'"),
    N_("a case file's name must end in {suffix}"),
    N_("the id '{found}' does not match the file name '{name}'"),
    N_("'stated' must be a mapping with 'model' and 'layer'"),
    N_("'stated' is missing '{key}'"),
    N_("'source' must be a mapping (title, publisher, url, date)"),
    N_("'source.url' must be an http or https address"),
    N_("'{field}' must be a non-empty text"),
    N_("duplicate case id '{ident}' (also in {path})"),
    N_("the answers are incomplete (unanswered: {names})"),
    N_("'titles' must be a mapping of language to title, e.g. {nl: …, fr: …, de: …}"),
    N_("'titles' may give {allowed}, not '{lang}'; the English title is 'title'"),
    N_("'titles' may give {allowed}, not '{lang}'"),
)

#: The object names of the questionnaire format that stand in messages ("unknown key 'x' in question").
_OBJECTS: tuple[str, ...] = (N_("question"), N_("questionnaire"), N_("section"), N_("choice"), N_("source"), N_("constraint"),
                            N_("precaution"), N_("notice"), N_("further reading"), N_("scenario"), N_("option"), N_("audience"))

#: English words that stand in a message for a value ("got a list", "this is a device").
_WORDS: tuple[str, ...] = (N_("a list"), N_("a mapping"), N_("nothing"), N_("true"), N_("false"),
                           N_("a named pipe (FIFO)"), N_("a device"), N_("a socket"))

_SEVERITY = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}
#: A number shortened for showing: "123456789012…345678 (5000 digits)".
_SHORTENED = re.compile(r"(?P<shown>\S+…\S+) \((?P<count>\d+) (?P<unit>digits|characters)\)")
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
#: A value the readers quote in straight quotes ("'gratis'"): shown in the language's own quotes.
_QUOTED = re.compile(r"'([^']*)'")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each message id as a pattern that reads the values back (a repeated name must repeat its value)."""
    found = []
    for msgid in (*WRAPPERS, *MESSAGES, *QUESTIONNAIRE_MESSAGES, *CASE_MESSAGES):
        parts, seen, at = [], set(), 0
        for m in _PLACEHOLDER.finditer(msgid):
            parts.append(re.escape(msgid[at:m.start()]))
            name = m.group(1)
            value = r"[^'\s]+" if name == "field" else ".+?"  # a key such as 'label.en', never a phrase
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{value})")
            seen.add(name)
            at = m.end()
        parts.append(re.escape(msgid[at:]))
        found.append((re.compile("".join(parts), re.DOTALL), msgid))
    return tuple(found)


def translate(message: str, lang: str, questionnaire: Questionnaire | None = None) -> str:
    """`message` (one of the readers' English messages) in `lang`, with the same ids and values.

    The ids and values the readers quote in typewriter quotes ('gratis') keep their text but get the
    language's own quotes (« gratis », „gratis“, “gratis”); a YAML value or a condition to type keeps
    its typewriter quotes, as the file needs them.

    In English (and for a message that has no translation yet) the ids and values are quoted with
    “…” instead of the readers' typewriter quotes, as the other languages quote them with theirs.

    With the `questionnaire`, a question it has is named by its text (short form, `short_question`)
    rather than its id, and the numbers of an answer's range are written as `lang` writes numbers
    ("150.000 is hoger dan het maximum 100.000").
    """
    translated = _translate(message, gettext_for(lang), lang, questionnaire)
    # English (asked for, or a message without a translation yet) quotes ids and values with “…”
    return english_quotes(translated) if translated == message else translated


def english(message: str) -> str:
    """`message` as English output says it: its quoted ids and values in “…” (see `translate`)."""
    return translate(message, "en")


def short_question(questionnaire: Questionnaire, qid: str, lang: str) -> str:
    """A question's text, cut at a word after `SHORT_QUESTION` characters ("How many people …")."""
    text = " ".join(re.split(r"[ \t\r\n]+", questionnaire.text(questionnaire.question(qid).label, lang).strip()))
    if len(text) <= SHORT_QUESTION:
        return text
    cut = text[:SHORT_QUESTION].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} …"


def _choice_labels(questionnaire: Questionnaire, qid: str, value: str, lang: str) -> str:
    """"free, monthly" as the question's choice labels, each with its id: "“Free” (free), …"."""
    from cloudwizard.engine.report.style import quote

    question = questionnaire.question(qid)
    out = []
    for cid in value.split(", "):
        choice = question.choice(cid)
        out.append(f"{quote(questionnaire.text(choice.label, lang), lang)} ({cid})" if choice else cid)
    return ", ".join(out)


def _translate(message: str, _: Callable[[str], str], lang: str = "en",
               questionnaire: Questionnaire | None = None, qid: str | None = None) -> str:
    from cloudwizard.engine.numbers import format_number

    for pattern, msgid in _patterns():
        match = pattern.fullmatch(message)
        if match is None:
            continue
        values = match.groupdict()
        if lang != "en" and msgid in WRAPPERS and not is_known(values["detail"]):
            return message  # wholly English rather than half: the detail has no translation yet
        if lang != "en" and msgid == "YAML syntax error: {detail}" and not is_known(values["detail"]):
            detail = _syntax_detail(values["detail"], _)
            # wholly English rather than half when a part of the parser's words has no translation
            return message if detail is None else _fill(_(msgid), {"detail": detail})
        question = values.get("qid") or qid  # the question a nested detail is about
        for name, value in values.items():
            if name == "detail":
                values[name] = _translate(value, _, lang, questionnaire, question)
            elif (name == "choices" and questionnaire is not None and question is not None
                  and question in questionnaire.question_index and questionnaire.question(question).type.has_choices):
                # the labels the user saw, each with the id the file needs
                values[name] = _choice_labels(questionnaire, question, value, lang)
            elif value in _WORDS or (name == "object" and value in _OBJECTS):
                values[name] = _(value)
            elif name == "qid" and questionnaire is not None and value in questionnaire.question_index:
                values[name] = short_question(questionnaire, value, lang)
            elif name in _NUMBERS and questionnaire is not None and _PLAIN_NUMBER.fullmatch(value):
                values[name] = format_number(float(value), lang)
            elif name in _COUNTS and lang != "en" and _ENGLISH_COUNT.fullmatch(value):
                values[name] = format_number(int(value.replace(",", "")), lang)  # "100,000" → "100.000"
            elif name == "size" and lang != "en" and _DECIMAL.fullmatch(value):
                values[name] = format_number(float(value), lang)  # a file's size in MB: "1.9" → "1,9"
            elif name == "number" and (size := _SHORTENED.fullmatch(value)) is not None:
                values[name] = f"{size['shown']} " + _(f"({{count}} {size['unit']})").format(count=size["count"])
            elif (quoted := _QUOTED.fullmatch(value)) is not None:
                from cloudwizard.engine.report.style import quote

                values[name] = quote(quoted.group(1), lang)  # « gratis », „gratis“, “gratis”
        # English: the message id itself, with the English quotes around its ids and values
        return _fill(english_quotes(msgid) if lang == "en" else _(msgid), values)
    return message


def _fill(template: str, values: dict[str, str]) -> str:
    """`template` with each ``{name}`` replaced by its value (other braces, as in ``{id: …}``, stay)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), template)


def is_known(message: str) -> bool:
    """Whether `message` is one of `MESSAGES` (its nested detail too), so that it gets translated.

    The detail of a YAML syntax error may be PyYAML's own text, which stays English.
    """
    for pattern, msgid in _patterns():
        match = pattern.fullmatch(message)
        if match is not None:
            detail = match.groupdict().get("detail")
            return detail is None or msgid.startswith("YAML syntax error") or is_known(detail)
    return False


def line(diagnostic: Diagnostic, lang: str, questionnaire: Questionnaire | None = None) -> str:
    """One problem as one line: ``FILE:LINE:COL: error: message [ref]``, or ``FILE: …`` for the whole file.

    With the `questionnaire`, questions are named by their text and numbers written as `lang`
    writes them (see `translate`).
    """
    _ = gettext_for(lang)
    suffix = f" [{diagnostic.ref}]" if diagnostic.ref else ""
    message = translate(diagnostic.message, lang, questionnaire)
    severity = _(_SEVERITY[diagnostic.severity])
    # the place's colons are the compilers' FILE:LINE:COL; the one after the severity is the language's
    told = _("{severity}: {message}").format(severity=severity, message=message) if lang != "en" else f"{severity}: {message}"
    return one_line(f"{place(diagnostic.location)}: {told}{suffix}")


def format_report(report: Report, lang: str, questionnaire: Questionnaire | None = None,
                  limit: int | None = MAX_SHOWN) -> str:
    """The problems of `report`, one line each, in file, line and column order (see `line`).

    At most `limit` of them (None: all), then ``… and K more problems`` in `lang`.
    """
    shown, more = report.first(limit)
    lines = [line(d, lang, questionnaire) for d in shown]
    if more:
        lines.append(ngettext_for(lang)("… and {count} more problem", "… and {count} more problems", more)
                     .format(count=more))
    return "\n".join(lines)


def save_reason(exc: OSError, lang: str) -> str | None:
    """Why saving a file failed, in `lang`, for the common reasons (the disk is full, …); else None.

    One table for every front end: the terminal, the command line and the GUI's save dialogs.
    """
    import errno

    from cloudwizard.engine.atomicio import SaveError

    _ = gettext_for(lang)
    kind = exc.kind if isinstance(exc, SaveError) else ""
    if kind:
        return {
            "fifo": _("it is a named pipe (FIFO), not a regular file; choose a file name"),
            "socket": _("it is a socket, not a regular file; choose a file name"),
            "device": _("it is a device, not a regular file; choose a file name"),
            "special": _("it is a special file, not a regular file; choose a file name"),
            "not_created": _("a new file cannot be made in that folder"),
            "pdf": _("the PDF could not be made"),
        }.get(kind)
    return {
        errno.EISDIR: _("there is a folder of that name; choose another name"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.ELOOP: _("the path is a loop of symbolic links"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the folder is read-only"),
        errno.EACCES: _("there is no permission to write in that folder"),
        errno.EPERM: _("there is no permission to write in that folder"),
        errno.ENOENT: _("the folder does not exist"),
        errno.EFBIG: _("the file is too large"),
    }.get(exc.errno or 0)
