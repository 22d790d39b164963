"""The one namespace map for Office Open XML, and ``qn`` to spell qualified names.

Every module under ``src/docgen`` that needs a namespace URI imports it from here, so the
WordprocessingML URI is spelled in exactly one place (tests/project/test_architecture.py checks it).
"""

from __future__ import annotations

from functools import cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
DGM_NS = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Relationship types (the ``Type`` attribute of a ``Relationship``), not namespaces.
RT_BASE = R_NS
RT_CHART = f"{RT_BASE}/chart"
RT_PACKAGE = f"{RT_BASE}/package"

#: Prefix -> namespace URI, for ``qn`` and for lxml ``namespaces=`` arguments.
NSMAP: dict[str, str] = {
    "w": W_NS,
    "r": R_NS,
    "wp": WP_NS,
    "a": A_NS,
    "c": C_NS,
    "pic": PIC_NS,
    "dgm": DGM_NS,
    "m": M_NS,
    "mc": MC_NS,
    "w14": W14_NS,
    "wps": WPS_NS,
    "v": V_NS,
    "o": O_NS,
    "rel": REL_NS,
    "ct": CT_NS,
    "cp": CP_NS,
    "dc": DC_NS,
    "dcterms": DCTERMS_NS,
    "xml": XML_NS,
}

#: The Clark-notation prefix of WordprocessingML names: ``W + "p"`` is ``{…/main}p``.
W = f"{{{W_NS}}}"
_R = f"{{{R_NS}}}"


def w(local: str) -> str:
    """Clark name of a ``w:`` element or attribute: ``w("p")`` is ``qn("w:p")``."""
    return W + local


def r(local: str) -> str:
    """Clark name of an ``r:`` (relationships) attribute such as ``r("id")``."""
    return _R + local


@cache
def qn(name: str) -> str:
    """Return the Clark name of ``"prefix:local"`` (``qn("w:p")`` -> ``"{…/main}p"``)."""
    prefix, _, local = name.partition(":")
    if not local:
        raise ValueError(f"qualified name needs a prefix: {name!r}")
    return f"{{{NSMAP[prefix]}}}{local}"
