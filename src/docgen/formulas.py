"""Work out the simple Excel formulas authors put in tables (=SUM(B2:J2), =(J2-B2)/B2).

A workbook saved by a script has no saved results for its formulas, and rule 1 says docgen
computes derived figures itself, so docgen evaluates the small, documented subset of Excel
that totals and changes need. Parsing uses openpyxl's formula tokenizer; anything outside the
subset is refused with a message naming the cell.

Every step is bounded (see `limits`): the formula's length, how deeply it nests, the size of
each range, and every result, which must be a finite number as Excel's are (Excel shows #NUM!
or #DIV/0! where docgen raises `FormulaError`).
"""

from __future__ import annotations

import fnmatch
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token
from openpyxl.utils.cell import range_boundaries

from . import limits

SUPPORTED = ("SUM, AVERAGE, MIN, MAX, COUNT, COUNTIF, COUNTIFS, ROUND, ABS, + - * / ^ %, "
             "cell references")


class FormulaError(Exception):
    """A formula docgen cannot work out; the message says why."""


@dataclass(frozen=True)
class Area:
    """A rectangle of cells a formula refers to: its sheet and bounds (1-based, inclusive)."""

    reference: str
    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    @property
    def size(self) -> int:
        """How many cells the area covers."""
        return (self.max_col - self.min_col + 1) * (self.max_row - self.min_row + 1)

    def contains(self, row: int, col: int) -> bool:
        """True when the cell at (row, col) is inside the area."""
        return self.min_row <= row <= self.max_row and self.min_col <= col <= self.max_col

    def positions(self) -> Iterable[tuple[int, int]]:
        """(row, column) of every cell, row by row."""
        for row in range(self.min_row, self.max_row + 1):
            for col in range(self.min_col, self.max_col + 1):
                yield row, col


Cells = Callable[[Area], Iterable[object]]
"""An area → its cells' values row by row, formulas already worked out; empty cells may be
left out or given as None."""


@dataclass(frozen=True)
class Formula:
    """A formula read but not yet worked out: its text, its tokens and the areas it uses."""

    text: str
    sheet: str
    tokens: tuple[Token, ...]
    areas: tuple[Area, ...]

    @property
    def work(self) -> int:
        """What working it out costs, in cells read: `limits.FORMULA_OVERHEAD`, plus every
        cell its ranges cover."""
        return limits.FORMULA_OVERHEAD + sum(area.size for area in self.areas)

    def value(self, cells: Cells) -> float:
        """The formula's value, reading the cells it refers to through `cells`."""
        parser = _Parser(self, cells)
        value = parser.expression(0)
        if parser.pos != len(self.tokens):
            raise FormulaError(f"cannot read the formula {_short(self.text)}")
        return _finite(value)


def parse_formula(text: str, sheet: str) -> Formula:
    """Read a formula (text starting with '=') on `sheet`; raise `FormulaError` if unusable."""
    if len(text) > limits.MAX_FORMULA_CHARS:
        raise FormulaError(f"the formula is {len(text):,} characters long; Excel allows "
                           f"{limits.MAX_FORMULA_CHARS:,}")
    try:
        tokens = tuple(t for t in Tokenizer(text).items if t.type != Token.WSPACE)
    except Exception as exc:  # the tokenizer raises plain errors on malformed text
        raise FormulaError(f"cannot read the formula {_short(text)}") from exc
    areas = tuple(
        _area(t.value, sheet)
        for t in tokens
        if t.type == Token.OPERAND and t.subtype == Token.RANGE
    )
    return Formula(text, sheet, tokens, areas)


def evaluate(formula: str, sheet: str, cells: Cells) -> float:
    """The value of `formula` (text starting with '='), reading cells through `cells`."""
    return parse_formula(formula, sheet).value(cells)


def _area(reference: str, default_sheet: str) -> Area:
    sheet, cells = _split_sheet(reference, default_sheet)
    try:
        min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    except (ValueError, TypeError) as exc:
        raise FormulaError(f"cannot read the reference {_short(reference)}") from exc
    if None in (min_col, min_row, max_col, max_row):
        raise FormulaError(f"whole rows or columns ({reference}) are not supported")
    area = Area(reference, sheet, min_col, min_row, max_col, max_row)
    if area.size > limits.MAX_RANGE_CELLS:
        raise FormulaError(f"the range {reference} covers {area.size:,} cells; docgen adds up "
                           f"ranges of up to {limits.MAX_RANGE_CELLS:,}")
    return area


def _split_sheet(reference: str, default_sheet: str) -> tuple[str, str]:
    if "!" not in reference:
        return default_sheet, reference
    sheet, cells = reference.rsplit("!", 1)
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cells


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finite(value: float) -> float:
    """`value`, or `FormulaError` where Excel would show #NUM! (beyond ±1.8e308)."""
    if not math.isfinite(value):
        raise FormulaError("the result is too large (Excel shows #NUM!)")
    return value


def _number(token: Token) -> float:
    try:
        return _finite(float(token.value))
    except OverflowError as exc:
        raise FormulaError("the result is too large (Excel shows #NUM!)") from exc


def _power(base: float, exponent: float) -> float:
    """base ^ exponent as Excel works it out: a real number or an error, never complex."""
    if base == 0 and exponent < 0:
        raise FormulaError("divides by zero: 0 to a negative power (Excel shows #DIV/0!)")
    if base == 0 and exponent == 0:
        raise FormulaError("0^0 has no value (Excel shows #NUM!)")
    if base < 0 and not exponent.is_integer():
        raise FormulaError("a negative number to a fractional power has no real value "
                           "(Excel shows #NUM!)")
    try:
        return math.pow(base, exponent)  # unlike **, never a complex number
    except (OverflowError, ValueError) as exc:
        raise FormulaError("the result is too large (Excel shows #NUM!)") from exc


def _divide(left: float, right: float) -> float:
    if right == 0:
        raise FormulaError("divides by zero (Excel shows #DIV/0!)")
    return left / right


_INFIX: dict[str, tuple[int, Callable[[float, float], float]]] = {
    "+": (1, lambda a, b: a + b),
    "-": (1, lambda a, b: a - b),
    "*": (2, lambda a, b: a * b),
    "/": (2, _divide),
    "^": (3, _power),
}
_PREFIX_PRECEDENCE = 4  # as in Excel, =-2^2 is 4: the sign binds before ^


_SIGNIFICANT_DIGITS = 15


def _round(number: float, digits: float) -> float:
    """ROUND as Excel works it out: halves away from zero, on the decimal the cell shows.

    Excel accepts any digits, but its numbers hold 15 significant digits, so rounding further
    right than that changes nothing, and rounding left of the first digit gives 0. Digits are
    clamped to that span (the result is Excel's) rather than refused, which also keeps the
    work small: ROUND(1, 1E8) never builds 10**100000000.
    """
    if number == 0:
        return number
    places = int(max(-400.0, min(400.0, digits)))  # Excel truncates digits towards zero
    exponent = math.floor(math.log10(abs(number)))
    if places >= _SIGNIFICANT_DIGITS - exponent:
        return number
    if places < -exponent - 1:
        return 0.0
    # repr() is the shortest decimal for the float, the figure Excel shows and rounds.
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(rounded)


def _average(values: list[float]) -> float:
    if not values:
        raise FormulaError("AVERAGE of no numbers divides by zero (Excel shows #DIV/0!)")
    return math.fsum(values) / len(values)


_VARIADIC: dict[str, Callable[[list[float]], float]] = {
    "SUM": math.fsum,
    "AVERAGE": _average,
    "MIN": lambda v: min(v) if v else 0.0,
    "MAX": lambda v: max(v) if v else 0.0,
    "COUNT": lambda v: float(len(v)),
}
"""Functions of any number of arguments (Excel: 1 to 255), each a number or a range."""

_FIXED: dict[str, tuple[Callable[..., float], int, str]] = {
    "ROUND": (_round, 2, "a number and the digits to round to"),
    "ABS": (abs, 1, "one number"),
}
"""Functions of a fixed number of single-number arguments, and what they take, for messages."""

_MAX_ARGUMENTS = 255  # Excel's own limit


class _Parser:
    """A precedence-climbing evaluator over openpyxl's tokens, nesting at most
    `limits.MAX_FORMULA_NESTING` deep."""

    def __init__(self, formula: Formula, cells: Cells):
        self.tokens, self.cells, self.formula = formula.tokens, cells, formula
        self.areas = iter(formula.areas)
        self.pos = 0
        self.depth = 0

    def peek(self, ahead: int = 0) -> Token | None:
        index = self.pos + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise FormulaError(f"the formula {_short(self.formula.text)} ends too soon")
        self.pos += 1
        return token

    def expression(self, min_precedence: int) -> float:
        value = self.unary()
        while (token := self.peek()) is not None:
            if token.type == Token.OP_POST and token.value == "%":
                self.take()
                value /= 100
                continue
            if token.type != Token.OP_IN or token.value not in _INFIX:
                break
            precedence, func = _INFIX[token.value]
            if precedence < min_precedence:
                break
            self.take()
            # Every operator is left-associative, as in Excel (=2^3^2 is 64), so a long chain
            # of operators is a loop here, not a recursion.
            value = _finite(func(value, self.expression(precedence + 1)))
        return value

    def unary(self) -> float:
        token = self.take()
        if token.type == Token.OPERAND and token.subtype == Token.NUMBER:
            return _number(token)
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            return self.single_value(next(self.areas))
        self.depth += 1  # whatever follows a sign, a bracket or a function nests one deeper
        if self.depth > limits.MAX_FORMULA_NESTING:
            raise FormulaError(f"the formula nests brackets, functions or signs more than "
                               f"{limits.MAX_FORMULA_NESTING} deep")
        if token.type == Token.OP_PRE:
            value = self.expression(_PREFIX_PRECEDENCE)
            value = -value if token.value == "-" else value
        elif token.type == Token.PAREN and token.subtype == Token.OPEN:
            value = self.expression(0)
            self.expect_close(Token.PAREN)
        elif token.type == Token.FUNC and token.subtype == Token.OPEN:
            value = self.function(token.value[:-1].upper())
        else:
            raise FormulaError(f"docgen cannot work out {_short(self.formula.text)} "
                               f"(it can: {SUPPORTED})")
        self.depth -= 1  # not restored on an error, which ends the evaluation
        return value

    def function(self, name: str) -> float:
        if name in ("COUNTIF", "COUNTIFS"):
            return self.count_if(name)
        if name in _VARIADIC:
            args = self.arguments(name, ranges=True)
            if not args:
                raise FormulaError(f"{name}() needs at least one number or range; "
                                   f"{_short(self.formula.text)} gives it none")
            try:
                return _finite(_VARIADIC[name]([v for arg in args for v in arg]))
            except OverflowError as exc:  # math.fsum overflows rather than giving inf
                raise FormulaError("the result is too large (Excel shows #NUM!)") from exc
        if name in _FIXED:
            func, arity, takes = _FIXED[name]
            args = [arg[0] for arg in self.arguments(name, ranges=False)]
            if len(args) != arity:
                raise FormulaError(f"{name}() takes {takes}; {_short(self.formula.text)} "
                                   f"gives it {len(args)}")
            return _finite(func(*args))
        raise FormulaError(f"docgen cannot work out {name}() in {_short(self.formula.text)} "
                           f"(it can: {SUPPORTED})")

    def arguments(self, name: str, *, ranges: bool) -> list[list[float]]:
        """Each argument's numbers, up to the closing bracket; a range gives many if `ranges`."""
        args: list[list[float]] = []
        if self.at_close():
            self.take()
            return args
        while True:
            if ranges and self.at_lone_range():
                self.take()
                args.append(self.range_values(next(self.areas)))
            else:
                args.append([self.expression(0)])
            if len(args) > _MAX_ARGUMENTS:
                raise FormulaError(f"{name}() has more than {_MAX_ARGUMENTS} arguments")
            if self.at_close():
                self.take()
                return args
            token = self.take()
            if token.type != Token.SEP:
                raise FormulaError(f"cannot read the formula {_short(self.formula.text)}")

    def count_if(self, name: str) -> float:
        """COUNTIF(range, criterion) and COUNTIFS(range1, criterion1, range2, …): how many
        positions meet every criterion (ranges of one shape, compared cell by cell)."""
        columns: list[tuple[Area, Callable[[object], bool]]] = []
        while True:
            if not self.at_lone_range():
                raise FormulaError(f"{name}() takes a range, then what to count in it "
                                   f'(=COUNTIF(D2:D20, "Green")); {_short(self.formula.text)} '
                                   "does not")
            self.take()
            area = next(self.areas)
            if self.take().type != Token.SEP:
                raise FormulaError(f"{name}() needs what to count after the range")
            columns.append((area, _criterion(self.criterion_value())))
            if self.at_close():
                self.take()
                break
            if self.take().type != Token.SEP:
                raise FormulaError(f"cannot read the formula {_short(self.formula.text)}")
        if name == "COUNTIF" and len(columns) != 1:
            raise FormulaError("COUNTIF() takes one range and one criterion; use COUNTIFS() "
                               "for more")
        first = columns[0][0]
        shape = (first.max_row - first.min_row, first.max_col - first.min_col)
        for area, _ in columns[1:]:
            if (area.max_row - area.min_row, area.max_col - area.min_col) != shape:
                raise FormulaError(f"{name}()'s ranges must be the same size ({first.reference} "
                                   f"and {area.reference} are not)")
        return float(sum(all(test(self.cell_at(area, offset)) for area, test in columns)
                         for offset in range(first.size)))

    def criterion_value(self) -> object:
        """A criterion: quoted text ("Green", ">5") or a number or expression."""
        token = self.peek()
        if token is not None and token.type == Token.OPERAND and token.subtype == Token.TEXT:
            self.take()
            return token.value[1:-1].replace('""', '"')
        return self.expression(0)

    def cell_at(self, area: Area, offset: int) -> object:
        """The value of the `offset`-th cell of `area`, row by row (None when empty)."""
        width = area.max_col - area.min_col + 1
        row, col = area.min_row + offset // width, area.min_col + offset % width
        one = Area(area.reference, area.sheet, col, row, col, row)
        return next(iter(self.cells(one)), None)

    def at_close(self) -> bool:
        token = self.peek()
        return token is not None and token.type == Token.FUNC and token.subtype == Token.CLOSE

    def at_lone_range(self) -> bool:
        """True when the next argument is a range by itself (SUM(B2:J2)), not in arithmetic."""
        token, following = self.peek(), self.peek(1)
        return (token is not None and token.type == Token.OPERAND
                and token.subtype == Token.RANGE
                and (following is None or following.type in (Token.SEP, Token.FUNC)))

    def expect_close(self, kind: str) -> None:
        token = self.take()
        if token.type != kind or token.subtype != Token.CLOSE:
            raise FormulaError(f"unbalanced brackets in {_short(self.formula.text)}")

    def single_value(self, area: Area) -> float:
        """The number in a one-cell reference used in arithmetic (=B2-C2)."""
        if area.size != 1:
            raise FormulaError(f"{area.reference} is a range; use it inside SUM()")
        value = next(iter(self.cells(area)), None)
        number = _as_number(value)
        if number is None:
            what = "is empty" if value in (None, "") else f"holds {_short(str(value), 40)!r}"
            raise FormulaError(f"{area.reference} {what}, not a number")
        return number

    def range_values(self, area: Area) -> list[float]:
        """The numbers in a range, skipping empty cells, text and TRUE/FALSE as Excel does."""
        numbers: list[float] = []
        append = numbers.append
        for value in self.cells(area):
            kind = type(value)  # not isinstance: True and False are ints, and are skipped
            if kind is float or kind is int:
                if not -_LARGEST <= value <= _LARGEST:  # also false for NaN
                    raise FormulaError("the result is too large (Excel shows #NUM!)")
                append(float(value))
            elif kind is not bool and value not in (None, "") and area.size == 1:
                raise FormulaError(f"{area.reference} holds {_short(str(value), 40)!r}, "
                                   "not a number")
        return numbers


_LARGEST = sys.float_info.max
_COMPARISON = re.compile(r"^(<=|>=|<>|<|>|=)?(.*)$", re.DOTALL)


def _criterion(value: object) -> Callable[[object], bool]:
    """Excel's COUNTIF criterion as a test of a cell's value: "Green" (text, any case, with
    * and ? wildcards), 5 or "5", ">5", "<=10", "<>Red", "" (empty)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return lambda cell: _as_number(cell) == float(value)
    operator_, operand = _COMPARISON.match(str(value)).groups()  # type: ignore[union-attr]
    try:
        number: float | None = float(operand.replace(",", "")) if operand.strip() else None
    except ValueError:
        number = None
    if operator_ in ("<", ">", "<=", ">=") and number is not None:
        compare = {"<": float.__lt__, ">": float.__gt__, "<=": float.__le__,
                   ">=": float.__ge__}[operator_]
        return lambda cell: (n := _as_number(cell)) is not None and compare(n, number)
    if number is not None:
        equal = lambda cell: _as_number(cell) == number  # noqa: E731
    else:
        pattern = re.compile(fnmatch.translate(operand.lower()))
        equal = lambda cell: (cell in (None, "") and operand == "") or (  # noqa: E731
            isinstance(cell, str) and pattern.match(cell.lower()) is not None)
    return (lambda cell: not equal(cell)) if operator_ == "<>" else equal


def _as_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not -_LARGEST <= value <= _LARGEST:  # also false for NaN
        raise FormulaError("the result is too large (Excel shows #NUM!)")
    return float(value)
