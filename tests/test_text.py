from docgen.model import Run
from docgen.text import clean_text, parse_paragraphs, parse_runs, resolve_references


def test_each_line_is_a_paragraph_with_bullets_and_numbers():
    paragraphs = parse_paragraphs("First line\n\n- a bullet\n• another\n1. numbered\nLast")
    assert [(p.style, p.text) for p in paragraphs] == [
        ("body", "First line"), ("bullet", "a bullet"), ("bullet", "another"),
        ("numbered", "numbered"), ("body", "Last")]


def test_bold_and_italic_runs():
    assert parse_runs("a **b** *c* ***d***") == (
        Run("a "), Run("b", bold=True), Run(" "), Run("c", italic=True), Run(" "),
        Run("d", bold=True, italic=True))


def test_unpaired_and_escaped_asterisks_stay_as_typed():
    assert parse_runs("Missing Person Incidents*") == (Run("Missing Person Incidents*"),)
    assert parse_runs(r"\*note\*") == (Run("*note*"),)
    assert parse_runs("2 * 3") == (Run("2 * 3"),)


def test_clean_text_decodes_excel_escapes_and_drops_illegal_characters():
    text, removed = clean_text("a_x000B_b\x00c\ttab")
    assert text == "abc\ttab"
    assert removed == ["U+0000", "U+000B"]
    assert clean_text("R&D <5% {{ x }}") == ("R&D <5% {{ x }}", [])


def test_references_resolve_and_leave_other_braces_alone():
    from tests.support import MINIMAL

    import docgen.api as api

    report, _ = api.read_report(MINIMAL)
    measures = {m.id: m for m in report.measures}
    text, problems = resolve_references(
        "{INCIDENTS previous} to {incidents current} ({INCIDENTS change %}; "
        "{INCIDENTS change}) {see below} {{ jinja }} {INCIDENTS summary}", measures)
    assert problems == []
    assert text == ("1,210 to 1,105 (\u22129%; \u2212105) {see below} {{ jinja }} "
                    "decrease (\u22129%, \u2212105)")


def test_unknown_references_are_problems():
    text, problems = resolve_references("{NOPE current} and {X y}", {})
    assert text == "{NOPE current} and {X y}"
    assert problems == ["unknown measure 'NOPE' in {NOPE current}"]
