"""Lint a Word template before it is used: Jinja syntax, names docgen cannot fill, unsafe tags.

docxtpl only says "syntax error on line 1" of a whole part, so this module walks the part's
XML itself: each paragraph's text (its w:t runs joined) becomes one line of a Jinja source, the
whole part is parsed once (block tags may open in one paragraph and close in another), and a
line number leads back to the paragraph — "body, table 2, row 1, cell 3" — and its text.

What a template may not use, and why:

- `{% include %}`, `{% import %}`, `{% from %}`, `{% extends %}`: a template is one Word
  document; docgen gives Jinja no loader, so these would fail at every build.
- attributes and items starting with `_` (`x.__class__`), attributes of plain values other
  than the read-only methods the sandbox lists (`title.upper()` is fine, `body.document` is
  not), and calls of anything but docgen's globals, the template's macros and those methods:
  the sandbox (`docgen.sandbox`) refuses them.
- filters and tests docgen does not list.

`{% macro %}`, `{% set %}` and `{% call %}` are allowed: their names are local, like loop names.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .exceptions import Problem, TemplateError
from .ooxml import parts as ooxml_parts
from .ooxml.parts import TEMPLATE_KINDS, Part, paragraph_text, paragraphs

_EXCERPT = 70

# docxtpl's own tag forms, rewritten to what Jinja itself parses (see docxtpl's patch_xml).
_DOCXTPL_PREFIX = re.compile(r"(\{[%{#])(?:tr|tc|p|r)\s")
_DOCXTPL_CELL = re.compile(r"\{%-?\s*(?:colspan|cellbg)\s+(.*?)-?%\}")
_DOCXTPL_MERGE = re.compile(r"\{%-?\s*[vh]m\s*-?%\}")
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "raw",
           "trans"}
_GLOBALS = {"loop", "range", "dict", "cycler", "joiner", "namespace", "caller",
            "varargs", "kwargs", "true", "false", "none", "True", "False", "None"}
_CALLABLE_GLOBALS = {"range", "dict", "cycler", "joiner", "namespace", "caller", "loop"}
_HELPER_METHODS = {"cycle", "changed", "next", "reset"}  # loop.cycle(), a cycler's next()


def check_template(path: str | Path) -> list[Problem]:
    """Every problem found in a .docx template, each located by part, paragraph and text.

    Raises `TemplateError` when the file is missing or not a Word document.
    """
    from .template_file import read_template

    path = Path(path)
    template = read_template(path)  # read, bounded and cleaned once: the lint reads the result
    stories = ooxml_parts.package_of(template.data, path.name, TemplateError,
                                     TEMPLATE_KINDS).stories(TEMPLATE_KINDS)
    problems, names = _lint_parts(path.name, stories)
    problems += template.problems
    body_names = names.get("body")
    if body_names is not None and "body" not in body_names:  # None: a syntax error said enough
        problems.append(Problem("warning", "the template has no {{p body }} paragraph, so the "
                                "narrative sections would be left out", path.name))
    return problems


def used_names(path: str | Path) -> set[str]:
    """The names docgen fills that a template uses, in any part."""
    _, names = _lint_template(Path(path))
    return set().union(*(found for found in names.values() if found is not None))


def _lint_template(path: Path) -> tuple[list[Problem], dict[str, set[str] | None]]:
    """The template's problems, and the context names each part uses (None: unparsable)."""
    return _lint_parts(path.name, docx_parts(path))


def _lint_parts(name: str, parts: list[Part]) -> tuple[list[Problem], dict[str, set[str] | None]]:
    """The problems of a template's parts, and the context names each uses (None: unparsable)."""
    problems: list[Problem] = []
    names: dict[str, set[str] | None] = {}
    for label, root in parts:
        places = list(paragraphs(root))
        lines = [_jinja_text(paragraph_text(p)) for p, _ in places]
        found, names[label] = _lint("\n".join(lines), lines, [where for _, where in places])
        problems += [Problem("error", message, f"{name}, {label}, {where}")
                     for where, message in found]
    return problems, names


def docx_parts(path: Path, error: type[Exception] = TemplateError) -> list[Part]:
    """The parsed body, headers and footers of a .docx (the parts docxtpl renders): ('body'
    or file name, root) pairs, from `docgen.ooxml.parts`.

    Raises `error` (with one sentence) when the file is missing or not a Word document.
    """
    return ooxml_parts.docx_parts(path, error, TEMPLATE_KINDS)


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    """`text` shortened to `limit` characters for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _jinja_text(text: str) -> str:
    """A paragraph's text as docxtpl hands it to Jinja: {%p → {%, {% colspan x %} → {{ x }}."""
    text = _DOCXTPL_CELL.sub(r"{{ \1 }}", text)
    text = _DOCXTPL_MERGE.sub("", text)
    return _DOCXTPL_PREFIX.sub(r"\1 ", text)


def _lint(source: str, lines: list[str], places: list[str]
          ) -> tuple[list[tuple[str, str]], set[str] | None]:
    """Problems as (place, message), and the context names the source uses (None when it
    does not parse)."""
    from jinja2 import TemplateSyntaxError

    from .sandbox import SafeEnvironment

    env = SafeEnvironment()  # the environment the render uses

    def at(lineno: int | None) -> tuple[str, str]:
        index = min(max((lineno or 1) - 1, 0), len(places) - 1) if places else 0
        text = lines[index] if lines else ""
        return (places[index] if places else "paragraph 1", excerpt(text))

    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        lineno = _unclosed_block(env, source) if "end of template" in exc.message else None
        place, text = at(lineno or exc.lineno)
        return [(place, f'Jinja syntax error: {exc.message} (text: "{text}")')], None
    checker = _NameChecker(env, context_schema())
    checker.visit(ast, {})
    problems = []
    for lineno, message in checker.problems:
        place, text = at(lineno)
        problems.append((place, f'{message} (text: "{text}")'))
    return problems, checker.used


def _unclosed_block(env, source: str) -> int | None:
    """The line where the innermost block left open at the end of the source starts."""
    stack: list[tuple[str, int]] = []
    expect_name = False
    try:
        for lineno, kind, value in env.lex(source):
            if kind == "whitespace":
                continue
            if kind == "block_begin":
                expect_name = True
            elif expect_name and kind == "name":
                expect_name = False
                if value in _BLOCKS:
                    stack.append((value, lineno))
                elif value.startswith("end") and stack:
                    stack.pop()
            else:
                expect_name = False
    except Exception:  # a lexer error is reported by the parser already
        return None
    return stack[-1][1] if stack else None


def context_schema() -> dict:
    """The names a template can use, from `context.FIELDS` (declared once, with the code that
    fills them).

    Values are None (a plain value), `_OPEN` (a dict with any keys, such as `settings`), a
    dict of field names, or a one-item list (a list whose items have the fields of that item).
    """
    from .context import FIELDS

    return _schema(FIELDS)


def _schema(value):
    if isinstance(value, dict):
        if "*" in value:
            return _OPEN
        return {key: _schema(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_schema(value[0])] if value else [None]
    return None


_OPEN = {"*": None}
"""The shape of a dict with any keys (settings, measure): any item may be read."""


def used_settings(path: Path) -> set[str]:
    """The Settings labels a template reads as settings["From"] (or settings.From); none for a
    template that cannot be read (rendering it says why)."""
    try:
        return set(_used_settings(str(path), *_stamp(path)))
    except (OSError, TemplateError):
        return set()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=16)
def _used_settings(path: str, _mtime: int, _size: int) -> frozenset[str]:
    from jinja2 import nodes

    from .sandbox import SafeEnvironment

    env = SafeEnvironment()  # the environment the render uses
    found: set[str] = set()
    for _, root in docx_parts(Path(path)):
        source = "\n".join(_jinja_text(paragraph_text(p)) for p, _ in paragraphs(root))
        try:
            ast = env.parse(source)
        except Exception:  # a syntax error is the linter's to report
            continue
        for node in ast.find_all((nodes.Getitem, nodes.Getattr)):
            if isinstance(node.node, nodes.Name) and node.node.name == "settings":
                if isinstance(node, nodes.Getattr):
                    found.add(node.attr)
                elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                    found.add(node.arg.value)
    return frozenset(found)


_PLAIN = "plain value"
"""The shape of a value docgen fills that is neither a dict nor a list."""


class _NameChecker:
    """Walks a Jinja AST: names docgen cannot fill, unsafe attributes, forbidden tags."""

    def __init__(self, env, schema: dict):
        self.env = env
        self.schema = schema
        self.problems: list[tuple[int, str]] = []
        self.used: set[str] = set()
        self.local_names: set[str] = set()

    def visit(self, node, scope: dict) -> None:
        """Check `node` and its children; `scope` maps loop names to their item's fields."""
        from jinja2 import nodes

        if isinstance(node, nodes.Template):
            self.local_names = self._assigned(node)
        if isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            tag = type(node).__name__.lower().replace("fromimport", "from ... import")
            self.problems.append((node.lineno, f"a template may not use {{% {tag} %}}: it is "
                                  "one Word document and cannot load others"))
            return
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = dict(scope)
            item = self._shape(node.iter, scope)
            self._bind(node.target, item[0] if isinstance(item, list) else None, inner)
            tests = [node.test] if node.test is not None else []
            for child in (*node.body, *node.else_, *tests):
                self.visit(child, inner)
            return
        self._check(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def _check(self, node, scope: dict) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name in self.schema:
                self.used.add(node.name)
            elif (node.name not in scope and node.name not in self.local_names
                  and node.name not in _GLOBALS):
                known = ", ".join(sorted(self.schema))
                self.problems.append((node.lineno, f"'{node.name}' is not a name docgen fills "
                                      f"(it fills: {known})"))
        elif isinstance(node, nodes.Getattr):
            self._check_attribute(node, node.attr, scope)
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            if isinstance(node.arg.value, str):
                self._check_attribute(node, node.arg.value, scope, item=True)
        elif isinstance(node, nodes.Call):
            self._check_call(node)
        elif isinstance(node, nodes.Filter) and node.name not in self.env.filters:
            self.problems.append((node.lineno, f"there is no filter called '{node.name}' "
                                  "that docgen allows"))
        elif isinstance(node, nodes.Test) and node.name not in self.env.tests:
            self.problems.append((node.lineno, f"there is no test called '{node.name}' that "
                                  "docgen allows"))

    def _check_call(self, node) -> None:
        """A call must be of a global docgen lists, a macro, or a read-only method."""
        from jinja2 import nodes

        from .sandbox import DATA_METHODS

        callee = node.node
        if isinstance(callee, nodes.Name):
            if callee.name in _CALLABLE_GLOBALS or callee.name in self.local_names:
                return
            name = callee.name
        elif isinstance(callee, nodes.Getattr):
            methods = set().union(*DATA_METHODS.values(), _HELPER_METHODS)
            if callee.attr in methods:
                return
            name = callee.attr
        else:
            name = "that expression"
        self.problems.append((node.lineno, f"a template may not call '{name}': only the "
                              "filters, tests and functions docgen lists"))

    def _check_attribute(self, node, attr: str, scope: dict, item: bool = False) -> None:
        from .sandbox import DATA_METHODS

        if attr.startswith("_"):
            self.problems.append((node.lineno, f"'{attr}' starts with '_': the sandbox refuses "
                                  "such attributes"))
            return
        shape = self._shape(node.node, scope)
        if shape is _OPEN:
            return
        if isinstance(shape, dict) and attr not in shape and attr not in DATA_METHODS[dict]:
            known = ", ".join(sorted(shape))
            self.problems.append((node.lineno, f"'{attr}' is not a field docgen fills here "
                                  f"(it has: {known})"))
        elif shape is _PLAIN and not item and attr not in DATA_METHODS[str]:
            self.problems.append((node.lineno, f"'{attr}' is not something a template may read "
                                  "of a plain value: the sandbox refuses it"))

    def _shape(self, node, scope: dict):
        """What a name or attribute chain holds: a field dict, a one-item list, `_PLAIN` (a
        value docgen fills: text, a number) or None (unknown: the template's own names)."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.name in scope:
                found = scope[node.name]
            elif node.name in self.local_names or node.name not in self.schema:
                return None
            else:
                found = self.schema[node.name]
            return _PLAIN if found is None and node.name in self.schema else found
        if isinstance(node, nodes.Getattr):
            outer = self._shape(node.node, scope)
            if isinstance(outer, dict) and node.attr in outer:
                return _PLAIN if outer[node.attr] is None else outer[node.attr]
        return None

    def _bind(self, target, item, scope: dict) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = item
        elif isinstance(target, nodes.Tuple):
            for name in target.items:
                self._bind(name, None, scope)

    @staticmethod
    def _assigned(template) -> set[str]:
        """Names the template sets itself: {% set %}, macros and their arguments, with."""
        from jinja2 import nodes

        names: set[str] = set()
        for node in template.find_all((nodes.Name, nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Name) and node.ctx in ("store", "param"):
                names.add(node.name)
            elif isinstance(node, nodes.Macro):
                names.add(node.name)
        return names
