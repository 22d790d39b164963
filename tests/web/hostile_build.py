"""A test hook for real workers: imported by a worker at start (as a warm module), it wraps
`docgen.api.build` so that a template carrying a marker part misbehaves on purpose.

A workbook or template that sleeps is not possible for real, so this stands in for one: a
template zip with the part `docgen-test/sleep` makes the build hang, `docgen-test/hog` makes it
eat memory, `docgen-test/crash` kills the worker. Without a marker the build is the real one.
"""

from __future__ import annotations

import zipfile

import hostile_jobs

from docgen import api

MARKERS = {
    "docgen-test/sleep": hostile_jobs.sleep,
    "docgen-test/hog": hostile_jobs.hog,
    "docgen-test/crash": hostile_jobs.crash,
}

_real_build = api.build


def _marker(template) -> str | None:
    """The marker part in `template`, if any."""
    if template is None:
        return None
    try:
        with zipfile.ZipFile(template) as package:
            return next((name for name in package.namelist() if name in MARKERS), None)
    except (OSError, zipfile.BadZipFile):
        return None


def build(workbook, *, template=None, **options):
    """`api.build`, unless the template carries a marker."""
    marker = _marker(template)
    if marker is not None:
        MARKERS[marker]()
    return _real_build(workbook, template=template, **options)


api.build = build
