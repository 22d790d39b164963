"""Find the font file LibreOffice would use for a Word font family, by asking fontconfig.

LibreOffice 7.4 on Linux asks fontconfig for a family it does not have, and fontconfig's own
rules (its metric aliases: Calibri → Carlito, Cambria → Caladea, Arial Narrow → Liberation Sans
Narrow; then its sans/serif/mono families) pick the face. Checked on this machine: for 27
families (Calibri, Cambria, Georgia, Verdana, Segoe UI, Consolas, Garamond, Arial Narrow,
Helvetica, Book Antiqua, ...) the face LibreOffice embedded was `fc-match`'s answer every time,
so LibreOffice's own replacement table (VCL.xcu) never changed fontconfig's choice here; it only
comes into play when fontconfig has no answer, where `fallback_match` stands in.

fontconfig is asked through its library (ctypes; the `fc-match` command where the library
cannot be loaded) once per (family, bold, italic), and the answer cached; a document naming more
than `MAX_FAMILIES` families gets the others from `fallback_match` without asking, so a
stranger's file cannot make docgen do unbounded font matching.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_FAMILIES = 48
"""The most distinct family names fontconfig is asked about in one process."""
TIMEOUT = 5.0
"""Seconds one `fc-match` run may take."""
MAX_NAME = 128
"""Longest family name passed to fontconfig (Word's own limit is 31 characters)."""

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/crosextra", "/usr/share/fonts/truetype/dejavu",
             "/usr/share/fonts/TTF", "/usr/share/fonts/liberation")
"""Where `fallback_match` looks for font files when fontconfig is not installed."""

METRIC_GROUPS = (
    ("Arial", "Helvetica", "Liberation Sans", "Arimo", "Albany", "Albany AMT", "Nimbus Sans",
     "Nimbus Sans L", "TeX Gyre Heros"),
    ("Arial Narrow", "Helvetica Narrow", "Liberation Sans Narrow", "Nimbus Sans Narrow"),
    ("Times New Roman", "Times", "Times Roman", "Liberation Serif", "Tinos", "Thorndale",
     "Thorndale AMT", "Nimbus Roman", "Nimbus Roman No9 L", "TeX Gyre Termes"),
    ("Courier New", "Courier", "Liberation Mono", "Cousine", "Cumberland", "Cumberland AMT",
     "Nimbus Mono", "Nimbus Mono PS", "Nimbus Mono L", "TeX Gyre Cursor"),
    ("Calibri", "Carlito"),
    ("Cambria", "Caladea"),
    ("Georgia", "Gelasio"),
    ("Segoe UI", "Selawik"),
)
"""Families drawn with the same advance widths (fontconfig's metric aliases): a substitute
from the same group breaks lines as the original does."""

_GROUP_OF = {name.lower(): index for index, group in enumerate(METRIC_GROUPS) for name in group}
_STEMS = {
    "Liberation Sans": "LiberationSans", "Liberation Serif": "LiberationSerif",
    "Liberation Mono": "LiberationMono", "Liberation Sans Narrow": "LiberationSansNarrow",
    "Carlito": "Carlito", "Caladea": "Caladea",
}
_STYLE_SUFFIX = ("Regular", "Bold", "Italic", "BoldItalic")
_DEJAVU = {"sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                    "DejaVuSans-BoldOblique"),
           "serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic",
                     "DejaVuSerif-BoldItalic"),
           "mono": ("DejaVuSansMono", "DejaVuSansMono-Bold", "DejaVuSansMono-Oblique",
                    "DejaVuSansMono-BoldOblique")}
_SERIF_HINTS = ("times", "georgia", "garamond", "cambria", "antiqua", "palatino", "century",
                "baskerville", "minion", "constantia", "bookman", "serif")
_MONO_HINTS = ("courier", "consolas", "mono", "lucida console", "menlo")


@dataclass(frozen=True)
class FontMatch:
    """The face found for a requested family: its family name, file and collection index."""

    family: str
    path: str
    index: int = 0

    def compatible_with(self, requested: str) -> bool:
        """True when this face has the requested family's advance widths: the same family,
        or one of its metric-compatible substitutes (`METRIC_GROUPS`)."""
        want, got = requested.strip().lower(), self.family.lower()
        if want == got:
            return True
        group = _GROUP_OF.get(want)
        return group is not None and group == _GROUP_OF.get(got)


_lock = threading.Lock()
_answers: dict[tuple[str, bool, bool], FontMatch | None] = {}
_families: set[str] = set()


def match(family: str, bold: bool, italic: bool) -> FontMatch | None:
    """The TrueType face LibreOffice would draw `family` with (None when none is found)."""
    name = family.strip()[:MAX_NAME] or "Liberation Serif"
    key = (name.lower(), bold, italic)
    with _lock:
        if key in _answers:
            return _answers[key]
        ask = key[0] in _families or len(_families) < MAX_FAMILIES
        if ask:
            _families.add(key[0])
    found = _fc_match(name, bold, italic) if ask else None
    if found is None:
        found = fallback_match(name, bold, italic)
    with _lock:
        _answers[key] = found
    return found


def _escape(name: str) -> str:
    """A family name as a fontconfig pattern element (its special characters escaped)."""
    return "".join("\\" + ch if ch in "\\-:,=" else ch for ch in name)


def _fc_match(name: str, bold: bool, italic: bool) -> FontMatch | None:
    """Ask fontconfig for the best face (its library, else the `fc-match` command); None when
    fontconfig is missing, fails or offers no TrueType file reportlab can embed."""
    pattern = (f"{_escape(name)}:weight={'bold' if bold else 'regular'}"
               f":slant={'italic' if italic else 'roman'}")
    library = _Library.get()
    answer = library.match(pattern) if library is not None else _run_fc_match(pattern)
    if answer is None:
        return None
    found, path, index, kind = answer
    if kind != "TrueType" or not path.lower().endswith(".ttf") or index != 0:
        log.info("fontconfig offered %s for %r, which is not a TrueType file", path, name)
        return None
    return FontMatch(found, path)


def _run_fc_match(pattern: str) -> tuple[str, str, int, str] | None:
    """(family, file, index, format) from the `fc-match` command, or None."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    try:
        done = subprocess.run(
            [command, "--format=%{family[0]}\t%{file}\t%{index}\t%{fontformat}", pattern],
            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("fc-match failed for %r: %s", pattern, exc)
        return None
    fields = done.stdout.split("\t")
    if done.returncode != 0 or len(fields) != 4 or not fields[2].isdigit():
        return None
    return fields[0], fields[1], int(fields[2]), fields[3].strip()


class _Library:
    """libfontconfig through ctypes: one configuration loaded per process (about 10 ms),
    then a match in well under a millisecond, where each `fc-match` run costs about 40 ms."""

    _instance: _Library | None = None
    _tried = False

    def __init__(self, lib, config: int):
        self.lib = lib
        self.config = config

    @classmethod
    def get(cls) -> _Library | None:
        """The loaded library, or None when it cannot be loaded (then `fc-match` is used)."""
        if not cls._tried:
            cls._tried = True
            try:
                cls._instance = cls._load()
            except (OSError, AttributeError) as exc:
                log.info("libfontconfig not usable (%s); using fc-match", exc)
        return cls._instance

    @classmethod
    def _load(cls) -> _Library | None:
        import ctypes
        import ctypes.util

        try:  # the usual soname first: find_library runs ldconfig, a process of its own
            lib = ctypes.CDLL("libfontconfig.so.1")
        except OSError:
            name = ctypes.util.find_library("fontconfig")
            if name is None:
                return None
            lib = ctypes.CDLL(name)
        ptr, text = ctypes.c_void_p, ctypes.c_char_p
        lib.FcInitLoadConfigAndFonts.restype = ptr
        lib.FcNameParse.restype, lib.FcNameParse.argtypes = ptr, [text]
        lib.FcConfigSubstitute.argtypes = [ptr, ptr, ctypes.c_int]
        lib.FcDefaultSubstitute.argtypes = [ptr]
        lib.FcFontMatch.restype = ptr
        lib.FcFontMatch.argtypes = [ptr, ptr, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.argtypes = [ptr, text, ctypes.c_int, ctypes.POINTER(text)]
        lib.FcPatternGetInteger.argtypes = [ptr, text, ctypes.c_int,
                                            ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternDestroy.argtypes = [ptr]
        config = lib.FcInitLoadConfigAndFonts()
        return cls(lib, config) if config else None

    def match(self, pattern: str) -> tuple[str, str, int, str] | None:
        """(family, file, index, format) of fontconfig's best match for `pattern`."""
        import ctypes

        lib = self.lib
        parsed = lib.FcNameParse(pattern.replace("\0", "").encode("utf-8"))
        if not parsed:
            return None
        try:
            lib.FcConfigSubstitute(self.config, parsed, 0)  # FcMatchPattern
            lib.FcDefaultSubstitute(parsed)
            result = ctypes.c_int()
            found = lib.FcFontMatch(self.config, parsed, ctypes.byref(result))
        finally:
            lib.FcPatternDestroy(parsed)
        if not found:
            return None
        try:
            values = []
            for key in (b"family", b"file", b"fontformat"):
                value = ctypes.c_char_p()
                lib.FcPatternGetString(found, key, 0, ctypes.byref(value))
                values.append((value.value or b"").decode("utf-8", "replace"))
            index = ctypes.c_int()
            lib.FcPatternGetInteger(found, b"index", 0, ctypes.byref(index))
        finally:
            lib.FcPatternDestroy(found)
        return values[0], values[1], index.value, values[2]


def category(family: str) -> str:
    """'sans', 'serif' or 'mono' for a Word font family name (unknown → sans)."""
    name = family.lower()
    if "sans" not in name and any(h in name for h in _SERIF_HINTS):
        return "serif"
    if any(h in name for h in _MONO_HINTS):
        return "mono"
    return "sans"


def find_font_file(stem: str) -> str | None:
    """Path of an installed TrueType file named `stem`.ttf in `FONT_DIRS`, or None."""
    for folder in FONT_DIRS:
        path = os.path.join(folder, stem + ".ttf")
        if os.path.exists(path):
            return path
    return None


def fallback_match(family: str, bold: bool, italic: bool) -> FontMatch | None:
    """A face without fontconfig: the family's metric-compatible font if installed, else
    Liberation (for the family's kind), else DejaVu."""
    variant = (1 if bold else 0) + (2 if italic else 0)
    group = _GROUP_OF.get(family.strip().lower())
    candidates = [name for name in METRIC_GROUPS[group] if name in _STEMS] if group is not None \
        else []
    kind = category(family)
    candidates.append({"sans": "Liberation Sans", "serif": "Liberation Serif",
                       "mono": "Liberation Mono"}[kind])
    for name in candidates:
        path = find_font_file(f"{_STEMS[name]}-{_STYLE_SUFFIX[variant]}")
        if path is not None:
            return FontMatch(name, path)
    path = find_font_file(_DEJAVU[kind][variant])
    family_name = {"sans": "DejaVu Sans", "serif": "DejaVu Serif", "mono": "DejaVu Sans Mono"}
    return FontMatch(family_name[kind], path) if path is not None else None


def reset() -> None:
    """Forget every answer (for tests that change what is installed)."""
    with _lock:
        _answers.clear()
        _families.clear()
