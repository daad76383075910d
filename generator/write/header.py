"""版头 (GB/T 9704 7.2): 份号, 密级, 紧急程度, the red 发文机关标志, the 发文字号 and the red rule.

The 发文机关标志 (its upper edge 35 mm under the top of the text block) is centred in red 小标宋;
several issuers (联合行文) stand one per line, 「文件」 to their right, centred on them. The
发文字号 is two lines under it and the red rule, as wide as the text block, 4 mm under the 文号.
"""

from __future__ import annotations

import re

from generator.ooxml import xml as x
from generator.ooxml.layout import Layout
from generator.ooxml.vocab import STYLES as S
from generator.tree import Header
from generator.write.titles import text_width

FILE = "文件"
MIN_SCALE = 75  # a name narrower than this (w:w %) looks crushed: the mark's size goes down instead
# Where the glyphs of a line of exact height sit: their top this far (in ems) under the line's top,
# the 文号's glyphs ending this far above its line's bottom. Measured in the PDF (tests/test_pdf.py).
MARK_TOP_IN_LINE = 0.12
NUMBER_BOTTOM_IN_LINE = 0.16


def header_xml(header: Header, doc_number: str, layout: Layout, page_break: str = "", fonts=None) -> str:
    """The 版头's paragraphs."""
    pitch, conf = layout.line_pitch, layout.header
    out = []
    fields = [text for text in (header.copy_number, header.secrecy, header.urgency) if text]
    for text in fields:
        out.append(x.para(x.run(text), S.header_field, page_break))
        page_break = ""
    size = conf["mark_size"]
    line = size * 12
    before = max(0, conf["mark_top"] - len(fields) * pitch - round(MARK_TOP_IN_LINE * size * 10))
    out.append(_mark(header, layout, page_break + x.spacing(before=before, line=line, exact=True), fonts))
    number_line = layout.sizes["body"] * 15  # the 文号 in a line of exact height: the rule's distance is fixed
    gap = conf["lines_after_mark"] * pitch
    rule_space = round((conf["rule_gap"] - NUMBER_BOTTOM_IN_LINE * layout.sizes["body"] * 10) / 20)  # points
    ppr = (
        '<w:snapToGrid w:val="0"/><w:jc w:val="center"/>'
        f"<w:pBdr>{x.border('bottom', conf['rule_size'], conf['mark_color'], max(0, rule_space))}</w:pBdr>"
        + x.spacing(before=gap, line=number_line, exact=True)
        + x.ind(first=0, first_chars=0)
    )
    out.append(x.para(x.run(doc_number), S.doc_number, ppr))
    return "".join(out)


def fit(ems: float, room: int, size: int) -> tuple[int, int]:
    """(size in half-points, character scale %) for a line `ems` wide at `size` in `room` twips:
    narrowed down to MIN_SCALE, then set smaller (GB/T 9704 7.2.3: 醒目、美观、庄重)."""
    natural = ems * size * 10
    if not natural or natural <= room:
        return size, 100
    if natural * MIN_SCALE / 100 <= room:
        return size, int(100 * room / natural)
    smaller = int(size * room / (natural * MIN_SCALE / 100))
    return smaller, min(100, int(100 * room / (ems * smaller * 10)))


def _mark(header: Header, layout: Layout, ppr: str, fonts=None) -> str:
    """The 发文机关标志, narrowed (character scale) or set smaller when it is wider than the text block."""
    size = layout.header["mark_size"]
    names = header.issuers
    suffix = FILE if header.file else ""
    if len(names) <= 1:
        text = (names[0] if names else "") + suffix
        return x.para(_scaled(text, *fit(text_width(text), layout.text_width, size), size), S.issuer_mark, ppr)
    if not suffix:
        widest = max(text_width(name) for name in names)
        mark = fit(widest, layout.text_width, size)
        return x.para(x.BREAK.join(_scaled(name, *mark, size) for name in names), S.issuer_mark, ppr)
    return _joint_with_file(names, layout, ppr, fonts or layout.fonts("gb2312"))


def _joint_with_file(names: list[str], layout: Layout, ppr: str, fonts) -> str:
    """联合行文 「…文件」: the names stacked as wide as the widest and 「文件」 to their right,
    centred on them (GB/T 9704 7.2.3). The names are centred in the block less the room 「文件」
    takes; 「文件」 is a text box anchored in the names' paragraph (no wrapping, so nothing moves)."""
    size = style_size = layout.header["mark_size"]
    line = size * 12  # twips: one line of the mark (the style's)
    natural = max(text_width(name) for name in names)
    # 「文件」 and the names share one size: fit names + 「文件」 in the block at the scale found.
    size, scale = fit(natural + text_width(FILE), layout.text_width, size)
    em = size * 10
    file_width = round(text_width(FILE) * em)
    room = layout.text_width - file_width
    scale = min(scale, 100, int(100 * room / (natural * em)))
    widest = min(natural * em * scale / 100, room)
    runs = x.BREAK.join(_spread(name, natural, em, scale, _size(size, style_size)) for name in names)
    left = layout.margins["left"] + round((room + widest) / 2)
    top = _before(ppr) + round((len(names) - 1) * line / 2)
    # LibreOffice does not apply paragraph styles inside a DrawingML text box: the run says it again.
    mark = x.rpr(fonts.issuer_mark, fonts.latin, size, color=layout.header["mark_color"])
    # Flush left in its box (the style centres): the box is a little wider than the text.
    box = x.text_box(
        x.para(x.run(FILE, rpr=mark), S.issuer_mark, '<w:jc w:val="left"/>' + x.spacing(line=line, exact=True)),
        file_width + em // 4,
        line,
        left,
        top,
        4,
        "发文机关标志「文件」",
        wrap=False,
    )
    return x.para(runs + box, S.issuer_mark, ppr + x.ind(right=file_width, first=0, first_chars=0))


def _spread(name: str, natural: float, em: int, scale: int, size_rpr: str) -> str:
    """A name as wide as the widest (分散对齐): its characters spaced out, the scale shared by all."""
    width = (f'<w:w w:val="{scale}"/>' if scale < 100 else "") + size_rpr
    missing = (natural - text_width(name)) * em * scale / 100
    if len(name) < 2 or missing <= 0:
        return x.run(name, rpr=width)
    gap = round(missing / (len(name) - 1))
    return x.run(name[:-1], rpr=f'<w:spacing w:val="{gap}"/>' + width) + x.run(name[-1], rpr=width)


def _before(ppr: str) -> int:
    """The space before a paragraph, from its spacing element (twips)."""
    found = re.search(r'w:before="(\d+)"', ppr)
    return int(found.group(1)) if found else 0


def _size(size: int, style_size: int) -> str:
    """A run's own size when the mark had to be set smaller than the style's."""
    return f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size != style_size else ""


def _scaled(text: str, size: int, scale: int, style_size: int) -> str:
    """A run of the mark; scale (w:w) and size are per run because they depend on the name's length."""
    return x.run(text, rpr=(f'<w:w w:val="{scale}"/>' if scale < 100 else "") + _size(size, style_size))
