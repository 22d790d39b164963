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
    return _formatter().format(number_format, number)


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
        return _formatter().format(number_format, _as_datetime(value))
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            return "#NUM!"
        try:
            return _format_number(float(value), number_format)
        except Exception:  # ssf raises bare Exceptions on formats it cannot read
            logger.debug("ssf could not apply %r; falling back to General", number_format)
            return _format_number(float(value), GENERAL)
    return str(value)


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


def ordinal(day: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th', 21 → '21st'."""
    if 10 <= day % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def long_date(value: dt.date | None) -> str:
    """The committee-report date style: '21st November 2019'."""
    if value is None:
        return ""
    return f"{ordinal(value.day)} {value:%B %Y}"
