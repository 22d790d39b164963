"""A chart's value scale and category band, and the measuring of its labels."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

if TYPE_CHECKING:
    from .chart_marks import ChartData


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


def _extent(data: ChartData) -> tuple[float, float]:
    """Return the lowest and highest value the value axis must show (always including 0)."""
    if data.kind == "bar" and data.stacked:
        ups = [sum(v for v in col if v and v > 0) for col in category_values(data)]
        downs = [sum(v for v in col if v and v < 0) for col in category_values(data)]
        values = ups + downs
    else:
        values = [v for s in data.series for v in s.values if v is not None]
    return min([0.0, *values]), max([0.0, *values])


def category_values(data: ChartData) -> list[list[float | None]]:
    """Return the values of each category across the series."""
    return [
        [s.values[i] if i < len(s.values) else None for s in data.series]
        for i in range(len(data.categories))
    ]


def nice_ticks(low: float, high: float, count: int = 7) -> tuple[float, ...]:
    """Return evenly spaced round tick values covering `low`..`high` (about `count` steps)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return tuple(round(n * step, 10) for n in range(first, last + 1))


def value_ticks(data: ChartData) -> tuple[float, ...]:
    """Return the value axis' ticks, a step wider where a value would sit on the end tick."""
    low, high = _extent(data)
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0]
    if low < 0 and math.isclose(ticks[0], low):
        ticks = (round(ticks[0] - step, 10), *ticks)
    if high > 0 and math.isclose(ticks[-1], high):
        ticks = (*ticks, round(ticks[-1] + step, 10))
    return ticks


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
