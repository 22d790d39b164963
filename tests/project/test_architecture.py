"""The shape of the code: no import circle between the files of src/docgen, a PDF engine whose
stages only look down, and small modules.

Every `import` counts, wherever it is written (module level, inside a function, under
`if TYPE_CHECKING:`), relative or absolute: a lazy import only hides a circle from Python's
import machinery, not from a reader who has to understand both files at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "docgen"
MAX_LINES = 500

# Modules over MAX_LINES today (issue 15 splits them). The test fails when one more grows past
# the limit, and when one of these is split, so that it is taken off the list.
KNOWN_LARGE: set[str] = set()

# Circles not broken yet, each with what would break it. The test fails when another circle
# appears, and when one of these is broken, so that it is taken off the list.
KNOWN_CYCLES: set[frozenset[str]] = set()

# The PDF engine's stages, lowest first (python-docx-like read → layout → draw): a module may
# import its own stage's modules and those of the stages before it, never a later stage's.
PDF = "docgen.pdf"
PDF_STAGES = (
    ("the model", {"model", "ooxml", "ttf_metrics", "fontconfig"}),
    ("reading", {"styles", "numbering", "table_props", "reading", "sections", "drawings",
                 "table_reader", "docx_reader", "chart_reading", "revisions", "notes",
                 "fields"}),
    ("layout", {"fonts", "ligatures", "lines", "linebreak", "linefill", "table_box", "borders",
                "blocks", "paginate", "page_refs"}),
    ("drawing", {"render", "chart_canvas", "chart_scales", "chart_marks", "chart_drawing",
                 "structure", "tagging", "tagged_pdf"}),
    ("the pipeline", {"document", "libreoffice", "fidelity", ""}),
)

Graph = dict[str, set[str]]


def module_files() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _base_package(module: str, path: Path, level: int) -> str:
    """The package a relative import of `level` dots in `module` starts from."""
    parts = module.split(".")
    if path.name != "__init__.py":
        parts.pop()
    return ".".join(parts[: len(parts) - (level - 1)])


def imported_modules(module: str, path: Path, files: dict[str, Path]) -> set[str]:
    """The package's modules that `module` imports, absolute or relative; `from X import y`
    imports X.y when that is a module, else X. Outside modules are left out."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = _base_package(module, path, node.level)
                source = f"{base}.{source}" if source else base
            for alias in node.names:
                name = f"{source}.{alias.name}"
                found.add(name if name in files else source)
    return {name for name in found if name in files and name != module}


def import_graph() -> Graph:
    """Which of the package's modules each module imports (itself left out)."""
    files = module_files()
    return {module: imported_modules(module, path, files) for module, path in files.items()}


def strongly_connected(graph: Graph) -> list[list[str]]:
    """The graph's strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def one_cycle(graph: Graph, component: list[str]) -> list[str]:
    """A shortest circle through the component's first module, as a path back to it."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for target in sorted(graph[node] & members):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"{component} is not a circle")


def describe_cycles(graph: Graph) -> list[str]:
    """One line per import circle: its modules and one path round it."""
    return [f"{len(c)} modules {c}: " + " -> ".join(one_cycle(graph, c))
            for c in strongly_connected(graph)]


def large_modules() -> dict[str, int]:
    """The modules over MAX_LINES lines, with their length."""
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines())
               for name, path in module_files().items()}
    return {name: n for name, n in sorted(lengths.items()) if n > MAX_LINES}


def test_no_import_circle_between_modules():
    graph = import_graph()
    found = dict(zip(map(frozenset, strongly_connected(graph)), describe_cycles(graph),
                     strict=True))
    new = [line for cycle, line in found.items() if cycle not in KNOWN_CYCLES]
    assert not new, "import circles:\n" + "\n".join(new)
    broken = [sorted(cycle) for cycle in KNOWN_CYCLES - set(found)]
    assert not broken, f"no longer circles, take them off KNOWN_CYCLES: {broken}"


def pdf_stage(module: str) -> int:
    """The index in PDF_STAGES of a module of docgen.pdf."""
    name = module.removeprefix(PDF).removeprefix(".")
    for index, (_, members) in enumerate(PDF_STAGES):
        if name in members:
            return index
    raise AssertionError(f"{module} is in no stage of PDF_STAGES: add it to the one it is part of")


def test_the_pdf_engine_only_looks_down():
    graph = import_graph()
    upward = [f"{module} ({PDF_STAGES[pdf_stage(module)][0]}) imports {target} "
              f"({PDF_STAGES[pdf_stage(target)][0]})"
              for module in sorted(graph) if module == PDF or module.startswith(PDF + ".")
              for target in sorted(graph[module])
              if target.startswith(PDF + ".") and pdf_stage(target) > pdf_stage(module)]
    assert not upward, "imports from a later stage:\n" + "\n".join(upward)


def test_no_new_module_over_the_size_limit():
    large = large_modules()
    print("\n".join(f"{name}: {lines} lines" for name, lines in large.items()))
    assert set(large) <= KNOWN_LARGE, f"new modules over {MAX_LINES} lines: " + ", ".join(
        f"{name} ({large[name]})" for name in sorted(set(large) - KNOWN_LARGE))
    assert set(large) >= KNOWN_LARGE, f"now at most {MAX_LINES} lines, take off KNOWN_LARGE: " + (
        ", ".join(sorted(KNOWN_LARGE - set(large))))


def test_the_walker_finds_every_circle_and_names_one_path_round_it():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    assert one_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]


def test_imports_inside_functions_and_relative_ones_are_read():
    files = module_files()
    lazy = imported_modules("docgen.pdf", files["docgen.pdf"], files)
    assert "docgen.pdf.document" in lazy  # imported inside export_pdf
    assert "docgen.exceptions" in lazy  # `from ..exceptions import ExportError`


# The WordprocessingML namespace is spelled once, in docgen.ooxml.ns; every other module imports
# it from there.
W_NAMESPACE = "http://schemas.openxmlformats.org/" + "wordprocessingml/2006/main"
NAMESPACE_HOME = "docgen.ooxml.ns"


def modules_spelling(text: str) -> set[str]:
    """The package's modules whose source holds `text`."""
    return {name for name, path in module_files().items()
            if text in path.read_text(encoding="utf-8")}


def test_the_wordprocessingml_namespace_is_spelled_in_one_module():
    spelling = modules_spelling(W_NAMESPACE)
    assert spelling == {NAMESPACE_HOME}, (
        f"import the namespace from {NAMESPACE_HOME} instead: {sorted(spelling)}")


# The tests mirror the code: tests/<area>/test_<module>[_<aspect>].py for src/docgen/<area>/
# <module>.py. Folders that cut across modules are named here; every other test file must name
# the module it tests, so a newcomer finds a module's tests from its path.
TESTS = SRC.parent / "tests"
CROSS_CUTTING = {"e2e", "hostile", "project", "support"}

# Modules with no mirrored test file yet (issue 15 asks for one each). The test fails when a
# module outside this list has none, and when one of these gets one, so it is taken off.
KNOWN_UNTESTED: set[str] = set()


def _tested_module(test: Path, modules: set[str]) -> str | None:
    """The module `tests/<area>/test_<name>.py` mirrors: the longest module name that `name` is
    or starts with (`test_cli_usage.py` → `cli`)."""
    area = test.parent.relative_to(TESTS).parts
    stem = test.stem.removeprefix("test_")
    prefix = ".".join((PACKAGE, *area))
    best = None
    for module in modules:
        package, _, leaf = module.rpartition(".")
        if package != prefix and not (module == prefix and not area):
            continue
        if stem == leaf or stem.startswith(leaf + "_"):
            if best is None or len(leaf) > len(best.rpartition(".")[2]):
                best = module
    return best


def _test_files() -> list[Path]:
    return [path for path in sorted(TESTS.rglob("test_*.py"))
            if not CROSS_CUTTING & set(path.relative_to(TESTS).parts[:-1])]


def test_every_test_file_names_the_module_it_tests():
    modules = set(module_files())
    strays = [str(path.relative_to(TESTS)) for path in _test_files()
              if _tested_module(path, modules) is None]
    assert strays == [], ("test files that mirror no module (rename them, or move them to one of "
                          f"{sorted(CROSS_CUTTING)}): {strays}")


def test_every_module_has_its_test_file():
    modules = set(module_files())
    tested = {_tested_module(path, modules) for path in _test_files()}
    untested = {module for module in modules
                if module not in tested and not module_files()[module].name == "__init__.py"
                and module != "docgen.__main__"}
    missing = sorted(untested - KNOWN_UNTESTED)
    assert missing == [], f"modules without tests/<area>/test_<module>.py: {missing}"
    done = sorted(KNOWN_UNTESTED - untested)
    assert done == [], f"now tested, take off KNOWN_UNTESTED: {done}"
