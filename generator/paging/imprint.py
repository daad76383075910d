"""版记 (GB/T 9704 7.4) on the model's pages: where it goes and the lines and rules it prints.

It stands at the foot of the last page, which must be even. When the body ends on an even page
with room for it and half a grid line to spare, it goes there (write/imprint.py: a text box at the
foot); otherwise a section of its own starts on the next even page, with a blank page before it
when the body ends on an even page.
"""

from __future__ import annotations

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box
from generator.paging.lines import set_lines
from generator.paging.metrics import advances
from generator.paging.model import PT_MM, TWIP_MM, Line, Rule
from generator.paging.render import baseline
from generator.tree import Imprint, cn_date, sentence

MARGIN_LINES = 0.5  # spare grid lines between the last body line and the 版记 (at most one: issue 20)
SLACK = 60  # twips under the 印发 rule (write/imprint.py)


def _one(layout: Layout) -> int:
    return layout.positions["imprint_indent"] * layout.sizes["imprint"] * 10


def cc_box(imprint: Imprint, layout: Layout) -> Box | None:
    """The 抄送 paragraph: wrapped lines aligned after 「抄送：」."""
    if not imprint.cc:
        return None
    one = _one(layout)
    size = layout.sizes["imprint"] / 2
    label = round(sum(advances("抄送：", size, layout.condense / 20)) * 20)
    return Box(
        imprint,
        "抄送：" + sentence(imprint.cc),
        size=size,
        left=one + label,
        right=one,
        first=-label,
        line=layout.line_pitch,
        align="both",
    )


def height(imprint: Imprint, layout: Layout) -> int:
    """Twips the 版记 takes at the foot of the text block (with the writer's slack)."""
    cc = cc_box(imprint, layout)
    lines = len(set_lines(cc, layout, layout.text_width)) if cc else 0
    return (lines + 1) * layout.line_pitch + SLACK


def fits_in_place(page: int, used: int, imprint: Imprint, layout: Layout) -> bool:
    """Whether a body ending on page `page` with `used` twips of its text block takes the 版记 there."""
    room = layout.text_height - used - round(MARGIN_LINES * layout.line_pitch)
    return page % 2 == 0 and used > 0 and height(imprint, layout) <= room


def imprint_lines(imprint: Imprint, layout: Layout) -> tuple[list[Line], list[Rule]]:
    """The 版记's lines and rules on its page (portrait), mm."""
    left, top = layout.margins["left"] * TWIP_MM, layout.margins["top"] * TWIP_MM
    pitch, width = layout.line_pitch, layout.text_width
    size = layout.sizes["imprint"] / 2
    y = layout.text_height - height(imprint, layout) + SLACK
    lines, cuts = [], [y]
    cc = cc_box(imprint, layout)
    if cc:
        from generator.paging.render import segments

        for one in set_lines(cc, layout, width):
            lines += segments(cc, one, left, top + baseline(y, pitch, size))
            y += pitch
        cuts.append(y)
    indent = _one(layout) * TWIP_MM
    base = top + baseline(y, pitch, size)
    adv = [a * PT_MM for a in advances(imprint.printer, size, layout.condense / 20)]
    lines.append(Line(left + indent, base, imprint.printer, "body", size, adv, node=imprint))
    if imprint.print_date:
        text = cn_date(imprint.print_date) + "印发"
        adv = [a * PT_MM for a in advances(text, size, layout.condense / 20)]
        lines.append(Line(left + width * TWIP_MM - indent - sum(adv), base, text, "body", size, adv, node=imprint))
    cuts.append(y + pitch)
    rules = []
    for index, cut in enumerate(cuts):
        outer = index in (0, len(cuts) - 1)
        thick = layout.rules["imprint_outer" if outer else "imprint_inner"] / 8 * PT_MM
        rules.append(Rule(left, top + cut * TWIP_MM, left + width * TWIP_MM, top + cut * TWIP_MM, thick))
    return lines, rules
