"""French punctuation spacing, in one place for every front end (report, terminal, GUI).

French puts a space before ``;``, ``?``, ``!`` and ``:`` and inside ``« »``. Questionnaires and
catalogs write an ordinary space there, so a line can break before the mark and leave it alone at
the start of the next line. `typeset` makes those spaces the no-break kinds French typography uses:

* a narrow no-break space (U+202F) before ``;``, ``?`` and ``!``;
* a no-break space (U+00A0) before ``:`` and inside ``« »``.

`apostrophes` (used by the reports) writes French prose with one kind of apostrophe, U+2019.

A missing space is added where the mark clearly ends a word (``Pourquoi?`` → ``Pourquoi ?``), but
web addresses, text between backticks (code), times and ratios (``10:30``, ``3:1``), placeholders
(``{n:g}``) and a mark not followed by a space or the end (``a!=b``, ``?id=3``) are left alone.
Other languages' texts are returned unchanged.

Plain Python, cheap to import: the GUI can call `typeset` on every questionnaire text it shows.
"""

from __future__ import annotations

import re

#: The spaces a text may already have before a mark (all normalised to the right one).
_SPACE = "[ \u00a0\u202f\u2009]"
#: After this character no space is added or kept before a mark ("(?)", "«?", a line that starts with "?").
_NO_SPACE_AFTER = "\\s([{<«\"'‘“/\\\\"
#: The marks themselves, each spaced as French wants: what `_FRENCH` does outside web addresses and code.
_MARKS = (
    # ; ? ! (also "?!", "!!"), then the end, a space or a closing character
    rf"(?<=[^{_NO_SPACE_AFTER}]){_SPACE}*(?P<high>[?!]+|;)(?=$|\s|[)\]»”’\"'.,…])"
    # : then the end or a space (so "10:30", "https:" and "{n:g}" stay as they are)
    rf"|(?<=[^{_NO_SPACE_AFTER}:]){_SPACE}*(?P<colon>:)(?=$|\s)"
    rf"|(?P<open>«){_SPACE}*(?=\S)"
    rf"|(?<=\S){_SPACE}*(?P<close>»)"
)
_FRENCH = re.compile(
    # web addresses and code spans: passed through untouched
    r"(?P<keep>`[^`\n]*`|\b[A-Za-z][A-Za-z0-9+.\-]*://\S*|\bmailto:\S*|\bwww\.\S*)|" + _MARKS
)
#: `_FRENCH` for a text with no web address or code (its "keep" never matches), tried only near a mark.
_FRENCH_MARKS = re.compile(r"(?P<keep>(?!))|" + _MARKS)
#: What a match of `_FRENCH_MARKS` holds: a mark (found fast), after the spaces before it.
_MARK = re.compile("[;:?!«»]")
_SPACES = " \u00a0\u202f\u2009"
#: Web addresses and code, or a typewriter apostrophe between two letters ("l'option", "aujourd'hui").
_APOSTROPHE = re.compile(r"(?P<keep>`[^`\n]*`|\b[A-Za-z][A-Za-z0-9+.\-]*://\S*|\bmailto:\S*|\bwww\.\S*)"
                         r"|(?<=[^\W\d_])'(?=[^\W\d_])")

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
#: The apostrophe of French prose (U+2019), one kind throughout ("l’option", never "l'option").
APOSTROPHE = "\u2019"


def _space(m: re.Match[str]) -> str:
    if m["keep"] is not None:
        return m["keep"]
    if m["high"] is not None:
        return NARROW_NBSP + m["high"]
    if m["colon"] is not None:
        return NBSP + ":"
    if m["open"] is not None:
        return "«" + NBSP
    return NBSP + "»"


def is_french(lang: str) -> bool:
    """Whether `lang` (``fr``, ``fr-BE``, ``fr_CH`` …) is French."""
    return lang[:2].lower() == "fr" and lang[2:3] in ("", "-", "_")


def typeset(text: str, lang: str) -> str:
    """`text` with the spaces `lang`'s typography wants around punctuation (French: no-break ones).

    Args:
        text: any text shown to the user (a question, a help text, a report line).
        lang: the language it is shown in; only French changes anything.

    Returns:
        The text, with web addresses and code left exactly as they were.
    """
    if not text or not is_french(lang) or not any(c in text for c in ";:?!«»"):
        return text
    if "`" in text or "://" in text or "mailto:" in text or "www." in text:
        return _FRENCH.sub(_space, text)
    return _spaced_marks(text)


def _spaced_marks(text: str) -> str:
    """`_FRENCH.sub(_space, text)` for a text with no web address or code, ten times as fast.

    The regular expression, tried at every position of a long text, made French views slow (a
    tenth of a millisecond a text). A match starts in the run of spaces before a mark, or at the
    mark: only those positions are tried, left to right, each after the end of the match before it,
    as `re.sub` would; so the result is the same.
    """
    out: list[str] = []
    done = 0  # where the text not yet copied starts: the end of the last match
    for mark in _MARK.finditer(text):
        at = mark.start()
        if at < done:
            continue  # taken by the match before ("?!", "«  ")
        start = at
        while start > done and text[start - 1] in _SPACES:
            start -= 1
        for tried in range(start, at + 1):
            found = _FRENCH_MARKS.match(text, tried)
            if found is not None:
                out.append(text[done:tried])
                out.append(_space(found))
                done = found.end()
                break
    out.append(text[done:])
    return "".join(out)


def apostrophes(text: str, lang: str) -> str:
    """`text` with French prose's one apostrophe (``l'option`` → ``l’option``).

    Catalog and questionnaire texts then do not mix ’ and '; web addresses and code stay as they are.

    Args:
        text: a report text.
        lang: its language; only French changes anything.

    Returns:
        The text, each typewriter apostrophe between two letters made U+2019.
    """
    if "'" not in text or not is_french(lang):
        return text
    return _APOSTROPHE.sub(lambda m: m["keep"] if m["keep"] is not None else APOSTROPHE, text)


def colon(lang: str) -> str:
    """The separator after a label ("Date: …"): ``": "``, in French ``"\u00a0: "``."""
    return NBSP + ": " if is_french(lang) else ": "


def continuation(value: str, lang: str) -> str:
    """`value` continuing a sentence after a colon, its first letter in lower case where fitting.

    Not in German, whose nouns keep their capital; not for "IaaS", "G-Cloud" or "EU".
    """
    word = value.split(" ", 1)[0]
    if lang[:2].lower() == "de" or not word[:1].isupper() or word in ("I", "U"):  # "I"; Dutch polite "U"
        return value
    if any(c.isupper() or c.isdigit() or c == "-" for c in word[1:]):  # "IaaS", "G-Cloud"; but "C'est" → "c'est"
        return value
    return value[0].lower() + value[1:]


def keep_narrow_spaces(html: str) -> str:
    """`html` (Qt rich text) with each U+202F kept as a narrow no-break space.

    Qt's rich-text parser collapses U+202F into an ordinary, breakable space (it keeps only U+00A0);
    inside ``white-space: pre`` it stays as it is. For the PDF's text documents and for any Qt label
    shown as rich text. Browsers need nothing: they collapse ASCII white space only.
    """
    return html.replace(NARROW_NBSP, f'<span style="white-space: pre">{NARROW_NBSP}</span>')
