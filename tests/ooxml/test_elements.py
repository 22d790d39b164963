"""`docgen.ooxml.elements`: the small readers of WordprocessingML elements."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.ooxml.elements import W_VAL, children_by_tag, find_child, find_grandchild, on_off, val
from docgen.ooxml.ns import W_NS, w


def xml(text: str) -> etree._Element:
    """The element written in `text`, with the w: prefix declared."""
    return etree.fromstring(f'<root xmlns:w="{W_NS}">{text}</root>')[0]


PPR = xml('<w:pPr><w:pStyle w:val="Heading1"/><w:jc w:val="center"/>'
          '<w:jc w:val="right"/><w:rPr><w:b/></w:rPr></w:pPr>')


def test_find_child_gives_the_first_child_of_that_name():
    assert find_child(PPR, w("jc")).get(W_VAL) == "center"
    assert find_child(PPR, w("pStyle")).get(W_VAL) == "Heading1"


def test_find_child_of_nothing_or_a_missing_name_is_none():
    assert find_child(PPR, w("ind")) is None
    assert find_child(None, w("jc")) is None


def test_find_child_does_not_look_below_the_children():
    assert find_child(PPR, w("b")) is None
    assert find_grandchild(PPR, w("rPr"), w("b")) is not None


def test_find_grandchild_through_a_missing_child_is_none():
    assert find_grandchild(PPR, w("tabs"), w("tab")) is None
    assert find_grandchild(None, w("rPr"), w("b")) is None


def test_children_by_tag_keeps_the_first_of_each_name():
    found = children_by_tag(PPR)
    assert set(found) == {w("pStyle"), w("jc"), w("rPr")}
    assert found[w("jc")].get(W_VAL) == "center"
    assert children_by_tag(None) == {}


def test_val_reads_a_w_attribute():
    jc = find_child(PPR, w("jc"))
    assert val(jc) == "center"
    assert val(jc, "other") is None
    assert val(None) is None
    ind = xml('<w:ind w:left="720" w:hanging="360"/>')
    assert val(ind, "left") == "720"
    assert val(ind, "hanging") == "360"


def test_val_ignores_an_attribute_without_the_w_namespace():
    assert val(xml('<w:jc val="center"/>')) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("<w:b/>", True),
    ('<w:b w:val="1"/>', True),
    ('<w:b w:val="true"/>', True),
    ('<w:b w:val="on"/>', True),
    ('<w:b w:val="0"/>', False),
    ('<w:b w:val="false"/>', False),
    ('<w:b w:val="FALSE"/>', False),
    ('<w:b w:val="off"/>', False),
    ('<w:b w:val="none"/>', False),
])
def test_on_off_reads_words_toggle_values(text, expected):
    assert on_off(xml(text)) is expected


def test_on_off_of_an_absent_property_is_none_not_false():
    assert on_off(None) is None
