"""A .docx naming hundreds of fonts: fontconfig is asked about a bounded number of them and
the warnings stay readable."""

from __future__ import annotations

import pytest
from tests.support import docx_fixtures as fx

from docgen.pdf import export_pdf, fontconfig


@pytest.fixture
def counted(monkeypatch):
    """Every family fontconfig is really asked about."""
    fontconfig.reset()
    asked: list[str] = []
    real = fontconfig._fc_match
    monkeypatch.setattr(fontconfig, "_fc_match",
                        lambda name, bold, italic: asked.append(name) or real(name, bold, italic))
    yield asked
    fontconfig.reset()


def test_hundreds_of_font_names_are_bounded(tmp_path, counted):
    d = fx.arial_document()
    paragraph = d.add_paragraph()
    for n in range(300):
        paragraph.add_run(f"word{n} ").font.name = f"No Such Font {n}:weight=bold,-x"
    source = fx.save(d, tmp_path / "fonts.docx")
    warnings = export_pdf(source, tmp_path / "fonts.pdf")
    assert len(set(counted)) <= fontconfig.MAX_FAMILIES
    fonts = [w.message for w in warnings if "font" in w.message]
    assert len(fonts) == 11
    assert fonts[-1].startswith("290 more fonts are not installed")
    assert (tmp_path / "fonts.pdf").stat().st_size > 0
