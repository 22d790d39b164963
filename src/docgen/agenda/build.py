"""Make the agenda pack, top to bottom:

    read the agenda → check the papers → make each paper a PDF (in parallel)
    → assemble the public pack and Part B → the manifest → publish

Everything is made in a staging folder first; only when every paper was made and both packs
assembled are the outputs published (each atomically, the manifest last), so a paper that
fails never leaves a partial pack. Every problem found is listed at once, located by the
agenda's sheet and cell.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from ..exceptions import Problem, WorkbookError, errors_in, sort_problems
from ..files import atomic_output
from .model import Agenda, PackResult

logger = logging.getLogger(__name__)

PUBLIC_ROLE, PART_B_ROLE, REPORT_ROLE = "public pack", "part b pack", "report"
UNTAGGED = ("the PDF is not tagged, so its pages in the pack are not tagged for screen readers "
            "either; ask for a tagged PDF (or send the Word document or report workbook)")


def build_pack(agenda_path, outdir, jobs: int | None = None) -> PackResult:
    """Make OUTDIR/<agenda>.pdf, -part-b.pdf (with exempt items) and -manifest.json.

    Raises `WorkbookError` listing every problem (agenda cells, missing or unusable papers,
    each workbook's own problems prefixed with its item) before anything is written.
    """
    from ..batch import default_jobs

    # The processes making the papers start first, before this one reads anything: they
    # import what they need while the agenda is read and checked (see `items.Workers`).
    with _workers(jobs or default_jobs()) as workers:
        from .papers import check_papers
        from .reading import load_agenda

        agenda, problems = load_agenda(agenda_path)
        outdir = Path(outdir)
        problems += check_papers(agenda, outdir)
        _raise_if_errors(problems, [])
        warnings = list(problems)
        with tempfile.TemporaryDirectory(prefix="docgen-pack-") as tmp:
            staging = Path(tmp)
            made, first = _make(agenda, staging, workers, warnings)
            stage = staging / "out"
            staged = _stage_outputs(agenda, made, stage, first)
            return _publish(agenda, staged, stage, outdir, [*warnings, *staged["untagged"]])


def _workers(jobs: int):
    """The processes that will make the agenda's workbook and Word papers, started before
    the agenda is read (see `items.Workers`; an agenda of PDFs only stops them unused); with
    one job, none: the papers are made in this process."""
    from contextlib import nullcontext

    from .items import Workers

    return Workers(jobs) if jobs > 1 else nullcontext()


def _raise_if_errors(problems: list[Problem], warnings: list[Problem]) -> None:
    errors = errors_in(problems)
    if errors:
        raise WorkbookError(f"the agenda pack cannot be made: {len(errors)} problem(s)",
                            sort_problems([*problems, *warnings]))


def _make(agenda: Agenda, staging: Path, workers,
          warnings: list[Problem]) -> tuple[dict, dict]:
    from .items import make_papers

    to_make = sum(paper.kind != "pdf" for item in agenda.items for paper in item.papers)
    if workers is not None and to_make < 2:
        workers.close()  # one paper or none to make: in this process
        workers = None
    first: dict[str, object] = {}
    made = make_papers(list(agenda.items), staging / "papers", 1,
                       meanwhile=lambda: first.update(_first_passes(agenda)), workers=workers)
    problems = [p for result in made.values() for p in result.problems]
    if any(result.failed for result in made.values()):
        _raise_if_errors(problems or [Problem("error", "a paper failed")], warnings)
    warnings += problems
    return made, first


def _first_passes(agenda: Agenda) -> dict[str, object]:
    """While the papers are made, what assembling needs that does not depend on them: the
    libraries it imports and each pack's agenda drawn a first time (see `assemble`)."""
    import pikepdf  # noqa: F401

    from . import structure  # noqa: F401
    from .assemble import first_pass
    from .front import PART_B, PUBLIC

    items = list(agenda.items)
    passes = {PUBLIC: first_pass(agenda.meeting, items,
                                 [bool(item.papers) and not item.exempt for item in items],
                                 PUBLIC)}
    part_b = [item for item in items if item.exempt]
    if part_b:
        passes[PART_B] = first_pass(agenda.meeting, part_b,
                                    [bool(item.papers) for item in part_b], PART_B)
    return passes


def _stage_outputs(agenda: Agenda, made: dict, stage: Path, first: dict | None = None) -> dict:
    """Assemble both packs and copy the built reports into `stage`, laid out as OUTDIR."""
    from .assemble import PackItem, assemble
    from .front import PART_B, PUBLIC
    from .papers import docx_folder, paper_problem

    first = first or {}
    stem = agenda.path.stem
    public, part_b, reports = [], [], []
    for i, item in enumerate(agenda.items):
        pdfs = [made[(i, p)].pdf for p in range(len(item.papers))]
        drawn = frozenset(made[(i, p)].pdf for p, paper in enumerate(item.papers)
                          if paper.kind != "pdf")
        public.append(PackItem(item, [] if item.exempt else pdfs, made=drawn))
        if item.exempt:
            part_b.append(PackItem(item, pdfs, made=drawn))
        for p in range(len(item.papers)):
            docx = made[(i, p)].docx
            if docx is not None:
                target = docx_folder(item, agenda, stage) / docx.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(docx, target)
                reports.append((target, item))
    stage.mkdir(parents=True, exist_ok=True)
    staged = {"public": (stage / f"{stem}.pdf", public), "reports": reports}
    staged["public_pages"] = assemble(agenda.meeting, public, staged["public"][0], part=PUBLIC,
                                      first=first.get(PUBLIC))
    if part_b:
        target = stage / f"{stem}-part-b.pdf"
        title = f"{agenda.meeting.title}: Part B, not for publication"
        staged["part_b_pages"] = assemble(agenda.meeting, part_b, target, part=PART_B,
                                          title=title, first=first.get(PART_B))
        staged["part_b"] = (target, part_b)
    staged["untagged"] = [paper_problem(entry.item, paper, UNTAGGED, "warning")
                          for entry in [*public, *part_b] if entry.pdfs
                          for paper, pdf in zip(entry.item.papers, entry.pdfs, strict=True)
                          if pdf in entry.untagged]
    return staged


def _publish(agenda: Agenda, staged: dict, stage: Path, outdir: Path,
             warnings: list[Problem]) -> PackResult:
    from .manifest import describe_output, manifest, write_manifest

    outputs = [describe_output(staged["public"][0], stage, PUBLIC_ROLE,
                               staged["public_pages"])]
    if "part_b" in staged:
        outputs.append(describe_output(staged["part_b"][0], stage, PART_B_ROLE,
                                       staged["part_b_pages"]))
    outputs += [describe_output(path, stage, REPORT_ROLE) for path, _ in staged["reports"]]
    items = _describe_items(agenda, staged, stage)
    manifest_path = stage / f"{agenda.path.stem}-manifest.json"
    write_manifest(manifest(agenda, items, outputs), manifest_path)
    published = {}
    for entry in [*outputs, {"file": manifest_path.name}]:
        source = stage / entry["file"]
        target = outdir / entry["file"]
        with atomic_output(target) as tmp:
            shutil.copyfile(source, tmp)
        published[entry["file"]] = target
    return PackResult(pdf=published[outputs[0]["file"]],
                      part_b=published[outputs[1]["file"]] if "part_b" in staged else None,
                      manifest=published[manifest_path.name],
                      docx=[published[e["file"]] for e in outputs if e["role"] == REPORT_ROLE],
                      warnings=sort_problems(warnings), title=agenda.meeting.title,
                      pages=staged["public_pages"])


def _describe_items(agenda: Agenda, staged: dict, stage: Path) -> list[dict]:
    from .manifest import sha256

    placed = {id(entry.item): (role, entry) for role, key in
              ((PUBLIC_ROLE, "public"), (PART_B_ROLE, "part_b")) if key in staged
              for entry in staged[key][1] if entry.pdfs}
    reports = {}
    for path, item in staged["reports"]:
        reports.setdefault(id(item), []).append(path.relative_to(stage).as_posix())
    described = []
    for item in agenda.items:
        role, entry = placed.get(id(item), (None, None))
        pack_file = staged["public" if role == PUBLIC_ROLE else "part_b"][0].name if role else None
        described.append({
            "number": item.number, "title": item.title, "presenter": item.presenter,
            "note": item.note, "exempt_paragraph": item.exempt_paragraph,
            "exempt_wording": item.exempt_wording or None,
            "pack": pack_file,
            "pages": [entry.first_page, entry.last_page] if entry else None,
            "papers": [{"file": paper.name, "kind": paper.kind, "sha256": sha256(paper.path)}
                       for paper in item.papers],
            "reports": reports.get(id(item), []),
        })
    return described
