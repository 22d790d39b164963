"""`docgen.version`: one version, read by the package and the build metadata alike."""

from __future__ import annotations

import re

import tomllib
from tests.support import ROOT

import docgen
from docgen.version import __version__


def test_the_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+([ab]\d+|rc\d+)?", __version__)


def test_the_package_exports_the_same_version():
    assert docgen.__version__ is __version__


def test_pyproject_reads_the_version_from_this_module_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "docgen.version.__version__"}


def test_no_other_module_spells_the_version_out():
    spelled = [path.relative_to(ROOT).as_posix()
               for path in (ROOT / "src" / "docgen").rglob("*.py")
               if f'"{__version__}"' in path.read_text(encoding="utf-8")]
    assert spelled == ["src/docgen/version.py"]
