"""Headings of a .docx draft by level: font, first-line indent and alignment (GB/T 9704-2012 7.3.3
and the heading fonts of the standard's practice), from the facts the reader found.

Facts: heading_fonts {level: East-Asian font}, heading_indents {level: first-line indent in
characters}, heading_aligns {level: w:jc value}; each for the first heading of the level whose
formatting the draft sets (a style or direct formatting). Unknown facts are not checked.
"""

from __future__ import annotations

import re

from ..registry import Basis, GBT9704, rule
from .layout import is_cjk_font

LEVELS_QUOTE = "文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注；一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字标注"
# What each level's face must look like, by the words its names carry (仿宋_GB2312, 仿宋, FangSong…).
_FACES = {
    1: ("黑体", re.compile(r"黑|hei", re.I)),
    2: ("楷体", re.compile(r"楷|kai", re.I)),
    3: ("仿宋", re.compile(r"仿宋|fang", re.I)),
    4: ("仿宋", re.compile(r"仿宋|fang", re.I)),
}
_NAMES = {1: "一级标题「一、」", 2: "二级标题「（一）」", 3: "三级标题「1.」", 4: "四级标题「（1）」"}
_ALIGN = {"center": "居中", "right": "右对齐", "end": "右对齐", "distribute": "分散对齐"}


def _by_level(doc, fact: str) -> list[tuple[int, object]]:
    facts = (doc.facts or {}) if doc.source == "docx" else {}
    found = facts.get(fact) or {}
    return sorted((int(level), value) for level, value in found.items() if value is not None)


@rule(
    "layout.heading-font",
    "warning",
    "各级标题的字体：一级黑体、二级楷体、三级和四级仿宋",
    basis=Basis(GBT9704, "7.3.3", "一般", LEVELS_QUOTE),
)
def layout_heading_font(doc, ctx):
    """GB/T 9704-2012 7.3.3：结构层次序数一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字。
    字体按字体名判断（黑体、方正黑体、SimHei 都是黑体；楷体_GB2312、楷体、KaiTi 都是楷体）；标题的字体
    是 Word 实际显示的字体：直接格式、字符样式、段落样式、文档默认值依次查找。

    通过：一、 黑体；（一） 楷体_GB2312；1. 仿宋_GB2312
    不通过：一、 宋体；（一） 黑体
    """
    for level, font in _by_level(doc, "heading_fonts"):
        want, pattern = _FACES.get(level, (None, None))
        if want and is_cjk_font(str(font)) and not pattern.search(str(font)):
            yield ctx.finding(None, f"{_NAMES[level]}用了「{font}」，一般应为{want}")


@rule(
    "layout.heading-indent",
    "warning",
    "各级标题和正文一样首行缩进2字（不顶格、不居中）",
    basis=Basis(
        GBT9704,
        "7.3.3",
        "一般",
        "公文首页必须显示正文。一般用3号仿宋体字，编排于主送机关名称下一行，每个自然段左空二字，回行顶格",
    ),
)
def layout_heading_indent(doc, ctx):
    """层次标题是正文的一部分，和自然段一样左空二字、回行顶格（GB/T 9704-2012 7.3.3）。顶格或缩进
    四字的标题报告（±0.5字）。

    通过：一、主要举措和成效（首行缩进2字）
    不通过：一、主要举措和成效（顶格）
    """
    want = 2
    for level, chars in _by_level(doc, "heading_indents"):
        if abs(float(chars) - want) > 0.5:
            yield ctx.finding(None, f"{_NAMES[level]}首行缩进{float(chars):g}字，应为{want:g}字（左空二字）")


@rule(
    "layout.heading-align",
    "warning",
    "各级标题左起排（两端对齐或左对齐），不居中",
    basis=Basis(GBT9704, "7.3.3", "一般", "每个自然段左空二字，回行顶格"),
)
def layout_heading_align(doc, ctx):
    """层次标题和正文一样从左空二字处排起，不居中、不右对齐（居中的只有公文标题和附件标题）。

    通过：一、主要举措和成效（两端对齐）
    不通过：一、主要举措和成效（居中）
    """
    for level, jc in _by_level(doc, "heading_aligns"):
        if jc in _ALIGN:
            yield ctx.finding(None, f"{_NAMES[level]}{_ALIGN[jc]}，应和正文一样左空二字排起")
