"""Write docs/templates.md, the template contract, from `docgen.context.FIELDS`.

    python scripts/make_template_docs.py

tests/project/test_template_docs.py checks that the committed page is what this script writes,
so the reference can never drift from the code that fills the names.
"""

from __future__ import annotations

from pathlib import Path

from docgen.context import FIELDS
from docgen.sandbox import ALLOWED_FILTERS, ALLOWED_GLOBALS, ALLOWED_TESTS, DATA_METHODS

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "templates.md"

INTRODUCTION = """\
# Templates: the contract between docgen and your Word template

An organisation adopts docgen with two files of its own: a **Word template** (its header
block, its styles, its tables) and a **workbook** in docgen's format (docs/workbook.md). This
page lists every name a template can use. It is written from the code that fills them
(`src/docgen/context.py`) by `scripts/make_template_docs.py`, and a test keeps the two equal.

A template is an ordinary .docx with Jinja tags typed in it, as docxtpl reads them:

- `{{ title }}` prints a value; `{{ m.name|upper }}` with a filter.
- `{%p if appendix_note %}` … `{%p endif %}` keep or drop whole paragraphs; `{%tr for m in
  group.measures %}` … `{%tr endfor %}` repeat a table row for each item; `{%tc … %}` a cell.
- `{{p body }}` alone in a paragraph is where the narrative goes (sections, tables, charts).
- `{{ toc }}` alone in a paragraph is a table of contents with page numbers (see below).
- `{% cellbg m.rag_colour %}` at the start of a table cell shades it (six hex digits).

Templates run in an allow-list sandbox over plain data (docs/security.md): values are text,
numbers, True/False/None, lists and dicts. Check a template before use:

    docgen check -t mytemplate.docx          # every problem, with where it is in the template
    docgen check report.xlsx -t mytemplate.docx   # the workbook against the template

A name the template uses that docgen does not fill, a filter docgen does not list, a call of
anything but the functions below, or `{% include %}` and its kind, is reported by `check -t`
with its part, table, row and cell and the paragraph's text, and stops a build with the same
location (exit code 2).
"""

TABLE_OF_CONTENTS = """\
## A table of contents with page numbers

Put `{{ toc }}` alone in a paragraph (under a "Contents" line in the *TOC Heading* style, which
is not listed itself), or insert a table of contents in Word (References > Table of Contents:
a `TOC` field, simple or complex, also inside its "Table of Contents" content control). docgen
writes a real Word TOC field there, keeping the template's field instruction (`{{ toc }}` is
`TOC \\o "1-3" \\h \\z \\u`): one entry per heading of the report at the instruction's levels
(`\\o "1-3"`: Heading 1 to 3, or any style with outline level 1 to 3; `\\u`: paragraphs given an
outline level directly; `\\t "Style,1"`: styles named), each with the heading's number and text,
a dot leader and its page number, linked (`\\h`) to a `_Toc` bookmark on the heading.

The page numbers are docgen's own: the finished document is laid out by docgen's PDF engine
(which paginates as LibreOffice 7.4 does), in the number format of each heading's section, and
laid out again if the table's own numbers move a line. So the .docx shows the right numbers
when opened, in Word and in LibreOffice, Word's *Update Field* still rebuilds it, and the PDF
(`--pdf`) shows the same entries, each linked to its page. Headings inside tables and text
boxes are not listed.

Its look is the template's: the entries use the paragraph styles *TOC 1*, *TOC 2* and *TOC 3*
(Word's built-in ones, with Word's default spacing and indents, are added to a template that
lacks them); the right tab with dots sits at the text column's edge unless the style sets its
own right tab. templates/report.docx has the styles but no table of contents;
examples/council/template.docx has one under its title.

`docgen pdf` of any .docx with a table of contents shows docgen's page numbers, not the ones
saved in the file, which may be stale (a document edited after its table was last updated):
each PAGEREF field of an entry is printed with the page its bookmark is on in the PDF. The
entries themselves are printed as saved: a table of contents Word never filled prints empty,
as it does in Word and LibreOffice until its field is updated.
"""

WORKED_EXAMPLE = """\
## A worked example: a council's committee report

Sandford Borough Council's reports start with a *To / From / Date / Agenda Item* block and
number every paragraph. Its template's header table:

| | |
|---|---|
| To: | `{{ report_to }}` |
| From: | `{{ settings["From"] }}` |
| Date: | `{{ meeting_date }}` |
| Agenda Item: | `{{ agenda_item }}` |
| Contact officer: | `{{ settings["Contact officer"] }}` |

Its workbook's Settings sheet adds two rows, *From* (`Director of Resources`) and *Contact
officer*; `docgen check report.xlsx -t sandford.docx` says if either is missing, and
`docgen init new.xlsx -t sandford.docx` writes a blank workbook with those rows to fill. Its
performance table, one row per rated measure with a shaded RAG cell:

| Measure | Target | Current | RAG |
|---|---|---|---|
| `{%tr for m in measures\\|selectattr("rag") %}` | | | |
| `{{ m.name }}` | `{{ m.target }}` | `{{ m.current }}` | `{% cellbg m.rag_colour %}{{ m.rag }}` |
| `{%tr endfor %}` | | | |

and a summary sentence: `{{ rag_counts.overall.Green }} of {{ measures|selectattr("rag")|list
|length }} rated measures met their targets.` The rating's word is printed as well as the
colour, so the table reads without colour. `examples/council/` ships a layout like this, built
from the seed's own data in CI (its table adds Previous and Status columns, and shows
`rag_counts` as a table per theme): `docgen build examples/council/council.xlsx -t
examples/council/template.docx --pdf`.
"""


def render() -> str:
    """The page's text."""
    lines = [INTRODUCTION, "## Names a template can use", ""]
    lines += ["| Name | What it holds |", "|---|---|"]
    for name, value in FIELDS.items():
        lines += _rows(name, value)
    lines += ["", "## Filters, tests and functions", "",
              "Filters: " + ", ".join(f"`{f}`" for f in ALLOWED_FILTERS) + ".", "",
              "Tests: " + ", ".join(f"`{t}`" for t in ALLOWED_TESTS) + ".", "",
              "Functions: " + ", ".join(f"`{g}()`" for g in ALLOWED_GLOBALS)
              + ", the template's own macros, `loop.cycle()`, `loop.changed()`.", "",
              "Read-only methods: " + "; ".join(
                  f"of {kind.__name__ if kind is not str else 'text'}: "
                  + ", ".join(f"`{m}()`" for m in sorted(names))
                  for kind, names in DATA_METHODS.items()) + ".", "",
              TABLE_OF_CONTENTS, WORKED_EXAMPLE]
    return "\n".join(lines)


def _rows(name: str, value: object, prefix: str = "") -> list[str]:
    path = f"{prefix}{name}"
    if isinstance(value, str):
        return [f"| `{path}` | {value} |"]
    if isinstance(value, list):
        rows = [f"| `{path}` | a list; each item has the fields below |"]
        for field, description in value[0].items():
            rows += _rows(field, description, f"{path}[].")
        return rows
    if isinstance(value, dict) and "*" in value:
        return [f"| `{path}[…]` | {value['*']} |"]
    rows = [f"| `{path}` | a dict with the fields below |"]
    for field, description in value.items():  # type: ignore[union-attr]
        rows += _rows(field, description, f"{path}.")
    return rows


def main() -> None:
    """Write the page."""
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
