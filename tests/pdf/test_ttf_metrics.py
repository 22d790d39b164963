"""Widths and line metrics read straight from TrueType files."""

from __future__ import annotations

import pytest

from docgen.pdf.fontconfig import find_font_file
from docgen.pdf.ttf_metrics import ttf_line_metrics, ttf_widths


def test_hhea_metrics_unless_the_font_asks_for_typo_metrics():
    # Liberation Sans: hhea 1854/434/67 per 2048 (USE_TYPO_METRICS off).
    assert ttf_line_metrics(find_font_file("LiberationSans-Regular")) == pytest.approx(
        (1854 / 2048, 434 / 2048, 67 / 2048))
    # Caladea sets USE_TYPO_METRICS: typo 900/250/0 per 1000, where Windows' values are
    # 1050/250.
    path = find_font_file("Caladea-Regular")
    if path is None:
        pytest.skip("fonts-crosextra-caladea is not installed")
    assert ttf_line_metrics(path) == pytest.approx((0.9, 0.25, 0.0))


def test_widths_per_character():
    widths = ttf_widths(find_font_file("LiberationSans-Regular"))
    assert widths["i"] == pytest.approx(455 * 1000 / 2048)
    assert widths["W"] > widths["i"]
