import pytest

from docgen.formulas import FormulaError, evaluate

CELLS = {("S", "A1"): 2, ("S", "A2"): 3, ("S", "B1"): "text", ("Other sheet", "B4"): 10}


def lookup(sheet, cell):
    return CELLS.get((sheet, cell))


@pytest.mark.parametrize(("formula", "value"), [
    ("=A1+A2*2", 8), ("=(A2-A1)/A1", 0.5), ("=SUM(A1:A2)", 5), ("=SUM(A1:A2, 5)", 10),
    ("=SUM(A1:A2)/'Other sheet'!$B$4", 0.5), ("=-A1", -2), ("=50%", 0.5),
    ("=ROUND(10/3, 2)", 3.33), ("=AVERAGE(A1:A2)", 2.5), ("=MAX(A1:A2)-MIN(A1:A2)", 1),
    ("=2^3", 8), ("=ABS(-4)", 4), ("=COUNT(A1:B2)", 2),
])
def test_supported_formulas(formula, value):
    assert evaluate(formula, "S", lookup) == pytest.approx(value)


@pytest.mark.parametrize(("formula", "message"), [
    ("=VLOOKUP(A1,B1:C2,2)", "cannot work out VLOOKUP()"),
    ("=A1/0", "divides by zero"),
    ("=B1+1", "holds text"),
    ("=A:A", "whole rows or columns"),
])
def test_unsupported_formulas_say_why(formula, message):
    with pytest.raises(FormulaError, match=message):
        evaluate(formula, "S", lookup)
