"""`docgen.sandbox`: the allow-list sandbox templates run in, its data check and its budget,
rendered straight from strings. (Attacks through a whole build: hostile/test_hostile_templates.)"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.utils import Cycler, Namespace

from docgen import sandbox
from docgen.sandbox import (
    COMPILED_KEEP,
    MAX_BUILT_SIZE,
    MAX_LOOP_STEPS,
    RenderBudget,
    SafeEnvironment,
    allowed_attribute,
    check_data,
)


def render(source: str, budget: RenderBudget | None = None, **context) -> str:
    return SafeEnvironment(budget).from_string(source).render(**context)


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str
    count: int = 1


@dataclasses.dataclass
class Thawed:
    name: str


def shout(text: str) -> str:
    return text.upper()


# -- plain data ---------------------------------------------------------------------------------


def test_plain_data_passes():
    check_data({"a": [1, 2.5, "x", None, True, (dt.date(2019, 11, 21), dt.time(9))],
                "b": {"c": Frozen("f")}})


@pytest.mark.parametrize(("value", "message"), [
    ({"a": [1, object()]}, "context['a'][1] is a object, not plain data"),
    ({"a": {1: "x"}}, "context['a'] has a key that is not text: 1"),
    ({"m": Thawed("x")}, "context['m'] is a Thawed, not plain data"),
    ({"m": Frozen(print)}, "context['m'].name is a builtin_function_or_method, not plain data"),
    ({"s": {1, 2}}, "context['s'] is a set, not plain data"),
    ({"b": b"bytes"}, "context['b'] is a bytes, not plain data"),
])
def test_anything_else_is_named_where_it_is(value, message):
    with pytest.raises(TypeError) as raised:
        check_data(value)
    assert str(raised.value) == message


def test_data_nested_too_deeply_is_refused():
    deep: list = []
    for _ in range(30):
        deep = [deep]
    with pytest.raises(TypeError, match="is nested too deeply"):
        check_data({"deep": deep}, "ctx")


def test_a_dict_shared_by_two_places_is_looked_at_once_and_passes():
    shared = {"id": "ASB"}
    check_data({"measures": [shared], "measure": {"ASB": shared}})


# -- the allow-list ------------------------------------------------------------------------------


@pytest.mark.parametrize(("obj", "attr", "allowed"), [
    (Frozen("x"), "name", True), (Frozen("x"), "replace", False), (Thawed("x"), "name", False),
    (dt.date(2019, 1, 2), "year", True), (dt.date(2019, 1, 2), "strftime", False),
    (dt.time(9, 30), "day", True), (Namespace(n=1), "n", True), (Cycler(1, 2), "next", True),
    (Cycler(1, 2), "items", False), ({}, "get", True), ({}, "pop", False), ("x", "split", True),
    ("x", "_x", False), ({}, "__class__", False)])
def test_what_a_template_may_read(obj, attr, allowed):
    assert allowed_attribute(obj, attr) is allowed


def test_loop_helpers_may_be_read():
    assert render("{% for x in 'ab' %}{{ loop.index }}{{ loop.last }}{{ loop.length }}"
                  "{% endfor %}") == "1False22True2"


def test_fields_of_frozen_dataclasses_dates_and_dicts():
    assert render("{{ m.name }} {{ d.year }} {{ t.get('k') }}", m=Frozen("ASB"),
                  d=dt.date(2019, 11, 21), t={"k": "v"}) == "ASB 2019 v"


@pytest.mark.parametrize("source", ["{{ x.format(1) }}", "{{ d.pop('k') }}",
                                    "{{ x.__class__ }}", "{{ [].append(1) }}"])
def test_anything_else_is_a_security_error(source):
    with pytest.raises(SecurityError):
        render(source, x="x{}", d={"k": 1})


def test_a_refused_call_says_what_was_called():
    with pytest.raises(SecurityError) as raised:
        render("{{ f('x') }}", f=shout)
    assert str(raised.value) == ("a template may not call 'shout' (only the filters, tests "
                                 "and functions docgen lists)")
    with pytest.raises(SecurityError, match="^access to attribute 'encode' of 'str' object"):
        render("{{ x.encode() }}", x="text")


@pytest.mark.parametrize("name", ["pprint", "random", "tojson", "urlize"])
def test_filters_left_out(name):
    with pytest.raises(TemplateSyntaxError, match=f"No filter named '{name}'"):
        render(f"{{{{ 1|{name} }}}}")


def test_globals_left_out_and_undefined_names_are_errors():
    with pytest.raises(UndefinedError):
        render("{{ lipsum() }}")
    with pytest.raises(UndefinedError):
        render("{{ nothing }}")


def test_output_is_escaped():
    assert render("{{ x }}", x="<w:t>&") == "&lt;w:t&gt;&amp;"


def test_ordinary_code_works():
    source = ("{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}"
              "{% endfor %}{{ ns.n }}|{{ 'a' ~ 1 }}|{{ [3,1,2]|sort|join(',') }}|"
              "{% macro b(x) %}[{{ x }}]{% endmacro %}{{ b('y') }}|{{ cycler('p','q').next() }}")
    assert render(source) == "6|a1|1,2,3|[y]|p"


# -- the budget ----------------------------------------------------------------------------------


def test_a_budget_counts_steps_down_to_its_limit():
    budget = RenderBudget(steps=3)
    budget.spend(3)
    with pytest.raises(SecurityError) as raised:
        budget.spend()
    assert str(raised.value) == f"the template loops more than {MAX_LOOP_STEPS:,} times"


def test_a_budget_past_its_deadline_stops():
    with pytest.raises(SecurityError, match="took longer than 20 seconds"):
        RenderBudget(seconds=-1).spend()


def test_every_loop_step_is_counted():
    budget = RenderBudget(steps=1000)
    render("{% for i in range(10) %}{% for j in range(10) %}.{% endfor %}{% endfor %}", budget)
    spent = 1000 - budget.steps
    # 100 inner and 10 outer steps, and 11 calls each to range() and to the step counter
    assert spent == 110 + 11 + 11
    with pytest.raises(SecurityError):
        render("{% for i in range(100) %}{% for j in range(100) %}.{% endfor %}{% endfor %}",
               RenderBudget(steps=1000))


def test_range_is_bounded_before_it_counts():
    with pytest.raises(SecurityError) as raised:
        render("{{ range(10**7)|length }}")
    assert str(raised.value) == (f"the template asks range() for 10,000,000 numbers (at most "
                                 f"{MAX_BUILT_SIZE:,})")


@pytest.mark.parametrize(("source", "message"), [
    ("{{ 'ab' * 10**6 }}", "the template builds a value of 2,000,000 items"),
    ("{{ [1] * (10**6 + 1) }}", "the template builds a value of 1,000,001 items"),
    ("{{ 'a'|center(10**7) }}", "the template asks for 10,000,000 items"),
    ("{{ 'a\\nb'|indent(10**6) }}", "the template's indent could build a huge value"),
    ("{{ 2 ** 5000 }}", "the template raises a number to too high a power"),
    ("{{ '%0999999999d' % 1 }}", "the template formats a value to a huge width"),
])
def test_what_would_build_something_huge_is_refused_first(source, message):
    with pytest.raises(SecurityError, match=message.replace("(", "\\(")):
        render(source)


def test_tilde_and_plus_are_checked_as_they_build(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_BUILT_SIZE", 10)
    assert render("{{ a ~ a }}", a="abcd") == "abcdabcd"
    with pytest.raises(SecurityError, match="builds a value of 12 items"):
        render("{{ a ~ a }}", a="abcdef")
    with pytest.raises(SecurityError, match="builds a value of 12 items"):
        render("{{ a + a }}", a="abcdef")


def test_the_output_of_a_part_is_bounded(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 50)
    assert len(render("{% for i in range(5) %}0123456789{% endfor %}")) == 50
    with pytest.raises(SecurityError, match="renders more than 50 characters"):
        render("{% for i in range(6) %}0123456789{% endfor %}")


def test_integers_are_bounded_in_size():
    with pytest.raises(SecurityError, match="multiplies numbers that are too large"):
        render("{{ x * x }}", x=2**3000)
    assert render("{{ x // 2 }}", x=2**100) == str(2**99)


@pytest.mark.parametrize(("source", "text"), [
    ("{{ 1.25|round(1) }}", "1.2"), ("{{ 1234.5|round(-999) }}", "0.0"),
    ("{{ 1.21|round(1, 'ceil') }}", "1.3"), ("{{ 1.29|round(1, 'floor') }}", "1.2"),
    ("{{ 1.21|round(400, 'ceil') }}", "1.21"), ("{{ 1.5|round(-400, 'floor') }}", "0.0")])
def test_round_holds_its_precision_within_15(source, text):
    assert render(source) == text


def test_round_with_an_unknown_method_is_refused():
    with pytest.raises(SecurityError, match="round's method must be"):
        render("{{ 1.5|round(0, 'up') }}")


# -- compiled templates kept --------------------------------------------------------------------


def test_a_template_is_compiled_once_by_source_and_few_are_kept(monkeypatch):
    monkeypatch.setattr(sandbox, "_COMPILED", {})
    first = SafeEnvironment().compile("{{ 1 + 1 }}")
    assert SafeEnvironment().compile("{{ 1 + 1 }}") is first
    for n in range(COMPILED_KEEP + 5):
        SafeEnvironment().compile(f"{{{{ {n} }}}}")
    assert len(sandbox._COMPILED) == COMPILED_KEEP
    assert SafeEnvironment().compile("{{ 1 + 1 }}") is not first  # the oldest went first


def test_each_rendering_spends_its_own_budget_on_shared_code(monkeypatch):
    monkeypatch.setattr(sandbox, "_COMPILED", {})
    source = "{% for i in range(50) %}.{% endfor %}"
    render(source)
    with pytest.raises(SecurityError):
        render(source, RenderBudget(steps=10))
