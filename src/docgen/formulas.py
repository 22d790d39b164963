"""Work out the simple Excel formulas authors put in tables (=SUM(B2:J2), =(J2-B2)/B2).

A workbook saved by a script has no saved results for its formulas, and rule 1 says docgen
computes derived figures itself, so docgen evaluates the small, documented subset of Excel
that totals and changes need. Parsing uses openpyxl's formula tokenizer; anything outside the
subset is refused with a message naming the cell.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable

from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token
from openpyxl.utils.cell import range_boundaries

SUPPORTED = "SUM, AVERAGE, MIN, MAX, COUNT, ROUND, ABS, + - * / ^ %, cell references"


class FormulaError(Exception):
    """A formula docgen cannot work out; the message says why."""


Lookup = Callable[[str, str], object]
"""(sheet, cell) → the cell's value, formulas already worked out."""

_INFIX: dict[str, tuple[int, Callable[[float, float], float]]] = {
    "+": (1, operator.add),
    "-": (1, operator.sub),
    "*": (2, operator.mul),
    "/": (2, operator.truediv),
    "^": (3, operator.pow),
}
_PREFIX_PRECEDENCE = 4


def _round(values: list[float]) -> float:
    number, digits = (values + [0])[:2]
    scale = 10 ** int(digits)
    return math.floor(abs(number) * scale + 0.5) / scale * (1 if number >= 0 else -1)


_FUNCTIONS: dict[str, Callable[[list[float]], float]] = {
    "SUM": sum,
    "AVERAGE": lambda v: sum(v) / len(v) if v else _raise("AVERAGE of no numbers"),
    "MIN": lambda v: min(v) if v else 0.0,
    "MAX": lambda v: max(v) if v else 0.0,
    "COUNT": lambda v: float(len(v)),
    "ROUND": _round,
    "ABS": lambda v: abs(v[0]),
}


def _raise(message: str) -> float:
    raise FormulaError(message)


def evaluate(formula: str, sheet: str, lookup: Lookup) -> float:
    """The value of `formula` (text starting with '='), reading cells through `lookup`."""
    try:
        tokens = [t for t in Tokenizer(formula).items if t.type != Token.WSPACE]
    except Exception as exc:  # the tokenizer raises plain errors on malformed text
        raise FormulaError(f"cannot read the formula {formula}") from exc
    parser = _Parser(tokens, sheet, lookup, formula)
    value = parser.expression(0)
    if parser.pos != len(tokens):
        raise FormulaError(f"cannot read the formula {formula}")
    return value


class _Parser:
    """A precedence-climbing evaluator over openpyxl's tokens."""

    def __init__(self, tokens: list[Token], sheet: str, lookup: Lookup, formula: str):
        self.tokens, self.sheet, self.lookup, self.formula = tokens, sheet, lookup, formula
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise FormulaError(f"the formula {self.formula} ends too soon")
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
            right = self.expression(precedence + (0 if token.value == "^" else 1))
            try:
                value = func(value, right)
            except ZeroDivisionError as exc:
                raise FormulaError(f"the formula {self.formula} divides by zero") from exc
        return value

    def unary(self) -> float:
        token = self.take()
        if token.type == Token.OP_PRE:
            value = self.expression(_PREFIX_PRECEDENCE)
            return -value if token.value == "-" else value
        if token.type == Token.PAREN and token.subtype == Token.OPEN:
            value = self.expression(0)
            self.expect_close(Token.PAREN)
            return value
        if token.type == Token.FUNC and token.subtype == Token.OPEN:
            return self.function(token.value[:-1].upper())
        if token.type == Token.OPERAND and token.subtype == Token.NUMBER:
            return float(token.value)
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            values = list(self.range_values(token.value))
            if len(values) != 1:
                raise FormulaError(f"{token.value} is a range; use it inside SUM()")
            return values[0]
        raise FormulaError(f"docgen cannot work out {self.formula} (it can: {SUPPORTED})")

    def function(self, name: str) -> float:
        if name not in _FUNCTIONS:
            raise FormulaError(f"docgen cannot work out {name}() in {self.formula} "
                               f"(it can: {SUPPORTED})")
        args: list[float] = []
        while True:
            token = self.peek()
            if token is not None and token.type == Token.FUNC and token.subtype == Token.CLOSE:
                self.take()
                return _FUNCTIONS[name](args)
            if token is not None and token.type == Token.OPERAND and token.subtype == Token.RANGE:
                following = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
                if following is None or following.type in (Token.SEP, Token.FUNC):
                    self.take()
                    args.extend(self.range_values(token.value))
                    self.skip_separator()
                    continue
            args.append(self.expression(0))
            self.skip_separator()

    def skip_separator(self) -> None:
        token = self.peek()
        if token is not None and token.type == Token.SEP:
            self.take()

    def expect_close(self, kind: str) -> None:
        token = self.take()
        if token.type != kind or token.subtype != Token.CLOSE:
            raise FormulaError(f"unbalanced brackets in {self.formula}")

    def range_values(self, reference: str) -> Iterable[float]:
        sheet, cells = _split_sheet(reference, self.sheet)
        try:
            min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
        except ValueError as exc:
            raise FormulaError(f"cannot read the reference {reference}") from exc
        if None in (min_col, min_row, max_col, max_row):
            raise FormulaError(f"whole rows or columns ({reference}) are not supported")
        if (max_col - min_col + 1) * (max_row - min_row + 1) > 100_000:
            raise FormulaError(f"the range {reference} is too large")
        from openpyxl.utils import get_column_letter

        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                value = self.lookup(sheet, f"{get_column_letter(col)}{row}")
                if isinstance(value, bool):
                    continue
                if isinstance(value, int | float):
                    yield float(value)
                elif value not in (None, "") and min_row == max_row and min_col == max_col:
                    raise FormulaError(f"{reference} holds text ({value!r}), not a number")


def _split_sheet(reference: str, default_sheet: str) -> tuple[str, str]:
    if "!" not in reference:
        return default_sheet, reference
    sheet, cells = reference.rsplit("!", 1)
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cells
