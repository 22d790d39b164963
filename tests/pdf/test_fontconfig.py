"""Finding font files through fontconfig, bounded, with a fallback when it has no answer."""

from __future__ import annotations

import pytest

from docgen.pdf import fontconfig
from docgen.pdf.fontconfig import FontMatch, category, fallback_match, match


@pytest.fixture(autouse=True)
def fresh_answers():
    fontconfig.reset()
    yield
    fontconfig.reset()


def test_fontconfig_answers_as_libreoffice_found_the_faces():
    # What LibreOffice 7.4 embedded for these families on this machine (fc-match agrees).
    assert match("Calibri", False, False).family == "Carlito"
    assert match("Cambria", True, False).path.endswith("/Caladea-Bold.ttf")
    assert match("Georgia", False, False).family == "DejaVu Serif"
    assert match("Segoe UI", False, False).family == "DejaVu Sans"
    assert match("Consolas", False, False).family == "DejaVu Sans Mono"


def test_the_library_and_the_command_agree():
    pattern = "Calibri:weight=bold:slant=italic"
    library = fontconfig._Library.get()
    if library is None:
        pytest.skip("libfontconfig cannot be loaded here")
    assert library.match(pattern) == fontconfig._run_fc_match(pattern)


def test_metric_compatibility_is_by_group():
    assert FontMatch("Carlito", "/x.ttf").compatible_with("Calibri")
    assert FontMatch("Liberation Sans", "/x.ttf").compatible_with("helvetica")
    assert FontMatch("Liberation Sans Narrow", "/x.ttf").compatible_with("Arial Narrow")
    assert not FontMatch("Liberation Sans", "/x.ttf").compatible_with("Arial Narrow")
    assert not FontMatch("DejaVu Sans", "/x.ttf").compatible_with("Verdana")
    assert FontMatch("Verdana", "/x.ttf").compatible_with("Verdana")


def test_names_are_escaped_for_fontconfig_patterns():
    assert fontconfig._escape("Evil:weight=bold,Arial-Black") == \
        "Evil\\:weight\\=bold\\,Arial\\-Black"
    found = match("Evil:weight=bold,Arial", True, False)
    assert found is not None and found.family == "DejaVu Sans"


def test_only_so_many_families_are_asked_about(monkeypatch):
    asked = []
    monkeypatch.setattr(fontconfig, "MAX_FAMILIES", 3)
    monkeypatch.setattr(fontconfig, "_fc_match",
                        lambda name, bold, italic: asked.append(name) or None)
    for n in range(10):
        match(f"Font {n}", False, False)
        match(f"Font {n}", True, False)
    assert asked == ["Font 0", "Font 0", "Font 1", "Font 1", "Font 2", "Font 2"]
    assert match("Font 9", False, False).family == "Liberation Sans"


def test_without_fontconfig_the_fallback_table_is_used(monkeypatch):
    monkeypatch.setattr(fontconfig, "_fc_match", lambda *args: None)
    assert match("Calibri", False, True).path.endswith("/Carlito-Italic.ttf")
    assert match("Cambria", False, False).family == "Caladea"
    assert match("Book Antiqua", False, False).family == "Liberation Serif"
    assert fallback_match("Courier New", True, False).path.endswith("LiberationMono-Bold.ttf")


def test_category_of_a_family():
    assert category("Georgia") == "serif"
    assert category("Consolas") == "mono"
    assert category("PT Sans Narrow") == "sans"
