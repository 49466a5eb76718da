"""How each language writes quotes, numbers and dates (so French reads « … » and 1 500 000).

Small tables rather than a locale library: four languages, and a report must read the same on any
machine, whatever its system locale.
"""

from __future__ import annotations

import datetime as _dt
import math

from cloudwizard.engine.numbers import format_number

#: Opening and closing quote of each language (French with no-break spaces inside).
QUOTES = {
    "en": ("\u201c", "\u201d"),
    "nl": ("\u201c", "\u201d"),
    "fr": ("\u00ab\u00a0", "\u00a0\u00bb"),
    "de": ("\u201e", "\u201c"),
}
#: Month names, for the long date of the report.
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
}


def quote(text: str, lang: str) -> str:
    """`text` between the quotes of `lang`."""
    left, right = QUOTES.get(lang, QUOTES["en"])
    return f"{left}{text}{right}"


def number(value: float, lang: str, decimals: int = 2, *, group_from: float = 10_000) -> str:
    """A number as `lang` writes it: at most `decimals` decimals, trailing zeros dropped, a true minus sign.

    The separators are `cloudwizard.engine.numbers`' (one table for reading and writing numbers).
    Numbers of four digits or fewer get no thousands separator (2026, not 2,026), as style guides of
    all four languages recommend for short numbers; `group_from` moves that limit (an answer's
    number is grouped from 1000 on, so "1 500" and "1 500 000" read alike in one list).
    """
    if not math.isfinite(value):
        return str(value)
    rounded = round(float(abs(value)), decimals)
    short = rounded < group_from
    text = format_number(int(rounded) if rounded.is_integer() else rounded, lang, group="" if short else None)
    return ("\u2212" if value < 0 and rounded else "") + text


def long_date(iso: str, lang: str) -> str:
    """An ISO date written out: "1 December 2026", "1 december 2026", "1 décembre 2026", "1. Dezember 2026"."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    if lang == "de":
        return f"{day.day}. {month} {day.year}"
    if lang == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def sentence(text: str) -> str:
    """`text` ending with a full stop (unless it already ends a sentence)."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?", "…", ":")) else text + "."
