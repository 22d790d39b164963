"""Derived figures and the house style for the phrases that describe them.

Every change, percentage, direction word and unit suffix in a report comes from here, so one
edit changes the style everywhere.
"""

from __future__ import annotations

import math

from .model import Better, Change, Direction, Kind, Value
from .numfmt import GENERAL, decimals_of, format_value, is_percent_format

UNITS: dict[str, str] = {"minutes": "min", "seconds": "sec"}
POINT, POINTS = "pt", "pts"
NOT_AVAILABLE = "n/a"
NO_CHANGE = "no change"
MINUTES_SHOWN_WITH_HOURS = 60
_EPSILON = 1e-9


def display_value(number: float | None, kind: Kind, number_format: str) -> str:
    """A measure's value as shown: the cell's format, plus docgen's unit for durations.

    9.8 minutes → '9.8 min'; 1033 minutes → '1033 min (17.2 hrs)'. A unit the author already
    put in the number format is not added twice.
    """
    if number is None:
        return NOT_AVAILABLE
    text = format_value(number, number_format)
    return _with_unit(text, number, kind)


def _with_unit(text: str, number: float, kind: Kind) -> str:
    unit = UNITS.get(kind)
    if unit is None or not _is_bare_number(text):
        return text
    text = f"{text} {unit}"
    if kind == "minutes" and abs(number) >= MINUTES_SHOWN_WITH_HOURS:
        text += f" ({_hours(number)})"
    return text


def _hours(minutes: float) -> str:
    return f"{abs(minutes) / 60:.1f} hrs"


def _is_bare_number(text: str) -> bool:
    return bool(text) and all(ch.isdigit() or ch in ",.-+ " for ch in text)


def compute_change(previous: Value, current: Value, kind: Kind, better: Better) -> Change:
    """The change from `previous` to `current`, with every phrase a report needs for it."""
    if previous.number is None or current.number is None:
        return Change(None, None, None, None, None, NOT_AVAILABLE, *([NOT_AVAILABLE] * 4))
    absolute = current.number - previous.number
    direction = direction_of(absolute, scale=max(abs(previous.number), abs(current.number)))
    percent = None if previous.number == 0 else absolute / abs(previous.number) * 100
    if percent is not None and not math.isfinite(percent):
        percent = None  # a previous value too close to zero for a percentage to mean anything
    rate = kind == "percentage" and is_percent_format(current.number_format)
    points = absolute * 100 if rate else None
    if direction == NO_CHANGE:
        absolute, percent, points = 0.0, 0.0 if percent is not None else None, 0.0 if rate else None
    signed, amount = _amount_texts(absolute, points, previous, current, kind)
    signed_percent = _percent_text(percent, signed=True)
    amount_percent = _percent_text(None if percent is None else abs(percent), signed=False)
    text = change_phrase(direction, kind, rate, signed, signed_percent, absolute)
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
    )


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


def target_met(current: float | None, target: float | None, better: Better) -> bool | None:
    """Whether the current value meets its target, given which direction is better."""
    if current is None or target is None or better == "neither":
        return None
    return current >= target if better == "higher" else current <= target


def _amount_texts(
    absolute: float, points: float | None, previous: Value, current: Value, kind: Kind
) -> tuple[str, str]:
    """The change as signed and unsigned text in the measure's own number format."""
    if points is not None:
        decimals = max(decimals_of(previous.number_format), decimals_of(current.number_format))
        decimals = decimals if decimals >= 0 else 1
        shown = f"{abs(points):.{decimals}f}"
        size = f"{shown} {POINT if float(shown) == 1 else POINTS}"
        return _sign(points, size), size
    number_format = _change_format(previous.number_format, current.number_format)
    size = display_value(abs(absolute), kind, number_format)
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
    return ("+" if delta > 0 else "-") + size if delta else size


def _percent_text(percent: float | None, *, signed: bool) -> str:
    if percent is None:
        return NOT_AVAILABLE
    rounded = round(percent)
    text = f"{abs(percent):.1f}%" if rounded == 0 and percent != 0 else f"{abs(rounded)}%"
    if not signed or percent == 0:
        return text
    return ("+" if percent > 0 else "-") + text


def change_phrase(
    direction: Direction,
    kind: Kind,
    rate: bool,
    signed: str,
    signed_percent: str,
    absolute: float,
) -> str:
    """The house-style phrase for a change, as shown in the change column of a table.

    Counts and money: 'increase (+2%, +3,192)'; rates: 'decrease (-3 pts)'; durations:
    'increase (+554 min (9.2 hrs))' is written 'increase (+554 min, 9.2 hrs)'.
    """
    if direction == NO_CHANGE:
        return NO_CHANGE
    if rate:
        return f"{direction} ({signed})"
    if kind in UNITS:
        return f"{direction} ({signed.replace(' (', ', ').rstrip(')')})"
    return f"{direction} ({signed_percent}, {signed})"
