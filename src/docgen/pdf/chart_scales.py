"""A chart's value scale and category band, and the measuring of its labels.

The value axis is scaled as LibreOffice scales an automatic linear axis (its
`ScaleAutomatism`, with the options a bar or line chart's value axis turns on), so the PDF
shows the ticks the Word chart shows when LibreOffice draws it:

1. The data's range; values all on one side of zero reach to zero when the nearer end is under
   5/6 of the farther, else the range grows by half towards zero.
2. A step of 1, 2 or 5 times a power of ten, the smallest not under the range over the most
   steps allowed (10, fewer on a short axis or where rounded labels would repeat).
3. The ends rounded out to whole steps; an end is pushed one step further when a value lies
   within 1/21 of the axis' length from it (so no point sits on the frame).
4. Too many steps after that: the next larger step, from 2 again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..numfmt import format_value

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..chart_description import ChartDescription

MAX_STEPS = 10
"""The most intervals an automatic axis has (LibreOffice's MAXIMUM_AUTO_INCREMENT_COUNT)."""
MIN_STEPS = 2
CLOSE_TO_END = 20 / 21
"""A value further along the axis than this share of it pushes the end out one step."""
NARROW = 5 / 6
"""Values whose nearer end is at least this share of the farther one do not reach to zero."""
LADDER = (1.0, 2.0, 5.0)


@dataclass(frozen=True)
class AxisRange:
    """An automatic value axis: its ends and the step between its ticks."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> tuple[float, ...]:
        """Return the tick values from `low` to `high`, one `step` apart."""
        count = round((self.high - self.low) / self.step)
        return tuple(_clean(self.low + n * self.step) for n in range(count + 1))


def _clean(value: float) -> float:
    """Return `value` without the float noise of repeated addition (0.30000000000000004)."""
    return float(f"{value:.12g}")


def _first_step(span: float, max_steps: int) -> tuple[float, float]:
    """Return (normalised step, power of ten): the smallest 1, 2 or 5 × 10^n not under
    `span` / `max_steps`."""
    raw = span / max_steps
    if raw <= 1e-307:
        return 1.0, 1e-307
    magnitude = 10.0 ** math.floor(math.log10(raw) + 1e-12)
    normalised = raw / magnitude
    for rung in LADDER:
        if normalised <= rung * (1 + 1e-12):
            return rung, magnitude
    return 1.0, magnitude * 10


def _next_step(normalised: float, magnitude: float) -> tuple[float, float]:
    """Return the rung after `normalised` on the 1, 2, 5 ladder."""
    if normalised == 1.0:
        return 2.0, magnitude
    if normalised == 2.0:
        return 5.0, magnitude
    return 1.0, magnitude * 10


def _floor_to(value: float, step: float) -> float:
    """Return the largest whole multiple of `step` not above `value` (within rounding)."""
    return math.floor(value / step + 1e-9) * step


def _ceil_to(value: float, step: float) -> float:
    """Return the smallest whole multiple of `step` not below `value` (within rounding)."""
    return math.ceil(value / step - 1e-9) * step


def auto_axis(low: float, high: float, max_steps: int = MAX_STEPS) -> AxisRange:
    """Return the automatic axis for data from `low` to `high` (see the module's rule)."""
    max_steps = min(max(max_steps, MIN_STEPS), MAX_STEPS)
    high = max(high, low)
    flipped = low < 0 and high <= 0
    if flipped:  # work on the mirror image, as all-negative data mirrors all-positive
        low, high = -high, -low
    source_low, source_high = low, high
    if low > 0:
        if low == high or low / high < NARROW:
            low = 0.0
        else:
            low -= (high - low) / 2
    if low == high:
        high = 1.0 if high == 0 else high * 2
    normalised, magnitude = _first_step(high - low, max_steps)
    while True:
        step = normalised * magnitude
        axis_low, axis_high = _floor_to(low, step), _ceil_to(high, step)
        if axis_low != 0 and (axis_high - source_low) / (axis_high - axis_low) > CLOSE_TO_END:
            axis_low -= step
        if axis_high != 0 and (source_high - axis_low) / (axis_high - axis_low) > CLOSE_TO_END:
            axis_high += step
        if math.floor((axis_high - axis_low) / step + 1e-9) <= max_steps:
            break
        normalised, magnitude = _next_step(normalised, magnitude)
    if flipped:
        axis_low, axis_high = -axis_high, -axis_low
    return AxisRange(_clean(axis_low), _clean(axis_high), _clean(step))


def repeated_label_cap(ticks: tuple[float, ...], number_format: str) -> int | None:
    """Return the most steps that keep the tick labels from repeating, or None when none
    repeat.

    Labels that round alike ("0", "0", "1" in a whole-number format) count as repeats, and
    so does a first label that prints as nothing, as LibreOffice counts them.
    """
    longest = run = 0
    previous = ""
    for tick in ticks:
        text = format_value(tick, number_format)
        run = run + 1 if text == previous else 0
        longest = max(longest, run)
        previous = text
    return len(ticks) // (longest + 1) if longest else None


def steps_for_length(length: float, label_extent: float) -> int:
    """Return how many steps fit along an axis `length` long whose labels each take
    `label_extent` of it (their height up a vertical axis, their width along a horizontal)."""
    if label_extent <= 0:
        return MAX_STEPS
    return int(length // label_extent)


def value_axis(
    chart: ChartDescription, length: float, label_extent: Callable[[list[str]], float]
) -> AxisRange:
    """Return the value axis of `chart` laid along `length` points.

    As LibreOffice does, the axis is scaled with up to ten steps first; its labels
    (`label_extent` measures them) then set how many steps fit and whether rounding repeats
    them, and the axis is scaled again with that many.
    """
    low, high = data_range(chart)
    first = auto_axis(low, high)
    texts = [format_value(t, chart.number_format) for t in first.ticks]
    steps = steps_for_length(length, label_extent(texts))
    cap = repeated_label_cap(first.ticks, chart.number_format)
    if cap is not None:
        steps = min(steps, cap)
    return auto_axis(low, high, steps)


def data_range(chart: ChartDescription) -> tuple[float, float]:
    """Return the lowest and highest value the value axis must show: stacked bars add up
    their positive and negative values apart, as they are drawn, from zero."""
    if chart.kind == "bar" and chart.stacked:
        columns = category_values(chart)
        values = [sum(v for v in col if v and v > 0) for col in columns]
        values += [sum(v for v in col if v and v < 0) for col in columns]
    else:
        values = [v for s in chart.series for v in s.values if v is not None]
    if not values:
        return 0.0, 0.0
    return min(values), max(values)


def category_values(chart: ChartDescription) -> list[list[float | None]]:
    """Return the values of each category across the series."""
    return [
        [s.values[i] if i < len(s.values) else None for s in chart.series]
        for i in range(len(chart.categories))
    ]


@dataclass(frozen=True)
class Scale:
    """A value axis: its ends, its ticks and where the plot area puts them."""

    low: float
    high: float
    ticks: tuple[float, ...]
    start: float  # drawing coordinate of `low`
    end: float  # drawing coordinate of `high`

    def at(self, value: float) -> float:
        """Return the drawing coordinate of `value`."""
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)


@dataclass(frozen=True)
class Band:
    """The category axis: where each category's slot starts and how wide it is."""

    start: float
    slot: float
    count: int
    reverse: bool

    def centre(self, index: int) -> float:
        """Return the drawing coordinate of the middle of category `index`."""
        position = self.count - 1 - index if self.reverse else index
        return self.start + (position + 0.5) * self.slot


def label_width(texts: list[str], font: str, size: float) -> float:
    """Return the width of the widest of `texts`."""
    return max((stringWidth(t, font, size) for t in texts), default=0.0)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width` where it has spaces."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and stringWidth(candidate, font, size) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return [line for line in lines if line] or []
