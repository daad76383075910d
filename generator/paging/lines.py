"""A box's lines: where each breaks, starts and how its characters are spaced (points, from the
left edge of the text block)."""

from __future__ import annotations

from typing import NamedTuple

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box
from generator.paging.breaking import HANGING, _atoms, break_lines
from generator.paging.metrics import advances, gaps


class Set(NamedTuple):
    """One line of a box as set: character range, start x, advances (points), hanging last character."""

    start: int
    end: int
    x: float
    advances: list[float]
    hanging: bool


def set_lines(box: Box, layout: Layout, width_twips: int) -> list[Set]:
    """Break and position the lines of a paragraph box (the same box shape is set once)."""
    key = (
        box.text,
        box.size,
        box.left,
        box.right,
        box.first,
        box.align,
        tuple(box.forced),
        box.tab,
        box.tab_at,
        width_twips,
        layout.condense,
        box.hang,
    )
    found = _SET.get(key)
    if found is None:
        if len(_SET) > 20000:
            _SET.clear()
        found = _SET[key] = _set_lines(box, layout, width_twips)
    return found


_SET: dict = {}


def _set_lines(box: Box, layout: Layout, width_twips: int) -> list[Set]:
    text = box.text
    adv = advances(text, box.size, layout.condense / 20)
    trail = gaps(text, box.size)
    left, right, first = box.left / 20, box.right / 20, box.first / 20
    avail = width_twips / 20 - left - right
    if box.tab is not None and "\t" in text:
        return [_tabbed(box, adv, left, layout)]
    ranges = []
    forced = box.forced
    starts = [0] + forced
    ends = forced + [len(text)]
    for seg_start, seg_end in zip(starts, ends):
        segment = text[seg_start:seg_end]
        first_room = avail - (first if seg_start == 0 else 0)
        for a, b in break_lines(segment, adv[seg_start:seg_end], first_room, avail, trail[seg_start:seg_end], box.hang):
            ranges.append((seg_start + a, seg_start + b, seg_end))
    out = []
    breaks = set(_atoms(text))
    for _index, (a, b, seg_end) in enumerate(ranges):
        offset = left + (first if a == 0 else 0)
        room = avail - (first if a == 0 else 0)
        line_adv = adv[a:b]
        if b > a and trail[b - 1]:  # no autospace gap after a line's last character
            line_adv = line_adv[:-1] + [line_adv[-1] - trail[b - 1]]
        natural = sum(line_adv)
        hanging = box.hang and b > a and text[b - 1] in HANGING and natural > room + 0.01
        used = natural - (line_adv[-1] if hanging else 0.0)
        x = offset
        if box.align == "center":
            x = offset + (room - used) / 2
        elif box.align == "right":
            x = offset + room - used
        elif box.align == "both" and b < seg_end and not hanging:
            line_adv = _justify(line_adv, [p - a for p in range(a + 1, b) if p in breaks], room - used)
        out.append(Set(a, b, x, line_adv, hanging))
    return out


def _justify(line_adv: list[float], gaps: list[int], extra: float) -> list[float]:
    """Spread the free space over the break opportunities (LibreOffice does not widen inside a number)."""
    if extra <= 0 or not gaps:
        return line_adv
    share = extra / len(gaps)
    out = list(line_adv)
    for gap in gaps:
        out[gap - 1] += share
    return out


def _tabbed(box: Box, adv: list[float], left: float, layout: Layout) -> Set:
    """文号 on the left, 「签发人：姓名」 ending at the right tab stop."""
    assert box.tab is not None  # set_lines calls this only for a box with a tab stop
    at = box.tab_at
    head = sum(adv[:at])
    tail = sum(adv[at + 1 :])
    out = list(adv)
    out[at] = max(0.0, box.tab / 20 - left - head - tail)
    return Set(0, len(box.text), left, out, False)


def line_count(box: Box, layout: Layout, width_twips: int | None = None) -> int:
    """Lines a paragraph box takes."""
    return len(set_lines(box, layout, width_twips or layout.text_width))
