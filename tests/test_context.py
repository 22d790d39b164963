"""`docgen.context`: what a Word template can use, made from the report model as plain data,
with the shape `FIELDS` declares."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from tests.support import ROOT

from docgen.context import (
    FIELDS,
    MEASURE_FIELDS,
    SETTING_NAMES,
    appendix_table,
    measure_fields,
    rag_counts,
    template_context,
)
from docgen.model import (
    Change,
    Implication,
    Measure,
    MeasureTable,
    Report,
    Settings,
    Target,
    Value,
)
from docgen.sandbox import check_data

RENDER = (ROOT / "src" / "docgen" / "render.py").read_text(encoding="utf-8")

COLOURS = {"Green": "00703C", "Amber": "FFDD00", "Red": "D4351C"}


def measure(id_: str, theme: str, rag: str = "", target: Target | None = None) -> Measure:
    change = Change(-5463.0, -9.43, None, "decrease", True, "decrease (−9%, −5,463)", "−5,463",
                    "−9%", "5,463", "9%", "decrease", "down")
    return Measure(id_, theme, f"Measure {id_}", "count", "lower", Value(57947.0, "57,947"),
                   Value(52484.0, "52,484"), change, note="Police data",
                   previous_period="Oct '17 - Sep '18", current_period="Oct '18 - Sep '19",
                   target=target, target_met=None if target is None else rag == "Green",
                   rag=rag, status_text="met" if rag == "Green" else "no target",
                   target_gap="+77")


TARGET = Target("level", 52561.0, "52,561")


@pytest.fixture
def report() -> Report:
    measures = [measure("ASB", "Crime", "Green", TARGET), measure("BUR", "Crime"),
                measure("RTC", "Roads", "Red", TARGET), measure("KSI", "Roads", "Amber", TARGET)]
    settings = Settings("Strategic Scrutiny", dt.date(2019, 11, 21), "21st November 2019",
                        "Quarterly Report", agenda_item="Item 2", red_colour="AA0000",
                        values={"From": "Chief Constable", "Report to": "Strategic Scrutiny"})
    return Report(settings, measures=measures,
                  appendix=[MeasureTable("Crime", "Recorded crime", "Oct '17", "Oct '18",
                                         tuple(measures[:2])),
                            MeasureTable("Roads", "", "Q1", "Q2", tuple(measures[2:]))],
                  implications=[Implication("Financial:", "Nil"), Implication("Legal:", "None")],
                  implications_number="10.")


def test_the_context_has_exactly_the_declared_names_and_is_plain_data(report):
    context = template_context(report)
    # The placeholders (the narrative `body`, …) are added by the renderer, filled after Jinja.
    placeholders = set(re.findall(r'context\["(\w+)"\] = ', RENDER))
    assert "body" in placeholders
    assert set(context) | placeholders == set(FIELDS)
    assert not set(context) & placeholders
    check_data(context)


def test_settings_are_text_and_the_meeting_date_as_written(report):
    context = template_context(report)
    assert context["meeting_date"] == "21st November 2019"
    assert context["report_to"] == "Strategic Scrutiny"
    assert context["agenda_item"] == "Item 2"
    assert context["organisation"] == ""
    assert all(isinstance(context[name], str) for name in SETTING_NAMES)


def test_every_settings_row_by_its_label_in_a_copy(report):
    context = template_context(report)
    assert context["settings"] == {"From": "Chief Constable", "Report to": "Strategic Scrutiny"}
    context["settings"]["From"] = "changed"
    assert report.settings.values["From"] == "Chief Constable"


def test_implications_and_their_numbered_heading(report):
    context = template_context(report)
    assert context["implications_heading"] == "10. Implications"
    assert context["implications"] == [{"label": "Financial:", "detail": "Nil"},
                                       {"label": "Legal:", "detail": "None"}]
    report.implications_number = ""
    assert template_context(report)["implications_heading"] == "Implications"


def test_a_measure_has_every_declared_field_with_its_values(report):
    fields = measure_fields(report.measures[0], COLOURS)
    assert set(fields) == set(MEASURE_FIELDS)
    assert fields["id"] == "ASB" and fields["name"] == "Measure ASB"
    assert (fields["previous"], fields["current"]) == ("57,947", "52,484")
    assert (fields["previous_value"], fields["current_value"]) == (57947.0, 52484.0)
    assert fields["change"] == "decrease (−9%, −5,463)"
    assert (fields["change_value"], fields["change_pct"]) == (-5463.0, -9.43)
    assert (fields["direction"], fields["trend"], fields["improved"]) == ("decrease", "down", True)
    assert (fields["target"], fields["target_met"], fields["target_gap"]) == ("52,561", True, "+77")
    assert (fields["rag"], fields["rag_colour"], fields["rag_text_colour"]) == (
        "Green", "00703C", "FFFFFF")


def test_a_measure_without_a_target_shows_none(report):
    fields = measure_fields(report.measures[1], COLOURS)
    assert (fields["target"], fields["target_met"], fields["target_gap"]) == ("", None, "")
    assert (fields["rag"], fields["rag_colour"], fields["rag_text_colour"]) == ("", "", "")


def test_rag_colours_are_the_reports_own_with_text_that_reads_on_them(report):
    context = template_context(report)
    red, amber = context["measure"]["RTC"], context["measure"]["KSI"]
    assert (red["rag_colour"], red["rag_text_colour"]) == ("AA0000", "FFFFFF")
    assert (amber["rag_colour"], amber["rag_text_colour"]) == ("FFDD00", "000000")


def test_measures_by_id_and_in_the_appendix_are_the_same_dicts(report):
    context = template_context(report)
    assert [m["id"] for m in context["measures"]] == ["ASB", "BUR", "RTC", "KSI"]
    assert context["measure"]["BUR"] is context["measures"][1]
    crime, roads = context["appendix"]
    assert crime["measures"][0] is context["measure"]["ASB"]
    assert (crime["theme"], crime["note"], crime["previous_period"], crime["current_period"],
            crime["first_of_theme"]) == ("Crime", "Recorded crime", "Oct '17", "Oct '18", True)
    assert [m["id"] for m in roads["measures"]] == ["RTC", "KSI"]


def test_appendix_table_alone(report):
    by_id = {m.id: {"id": m.id} for m in report.measures}
    table = appendix_table(report.appendix[1], by_id)
    assert table["measures"] == [{"id": "RTC"}, {"id": "KSI"}]
    assert set(table) == set(FIELDS["appendix"][0])


def test_rag_counts_overall_and_by_theme_in_order_of_first_appearance(report):
    assert rag_counts(report.measures) == {
        "overall": {"Green": 1, "Amber": 1, "Red": 1, "no target": 1},
        "themes": [{"theme": "Crime", "Green": 1, "Amber": 0, "Red": 0, "no target": 1},
                   {"theme": "Roads", "Green": 0, "Amber": 1, "Red": 1, "no target": 0}]}


def test_rag_counts_of_no_measures():
    assert rag_counts([]) == {"overall": {"Green": 0, "Amber": 0, "Red": 0, "no target": 0},
                              "themes": []}


def test_the_declared_shape_describes_every_name():
    def described(value) -> bool:
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, list):
            return len(value) == 1 and described(value[0])
        return isinstance(value, dict) and all(described(v) for v in value.values())

    assert all(described(value) for value in FIELDS.values())
