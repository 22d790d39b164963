"""Paragraph borders (`w:pBdr` top and bottom) given their room and rules, as LibreOffice does.

Measured against LibreOffice 7.4: a top border takes its distance (`w:space`) plus its width
above the paragraph's first line, its rule centred half its width below the paragraph's top;
a bottom border takes the same below the last line, its rule centred at the last baseline +
the descent + the distance + half its width (any extra of proportional line spacing lies below
the rule). Consecutive paragraphs with the same borders and indents are one group: the top rule
is drawn above the first only, the bottom rule below the last only, as Word and LibreOffice do.
"""

from __future__ import annotations

from .model import ParaProps


def apply_borders(boxes: list, width: float) -> list:
    """`boxes` (laid-out paragraphs and tables) with each bordered paragraph's rules and room
    added to its first and last lines; `width` is the text column's."""
    for index, box in enumerate(boxes):
        props = getattr(box, "props", None)  # tables have no paragraph properties
        if props is None or not box.lines or (props.border_top is None
                                                and props.border_bottom is None):
            continue
        left, right = props.ind_left, width - props.ind_right
        top = props.border_top
        if top is not None and not _grouped(boxes[index - 1] if index else None, props):
            first = box.lines[0]
            room = top.space + top.width
            first.rules.append((top.width / 2, left, right, top))
            first.baseline += room
            first.height += room
            first.single += room
        bottom = props.border_bottom
        following = boxes[index + 1] if index + 1 < len(boxes) else None
        if bottom is not None and not _grouped(following, props):
            last = box.lines[-1]
            descent = last.single - last.baseline
            last.rules.append((last.baseline + descent + bottom.space + bottom.width / 2, left,
                               right, bottom))
            last.height += bottom.space + bottom.width
            last.single += bottom.space + bottom.width
    return boxes


def _grouped(other, props: ParaProps) -> bool:
    """True when the laid-out block `other` is a paragraph bordered like `props`."""
    theirs = getattr(other, "props", None)
    return theirs is not None and (theirs.border_top, theirs.border_bottom, theirs.ind_left,
                                   theirs.ind_right) == (props.border_top, props.border_bottom,
                                                         props.ind_left, props.ind_right)
