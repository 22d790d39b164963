"""One chart as both renderers see it: series, categories, axes, looks and number formats.

`describe(chart)` makes it from the report model's `Chart`; the Word writer (`charts`) writes
the chart XML from it, and the PDF engine (`pdf.chart_reading`) reads a chart part of any
.docx back into it, so the PDF drawer (`pdf.chart_drawing`) draws docgen's charts and foreign
ones alike, from this description as it is. It is plain data: colours are RGB hex, dashes,
markers and patterns DrawingML preset names; `chart_style` holds the looks and sizes both
renderers share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .chart_style import WHITE, series_style

if TYPE_CHECKING:
    from .model import Chart, Series

LABELLED_POINTS_MAX = 24  # above this, direct data labels on bars overlap at 16 cm
GAP_WIDTH = 80
"""The gap between bar groups docgen writes, in per cent of a bar group's width."""
DEFAULT_GAP_WIDTH = 150.0
"""DrawingML's gap width when a chart gives none."""


@dataclass(frozen=True)
class SeriesDescription:
    """One series: its name, values (None for a gap), number format and look.

    `marker_fill` is the colour inside a line's markers ("" when the chart gives none, and
    they are filled in the series' colour); a hollow marker has white there.
    """

    name: str
    values: tuple[float | None, ...]
    colour: str
    dash: str = "solid"
    marker: str = "none"
    marker_fill: str = ""
    pattern: str = ""
    number_format: str = "General"

    @property
    def hollow(self) -> bool:
        """Whether the markers are outlined in the colour around another fill."""
        return self.marker_fill not in ("", self.colour)


@dataclass(frozen=True)
class ChartDescription:
    """A chart's first plot: a line chart, or clustered or stacked bars (`horizontal` ones, or
    columns); `kind` is "" for a chart type the PDF engine does not draw.

    `reverse` lists the categories from the far end of their axis (Word's "maxMin"), as a bar
    chart does to read top down; `number_format` is the value axis' and the data labels'.
    """

    kind: str
    title: str = ""
    categories: tuple[str, ...] = ()
    series: tuple[SeriesDescription, ...] = ()
    horizontal: bool = False
    stacked: bool = False
    reverse: bool = False
    x_title: str = ""
    y_title: str = ""
    legend: bool = True
    number_format: str = "General"
    data_labels: bool = False
    gap_width: float = DEFAULT_GAP_WIDTH


def describe(chart: Chart) -> ChartDescription:
    """Return the description of the report model's `chart`: each series in docgen's style
    for its index, bars labelled when there are few enough to read."""
    line, horizontal = chart.type == "line", chart.type == "bar"
    return ChartDescription(
        kind="line" if line else "bar",
        title=chart.title,
        categories=tuple(str(c) for c in chart.categories),
        series=tuple(_series(s, i, line) for i, s in enumerate(chart.series)),
        horizontal=horizontal,
        stacked=chart.type == "stacked column",
        reverse=horizontal,
        x_title=chart.x_title,
        y_title=chart.y_title,
        number_format=chart.series[0].number_format if chart.series else "General",
        data_labels=not line and len(chart.categories) * len(chart.series) <= LABELLED_POINTS_MAX,
        gap_width=DEFAULT_GAP_WIDTH if line else GAP_WIDTH,
    )


def _series(series: Series, index: int, line: bool) -> SeriesDescription:
    """One model series in the style of its index: dash and marker on a line, else a hatch."""
    style = series_style(index)
    common = {"name": series.name, "values": series.values, "colour": style.colour,
              "number_format": series.number_format}
    if not line:
        return SeriesDescription(**common, pattern=style.pattern)
    fill = WHITE if style.hollow else style.colour
    return SeriesDescription(**common, dash=style.dash, marker=style.marker, marker_fill=fill)
