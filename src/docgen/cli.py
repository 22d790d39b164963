"""The `docgen` command line: a thin shell over `docgen.api`.

It parses options, calls the API, prints paths, warnings and errors, and turns `DocgenError`
into a message and an exit code (2 for bad input or usage, 1 for anything else).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

import click

from .exceptions import DocgenError, Problem, WorkbookError, errors_in

VERBOSE = "docgen.verbose"  # key in click's context meta, shared by the group and its commands
WORD_PART = "word/document.xml"
EXCEL_PART = "xl/workbook.xml"


def _echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(f"{problem.severity}: {problem}", err=True)


def _verbose() -> bool:
    """True when -v/--verbose was given, before the command or after it."""
    return bool(click.get_current_context().meta.get(VERBOSE))


def handle_errors(func: Callable) -> Callable:
    """Run a command; show docgen errors as messages with their exit code, not tracebacks."""

    @wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors: click prints them and exits 2
        except DocgenError as exc:
            _echo_error(exc)
            sys.exit(exc.exit_code)
        except Exception as exc:  # a bug: say so plainly, traceback on request
            click.echo(f"docgen: internal error: {type(exc).__name__}: {exc}", err=True)
            if _verbose():
                traceback.print_exc()
            else:
                click.echo("Run again with --verbose to see the traceback.", err=True)
            sys.exit(1)

    return wrapper


def _echo_error(exc: DocgenError) -> None:
    """Print a docgen error once: its located problems, then its message."""
    message = str(exc)
    if isinstance(exc, WorkbookError):
        message = exc.args[0]
        # A problem about the whole file is the message itself: printed once, below.
        _echo_problems([p for p in exc.problems if p.location or p.message != message])
    click.echo(f"docgen: {message}", err=True)
    if _verbose():
        traceback.print_exc()


def main() -> None:
    """The `docgen` command as a program of its own: run it, then end the process at once.

    Tearing the interpreter down (freeing every module and object the libraries made) takes
    about 0.06 s, an eighth of a cold `docgen build --pdf`, and is wasted on a process that is
    ending: everything docgen writes is complete and closed by then. So once the command has
    finished, output streams and logging are flushed and the process exits with the command's
    code, skipping that step. Only here: `cli` itself, as run in-process by tests or other
    programs, returns normally.
    """
    import os

    try:
        cli.main(prog_name="docgen")
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)  # a message to print: let Python do it the usual way
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: let Python report it the usual way
        raise SystemExit(code) from None
    logging.shutdown()
    os._exit(code or 0)


def _set_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[VERBOSE] = True
        logging.getLogger().setLevel(logging.DEBUG)


def verbose_option(func: Callable) -> Callable:
    """Add -v/--verbose, so it works where a user types it: `docgen -v build X` and
    `docgen build X --verbose` alike."""
    return click.option("-v", "--verbose", is_flag=True, expose_value=False,
                        callback=_set_verbose,
                        help="Show debug logging and tracebacks.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@verbose_option
@click.version_option(package_name="docgen")
def cli() -> None:
    """Turn a committee-report workbook into a Word report (.docx) and a PDF."""
    logging.basicConfig(level=logging.DEBUG if _verbose() else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _refuse_under_file(path: Path) -> None:
    """Raise a usage error when `path` would have to be made inside an existing file."""
    from .files import blocking_file

    blocker = blocking_file(path)
    if blocker is not None:
        raise click.BadParameter(f"'{path}' is inside '{blocker}', which is a file, not a folder")


def _output_folder(_ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """-o of `build`: a folder that can be made, not a file's name."""
    _refuse_under_file(value)
    if value.suffix.lower() in (".docx", ".pdf") and not value.is_dir():
        raise click.BadParameter(f"'{value}' looks like a file's name, but -o names the folder "
                                 "the reports go in (each is named after its workbook)")
    return value


def _new_workbook_path(_ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """The workbook `init` writes: an .xlsx name that is free and can be made."""
    if value.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"'{value}' does not end in .xlsx: name the new workbook "
                                 "NAME.xlsx")
    if value.exists():
        raise click.BadParameter(f"'{value}' exists already; name a new file")
    _refuse_under_file(value)
    return value


def _pdf_path(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """-o of `pdf`: a .pdf name that can be made."""
    if value is None:
        return None
    if value.suffix.lower() != ".pdf":
        raise click.BadParameter(f"'{value}' does not end in .pdf: name the PDF NAME.pdf")
    _refuse_under_file(value)
    return value


def _word_document(_ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """The input of `pdf`: a Word document, whatever its name."""
    parts = _zip_parts(value)
    if WORD_PART in parts:
        return value
    if EXCEL_PART in parts:
        raise click.BadParameter(f"'{value}' is an Excel workbook, not a Word .docx file: "
                                 f"build its report and PDF with 'docgen build {value} --pdf'")
    raise click.BadParameter(f"'{value}' is not a Word .docx file")


def _existing(**kwargs) -> click.Path:
    """A path that must exist (a missing one is a usage error naming the whole path)."""
    return click.Path(exists=True, path_type=Path, **kwargs)


@cli.command()
@click.argument("workbooks", metavar="WORKBOOK...", nargs=-1, required=True,
                type=_existing())
@click.option("-t", "--template", type=_existing(dir_okay=False),
              help="The Word template (default: the committee-report template).")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, callback=_output_folder,
              help="Folder for the outputs.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside the .docx.")
@click.option("--pdf-engine", type=click.Choice(["docgen", "libreoffice"]), default="docgen",
              show_default=True, help="How the PDF is made.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="With several workbooks, how many to build at once [default: the number "
              "of cores].")
@verbose_option
@handle_errors
def build(workbooks: tuple[Path, ...], template: Path | None, outdir: Path, pdf: bool,
          pdf_engine: str, strict: bool, jobs: int | None) -> None:
    """Build OUTDIR/<workbook name>.docx (and .pdf) from each WORKBOOK.

    A WORKBOOK may be a folder: every .xlsx in it is built. Several workbooks are built in
    parallel, and one that fails never stops the others; a summary lists what failed and why.
    """
    from . import api

    if len(workbooks) > 1 or workbooks[0].is_dir():
        sys.exit(_build_many(workbooks, template=template, outdir=outdir, pdf=pdf,
                             pdf_engine=pdf_engine, strict=strict, jobs=jobs))
    with _collector_paused():
        result = api.build(workbooks[0], template=template, outdir=outdir, pdf=pdf,
                           pdf_engine=pdf_engine, strict=strict)
    _echo_problems(result.warnings)
    for path in result.paths:
        click.echo(f"Wrote {path}")


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector for one build (back as it was afterwards).

    Its full passes walk every object the imports made (about 0.03 s of a 0.5 s cold
    command) and free almost nothing: the pipeline's garbage goes by reference counting
    (the large test report peaks at 71 MB without the collector, 67 MB with it).
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_many(workbooks: tuple[Path, ...], **options) -> int:
    """Build several workbooks with a progress bar (or a line each); return the exit code."""
    from . import api
    from .batch import find_workbooks

    empty_folders = sum(1 for w in workbooks if w.is_dir() and not find_workbooks([w]))
    with _BatchProgress(len(find_workbooks(workbooks)) + empty_folders) as progress:
        items = api.build_many(workbooks, on_done=progress.done, **options)
    built = [item for item in items if item.ok]
    for item in built:
        for problem in item.warnings:
            click.echo(f"warning: {item.workbook.name}: {problem}", err=True)
    failed = [item for item in items if not item.ok]
    for item in failed:
        click.echo(f"failed: {item.workbook}: {item.error}", err=True)
        for problem in item.problems:
            if str(problem) != item.error:
                click.echo(f"  {problem.severity}: {problem}", err=True)
        if _verbose() and item.details:
            click.echo(item.details, err=True)
    click.echo(f"Built {len(built)} of {len(items)} workbooks into {options['outdir']}"
               + (f"; {len(failed)} failed" if failed else ""))
    if any(item.exit_code == 2 for item in failed):
        return 2
    return 1 if failed else 0


class _BatchProgress:
    """A rich progress bar on a terminal; otherwise one plain line per finished workbook."""

    def __init__(self, total: int):
        self.total, self.count, self.bar = total, 0, None
        try:
            from rich.console import Console
            from rich.progress import Progress
        except ImportError:  # rich missing: plain lines still say everything
            return
        console = Console(stderr=True)
        if console.is_terminal:
            self.bar = Progress(console=console, transient=True)
            self.task = self.bar.add_task("Building", total=total)

    def __enter__(self) -> _BatchProgress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def done(self, item) -> None:
        """Count one finished workbook."""
        self.count += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=item.workbook.name)
            return
        outcome = ", ".join(str(p) for p in item.result.paths) if item.ok else "failed"
        click.echo(f"[{self.count}/{self.total}] {item.workbook.name}: {outcome}")


@cli.command()
@click.argument("file", metavar="[WORKBOOK | REPORT.docx | REPORT.pdf]", required=False,
                type=_existing(dir_okay=False))
@click.option("-t", "--template", type=_existing(dir_okay=False),
              help="The Word template the workbook is for (checked too); alone, lint it.")
@verbose_option
@handle_errors
def check(file: Path | None, template: Path | None) -> None:
    """Check a workbook, a template (-t alone) or a built report's accessibility (.docx
    or .pdf).

    Lists every problem without building; exits 2 when a workbook or template has errors, or
    when a report has accessibility problems.
    """
    if file is None and template is None:
        raise click.UsageError("name a workbook, a report (.docx) or a template (-t TEMPLATE) "
                               "to check")
    if file is not None and _is_pdf(file):
        if template is not None:
            raise click.UsageError(f"'{file}' is a PDF: check a built report alone, "
                                   "or a template alone with -t TEMPLATE")
        _check_report(file, pdf=True)
    elif file is not None and _is_word_document(file):
        if template is not None:
            raise click.UsageError(f"'{file}' is a Word document: check a built report alone, "
                                   "or a template alone with -t TEMPLATE")
        _check_report(file)
    else:
        _check_inputs(file, template)


def _check_report(report: Path, pdf: bool = False) -> None:
    """Print a built report's (.docx or `pdf`) accessibility problems; exit 2 if it has any."""
    from . import api

    problems = api.check_pdf(report) if pdf else api.check_docx(report)
    _echo_problems(problems)
    if problems:
        click.echo(f"docgen: {len(problems)} accessibility problem(s)", err=True)
        sys.exit(2)
    click.echo(f"{report}: no accessibility problems found")


def _check_inputs(workbook: Path | None, template: Path | None) -> None:
    """Print every problem of a workbook and/or a template; exit 2 if any is an error."""
    from . import api

    problems = api.check_template(template) if template is not None else []
    if workbook is not None:
        problems = [*api.check(workbook, template=template), *problems]
    _echo_problems(problems)
    errors = len(errors_in(problems))
    if errors:
        click.echo(f"docgen: {errors} error(s), {len(problems) - errors} warning(s)", err=True)
        sys.exit(2)
    what = workbook if workbook is not None else template
    ready = "ready to build" if workbook is not None else "ready to use"
    click.echo(f"{what}: {ready} ({len(problems)} warning(s))")


def _zip_parts(path: Path) -> set[str]:
    """The names inside a zip file (a .docx or .xlsx); empty for any other file."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return set()


def _is_pdf(path: Path) -> bool:
    """True when the file's bytes are a PDF, whatever its name says."""
    from .pdf_accessibility import is_pdf

    return is_pdf(path)


def _is_word_document(path: Path) -> bool:
    """True when the file's bytes are a .docx (a zip holding word/document.xml), whatever
    its name says."""
    return WORD_PART in _zip_parts(path)


@cli.command(name="pdf")
@click.argument("docx", type=_existing(dir_okay=False), callback=_word_document)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              callback=_pdf_path, help="The PDF to write (default: beside the .docx).")
@click.option("--pdf-engine", "engine", type=click.Choice(["docgen", "libreoffice"]),
              default="docgen", show_default=True, help="How the PDF is made.")
@verbose_option
@handle_errors
def pdf_command(docx: Path, output: Path | None, engine: str) -> None:
    """Render DOCX (made from a docgen template) to PDF."""
    from . import api

    target = output or docx.with_suffix(".pdf")
    if target.resolve() == docx.resolve():
        raise click.UsageError(f"the PDF would replace '{docx}' itself: name it with -o "
                               "NAME.pdf")
    warnings: list[Problem] = []
    target = api.export_pdf(docx, target, engine=engine, warnings=warnings)
    _echo_problems(warnings)
    click.echo(f"Wrote {target}")


@cli.command()
@click.argument("output", metavar="[NEW.xlsx]", type=click.Path(dir_okay=False, path_type=Path),
                default=Path("report.xlsx"), callback=_new_workbook_path)
@click.option("-t", "--template", type=_existing(dir_okay=False),
              help="The Word template the workbook is for (checked first).")
@click.option("--from", "last", type=_existing(dir_okay=False),
              help="Last quarter's workbook: start from it, rolled forward a quarter.")
@click.option("--agenda", is_flag=True,
              help="Write a blank agenda workbook for 'docgen pack' (default: agenda.xlsx).")
@verbose_option
@handle_errors
def init(output: Path, template: Path | None, last: Path | None, agenda: bool) -> None:
    """Write a blank workbook ready to fill (default: report.xlsx), or with --from LAST.xlsx
    next quarter's workbook, or with --agenda a blank agenda workbook."""
    from . import api

    if agenda:
        click.echo(f"Wrote {api.new_agenda_workbook(_agenda_path(output, template, last))}")
        return
    if last is None:
        click.echo(f"Wrote {api.new_workbook(output, template=template)}")
        return
    if template is not None:
        api.check_template_usable(template)
    target, warnings = api.roll_forward(last, output)
    _echo_problems(warnings)
    click.echo(f"Wrote {target}")


def _agenda_path(output: Path, template: Path | None, last: Path | None) -> Path:
    """`init --agenda`'s workbook: agenda.xlsx unless named; -t and --from do not apply."""
    if template is not None or last is not None:
        raise click.UsageError("--agenda makes a blank agenda workbook: it takes no "
                               "-t/--template or --from")
    ctx = click.get_current_context()
    if ctx.get_parameter_source("output") is click.core.ParameterSource.DEFAULT:
        return _new_workbook_path(ctx, None, Path("agenda.xlsx"))
    return output


@cli.command()
@click.argument("agenda", metavar="AGENDA.xlsx", type=_existing(dir_okay=False))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out"), show_default=True, callback=_output_folder,
              help="Folder for the pack and its reports.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="How many papers to make at once [default: the number of cores].")
@verbose_option
@handle_errors
def pack(agenda: Path, outdir: Path, jobs: int | None) -> None:
    """Make the meeting's agenda pack from AGENDA.xlsx and the papers it names: OUTDIR/<agenda>.pdf
    (front sheet, agenda, papers, page numbers, bookmarks), -part-b.pdf for exempt items,
    each report's .docx and -manifest.json. See docs/pack.md."""
    from . import api

    result = api.pack(agenda, outdir=outdir, jobs=jobs)
    _echo_problems(result.warnings)
    for path in result.paths:
        click.echo(f"Wrote {path}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--max-upload-mb", default=20.0, show_default=True,
              type=click.FloatRange(min=0, min_open=True), help="Largest upload accepted.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16),
              help="Build worker processes (each bounded in memory and time).")
@verbose_option
@handle_errors
def serve(host: str, port: int, max_upload_mb: float, workers: int) -> None:
    """Start the Generate page (a local web page for authors)."""
    try:
        from .web import serve as run_server
    except ImportError as exc:
        raise DocgenError(f"the web page needs extra packages: pip install 'docgen[web]' "
                          f"({exc.name} is missing)") from None
    click.echo(f"docgen is serving the Generate page at http://{host}:{port}/ (Ctrl+C stops)")
    run_server(host=host, port=port, max_upload_mb=max_upload_mb, workers=workers)
