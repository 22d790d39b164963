"""Provenance: the report's custom properties name its workbook, the workbook's SHA-256 and
docgen's version (Word: File > Properties > Custom)."""

import hashlib
import zipfile

from lxml import etree
from tests.support import EXAMPLE

import docgen

CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


def custom_properties(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    return {p.get("name"): p[0].text for p in root.iter(f"{CUSTOM}property")}


def test_custom_properties_carry_the_source_and_version(built_example):
    assert custom_properties(built_example) == {
        "Source workbook": EXAMPLE.name,
        "Source workbook SHA-256": hashlib.sha256(EXAMPLE.read_bytes()).hexdigest(),
        "docgen version": docgen.__version__,
    }


def test_core_properties_are_in_the_core_namespace(built_example):
    with zipfile.ZipFile(built_example) as archive:
        root = etree.fromstring(archive.read("docProps/core.xml"))
    assert root.findtext(f"{CORE}keywords") == "performance; scrutiny; quarterly report"
    assert root.findtext(f"{CORE}category") == "Committee report"
    assert all(child.tag.startswith(("{http://purl.org", CORE)) for child in root)
