"""The Jinja environment templates run in: an allow-list sandbox, escaped, strict, on a budget.

A template comes from a designer or a stranger, never from docgen, so it is treated as
untrusted code:

- **Data only.** The context holds strings, numbers, booleans, None, dates, and lists, tuples
  and dicts of them (`check_data`). Nothing in it has methods that reach the file system.
- **An allow-list, not a block-list.** A template may read the items of dicts, lists and
  tuples, the fields of frozen dataclasses, a date's year, month and day, the attributes of
  Jinja's own loop helpers, and call only the filters, tests and globals listed here, the
  read-only methods in `DATA_METHODS`, and its own macros. Any other attribute or call is a
  `SecurityError`, which the renderer reports as a template error.
- **A budget.** Loop steps, calls and filters are counted; every value a template builds (with
  `*`, `+`, `~`, `%`, filters, `{% set %}` blocks or its output) is capped in size before or as
  it is built; integers are capped in size; and rendering stops at a deadline.

Workbook text never reaches Jinja as code: it is only ever a value in the context.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import operator
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import Environment, StrictUndefined, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, Macro, markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

MAX_LOOP_STEPS = 1_000_000
"""Loop iterations, calls and filters in one rendering."""

MAX_BUILT_SIZE = 1_000_000
"""The longest string or list a template may build with *, +, ~, %, filters or methods."""

MAX_OUTPUT_CHARS = 50_000_000
"""The most characters one part of a template may render to (its XML, 50 MB)."""

MAX_INTEGER_BITS = 4_096
"""The largest integer (in bits, about 1,200 digits) a template may compute."""

MAX_SECONDS = 20.0
"""How long one rendering may take before it is stopped."""

DATA_TYPES = (str, int, float, bool, type(None), dt.date, dt.time, list, tuple, dict)
"""The types a template context may hold (dates include datetimes; dataclasses: frozen ones)."""

DATA_METHODS: dict[type, frozenset[str]] = {
    dict: frozenset({"items", "keys", "values", "get"}),
    str: frozenset({"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip",
                    "startswith", "endswith", "split", "isdigit", "isupper", "islower"}),
}
"""Methods of data a template may call: read-only, and none builds more than its input."""

DATE_ATTRIBUTES = frozenset({"year", "month", "day"})
LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last",
                             "length", "depth", "depth0", "previtem", "nextitem", "cycle",
                             "changed"})
HELPER_ATTRIBUTES = {Cycler: frozenset({"next", "reset", "current"}), Joiner: frozenset()}

ALLOWED_GLOBALS = ("range", "dict", "namespace", "cycler", "joiner")
"""Jinja's globals a template may use (`lipsum` is left out: one call can take minutes)."""

ALLOWED_FILTERS = (
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e",
    "escape", "filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent",
    "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject",
    "rejectattr", "replace", "reverse", "round", "safe", "select", "selectattr", "slice", "sort",
    "string", "striptags", "sum", "title", "trim", "truncate", "unique", "upper", "urlencode",
    "wordcount", "wordwrap", "xmlattr",
)
"""Jinja's filters a template may use (`pprint`, `random`, `tojson` and `urlize` are left out:
a committee report has no use for them)."""

ALLOWED_TESTS = (
    "boolean", "callable", "defined", "divisibleby", "eq", "equalto", "escaped", "even",
    "false", "filter", "float", "ge", "greaterthan", "gt", "in", "integer", "iterable", "le",
    "lessthan", "lower", "lt", "mapping", "ne", "none", "number", "odd", "sameas", "sequence",
    "string", "test", "true", "undefined", "upper",
)
"""Jinja's tests a template may use."""

_SIZE_ARGUMENT_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch",
                                    "slice", "format", "replace"})
_HUGE_WIDTH = re.compile(r"\d{7,}|\*")
COMPILED_KEEP = 16
"""Compiled templates kept, by source, for the next rendering of the same template."""
_COMPILED: dict[tuple, Any] = {}


class RenderBudget:
    """Steps left and the deadline of one rendering."""

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


_SCALARS = frozenset({str, int, float, bool, type(None)})
_MAX_DEPTH = 20


def check_data(value: Any, where: str = "context") -> None:
    """Raise `TypeError` naming the place when `value` holds anything but plain data.

    A fast pass looks at every value once (a dict or list shared by two places, as a measure
    is by `measures`, `measure` and `appendix`, is looked at once); only when it finds
    something does a second pass work out where it is, for the message.
    """
    if not _plain(value, 0, set()):
        _explain(value, where, 0)


def _plain(value: Any, depth: int, seen: set[int]) -> bool:
    kind = type(value)
    if kind in _SCALARS:
        return True
    if depth > _MAX_DEPTH:
        return False
    if kind is dict or kind is list or kind is tuple:
        if id(value) in seen:
            return True
        seen.add(id(value))
        if kind is dict:
            return all(type(key) is str and _plain(item, depth + 1, seen)
                       for key, item in value.items())
        return all(_plain(item, depth + 1, seen) for item in value)
    if _is_frozen_dataclass(value):
        return all(_plain(getattr(value, field.name), depth + 1, seen)
                   for field in dataclasses.fields(value))
    return isinstance(value, DATA_TYPES) and not isinstance(value, dict | list | tuple)


def _explain(value: Any, where: str, depth: int) -> None:
    """The slow pass of `check_data`: raise naming where the first bad value is."""
    if depth > _MAX_DEPTH:
        raise TypeError(f"{where} is nested too deeply")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where} has a key that is not text: {key!r}")
            _explain(item, f"{where}[{key!r}]", depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _explain(item, f"{where}[{index}]", depth + 1)
    elif _is_frozen_dataclass(value):
        for field in dataclasses.fields(value):
            _explain(getattr(value, field.name), f"{where}.{field.name}", depth + 1)
    elif not isinstance(value, DATA_TYPES):
        raise TypeError(f"{where} is a {type(value).__name__}, not plain data")


def _is_frozen_dataclass(value: Any) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and params.frozen and dataclasses.is_dataclass(value)


def allowed_attribute(obj: Any, attr: str) -> bool:
    """Whether a template may read `obj.attr` (an item of a dict is read as an item)."""
    if attr.startswith("_"):
        return False
    if isinstance(obj, LoopContext):
        return attr in LOOP_ATTRIBUTES
    if isinstance(obj, Namespace):
        return True
    for kind, names in HELPER_ATTRIBUTES.items():
        if isinstance(obj, kind):
            return attr in names
    if _is_frozen_dataclass(obj):
        return attr in {f.name for f in dataclasses.fields(obj)}
    if isinstance(obj, dt.date | dt.time):
        return attr in DATE_ATTRIBUTES
    return any(isinstance(obj, kind) and attr in names for kind, names in DATA_METHODS.items())


class _BudgetCodeGenerator(CodeGenerator):
    """Jinja's code generator with two hooks the sandbox lacks: every `{% for %}` iterates
    through `environment.counted`, and `~` joins through `environment.tilde`."""

    def visit_For(self, node: nodes.For, frame) -> None:  # noqa: N802 (Jinja's visitor name)
        if not node.recursive:
            node = nodes.For(node.target, _counted(node.iter), node.body, node.else_,
                             node.test, node.recursive, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:  # noqa: N802
        self.write("environment.tilde(context.eval_ctx, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _counted(iterable: nodes.Expr) -> nodes.Expr:
    return nodes.Call(nodes.EnvironmentAttribute("counted"), [iterable], [], None, None,
                      lineno=iterable.lineno)


class SafeEnvironment(SandboxedEnvironment):
    """A sandbox with an allow-list, autoescape on, undefined names as errors, and a budget."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    code_generator_class = _BudgetCodeGenerator

    def __init__(self, budget: RenderBudget | None = None):
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.budget = budget or RenderBudget()
        self.globals = {name: self.globals[name] for name in ALLOWED_GLOBALS}
        self.globals["range"] = self.bounded_range
        self.filters = {name: self._checked_filter(name, self.filters[name])
                        for name in ALLOWED_FILTERS}
        self.filters["round"] = self._checked_filter("round", _round)
        self.tests = {name: self.tests[name] for name in ALLOWED_TESTS}
        self._own = {self.bounded_range, self.counted}

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

    # -- what a template may read and call ---------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Only the attributes `allowed_attribute` lists."""
        return allowed_attribute(obj, attr)

    def is_safe_callable(self, obj: Any) -> bool:
        """Only docgen's globals, Jinja's helpers, the template's macros and `DATA_METHODS`."""
        if isinstance(obj, Macro | LoopContext | Joiner) or obj in (Namespace, Cycler, Joiner,
                                                                     dict):
            return True
        if any(obj == own for own in self._own):
            return True
        owner = getattr(obj, "__self__", None)
        name = getattr(obj, "__name__", "")
        if isinstance(owner, LoopContext | Cycler):
            return allowed_attribute(owner, name)
        return owner is not None and allowed_attribute(owner, name) and not isinstance(
            owner, Namespace)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Every call a template makes: allowed, counted, and its result size checked."""
        __self.budget.spend()
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"a template may not call {_describe(__obj)}")
        result = __context.call(__obj, *args, **kwargs)
        _check_size(result)
        return result

    # -- the budget ----------------------------------------------------------------------------

    def bounded_range(self, *args: int) -> Iterator[int]:
        """range(), refused when it would count more than `MAX_BUILT_SIZE` numbers (each step of
        a loop over it is counted by `counted`)."""
        numbers = range(*args)
        if len(numbers) > MAX_BUILT_SIZE:
            raise SecurityError(f"the template asks range() for {len(numbers):,} numbers "
                                f"(at most {MAX_BUILT_SIZE:,})")
        return iter(numbers)

    def counted(self, iterable: Iterable) -> Iterator:
        """Each step of a template's `{% for %}`, counted against the budget."""
        spend = self.budget.spend
        for item in iterable:
            spend()
            yield item

    def tilde(self, eval_ctx, values: tuple) -> str:
        """`a ~ b`, refused when the result would be too long."""
        self.budget.spend()
        result = markup_join(values) if eval_ctx.autoescape else str_join(values)
        _check_size(result)
        return result

    def concat(self, pieces: Iterable[str]) -> str:
        """Join rendered output ({% set %} blocks, macros, the whole part), refusing it once it
        passes `MAX_OUTPUT_CHARS`."""
        kept: list[str] = []
        total = 0
        for piece in pieces:
            total += len(piece)
            if total > MAX_OUTPUT_CHARS:
                raise SecurityError(f"the template renders more than {MAX_OUTPUT_CHARS:,} "
                                    "characters")
            kept.append(piece)
        return "".join(kept)

    def call_binop(self, context, operator_name: str, left: Any, right: Any) -> Any:
        """*, **, +, % and // with limits on the size of what they build."""
        self.budget.spend()
        if operator_name == "**":
            _check_power(left, right)
            return operator.pow(left, right)
        if operator_name == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            _check_product(left, right)
            return operator.mul(left, right)
        if operator_name == "%":
            _check_format(left)
            for value in right if isinstance(right, tuple) else (right,):
                _check_argument(value)
            result = operator.mod(left, right)
        elif operator_name == "//":
            result = operator.floordiv(left, right)
        else:
            result = operator.add(left, right)
        _check_size(result)
        return result

    def _checked_filter(self, name: str, func):
        def checked(*args: Any, **kwargs: Any) -> Any:
            self.budget.spend()
            values = args[1:] if args and isinstance(args[0], _JINJA_STATE) else args
            subject = values[0] if values else None
            if name in _SIZE_ARGUMENT_FILTERS:
                for value in (*values[1:], *kwargs.values()):
                    _check_argument(value)
                _check_format(subject if name == "format" else None)
            _check_growth(name, subject, values[1:], kwargs)
            result = func(*args, **kwargs)
            _check_size(result)
            return result

        for attribute in ("jinja_pass_arg",):
            if hasattr(func, attribute):
                setattr(checked, attribute, getattr(func, attribute))
        return checked


_JINJA_STATE = (Environment, EvalContext, Context)
"""What Jinja passes first to filters that ask for it, before the value."""


def _round(value: Any, precision: int = 0, method: str = "common") -> float:
    """Jinja's `round`, with the precision held within ±15 as Excel holds ROUND's (a huge
    negative precision would otherwise compute a huge power of ten)."""
    precision = max(-15, min(15, int(precision)))
    if method == "common":
        return round(value, precision)
    if method not in ("ceil", "floor"):
        raise SecurityError("round's method must be 'common', 'ceil' or 'floor'")
    func = math.ceil if method == "ceil" else math.floor
    return func(value * 10**precision) / 10**precision


def _describe(obj: Any) -> str:
    """How a refused call is named in the error."""
    name = getattr(obj, "__name__", None) or type(obj).__name__
    owner = getattr(obj, "__self__", None)
    of = f" of a {type(owner).__name__} value" if owner is not None else ""
    return f"'{name}'{of} (only the filters, tests and functions docgen lists)"


def _check_argument(value: Any) -> None:
    """Refuse a number argument that would ask for a huge result before it is built."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_BUILT_SIZE:
        raise SecurityError(f"the template asks for {value:,} items (at most {MAX_BUILT_SIZE:,})")
    if isinstance(value, float) and value == value and abs(value) > MAX_BUILT_SIZE * 1e300:
        raise SecurityError("the template uses a number too large")


def _check_growth(name: str, subject: Any, args: tuple, kwargs: dict) -> None:
    """Refuse filter arguments that would build something huge before it is built."""
    values = (*args, *kwargs.values())
    if name == "replace" and isinstance(subject, str):
        longest = max((len(v) for v in values if isinstance(v, str)), default=1)
        if len(subject) * max(longest, 1) > MAX_BUILT_SIZE * 10:
            raise SecurityError("the template's replace could build a huge value")
    elif name == "indent" and isinstance(subject, str):
        width = next((v for v in values if isinstance(v, int) and not isinstance(v, bool)), 4)
        if (subject.count("\n") + 1) * abs(width) > MAX_BUILT_SIZE:
            raise SecurityError("the template's indent could build a huge value")
    elif name == "join" and isinstance(subject, list | tuple):
        if len(subject) > MAX_BUILT_SIZE or sum(
                len(item) for item in subject if isinstance(item, str)) > MAX_BUILT_SIZE:
            raise SecurityError(f"the template joins more than {MAX_BUILT_SIZE:,} characters")


def _check_format(value: Any) -> None:
    if isinstance(value, str) and _HUGE_WIDTH.search(value) and ("%" in value or "{" in value):
        raise SecurityError("the template formats a value to a huge width")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(exponent, int | float) and isinstance(base, int | float):
        if abs(exponent) > 100 and abs(base) > 1:
            raise SecurityError("the template raises a number to too high a power")
        if isinstance(base, int) and base.bit_length() * abs(exponent) > MAX_INTEGER_BITS:
            raise SecurityError("the template raises a number to too high a power")


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
            raise SecurityError("the template multiplies numbers that are too large")


def _check_integer(value: Any) -> None:
    if isinstance(value, int) and value.bit_length() > MAX_INTEGER_BITS:
        raise SecurityError("the template uses a number that is too large")


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
    _check_integer(value)


__all__ = ["SafeEnvironment", "RenderBudget", "check_data", "allowed_attribute"]
