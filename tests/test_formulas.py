import pytest
from openpyxl.utils import get_column_letter

from docgen import limits
from docgen.formulas import Area, FormulaError, evaluate, parse_formula

CELLS = {("S", "A1"): 2, ("S", "A2"): 3, ("S", "B1"): "text", ("Other sheet", "B4"): 10,
         ("S", "C1"): True, ("S", "D1"): 1e308, ("S", "D2"): 10**400}


def cells(area: Area):
    for row, col in area.positions():
        yield CELLS.get((area.sheet, f"{get_column_letter(col)}{row}"))


def value(formula: str) -> float:
    return evaluate(formula, "S", cells)


@pytest.mark.parametrize(("formula", "expected"), [
    ("=A1+A2*2", 8), ("=(A2-A1)/A1", 0.5), ("=SUM(A1:A2)", 5), ("=SUM(A1:A2, 5)", 10),
    ("=SUM(A1:A2)/'Other sheet'!$B$4", 0.5), ("=-A1", -2), ("=50%", 0.5),
    ("=ROUND(10/3, 2)", 3.33), ("=AVERAGE(A1:A2)", 2.5), ("=MAX(A1:A2)-MIN(A1:A2)", 1),
    ("=2^3", 8), ("=ABS(-4)", 4), ("=COUNT(A1:B2)", 2), ("=ABS(A1-A2)", 1),
    ("=-2^2", 4), ("=2^3^2", 64), ("=2^-1", 0.5), ("=(-8)^(1/1)", -8), ("=(-2)^3", -8),
    ("=SUM(A1:D1)", 1e308 + 2), ("=MIN(E9)", 0), ("=MAX(B1:C1)", 0),
])
def test_supported_formulas(formula, expected):
    assert value(formula) == pytest.approx(expected)


@pytest.mark.parametrize(("formula", "message"), [
    ("=VLOOKUP(A1,B1:C2,2)", "cannot work out VLOOKUP()"),
    ("=A1/0", "divides by zero"),
    ("=B1+1", "B1 holds 'text', not a number"),
    ("=C1+1", "C1 holds 'True', not a number"),
    ("=E9+1", "E9 is empty, not a number"),
    ("=A:A", "whole rows or columns"),
    ("=SUM(A1:A100001)", "covers 100,001 cells"),
    ("=A1:A2+1", "is a range; use it inside SUM()"),
])
def test_unsupported_formulas_say_why(formula, message):
    with pytest.raises(FormulaError, match=message):
        value(formula)


@pytest.mark.parametrize(("formula", "expected"), [
    ("=ROUND(2.5, 0)", 3), ("=ROUND(-2.5, 0)", -3), ("=ROUND(1.005, 2)", 1.01),
    ("=ROUND(2.675, 2)", 2.68), ("=ROUND(1234.5678, -2)", 1200), ("=ROUND(7, -1)", 10),
    ("=ROUND(4, -1)", 0), ("=ROUND(0.4, -1)", 0), ("=ROUND(1.9, 0.9)", 2),
    ("=ROUND(1.25, 1.9)", 1.3), ("=ROUND(1E300, 15)", 1e300), ("=ROUND(123.456, 20)", 123.456),
])
def test_round_halves_away_from_zero_as_excel_does(formula, expected):
    assert value(formula) == pytest.approx(expected)


@pytest.mark.parametrize(("formula", "expected"), [
    ("=ROUND(1,1E8)", 1), ("=ROUND(1,-1E8)", 0), ("=ROUND(1,1E300)", 1), ("=ROUND(-3,-1E300)", 0),
    ("=ROUND(0.123456789, 1E9)", 0.123456789),
])
def test_round_with_huge_digits_gives_excels_result_at_once(formula, expected):
    assert value(formula) == pytest.approx(expected)


@pytest.mark.parametrize(("formula", "message"), [
    ("=10^400", "the result is too large"),
    ("=1E308*10", "the result is too large"),
    ("=1E400", "the result is too large"),
    ("=D1+D1", "the result is too large"),
    ("=SUM(D1,D1)", "the result is too large"),
    ("=D2+1", "the result is too large"),
    ("=(-8)^(1/3)", "negative number to a fractional power"),
    ("=0^-1", "divides by zero"),
    ("=0^0", "0\\^0 has no value"),
    ("=1/(1E-200*1E-200)", "divides by zero"),
])
def test_results_are_finite_real_numbers_or_errors(formula, message):
    with pytest.raises(FormulaError, match=message):
        value(formula)


@pytest.mark.parametrize(("formula", "message"), [
    ("=ABS()", r"ABS\(\) takes one number; =ABS\(\) gives it 0"),
    ("=ABS(1,2)", r"ABS\(\) takes one number; .* gives it 2"),
    ("=ROUND(1)", r"ROUND\(\) takes a number and the digits to round to; .* gives it 1"),
    ("=ROUND(1,2,3)", r"ROUND\(\) takes .* gives it 3"),
    ("=SUM()", r"SUM\(\) needs at least one number or range"),
    ("=AVERAGE(E9:E10)", "AVERAGE of no numbers"),
    ("=ABS(A1:A2)", "is a range"),
    ("=SUM(" + ",".join(["1"] * 256) + ")", "more than 255 arguments"),
])
def test_wrong_arguments_are_explained(formula, message):
    with pytest.raises(FormulaError, match=message):
        value(formula)


@pytest.mark.parametrize("formula", [
    "=" + "(" * 3000 + "1" + ")" * 3000,
    "=" + "ABS(" * 1000 + "1" + ")" * 1000,
    "=" + "-" * 3000 + "1",
    "=" + "(" * 3000,
])
def test_deep_nesting_is_refused_not_a_recursion_error(formula):
    with pytest.raises(FormulaError, match="nests brackets, functions or signs more than 64"):
        value(formula)


def test_nesting_up_to_excels_limit_works():
    depth = limits.MAX_FORMULA_NESTING
    assert value("=" + "(1+" * depth + "1" + ")" * depth) == depth + 1
    # Every precedence level at each depth: the most stack a formula can take.
    assert value("=" + "1+1*1^(" * (depth - 1) + "1" + ")" * (depth - 1)) == 2


def test_long_chains_of_operators_are_a_loop():
    assert value("=" + "+".join(["1"] * 3000)) == 3000
    assert value("=" + "^".join(["1"] * 3000)) == 1


def test_formula_longer_than_excel_allows():
    with pytest.raises(FormulaError, match="8,193 characters long; Excel allows 8,192"):
        value("=" + "1+" * 4095 + "12")


def test_parse_counts_the_cells_a_formula_covers():
    formula = parse_formula("=SUM(A1:B10)+C1+'Other sheet'!A1:A5", "S")
    assert [a.sheet for a in formula.areas] == ["S", "S", "Other sheet"]
    assert formula.work == limits.FORMULA_OVERHEAD + 20 + 1 + 5


RAG = {("R", "A1"): "Green", ("R", "A2"): "green", ("R", "A3"): "Red", ("R", "A4"): "Amber",
       ("R", "A5"): None, ("R", "B1"): "Crime", ("R", "B2"): "Fire", ("R", "B3"): "Crime",
       ("R", "B4"): "Crime", ("R", "B5"): "Crime", ("R", "C1"): 5, ("R", "C2"): 12,
       ("R", "C3"): 7, ("R", "C4"): "n/a", ("R", "C5"): 20}


def rag_cells(area: Area):
    for row, col in area.positions():
        found = RAG.get((area.sheet, f"{get_column_letter(col)}{row}"))
        if found is not None:  # empty cells left out, as the workbook reader leaves them
            yield found


@pytest.mark.parametrize(("formula", "expected"), [
    ('=COUNTIF(A1:A5, "Green")', 2), ('=COUNTIF(A1:A5, "<>Green")', 3),
    ('=COUNTIF(A1:A5, "G*")', 2), ('=COUNTIF(A1:A5, "")', 1), ('=COUNTIF(C1:C5, ">6")', 3),
    ('=COUNTIF(C1:C5, "<=7")', 2), ("=COUNTIF(C1:C5, 12)", 1), ('=COUNTIF(C1:C5, "12")', 1),
    ('=COUNTIFS(A1:A5, "Green", B1:B5, "Crime")', 1),
    ('=COUNTIFS(B1:B5, "Crime", C1:C5, ">6")', 2),
    ('=COUNTIF(A1:A5, "Red")+COUNTIF(A1:A5, "Amber")', 2),
])
def test_countif_and_countifs_count_as_excel(formula, expected):
    assert evaluate(formula, "R", rag_cells) == expected


@pytest.mark.parametrize(("formula", "message"), [
    ('=COUNTIFS(A1:A5, "Green", B1:B4, "Crime")', "same size"),
    ('=COUNTIF("Green", A1:A5)', "takes a range"),
    ('=COUNTIF(A1:A5, "Green", B1:B5, "Crime")', "use COUNTIFS"),
])
def test_countif_mistakes_say_why(formula, message):
    with pytest.raises(FormulaError, match=message):
        evaluate(formula, "R", rag_cells)
