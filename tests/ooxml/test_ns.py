"""The namespace map and qn()."""

from __future__ import annotations

import pytest
from docx.oxml.ns import nsmap as python_docx_nsmap

from docgen.ooxml.ns import NSMAP, W_NS, W, qn, r, w


def test_qn_spells_clark_names_like_python_docx():
    # python-docx's map is module state that other code rebinds ("cp"): stable prefixes only.
    for prefix in ("w", "r", "wp", "a", "c", "pic", "w14", "dc", "dcterms"):
        assert NSMAP[prefix] == python_docx_nsmap[prefix], prefix
        assert qn(f"{prefix}:x") == f"{{{python_docx_nsmap[prefix]}}}x"
    assert qn("cp:x").endswith("/package/2006/metadata/core-properties}x")
    assert qn("mc:AlternateContent").endswith("markup-compatibility/2006}AlternateContent")


def test_w_and_r_are_qn_of_their_prefix():
    assert W == f"{{{W_NS}}}"
    assert w("p") == qn("w:p") == W + "p"
    assert r("id") == qn("r:id")


def test_a_name_without_prefix_is_refused():
    with pytest.raises(ValueError, match="prefix"):
        qn("p")
