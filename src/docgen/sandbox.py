"""The Jinja environment templates run in: sandboxed, escaped, strict, and on a budget.

Jinja's sandbox stops a template reaching Python internals, but not one that loops for ever or
builds a string of gigabytes. A template comes from a designer, not from docgen, so rendering
also counts loop steps, caps the size of strings and lists it builds, and stops at a deadline.
Workbook text never reaches Jinja as code: it is only ever a value in the context.
"""

from __future__ import annotations

import operator
import re
import time
from collections.abc import Iterator
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_LOOP_STEPS = 1_000_000
"""Steps over range() and over any sequence a template builds, in one rendering."""

MAX_BUILT_SIZE = 1_000_000
"""The longest string or list a template may build with *, +, filters or methods."""

MAX_SECONDS = 20.0
"""How long one rendering may take before it is stopped."""

_SIZE_ARGUMENT_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice",
                          "format", "replace")
_GROWING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "join", "format",
                    "format_map", "replace"}
_HUGE_WIDTH = re.compile(r"\d{7,}")
COMPILED_KEEP = 16
"""Compiled templates kept, by source, for the next rendering of the same template."""
_COMPILED: dict[tuple, Any] = {}


class RenderBudget:
    """Loop steps left and the deadline of one rendering."""

    def __init__(self, steps: int = MAX_LOOP_STEPS, seconds: float = MAX_SECONDS):
        self.steps = steps
        self.deadline = time.monotonic() + seconds

    def spend(self, steps: int = 1) -> None:
        """Count `steps`; raise `SecurityError` when the budget or the time runs out."""
        self.steps -= steps
        if self.steps < 0:
            raise SecurityError(f"the template loops more than {MAX_LOOP_STEPS:,} times")
        if time.monotonic() > self.deadline:
            raise SecurityError(f"the template took longer than {MAX_SECONDS:.0f} seconds")


class SafeEnvironment(SandboxedEnvironment):
    """A sandbox with autoescape on, undefined names as errors, and a rendering budget."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, budget: RenderBudget | None = None):
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.budget = budget or RenderBudget()
        self.globals["range"] = self.bounded_range
        self.globals.pop("lipsum", None)  # one call can take minutes
        for name in _SIZE_ARGUMENT_FILTERS:
            self.filters[name] = self._checked_filter(self.filters[name])

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        """Jinja's compile, remembered by source: docxtpl compiles the template's XML on every
        rendering, which costs more than rendering it. The code depends only on the source and
        on settings every SafeEnvironment shares; the budget is read when it runs."""
        if (not isinstance(source, str) or name or filename or raw or defer_init
                or callable(self.autoescape)):
            return super().compile(source, name, filename, raw, defer_init)
        key = (type(self), self.autoescape, source)
        code = _COMPILED.get(key)
        if code is None:
            code = super().compile(source)
            while len(_COMPILED) >= COMPILED_KEEP:
                _COMPILED.pop(next(iter(_COMPILED)), None)
            _COMPILED[key] = code
        return code

    def bounded_range(self, *args: int) -> Iterator[int]:
        """range() that counts every step against the budget."""
        for number in range(*args):
            self.budget.spend()
            yield number

    def call_binop(self, context, operator_name: str, left: Any, right: Any) -> Any:
        """*, ** and + with limits on the size of what they build."""
        self.budget.spend()
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > 100 and abs(left) > 1:
                raise SecurityError("the template raises a number to too high a power")
            return operator.pow(left, right)
        if operator_name == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            return operator.mul(left, right)
        if operator_name == "%":
            _check_format(left)
            result = operator.mod(left, right)
            _check_size(result)
            return result
        result = operator.add(left, right)
        _check_size(result)
        return result

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Every call a template makes: checked against the budget and the size limits."""
        __self.budget.spend()
        name = getattr(__obj, "__name__", "")
        if name in _GROWING_METHODS:
            _check_arguments(name, getattr(__obj, "__self__", None), args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(result)
        return result

    def wrap_str_format(self, value: Any):
        """str.format and format_map, refused when the format asks for a huge width."""
        _check_format(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def _checked_filter(self, func):
        def checked(*args: Any, **kwargs: Any) -> Any:
            self.budget.spend()
            subject = args[1] if args and not isinstance(args[0], str) and len(args) > 1 else (
                args[0] if args else None)
            _check_arguments(func.__name__, subject, args[1:], kwargs)
            result = func(*args, **kwargs)
            _check_size(result)
            return result

        for attribute in ("jinja_pass_arg",):
            if hasattr(func, attribute):
                setattr(checked, attribute, getattr(func, attribute))
        return checked


def _check_arguments(name: str, subject: Any, args: tuple, kwargs: dict) -> None:
    """Refuse arguments that would build something huge before it is built."""
    values = (*args, *kwargs.values())
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_BUILT_SIZE:
            raise SecurityError(f"the template asks {name}() for {value:,} items")
    _check_format(subject)
    if name.endswith("replace") and isinstance(subject, str):
        longest = max((len(v) for v in values if isinstance(v, str)), default=0)
        if len(subject) * max(longest, 1) > MAX_BUILT_SIZE * 10:
            raise SecurityError("the template's replace() could build a huge value")


def _check_format(value: Any) -> None:
    if isinstance(value, str) and _HUGE_WIDTH.search(value) and ("%" in value or "{" in value):
        raise SecurityError("the template formats a value to a huge width")


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple | bytes) and isinstance(times, int):
        if len(sequence) * times > MAX_BUILT_SIZE:
            raise SecurityError(
                f"the template builds a value of {len(sequence) * times:,} items "
                f"(at most {MAX_BUILT_SIZE:,})")


def _check_size(value: Any) -> None:
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_BUILT_SIZE:
        raise SecurityError(f"the template builds a value of {len(value):,} items "
                            f"(at most {MAX_BUILT_SIZE:,})")
