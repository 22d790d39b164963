"""Targets, status and RAG ratings: whether each measure meets its target, and its colour.

A target is a *level* in the measure's own units (`3,423`, `15` minutes, `75%` for a rate), or a
*change* against the previous value: a % change (`-13%`) or, for rates, percentage points
(`+2 pts`). Whether it is met is decided on the unrounded figures and the measure's *Better*
direction. The rating follows the organisation's *RAG rule* (Settings):

- `target` (default): Green when met, Red when not;
- `target and direction`: Green when met; Amber when not met but improving; Red otherwise;
- `amber within N%`: Green when met; Amber when within N% of the target; Red otherwise.

A measure's own *RAG* cell overrides the rule (an analyst's judgement), with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import (
    MINUS,
    NOT_AVAILABLE,
    PLUS,
    bind_signs,
    display_value,
    percent_change,
    percent_text,
)
from .model import Better, Change, Kind, Target, Value
from .numfmt import is_percent_format

MET, NOT_MET, NO_TARGET = "met", "not met", "no target"
GREEN, AMBER, RED = "Green", "Amber", "Red"
RATINGS = (GREEN, AMBER, RED)
RULE_TARGET, RULE_DIRECTION = "target", "target and direction"
_TOLERANCE = re.compile(r"^amber within\s+(\d+(?:\.\d+)?)\s*%$", re.IGNORECASE)
_CHANGE = re.compile(r"^\s*([+\-\u2212])\s*(\d[\d,]*(?:\.\d+)?)\s*(%|pts?|points?)\s*$",
                     re.IGNORECASE)
_LEVEL = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?\s*$")
NON_NEGATIVE_KINDS = ("count", "minutes", "seconds", "money")

DEFAULT_COLOURS = {GREEN: "00703C", AMBER: "FFDD00", RED: "D4351C"}
"""GOV.UK's green, yellow and red: each with a text colour of contrast at least 4.5:1."""


@dataclass(frozen=True)
class Rating:
    """What a target says about a measure: status, RAG, and how far off it is."""

    status: str = NO_TARGET
    rag: str = ""
    gap: float | None = None
    gap_text: str = NOT_AVAILABLE
    overridden: bool = False

    @property
    def met(self) -> bool | None:
        """True when met, False when not, None without a target."""
        return {MET: True, NOT_MET: False}.get(self.status)


class TargetError(ValueError):
    """A target that cannot be right for its measure; the message says why."""


def parse_target(value: object, number_format: str, kind: Kind) -> Target | None:
    """A target from a Target cell: a number (a level, or a % change when a count is formatted
    as a percentage) or text ('-13%', '+2 pts', '3,423'). `TargetError` when it can't be."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TargetError(f"expected a target such as 3,423, -13% or +2 pts, found {value}")
    if isinstance(value, int | float):
        if kind != "percentage" and is_percent_format(number_format):
            return _change_target("percent", value * 100)
        return _level_target(float(value), number_format, kind)
    text = str(value).strip()
    match = _CHANGE.match(text)
    if match:
        sign = -1 if match.group(1) in "-\u2212" else 1
        number = sign * float(match.group(2).replace(",", ""))
        unit = "percent" if match.group(3) == "%" else "points"
        if unit == "points" and kind != "percentage":
            raise TargetError(f'"{text}" is in percentage points, which only a rate has; '
                              "type a level (3,423) or a % change (-13%)")
        return _change_target(unit, number)
    if _LEVEL.match(text):
        return _level_target(float(text.replace(",", "")), number_format, kind)
    raise TargetError(f'expected a target such as 3,423, -13% or +2 pts, found "{text}"')


def _level_target(number: float, number_format: str, kind: Kind) -> Target:
    if kind in NON_NEGATIVE_KINDS and number < 0:
        raise TargetError(f"a level of {number:g} can't be a target for a {kind}; type a "
                          "level in the measure's units (3,423) or a change with its sign "
                          "and % (-13%)")
    if kind == "percentage" and not 0 <= number <= 1:
        raise TargetError(f"a rate's target is a percentage such as 75% (0.75), not "
                          f"{number:g}; for a change type it with its sign: +2 pts or -5%")
    return Target("level", number, display_value(number, kind, number_format))


def _change_target(unit: str, number: float) -> Target:
    if unit == "percent":
        text = percent_text(number, 1 if number != round(number) else 0, signed=True)
    else:
        text = f"{PLUS if number > 0 else MINUS if number < 0 else ''}{abs(number):g} pts"
    return Target(unit, number, text)


def parse_rule(text: str) -> tuple[str, float | None]:
    """The RAG rule from its Settings text: ('target', None), ('target and direction', None)
    or ('amber within', 5.0). `TargetError` for anything else."""
    rule = " ".join(text.lower().split()) or RULE_TARGET
    if rule in (RULE_TARGET, RULE_DIRECTION):
        return rule, None
    match = _TOLERANCE.match(rule)
    if match:
        return "amber within", float(match.group(1))
    raise TargetError(f'"{text}" is not a RAG rule; use target, target and direction, or '
                      "amber within 5%")


def rate(target: Target | None, previous: Value, current: Value, change: Change, kind: Kind,
         better: Better, rule: tuple[str, float | None]) -> Rating:
    """The status and RAG of a measure against its target (unrounded figures)."""
    if target is None or better == "neither":
        return Rating()
    level = target_level(target, previous.number)
    if level is None or current.number is None:
        return Rating(NOT_AVAILABLE)
    achieved = _achieved(target, previous.number, current.number)
    if achieved is None:
        return Rating(NOT_AVAILABLE)
    wanted = target.number if target.kind != "level" else level
    met = achieved <= wanted if better == "lower" else achieved >= wanted
    gap = current.number - level
    return Rating(MET if met else NOT_MET, _rag(met, gap, level, change, rule), gap,
                  _gap_text(gap, kind, current))


def target_level(target: Target, previous: float | None) -> float | None:
    """The level a target asks for (a change target needs the previous value)."""
    if target.kind == "level":
        return target.number
    if previous is None:
        return None
    if target.kind == "percent":
        return previous * (1 + target.number / 100)
    return previous + target.number / 100


def _achieved(target: Target, previous: float | None, current: float) -> float | None:
    """What is compared with the target: the level, the % change or the change in points."""
    if target.kind == "level":
        return current
    if previous is None:
        return None
    if target.kind == "percent":
        return percent_change(previous, current)
    return (current - previous) * 100


def _rag(met: bool, gap: float, level: float, change: Change,
         rule: tuple[str, float | None]) -> str:
    if met:
        return GREEN
    name, tolerance = rule
    if name == RULE_DIRECTION:
        return AMBER if change.improved else RED
    if name == "amber within" and tolerance is not None:
        return AMBER if abs(gap) <= abs(level) * tolerance / 100 else RED
    return RED


def _gap_text(gap: float, kind: Kind, current: Value) -> str:
    """How far from the target, in the measure's units: '+1,210', '−0.8 min', '−3 pts'."""
    if kind == "percentage" and is_percent_format(current.number_format):
        size = f"{abs(gap) * 100:.1f}".rstrip("0").rstrip(".") + " pts"
    else:
        size = display_value(abs(gap), kind, current.number_format.split(";")[0])
    if gap == 0:
        return size
    return bind_signs((PLUS if gap > 0 else MINUS) + size)


def override(text: str) -> str | None:
    """A RAG typed by hand ('green', 'AMBER'), as docgen writes it; None if it is none."""
    cleaned = text.strip().capitalize()
    return cleaned if cleaned in RATINGS else None


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (a hex colour)."""
    return "000000" if contrast(fill, "000000") >= contrast(fill, "FFFFFF") else "FFFFFF"


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two hex colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
