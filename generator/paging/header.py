"""The 版头's geometry (write/header.py): fields, the red 发文机关标志, the 发文字号 and the red rule."""

from __future__ import annotations

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box
from generator.write.header import MARK_TOP_IN_LINE, NUMBER_BOTTOM_IN_LINE


def fields(header) -> list[str]:
    """份号, 密级, 紧急程度 present, top to bottom."""
    return [text for text in (header.copy_number, header.secrecy, header.urgency) if text]


def mark_lines(header) -> list[str]:
    """The lines of the 发文机关标志: one name, or one per issuer (联合行文)."""
    names = header.issuers or [""]
    if len(names) == 1:
        return [names[0] + ("文件" if header.file else "")]
    return list(names)


def geometry(header, layout: Layout) -> dict:
    """Twips from the top of the text block: mark top, mark line height, 文号 line top, rule y, total."""
    pitch, conf = layout.line_pitch, layout.header
    size = conf["mark_size"]
    count = len(fields(header))
    mark_line = size * 12
    before = max(0, conf["mark_top"] - count * pitch - round(MARK_TOP_IN_LINE * size * 10))
    mark_top = count * pitch + before
    number_top = mark_top + len(mark_lines(header)) * mark_line + conf["lines_after_mark"] * pitch
    number_line = layout.sizes["body"] * 15
    space = max(0, round((conf["rule_gap"] - NUMBER_BOTTOM_IN_LINE * layout.sizes["body"] * 10) / 20)) * 20
    rule = number_top + number_line + space + conf["rule_size"] * 20 // 16
    return {
        "mark_top": mark_top,
        "mark_line": mark_line,
        "number_top": number_top,
        "number_line": number_line,
        "rule": rule,
        "total": rule + conf["rule_size"] * 20 // 16,
    }


def header_height(box: Box, layout: Layout) -> int:
    """Twips the 版头 takes down to the lower edge of its red rule."""
    return geometry(box.node.header, layout)["total"]


def header_lines(doc, layout: Layout, left: float, top: float):
    """The 版头's lines (fields, mark, 文号) and its red rule, mm on the page."""
    from generator.paging.metrics import advances
    from generator.paging.model import PT_MM, TWIP_MM, Line, Rule
    from generator.paging.render import baseline

    header, conf = doc.header, layout.header
    geo = geometry(header, layout)
    width = layout.text_width * TWIP_MM
    body = layout.sizes["body"] / 2
    out = []
    for index, text in enumerate(fields(header)):
        adv = [a * PT_MM for a in advances(text, body, layout.condense / 20)]
        out.append(
            Line(
                left,
                top + baseline(index * layout.line_pitch, layout.line_pitch, body),
                text,
                "header_field",
                body,
                adv,
                node=header,
            )
        )
    for text, x, index, size, adv in _marks(header, layout, left):
        y = top + baseline(geo["mark_top"] + index * geo["mark_line"], geo["mark_line"], size)
        out.append(Line(x, y, text, "issuer_mark", size, adv, conf["mark_color"], header))
    if doc.doc_number:
        adv = [a * PT_MM for a in advances(doc.doc_number, body, layout.condense / 20)]
        y = top + baseline(geo["number_top"], geo["number_line"], body)
        out.append(Line(left + (width - sum(adv)) / 2, y, doc.doc_number, "body", body, adv, node=doc))
    rule_y = top + geo["rule"] * TWIP_MM
    rule = Rule(left, rule_y, left + width, rule_y, conf["rule_size"] / 8 * PT_MM, conf["mark_color"])
    return out, [rule]


def _marks(header, layout: Layout, left: float) -> list:
    """(text, x mm, line index (may be a half), size pt, advances mm) of the 发文机关标志 lines,
    sized and narrowed as write/header.py does."""
    from generator.paging.model import PT_MM, TWIP_MM
    from generator.write.header import FILE, fit
    from generator.write.titles import text_width

    width = layout.text_width
    condense = layout.condense / 20
    names = header.issuers or [""]
    base = layout.header["mark_size"]

    def advances_at(text, size, scale):
        return [(text_width(ch) * size / 2 * scale / 100 + condense) * PT_MM for ch in text]

    if len(names) == 1 or not header.file:
        lines = mark_lines(header)
        size, scale = fit(max(text_width(t) for t in lines), width, base)
        out: list[tuple[str, float, float, float, list[float]]] = []
        for index, text in enumerate(lines):
            adv = advances_at(text, size, scale)
            out.append((text, left + (width * TWIP_MM - sum(adv)) / 2, index, size / 2, adv))
        return out
    natural = max(text_width(name) for name in names)
    size, scale = fit(natural + text_width(FILE), width, base)
    room = width - round(text_width(FILE) * size * 10)
    scale = min(scale, 100, int(100 * room / (natural * size * 10)))
    widest = min(natural * size * 10 * scale / 100, room)
    out = []
    for index, name in enumerate(names):
        adv = advances_at(name, size, scale)
        if len(name) > 1:  # spread to the widest name
            extra = (widest * TWIP_MM - sum(adv)) / (len(name) - 1)
            adv = [a + (extra if i < len(name) - 1 else 0) for i, a in enumerate(adv)]
        out.append((name, left + (room - widest) / 2 * TWIP_MM, index, size / 2, adv))
    x = left + (room + widest) / 2 * TWIP_MM
    out.append((FILE, x, (len(names) - 1) / 2, size / 2, advances_at(FILE, size, 100)))
    return out
