"""One page's Content.xml: a TextObject per font of a line (a TextCode per run of it), a
PathObject per rule.

Coordinates are millimetres from the page's top-left corner (OFD's origin, y downward), as the
paging model gives them. A TextObject's Boundary is its line's box; each TextCode starts at X=the
run's offset in that box and Y=the line's ascent, with DeltaX holding the advances between
characters (repeated values written as 「g N d」, the standard's abbreviation), so every character
sits on the grid. A line's runs of one font share an object: fewer objects, the same characters in
the same places (readers join a line's runs by their X)."""

from __future__ import annotations

import functools
from itertools import groupby
from collections.abc import Callable, Iterable

from generator.write.ofd.xml import MEMO, fmt, text_escape

PT_MM = 25.4 / 72
ASCENT = 0.88  # of the em, from the box top to the baseline; the box is 1.2 em high
BOX = 1.2


class Ids:
    """The document's running object identifier (OFD IDs are unique in the whole document)."""

    def __init__(self, start: int = 0) -> None:
        self.last = start

    def next(self) -> int:
        self.last += 1
        return self.last


def page_xml(page, ids: Ids, runs: Callable) -> str:
    """The Content.xml of one page (Area only when the page differs from the document's PageArea);
    `runs(line)` gives (start, end, font resource ID) for each run of one font."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">']
    if page.landscape:
        # to a tenth of a millimetre: the layout's twips give A4 as 210.001 × 297.001
        width, height = fmt(round(page.width_mm, 1)), fmt(round(page.height_mm, 1))
        out.append(f"<ofd:Area><ofd:PhysicalBox>0 0 {width} {height}</ofd:PhysicalBox></ofd:Area>")
    out.append(f'<ofd:Content><ofd:Layer ID="{ids.next()}">')
    lines = list(page.lines)
    footer = getattr(page, "footer", None)
    if footer is not None and not page.landscape:
        lines.append(footer)
    append = out.append
    memo = MEMO.get  # fmt's memo read directly: the call costs more than the lookup
    for line in lines:
        size = line.font_size_pt
        advances = line.advances_mm
        text = line.text
        ascent, code_y = _ascent(size)
        top = line.baseline_mm - ascent
        extent = sum(advances) or 1.0
        # every object of a line shares the line's box; its TextCodes' X place the runs in it
        box = f"{memo(line.x_mm) or fmt(line.x_mm)} {memo(top) or fmt(top)} {memo(extent) or fmt(extent)} "
        pieces = runs(line)
        plain = not ("&" in text or "<" in text or ">" in text)  # most lines: nothing to escape
        if len(pieces) == 1:  # most lines: one font throughout
            ids.last += 1
            append(
                f'<ofd:TextObject ID="{ids.last}" Boundary="{box}{_middle(size, pieces[0][2], line.color)}'
                f'<ofd:TextCode X="0"{code_y}{_code(advances, text if plain else text_escape(text))}</ofd:TextObject>'
            )
            continue
        groups: dict[int, list[str]] = {}
        x = 0.0
        for start, end, font in pieces:
            run = advances[start:end]
            part = text[start:end] if plain else text_escape(text[start:end])
            code = f'<ofd:TextCode X="{memo(x) or fmt(x)}"{code_y}{_code(run, part)}'
            found = groups.get(font)
            if found is None:
                groups[font] = [code]
            else:
                found.append(code)
            x += sum(run)
        for font, codes in groups.items():  # one TextObject per font of the line
            ids.last += 1
            append(
                f'<ofd:TextObject ID="{ids.last}" Boundary="{box}{_middle(size, font, line.color)}'
                f"{''.join(codes)}</ofd:TextObject>"
            )
    if footer is not None and page.landscape:
        out += turned_footer(page, footer, runs, ids)
    for rule in page.rules:
        out.append(path_object(rule, ids.next()))
    out.append("</ofd:Layer></ofd:Content></ofd:Page>")
    return "".join(out)


def _code(run: list[float], text: str) -> str:
    """A TextCode's DeltaX (two characters or more), its text (escaped) and end tag."""
    count = len(run) - 1
    if count < 1:
        return f">{text}</ofd:TextCode>"
    first = run[0]
    same = run.count(first)
    if same > count or (same == count and run[-1] != first):  # one advance throughout
        return f' DeltaX="{_uniform(first, count)}">{text}</ofd:TextCode>'
    return f' DeltaX="{delta_x(run[:-1])}">{text}</ofd:TextCode>'


@functools.lru_cache(maxsize=4096)
def _uniform(advance: float, count: int) -> str:
    """DeltaX of `count` equal advances (most runs: the grid's pitch, or a justified line's)."""
    return _run(fmt(advance), count)


@functools.lru_cache(maxsize=256)
def _middle(size_pt: float, font: int, color: str) -> str:
    """A TextObject's markup after its box's origin and width, the same for every object of a
    size, font and colour."""
    return f'{fmt(BOX * size_pt * PT_MM)}" Size="{fmt(size_pt * PT_MM)}" Font="{font}">{_fill(color)}'


@functools.lru_cache(maxsize=64)
def _ascent(size_pt: float) -> tuple[float, str]:
    """The ascent of a size in mm (the box's top above the baseline) and the TextCode's Y it gives."""
    ascent = ASCENT * size_pt * PT_MM
    return ascent, f' Y="{fmt(ascent)}"'


@functools.lru_cache(maxsize=64)
def _fill(color) -> str:
    value = _color(color)
    return f'<ofd:FillColor Value="{value}"/>' if value else ""


def turned_footer(page, footer, runs: Callable, ids: Ids) -> list[str]:
    """A landscape page's 「— N —」 as the .docx prints it (write/package._landscape_footer): at the foot
    of the portrait page the landscape one is turned from, i.e. along its left edge, read top to bottom,
    odd pages toward the bottom, even toward the top. The footer line's distances from its page's
    side and foot are kept; a CTM turns each run 90° clockwise."""
    size = footer.font_size_pt * PT_MM
    advances = footer.advances_mm
    length = sum(advances)
    from_right = page.width_mm - footer.x_mm - length
    y = footer.x_mm if footer.x_mm < from_right else page.height_mm - from_right - length
    foot = page.height_mm - footer.baseline_mm  # the baseline's distance from the portrait foot
    descent = (BOX - ASCENT) * size
    out = []
    for start, end, font in runs(footer):
        run = advances[start:end]
        box = f"{fmt(foot - descent)} {fmt(y)} {fmt(BOX * size)} {fmt(sum(run) or size)}"
        deltas = f' DeltaX="{delta_x(run[:-1])}"' if end - start > 1 else ""
        out.append(
            f'<ofd:TextObject ID="{ids.next()}" Boundary="{box}" Font="{font}" Size="{fmt(size)}" '
            f'CTM="0 1 -1 0 {fmt(descent)} 0"><ofd:TextCode X="0" Y="0"{deltas}>'
            f"{text_escape(footer.text[start:end])}</ofd:TextCode></ofd:TextObject>"
        )
        y += sum(run)
    return out


def path_object(rule, object_id: int) -> str:
    """A stroked straight line; its Boundary is the line's box grown by half the stroke."""
    half = rule.width_mm / 2
    left, top = min(rule.x1, rule.x2) - half, min(rule.y1, rule.y2) - half
    width, height = abs(rule.x2 - rule.x1) + 2 * half, abs(rule.y2 - rule.y1) + 2 * half
    x1, y1, x2, y2 = rule.x1 - left, rule.y1 - top, rule.x2 - left, rule.y2 - top
    color = _color(getattr(rule, "color", None)) or "0 0 0"
    return (
        f'<ofd:PathObject ID="{object_id}" Boundary="{fmt(left)} {fmt(top)} {fmt(width)} {fmt(height)}" '
        f'LineWidth="{fmt(rule.width_mm)}" Stroke="true" Fill="false">'
        f'<ofd:StrokeColor Value="{color}"/>'
        f"<ofd:AbbreviatedData>M {fmt(x1)} {fmt(y1)} L {fmt(x2)} {fmt(y2)}</ofd:AbbreviatedData></ofd:PathObject>"
    )


def delta_x(values: Iterable[float]) -> str:
    """DeltaX with runs of one value abbreviated: [5.5, 5.5, 5.5, 2.8] → 「g 3 5.5 2.8」."""
    values = list(values)
    if values and values.count(values[0]) == len(values):  # most lines: one advance throughout
        return _run(fmt(values[0]), len(values))
    return " ".join(_run(fmt(value), sum(1 for _ in group)) for value, group in groupby(values))


def _run(text: str, count: int) -> str:
    return f"g {count} {text}" if count > 2 else " ".join([text] * count)


@functools.lru_cache(maxsize=64)
def _color(value) -> str:
    """「255 0 0」 from 「FF0000」 (or a tuple of three ints); "" for black or none."""
    if not value:
        return ""
    if isinstance(value, str):
        text = value.lstrip("#")
        rgb = tuple(int(text[i : i + 2], 16) for i in (0, 2, 4))
    else:
        rgb = tuple(int(v) for v in value)
    return "" if rgb == (0, 0, 0) else " ".join(str(v) for v in rgb)
