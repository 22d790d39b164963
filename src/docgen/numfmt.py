"""Show values as the spreadsheet shows them, by the cell's Excel number format.

The formatting itself is done by `ssf` (a port of SheetJS's formatter); this module picks the
format, fixes the few places where openpyxl reports a format differently from what Excel shows
in an en-GB locale, and adds docgen's long date style ("21st November 2019").
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

logger = logging.getLogger(__name__)

GENERAL = "General"

# openpyxl reports built-in format 14 as 'mm-dd-yy', but Excel shows it in the system's short
# date style; docgen's users are in the UK.
_LOCALE_FORMATS = {
    "mm-dd-yy": "dd/mm/yyyy",
    "m/d/yyyy": "dd/mm/yyyy",
    "m/d/yy": "dd/mm/yyyy",
    "d-mmm-yy": "d-mmm-yy",
}


@functools.lru_cache(maxsize=1)
def _formatter():
    from ssf import SSF

    return SSF(locale_support=False)


@functools.lru_cache(maxsize=4096)
def _format_number(number: float, number_format: str) -> str:
    simple = _simple_format(number_format)
    text = _format_simple(number, simple) if simple else None
    if text is not None:
        return text
    return _formatter().format(number_format, excel_rounded(number, number_format))


def excel_rounded(number: float, number_format: str) -> float:
    """`number` rounded to the places `number_format` shows, as Excel rounds (halves away
    from zero, at 15 significant digits), so that ssf, which rounds the binary value, shows
    Excel's digits: 1.005 in '0.00' is 1.01. Formats that scale (E notation, trailing commas)
    and General are left to ssf."""
    section = _strip_literals((number_format or GENERAL).split(";")[0]).lower()
    if section.strip() in ("general", "@") or "e" in section or ",." in section + "." \
            or section.rstrip().endswith(",") or is_date_format(number_format) \
            or abs(number) >= 1e15:
        return number
    places = max(decimals_of(number_format), 0) + (2 if "%" in section else 0)
    rounded = float(round_half_away(number, places))
    return rounded if rounded or not number else number  # the section stays the value's own


# The formats workbooks use most are shown without ssf, whose import (dateutil, babel, yaml)
# costs ~30 ms of a cold build: General for whole numbers, and one or three sections of
# quoted or sign literals around 0 or #,##0 with decimals and %. The text is exactly ssf's
# (tests/test_numfmt.py compares them over many values); anything else goes to ssf.
_SIMPLE_SECTION = r'((?:"[^"]*"|[+-])*)(#,##0|0)(?:\.(0+))?(%?)((?:"[^"]*")*)'
_LITERAL = r'"([^"]*)"|([+-])'
_Section = tuple[str, bool, int, bool, str]  # prefix, thousands, decimals, percent, suffix


@functools.lru_cache(maxsize=256)
def _simple_format(number_format: str) -> tuple[_Section, ...] | str | None:
    """A format the fast path can show: GENERAL, its sections, or None (ssf shows it)."""
    import re

    if number_format == GENERAL:
        return GENERAL
    sections = number_format.split(";")
    if len(sections) not in (1, 3):
        return None
    parsed = []
    for section in sections:
        match = re.fullmatch(_SIMPLE_SECTION, section)
        if not match:
            return None
        prefix, core, decimals, percent, suffix = match.groups()
        parsed.append((_literal(prefix), core == "#,##0", len(decimals or ""), bool(percent),
                       _literal(suffix)))
    return tuple(parsed)


def _literal(text: str) -> str:
    import re

    return "".join(quoted or sign for quoted, sign in re.findall(_LITERAL, text))


def _format_simple(number: float, simple: tuple[_Section, ...] | str) -> str | None:
    """`number` shown in a simple format as ssf shows it, or None where only ssf can."""
    if simple == GENERAL:
        return str(int(number)) if number.is_integer() and abs(number) < 1e10 else None
    if len(simple) == 3:  # positive; negative (shown without its sign); zero
        section = simple[0] if number > 0 else simple[1] if number < 0 else simple[2]
        negative = False
    else:
        section, negative = simple[0], number < 0
    prefix, thousands, decimals, percent, suffix = section
    shown = abs(number) * 100 if percent else abs(number)
    scale = 10**decimals
    if shown * scale >= 1e15:  # beyond float's exact decimals
        return None
    units = int(round_half_away(abs(number) * 10**decimals if not percent else
                                abs(number) * 10 ** (decimals + 2)))
    if number < 0 and units == 0:  # ssf has its own ways with a negative that shows as zero
        return None
    whole, fraction = divmod(units, scale)
    text = f"{whole:,}" if thousands else str(whole)
    if decimals:
        text += "." + str(fraction).zfill(decimals)
    return ("-" if negative else "") + prefix + text + ("%" if percent else "") + suffix


def round_half_away(number: float, decimals: int = 0) -> Decimal:
    """`number` rounded as Excel shows it: taken at the 15 significant digits a spreadsheet
    keeps, then halves rounded away from zero (2.5 → 3, -2.5 → -3, 1.005 to two places →
    1.01, where Python's `round` and `format` give 2, -2 and 1.00)."""
    exact = Decimal(f"{number:.15g}")
    with localcontext() as context:  # room for every digit of a huge number (1e85 to 0 places)
        context.prec = max(context.prec, exact.adjusted() + decimals + 2)
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_value(value: object, number_format: str = GENERAL) -> str:
    """Return `value` as Excel shows it with `number_format` (0.704, '0.0%' → '70.4%')."""
    if value is None:
        return ""
    number_format = _LOCALE_FORMATS.get(number_format or GENERAL, number_format or GENERAL)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        if not is_date_format(number_format):
            number_format = "dd/mm/yyyy"
        value = _as_datetime(value)
        parts = _simple_date_format(number_format)
        if parts is not None and value >= _FAST_DATES_FROM and value.time() == dt.time():
            return _format_date_simple(value, parts)
        return _formatter().format(number_format, value)
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            return "#NUM!"
        try:
            return _format_number(float(value), number_format)
        except Exception:  # ssf raises bare Exceptions on formats it cannot read
            logger.debug("ssf could not apply %r; falling back to General", number_format)
            return _format_number(float(value), GENERAL)
    return str(value)


# Dates in formats of day, month and year fields between literal separators ("d mmmm yyyy",
# "dd/mm/yyyy", "d-mmm-yy") are shown without ssf too, as ssf shows them (English names;
# tests/test_numfmt.py compares them): every report has a date, and ssf's import is most of
# the time a process takes to show its first one. Times, elapsed times, locale codes
# ([$-809]), quoted text, capitals and dates before 1 March 1900 (Excel's leap-year bug) go
# to ssf.
_DATE_PARTS = r"d{1,4}(?!d)|m{1,4}(?!m)|yyyy(?!y)|yy(?!y)|[ /.,-]"
_FAST_DATES_FROM = dt.datetime(1900, 3, 1)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@functools.lru_cache(maxsize=256)
def _simple_date_format(number_format: str) -> tuple[str, ...] | None:
    """The parts of a date format the fast path can show, or None (ssf shows it)."""
    import re

    parts = tuple(re.findall(_DATE_PARTS, number_format))
    return parts if parts and "".join(parts) == number_format else None


def _format_date_simple(value: dt.datetime, parts: tuple[str, ...]) -> str:
    """`value` (a date at midnight) shown in a simple date format as ssf shows it."""
    shown = []
    for part in parts:
        if part[0] in "dm":
            number, names = ((value.day, _DAYS[value.weekday()]) if part[0] == "d" else
                             (value.month, _MONTHS[value.month - 1]))
            shown.append(str(number) if len(part) == 1 else f"{number:02d}" if len(part) == 2
                         else names[:3] if len(part) == 3 else names)
        elif part[0] == "y":
            shown.append(f"{value.year % 100:02d}" if part == "yy" else str(value.year))
        else:
            shown.append(part)
    return "".join(shown)


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def is_date_format(number_format: str) -> bool:
    """True when an Excel number format shows a date (it has d, m or y outside quotes)."""
    from openpyxl.styles.numbers import is_date_format as openpyxl_is_date_format

    return bool(number_format) and openpyxl_is_date_format(number_format)


def decimals_of(number_format: str) -> int:
    """How many decimal places a number format shows (for derived figures in the same style)."""
    section = (number_format or GENERAL).split(";")[0]
    section = _strip_literals(section)
    if section.strip().lower() == "general":
        return -1
    if "." not in section:
        return 0
    after = section.split(".", 1)[1]
    return sum(1 for ch in after if ch in "0#?") if after else 0


def _strip_literals(section: str) -> str:
    """Remove quoted text, escaped characters and [..] codes from one format section."""
    out, i, quoted = [], 0, False
    while i < len(section):
        ch = section[i]
        if ch == '"':
            quoted = not quoted
        elif quoted:
            pass
        elif ch == "\\":
            i += 1
        elif ch == "[":
            end = section.find("]", i)
            i = end if end >= 0 else len(section)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def is_percent_format(number_format: str) -> bool:
    """True when the format multiplies by 100 and shows a % sign (outside quotes)."""
    return "%" in _strip_literals((number_format or "").split(";")[0])
