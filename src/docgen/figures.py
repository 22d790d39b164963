"""Derived figures and the house style for the phrases that describe them.

Every change, percentage, direction word and unit suffix in a report comes from here, so one
edit changes the style everywhere.
"""

from __future__ import annotations

import math
import re

from .language import ENGLISH, Words
from .model import Better, Change, Direction, Kind, Value
from .numfmt import GENERAL, decimals_of, format_value, is_percent_format, round_half_away

UNITS: dict[str, str] = {"minutes": "minutes", "seconds": "seconds"}
"""The kinds shown with a unit, and the `Words` field that names it."""
NOT_AVAILABLE = "n/a"
NO_CHANGE = "no change"
MINUTES_SHOWN_WITH_HOURS = 60
MINUS = "\u2212"
"""The minus sign of every negative figure: U+2212 MINUS SIGN, which Word, LibreOffice and
docgen's PDF engine never separate from the number after it (a hyphen-minus they do)."""
PLUS = "+"
WORD_JOINER = "\u2060"
"""Binds a sign to a currency symbol after it (`+£2.2m`), where lines could otherwise break."""
_EPSILON = 1e-9
_LOOSE_SIGN = re.compile(r"(?<![\w.,])-(?=[\d£$€.])")
_SIGN_BEFORE_SYMBOL = re.compile(r"([+\u2212])(?=[£$€])")


def bind_signs(text: str) -> str:
    """A figure's text with its signs bound to it: a hyphen-minus before a number becomes
    `MINUS`, and a sign before a currency symbol is joined to it ('-£2.2m' → '−£2.2m')."""
    if "-" in text:
        text = _LOOSE_SIGN.sub(MINUS, text)
    return _SIGN_BEFORE_SYMBOL.sub(r"\1" + WORD_JOINER, text) if "£" in text or "$" in text \
        or "€" in text else text


def display_value(number: float | None, kind: Kind, number_format: str,
                  words: Words = ENGLISH) -> str:
    """A measure's value as shown: the cell's format, plus docgen's unit for durations.

    9.8 minutes → '9.8 min'; 1033 minutes → '1033 min (17.2 hrs)'. A unit the author already
    put in the number format is not added twice.
    """
    if number is None:
        return words.not_available
    text = format_value(number, number_format)
    return bind_signs(_with_unit(text, number, kind, words))


def _with_unit(text: str, number: float, kind: Kind, words: Words) -> str:
    field = UNITS.get(kind)
    if field is None or not _is_bare_number(text):
        return text
    text = f"{text} {getattr(words, field)}"
    if kind == "minutes" and abs(number) >= MINUTES_SHOWN_WITH_HOURS:
        text += f" ({_hours(number, words)})"
    return text


def _hours(minutes: float, words: Words) -> str:
    return f"{round_half_away(abs(minutes) / 60, 1)} {words.hours}"


def _is_bare_number(text: str) -> bool:
    return bool(text) and all(ch.isdigit() or ch in ",.-+ " for ch in text)


def compute_change(previous: Value, current: Value, kind: Kind, better: Better,
                   percent_decimals: int = 0, words: Words = ENGLISH) -> Change:
    """The change from `previous` to `current`, with every phrase a report needs for it.

    The % change is shown to `percent_decimals` places (halves away from zero, as Excel); it
    is n/a where previous is missing or 0, or where either value is negative (a percentage
    across zero or of a negative base means nothing).
    """
    if previous.number is None or current.number is None:
        na = words.not_available
        return Change(None, None, None, None, None, na, na, na, na, na, na, na)
    absolute = current.number - previous.number
    direction = direction_of(absolute, scale=max(abs(previous.number), abs(current.number)))
    percent = percent_change(previous.number, current.number)
    rate = kind == "percentage" and is_percent_format(current.number_format)
    points = absolute * 100 if rate else None
    if direction == NO_CHANGE:
        absolute, percent, points = 0.0, 0.0 if percent is not None else None, 0.0 if rate else None
    signed, amount = _amount_texts(absolute, points, previous, current, kind, words)
    signed_percent = percent_text(percent, percent_decimals, signed=True, words=words)
    amount_percent = percent_text(None if percent is None else abs(percent), percent_decimals,
                                  signed=False, words=words)
    text = change_phrase(direction, kind, rate, signed, signed_percent, absolute, words)
    return Change(
        absolute=absolute,
        percent=percent,
        points=points,
        direction=direction,
        improved=improvement(absolute, better, direction),
        text=text,
        signed=signed,
        signed_percent=signed_percent,
        amount=amount,
        amount_percent=amount_percent,
        direction_text=words.direction(direction),
        trend=words.trend(direction),
    )


def percent_change(previous: float, current: float) -> float | None:
    """The relative change in per cent; None where it means nothing (see `compute_change`)."""
    if previous <= 0 or current < 0:
        return None
    percent = (current - previous) / previous * 100
    return percent if math.isfinite(percent) else None


def direction_of(delta: float, scale: float = 1.0) -> Direction:
    """'increase', 'decrease' or 'no change' (differences within rounding noise are none)."""
    if abs(delta) <= _EPSILON * max(1.0, scale):
        return NO_CHANGE
    return "increase" if delta > 0 else "decrease"


def improvement(delta: float, better: Better, direction: Direction) -> bool | None:
    """True when the change goes the better way, False when not, None when neither applies."""
    if better == "neither" or direction == NO_CHANGE:
        return None
    return (delta > 0) == (better == "higher")


def _amount_texts(
    absolute: float, points: float | None, previous: Value, current: Value, kind: Kind,
    words: Words = ENGLISH,
) -> tuple[str, str]:
    """The change as signed and unsigned text in the measure's own number format."""
    if points is not None:
        decimals = max(decimals_of(previous.number_format), decimals_of(current.number_format))
        decimals = decimals if decimals >= 0 else 1
        shown = round_half_away(abs(points), decimals)
        size = f"{shown} {words.point if shown == 1 else words.points}"
        return _sign(points, size), size
    number_format = _change_format(previous.number_format, current.number_format)
    size = display_value(abs(absolute), kind, number_format, words)
    return _sign(absolute, size), size


def _change_format(previous_format: str, current_format: str) -> str:
    """The format for a change: the more precise of the two values' formats, first section."""
    formats = [f.split(";")[0] for f in (previous_format, current_format) if f]
    if not formats:
        return GENERAL
    return max(formats, key=decimals_of)


def _sign(delta: float, size: str) -> str:
    if size.lstrip("£$€").replace(".", "").replace(",", "").strip("0 ") == "":
        return size
    return bind_signs((PLUS if delta > 0 else MINUS) + size) if delta else size


def percent_text(percent: float | None, decimals: int = 0, *, signed: bool,
                 words: Words = ENGLISH) -> str:
    """A % change to `decimals` places, halves away from zero: '+3%', '−2.9%'; a change that
    rounds to nothing is '0%' with no sign (the words around it say which way it went)."""
    if percent is None:
        return words.not_available
    rounded = round_half_away(percent, decimals)
    if rounded == 0:
        return "0%"
    text = f"{abs(rounded)}%"
    if not signed:
        return text
    return (PLUS if rounded > 0 else MINUS) + text


def change_phrase(
    direction: Direction,
    kind: Kind,
    rate: bool,
    signed: str,
    signed_percent: str,
    absolute: float,
    words: Words = ENGLISH,
) -> str:
    """The house-style phrase for a change, as shown in the change column of a table.

    Counts and money: 'increase (+2%, +3,192)'; rates: 'decrease (-3 pts)'; durations:
    'increase (+554 min (9.2 hrs))' is written 'increase (+554 min, 9.2 hrs)'.
    """
    word = words.direction(direction)
    if direction == NO_CHANGE:
        return word
    if rate:
        return f"{word} ({signed})"
    if kind in UNITS:
        return f"{word} ({signed.replace(' (', ', ').rstrip(')')})"
    return f"{word} ({signed_percent}, {signed})"
