"""版头 (GB/T 9704 7.2): 份号, 密级, 紧急程度, the red 发文机关标志, the 发文字号 and the red rule.

The 发文机关标志 (its upper edge 35 mm under the top of the text block) is centred in red 小标宋;
several issuers (联合行文) stand one per line, 「文件」 to their right, centred on them. The
发文字号 is two lines under it and the red rule, as wide as the text block, 4 mm under the 文号.
"""
from __future__ import annotations

from generator.ooxml import xml as x
from generator.ooxml.layout import Layout
from generator.ooxml.vocab import STYLES as S
from generator.tree import Header
from generator.write.titles import text_width

FILE = "文件"
# Where the glyphs of a line of exact height sit: their top this far (in ems) under the line's top,
# the 文号's glyphs ending this far above its line's bottom. Measured in the PDF (tests/test_pdf.py).
MARK_TOP_IN_LINE = 0.12
NUMBER_BOTTOM_IN_LINE = 0.16


def header_xml(header: Header, doc_number: str, layout: Layout, page_break: str = "") -> str:
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
    out.append(_mark(header, layout, page_break + x.spacing(before=before, line=line, exact=True)))
    number_line = layout.sizes["body"] * 15  # the 文号 in a line of exact height: the rule's distance is fixed
    gap = conf["lines_after_mark"] * pitch
    rule_space = round((conf["rule_gap"] - NUMBER_BOTTOM_IN_LINE * layout.sizes["body"] * 10) / 20)  # points
    ppr = ('<w:snapToGrid w:val="0"/><w:jc w:val="center"/>'
           f'<w:pBdr>{x.border("bottom", conf["rule_size"], conf["mark_color"], max(0, rule_space))}</w:pBdr>'
           + x.spacing(before=gap, line=number_line, exact=True) + x.ind(first=0, first_chars=0))
    out.append(x.para(x.run(doc_number), S.doc_number, ppr))
    return "".join(out)


def _mark(header: Header, layout: Layout, ppr: str) -> str:
    """The 发文机关标志, narrowed (character scale) when it is wider than the text block."""
    size = layout.header["mark_size"]
    names = header.issuers
    suffix = FILE if header.file else ""
    if len(names) <= 1:
        text = (names[0] if names else "") + suffix
        return x.para(_scaled(text, text_width(text), size, layout), S.issuer_mark, ppr)
    # 联合行文: names stacked, each scaled to the widest; 「文件」 after the middle line.
    widest = max(text_width(name) for name in names) + text_width(suffix)
    middle = len(names) // 2
    lines = []
    for index, name in enumerate(names):
        text = name + (suffix if index == middle else "")
        lines.append(_scaled(text, widest, size, layout))
    return x.para(x.BREAK.join(lines), S.issuer_mark, ppr)


def _scaled(text: str, width: float, size: int, layout: Layout) -> str:
    """A run of the mark; the character scale (w:w) is per run because it depends on the name's length."""
    room = layout.text_width / (size * 10)
    scale = min(100, int(100 * room / width)) if width else 100
    return x.run(text, rpr=f'<w:w w:val="{scale}"/>' if scale < 100 else "")
