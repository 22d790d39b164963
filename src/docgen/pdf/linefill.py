"""Fill lines greedily from break atoms: tabs, list labels, alignment, line heights."""

from __future__ import annotations

from dataclasses import replace

from .fonts import ResolvedFont
from .linebreak import TOLERANCE, Atom, LineBreaker, floor_twips, make_frag
from .lines import Frag, Line
from .model import Paragraph, TabStop

_SPECIAL = frozenset(("tab", "br", "page", "object", "mark"))
_CONTROL = _SPECIAL - {"object"}  # atoms that act on the line rather than sit on it


def _words(atoms: list[Atom]) -> list[list[Atom]]:
    """Group atoms into unbreakable words (a special atom is a word of its own)."""
    words: list[list[Atom]] = []
    current: list[Atom] = []
    for atom in atoms:
        if atom.kind in _SPECIAL:
            if current:
                words.append(current)
                current = []
            words.append([atom])
            continue
        current.append(atom)
        if atom.breakable:
            words.append(current)
            current = []
    if current:
        words.append(current)
    return words


class LineFiller:
    """One paragraph's line filling state."""

    def __init__(self, breaker: LineBreaker, para: Paragraph, width: float,
                 mark_font: ResolvedFont, fields: dict[str, str]):
        self.breaker = breaker
        self.para = para
        self.props = para.props
        self.width = width
        self.mark_font = mark_font
        self.fields = fields
        self.lines: list[Line] = []
        self.frags: list[Frag] = []
        # Justified lines keep one fragment per token (the spaces between them may stretch);
        # other lines join fragments as they are placed.
        self.join = self.props.align != "both"
        self.marks: list[str] = []
        self.first = True
        self.open = True
        self._start_line()

    def _start_line(self) -> None:
        """Reset the position for a new line (first line indented by ind_first)."""
        props = self.props
        self.x0 = props.ind_left + (props.ind_first if self.first else 0.0)
        self.avail = self.width - self.x0 - props.ind_right
        self.x = 0.0
        self.frags = []
        self.tail: tuple[float, str, float] | None = None
        self.spaces = 0
        # (atom, fragments, length and width of the last fragment, x, tail) before each atom
        # placed on the line: where to back up to when a break after "/" moves to a space.
        self.placed: list[tuple] = []

    def run(self) -> list[Line]:
        """All lines of the paragraph."""
        atoms = self.breaker.atoms(self.para, self.fields)
        if self.para.label is not None:
            self._label()
        words = _words(atoms)
        index = 0
        while index < len(words):
            word = words[index]
            if word[0].kind in _CONTROL:
                self._control(word[0], words, index)
            else:
                redo = self._word(word)
                if redo:
                    words[index + 1:index + 1] = redo
            index += 1
        if self.frags or self.marks or self.open:
            self._finish(justify=False)
        return self.lines

    def _control(self, atom: Atom, words: list[list[Atom]], index: int) -> None:
        """A tab, line break, page break or bookmark (words[index] is [atom])."""
        if atom.kind == "br":
            self._finish(justify=False)
        elif atom.kind == "page":
            self._finish(justify=False, page_break=True)
            self.open = False
        elif atom.kind == "mark":
            self.marks.append(atom.text)
        else:
            self._tab(atom, words, index)

    def _label(self) -> None:
        """Place the list number or bullet and its suffix at the start of the first line."""
        label = self.para.label
        font, rise = self.breaker.font_for(label.style)
        if not font.face.covers(label.text):
            font = font.falling_back() or font
        width = self.breaker.width(font, label.text)
        x = -width if label.align == "right" else (-width / 2 if label.align == "center" else 0)
        self._add(Frag(x, label.text, font, label.style, width, rise=rise, kind="label"))
        end = max(x + width, 0.0)
        if label.suffix == "tab":
            self.x = self._next_stop(end) - self.x0
        elif label.suffix == "space":
            self.x = end + self.breaker.width(font, " ")
        else:
            self.x = end

    def _next_stop(self, rel_x: float) -> float:
        """Absolute position of the next tab stop after rel_x (relative to the line start)."""
        return self._next_tab(rel_x)[0]

    def _next_tab(self, rel_x: float) -> tuple[float, TabStop | None]:
        """(absolute position, custom stop or None) of the next tab stop after rel_x."""
        absolute = self.x0 + rel_x + 0.01
        props = self.props
        candidates = [t for t in props.tabs if t.pos > absolute]
        if props.ind_first < 0 and absolute < props.ind_left:
            hanging = TabStop(props.ind_left)
            if not candidates or hanging.pos < candidates[0].pos:
                return hanging.pos, hanging
        if candidates:
            return candidates[0].pos, candidates[0]
        last = max([t.pos for t in props.tabs] + [absolute])
        step = self.breaker.default_tab or 36.0
        return (int(last / step) + 1) * step, None

    def _tab(self, atom: Atom, words: list[list[Atom]], index: int) -> None:
        """Advance to the next tab stop, honouring right/centre alignment and leaders."""
        position, stop = self._next_tab(self.x)
        target = position - self.x0
        # A stop beyond the right margin is honoured and what follows it not wrapped, as in
        # LibreOffice 7.4 (TabOverMargin, on for .docx; measured in the body and in cells).
        over = stop is not None and stop.pos > self.width - self.props.ind_right + 0.05
        if stop is not None and stop.kind in ("right", "center", "decimal"):
            segment = _segment_width(words, index + 1, stop.kind)
            if stop.kind == "right" and not over:  # right-aligned at the margin fits (a TOC's)
                target = min(target, self.avail + TOLERANCE)
            target = max(self.x, target - (segment / 2 if stop.kind == "center" else segment))
        if over:
            self.avail = max(self.avail, target + _segment_width(words, index + 1, "left") + 0.05)
        if target > self.avail + TOLERANCE and self.frags:
            self._finish(justify=False)
            position, stop = self._next_tab(0.0)
            target = min(position - self.x0, self.avail)
        if stop is not None and stop.leader and atom.font is not None and target > self.x:
            self._leader(stop.leader, atom, target)
        self.x = target
        self.spaces = 0

    def _leader(self, char: str, atom: Atom, target: float) -> None:
        """Fill the gap before a tab stop with leader characters (dots for a TOC)."""
        # LibreOffice 7.4 fills the whole gap from the text's end: as many leader characters
        # as fit in whole twips, spread evenly to the stop by the drawer (measured on 8 lines).
        font = atom.font
        gap = target - self.x
        count = int(round(gap * 20) // max(round(font.width(char) * 20), 1))
        if count > 0:
            self._add(Frag(self.x, char * count, font, atom.style, gap, kind="leader"))

    def _word(self, word: list[Atom]) -> list[list[Atom]] | None:
        """Place a word on the current line, or start a new line, or split it; return the
        words to place next when the line was cut back to an earlier space."""
        if len(word) == 1:  # most words are one token: no generator (same sum, same rounding)
            content = word[0].width + word[0].space - word[0].space
        else:
            content = sum(a.width + a.space for a in word) - word[-1].space
        if self.x + content > self.avail + TOLERANCE and self.frags:
            moved: list[Atom] = []
            if self._slash_at_cut(word):
                moved = self._back_to_break()
            if self.placed and self.placed[-1][0].redirect:
                back = self._back_up(self.placed[-1][0].redirect)
                if back is None:  # the space is not on this line: cut where the line is full
                    for atom in moved:
                        self._place(atom)
                    self._split_word(word)
                    return None
                moved = back + moved
            self._finish(justify=True)
            if moved:
                return [*_words(moved), word]
        if self.x + content > self.avail + TOLERANCE and word[0].kind == "text":
            if any(atom.weak for atom in word[:-1]):  # break before a word joiner instead
                return _split_at_weak(word)
            self._split_word(word)
            return None
        for atom in word:
            self._place(atom)
        return None

    def _place(self, atom: Atom) -> None:
        """Append one atom at the current position."""
        width = atom.width + atom.space
        last = self.frags[-1] if self.frags else None
        self.placed.append((atom, len(self.frags), len(last.text) if last else 0,
                            last.width if last else 0.0, self.x, self.tail))
        if self.join and self.frags and _continues(self.frags[-1], atom, self.x):
            last = self.frags[-1]
            last.text += atom.text
            last.width += width
        else:
            self.frags.append(make_frag(atom, self.x, width=width))
        self.tail = (self.x, atom.text, width)
        self.x += width

    def _slash_at_cut(self, word: list[Atom]) -> bool:
        """True when the line would end after a "/" and the next word's first character is
        already past the line's end: LibreOffice then breaks at the break before (its break
        iterator does not report a break after a slash at the very point text overflows)."""
        if not self.placed or word[0].kind != "text" or not word[0].text:
            return False
        last = self.placed[-1][0]
        if not (last.breakable and last.text.endswith("/")):
            return False
        return self.x + self.breaker.width(word[0].font, word[0].text[0]) > \
            self.avail + TOLERANCE

    def _back_to_break(self) -> list[Atom]:
        """Take off the line the atoms after its last break but one (none when the line has
        no other break)."""
        for k in range(len(self.placed) - 1, 0, -1):
            if self.placed[k - 1][0].breakable:
                return self._restore(k)
        return []

    def _back_up(self, chars: int) -> list[Atom] | None:
        """Take the last `chars` characters' atoms off the line (LibreOffice breaks at the
        space before a "/" rather than after it); None when that space is not after the
        line's first atom."""
        count = 0
        for k in range(len(self.placed) - 1, 0, -1):
            count += len(self.placed[k][0].text)
            if count > chars:
                return None
            if count == chars:
                return self._restore(k)
        return None

    def _restore(self, k: int) -> list[Atom]:
        """Undo the placing of atoms k onwards on this line; return them."""
        _, frags, text_len, width, x, tail = self.placed[k]
        moved = [entry[0] for entry in self.placed[k:]]
        del self.frags[frags:]
        if frags and len(self.frags[-1].text) != text_len:
            self.frags[-1].text = self.frags[-1].text[:text_len]
            self.frags[-1].width = width
        self.x, self.tail = x, tail
        del self.placed[k:]
        return moved

    def _add(self, frag: Frag) -> None:
        """Append a fragment made outside `_place` (list label, leader, piece of a split word)."""
        if self.join and self.frags and _continues(self.frags[-1], frag, frag.x):
            last = self.frags[-1]
            last.text += frag.text
            last.width += frag.width
        else:
            self.frags.append(frag)
        self.tail = (frag.x, frag.text, frag.width)

    def _split_word(self, word: list[Atom]) -> None:
        """A word longer than the line: break it between characters."""
        for atom in word:
            font = atom.font
            piece = ""
            piece_x = self.x
            for ch in atom.text:
                cw = self.breaker.width(font, ch)
                if self.x + cw > self.avail + TOLERANCE and (self.frags or piece) and ch != " ":
                    if piece:
                        self._add(make_frag(atom, piece_x, piece, self.x - piece_x))
                    self._finish(justify=False)
                    piece, piece_x = "", self.x
                piece += ch
                self.x += cw
            if piece:  # the atom's last piece ends where the atom does: a break may follow
                last = self.frags[-1] if self.frags else None
                self.placed.append((replace(atom, text=piece, width=self.x - piece_x, space=0.0),
                                    len(self.frags), len(last.text) if last else 0,
                                    last.width if last else 0.0, piece_x, self.tail))
                self._add(make_frag(atom, piece_x, piece, self.x - piece_x))

    def _finish(self, justify: bool, page_break: bool = False) -> None:
        """Close the current line: metrics, alignment and justification."""
        line = Line(self.frags, self.x0, page_break_after=page_break, bookmarks=self.marks)
        self.marks = []
        natural = _natural_width(self.frags, self.tail, self.breaker)
        line.width = natural
        _metrics(line, self.frags, self.mark_font, self.props)
        align = self.props.align
        if align == "center":
            line.x0 += max((self.avail - natural) / 2, 0.0)
        elif align == "right":
            line.x0 += max(self.avail - natural, 0.0)
        elif align == "both" and justify:
            _justify(self.frags, self.avail - natural)
        if not self.join and not justify:
            # A justified paragraph's line that ends at a break is not stretched: join it now.
            self.frags = _merge(self.frags)
        line.frags = self.frags
        self.lines.append(line)
        self.first = False
        self.open = True
        self._start_line()


def _split_at_weak(word: list[Atom]) -> list[list[Atom]]:
    """A word too long for a whole line, as words that end where a word joiner stood."""
    out: list[list[Atom]] = [[]]
    for atom in word:
        out[-1].append(atom)
        if atom.weak:
            out.append([])
    return [piece for piece in out if piece]

def _segment_width(words: list[list[Atom]], start: int, kind: str) -> float:
    """Width of the text after a tab up to the next tab or break (for right/centre tabs)."""
    total = 0.0
    for word in words[start:]:
        if word[0].kind in ("tab", "br", "page"):
            break
        for atom in word:
            if kind == "decimal" and atom.kind == "text" and "." in atom.text:
                return total + atom.font.width(atom.text[:atom.text.index(".")])
            total += atom.width + atom.space
    trailing = words[-1][-1].space if words and words[-1] else 0.0
    return max(total - trailing, 0.0)


def _natural_width(frags: list[Frag], tail: tuple[float, str, float] | None,
                   breaker: LineBreaker) -> float:
    """Right edge of the line's content, trailing spaces excluded.

    `tail` is (x, text, width) of the last piece placed, which may end a joined fragment.
    """
    if not frags or tail is None:
        return 0.0
    last = frags[-1]
    x, text, width = tail
    stripped = text.rstrip(" ")
    if last.kind == "text" and len(stripped) < len(text):
        return x + breaker.width(last.font, stripped)
    return x + width


def _metrics(line: Line, frags: list[Frag], mark: ResolvedFont, props) -> None:
    """Line height and baseline from the fonts and objects on the line and the spacing rule."""
    top = bottom = 0.0
    obj_top = 0.0
    last = mark  # the font the line ends in
    for frag in frags:
        if frag.kind == "object":
            obj_top = max(obj_top, frag.obj.height)
        else:
            top = max(top, frag.font.top)
            bottom = max(bottom, frag.font.bottom)
            last = frag.font
    objects_only = top == 0.0 and obj_top > 0.0
    if top == 0.0:
        top, bottom = mark.top, mark.bottom
    single = top + bottom
    # LibreOffice adds proportional spacing as a share of the height of the font the line
    # ends in, not of the line's (SwTextFormatter::CalcRealHeight): a first line in 14 pt
    # that runs on in 11 pt gets 15% of 11 pt's height at 1.15.
    share = last.top + last.bottom
    rule, value = props.line_rule, props.line
    if rule == "exact":
        height, baseline, fit = value, value * 0.8, value
    elif rule == "atLeast":
        height = max(single, obj_top + bottom, value)
        baseline = max(top, obj_top) + (height - max(single, obj_top + bottom))
        fit = height
    else:
        height = single + floor_twips(share * (value - 1)) if value >= 1 \
            else floor_twips(single * value)
        baseline = top if value >= 1 else max(top - (single - height), 0.0)
        fit = single
        if obj_top > top:
            # LibreOffice: an object taller than the text sets the line's height, with the
            # text's descent below it only when the line has text; proportional spacing then
            # adds its share of the text's height (not of the object's).
            real = obj_top + (0.0 if objects_only else bottom)
            height = real + (floor_twips(share * (value - 1)) if value > 1 else 0.0)
            baseline = obj_top
            fit = max(fit, real)
    line.height, line.baseline, line.single = height, baseline, fit


def _justify(frags: list[Frag], extra: float) -> None:
    """Spread `extra` points over the spaces between fragments of a justified line."""
    if extra <= 0:
        return
    gaps = [i for i, f in enumerate(frags[:-1]) if f.kind == "text" and f.text.endswith(" ")]
    if not gaps:
        return
    per_gap = extra / len(gaps)
    shift = 0.0
    gap_set = set(gaps)
    for i, frag in enumerate(frags):
        frag.x += shift
        if i in gap_set:
            shift += per_gap


def _merge(frags: list[Frag]) -> list[Frag]:
    """Join adjacent text fragments in the same font, style and link into one draw call."""
    out: list[Frag] = []
    for frag in frags:
        if out and _continues(out[-1], frag, frag.x):
            out[-1].text += frag.text
            out[-1].width += frag.width
        else:
            out.append(frag)
    return out


def _continues(last: Frag, piece: Atom | Frag, x: float) -> bool:
    """True when text `piece` at x continues text fragment `last`: same font, style and link,
    and no gap."""
    return (piece.kind == "text" and last.kind == "text" and last.font is piece.font
            and last.style is piece.style and last.link == piece.link
            and last.anchor == piece.anchor and last.rise == piece.rise
            and abs(last.x + last.width - x) < 0.01)
