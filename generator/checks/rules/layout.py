"""Layout of a .docx draft against GB/T 9704 (data/layout.yaml), from the facts the reader found.

Facts come from generator.drafts (doc.facts): page_width, page_height, margins{top,bottom,left,
right} in twips; body_size, title_size in half-points (w:sz); body_font, title_font, heading_fonts (East-Asian
font names); has_page_field. A fact that is None is unknown and not checked; a document without
facts (.txt, .yaml, generated trees) is not checked at all.
"""

from __future__ import annotations

import re

from generator.lexicon import lazy
from generator.lexicon.chars import has_han
from generator.ooxml.layout import load_layout
from ..registry import Basis, GBT9704, rule

_FANGSONG = lazy(r"仿宋|fang", re.I)

_CJK_FONT_WORDS = (
    "song",
    "fang",
    "kai",
    "hei",
    "simsun",
    "simhei",
    "simkai",
    "nsimsun",
    "stxihei",
    "microsoft yahei",
    "yahei",
    "dengxian",
    "noto sans cjk",
    "noto serif cjk",
    "source han",
    "wenquanyi",
    "ar pl",
    "mincho",
    "gothic",
    "fzxiaobiaosong",
    "fz",
)


def _facts(doc) -> dict:
    """Layout facts of a .docx draft; nothing for other sources."""
    return (doc.facts or {}) if doc.source == "docx" else {}


def _layout(ctx):
    """The layout the rules check against, loaded once per document (read_data reads the file)."""
    return ctx.analysis.memo(("layout", ctx.analysis.layout), lambda: load_layout(ctx.analysis.layout))


def _twips(value):
    """Accept twips; values that look like millimetres (< 500) are converted."""
    if value is None:
        return None
    value = float(value)
    return value * 1440 / 25.4 if value < 500 else value


def _points(value):
    """drafts.py gives sizes in half-points (w:sz)."""
    if value is None:
        return None
    return float(value) / 2


def _mm(twips: float) -> str:
    return f"{twips * 25.4 / 1440:.1f}毫米"


def is_cjk_font(name: str | None) -> bool:
    if not name:
        return False
    if has_han(name):
        return True
    lower = name.lower()
    return any(word in lower for word in _CJK_FONT_WORDS)


@rule(
    "layout.page",
    "warning",
    "纸张为A4（210×297毫米）",
    basis=Basis(GBT9704, "5.1", "应", "公文用纸采用GB/T 148中规定的A4型纸，其成品幅面尺寸为：210 mm×297 mm"),
)
def layout_page(doc, ctx):
    """GB/T 9704-2012 5.1：公文用纸采用 A4 型纸（210 mm × 297 mm），容差见 layout.yaml 的 tolerance。

    通过：页面 11906 × 16838 twips
    不通过：页面 12240 × 15840 twips（Letter）
    """
    facts, layout = _facts(doc), _layout(ctx)
    width, height = _twips(facts.get("page_width")), _twips(facts.get("page_height"))
    if width is None or height is None:
        return
    if abs(width - layout.page["width"]) > layout.tolerance or abs(height - layout.page["height"]) > layout.tolerance:
        yield ctx.finding(None, f"纸张为 {_mm(width)} × {_mm(height)}，应为A4（210 × 297毫米）")


@rule(
    "layout.margins",
    "warning",
    "页边距：上37、下35、左28、右26毫米（版心156×225毫米）",
    basis=Basis(
        GBT9704, "5.2.1", "应", "天头（上白边）为37 mm±1 mm，订口（左白边）为28 mm±1 mm，版心尺寸为156 mm×225 mm"
    ),
)
def layout_margins(doc, ctx):
    """GB/T 9704-2012 5.2.1：版心 156 mm × 225 mm，天头（上白边）37 mm，订口（左白边）28 mm；
    即下 35 mm、右 26 mm。允许 layout.yaml 的 tolerance（±1 mm）。
    有的公文工具以某省规范为模板（上下 28 mm、左右 27 mm），与国标不合：fazhi 按国标报告，
    本地确有规定的，用 --layout 给出本地的版式文件。

    通过：上 2098、下 1984、左 1588、右 1474 twips
    不通过：上下左右都是 1440 twips（Word 默认 2.54 厘米）
    """
    margins = _facts(doc).get("margins") or {}
    layout = _layout(ctx)
    names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
    wrong = []
    for key, name in names.items():
        value = _twips(margins.get(key))
        if value is None:
            continue
        want = layout.margins[key]
        if abs(value - want) > layout.tolerance:
            wrong.append(f"{name}{_mm(value)}（应为{_mm(want)}）")
    if wrong:
        yield ctx.finding(None, "页边距不合 GB/T 9704：" + "，".join(wrong))


@rule(
    "layout.body-font",
    "warning",
    "正文用仿宋（仿宋_GB2312 或 仿宋）",
    basis=Basis(GBT9704, "5.2.2", "一般", "如无特殊说明，公文格式各要素一般用3号仿宋体字"),
)
def layout_body_font(doc, ctx):
    """GB/T 9704-2012 5.2.2：正文一般用3号仿宋体字。font profile（layout.yaml）里是 仿宋_GB2312 或 仿宋。

    通过：正文字体 仿宋_GB2312
    不通过：正文字体 宋体
    """
    font = _facts(doc).get("body_font")
    if font and is_cjk_font(font) and not _FANGSONG.search(font):
        yield ctx.finding(None, f"正文字体为「{font}」，公文正文应为仿宋（仿宋_GB2312 或 仿宋）")


def _size(doc, ctx, fact: str, key: str, what: str, name: str):
    """A size fact (half-points) against the layout's size, ±0.25 pt."""
    want = _layout(ctx).sizes[key] / 2
    size = _points(_facts(doc).get(fact))
    if size is not None and abs(size - want) > 0.25:
        yield ctx.finding(None, f"{what}字号为{size:g}磅，应为{name}（{want:g}磅）")


@rule(
    "layout.body-size",
    "warning",
    "正文用3号字（16磅）",
    basis=Basis(GBT9704, "5.2.2", "一般", "如无特殊说明，公文格式各要素一般用3号仿宋体字"),
)
def layout_body_size(doc, ctx):
    """GB/T 9704-2012：正文用3号字，即 16 pt（w:sz=32）。

    通过：正文 16 磅
    不通过：正文 12 磅（小四）
    """
    yield from _size(doc, ctx, "body_size", "body", "正文", "3号")


@rule(
    "layout.title-size", "warning", "标题用2号字（22磅）", basis=Basis(GBT9704, "7.3.1", "一般", "一般用2号小标宋体字")
)
def layout_title_size(doc, ctx):
    """GB/T 9704-2012 7.3.1：标题一般用2号小标宋体字，即 22 pt（w:sz=44）。

    通过：标题 22 磅
    不通过：标题 18 磅（小二）
    """
    yield from _size(doc, ctx, "title_size", "title", "标题", "2号")


@rule(
    "layout.east-asian-font", "warning", "中文字体要在 w:eastAsia 中设置（否则 Word 会用日文字体替代）", basis=Basis()
)
def layout_east_asian_font(doc, ctx):
    """正文、标题和各级标题的中文字体要写在 w:eastAsia 上（python-docx 的 font.name 不设置它，
    Word 会退回 MS Mincho 之类的日文字体）。.docx 中读不到正文的中文字体、或读到的不是中文字体名时报告。

    通过：正文 eastAsia=仿宋_GB2312，标题 eastAsia=方正小标宋简体
    不通过：正文没有 eastAsia 字体；或 eastAsia=Times New Roman
    """
    facts = _facts(doc)
    if not facts or doc.source != "docx":
        return
    body = facts.get("body_font")
    if body is None:
        yield ctx.finding(None, "正文没有设置中文字体（w:eastAsia），Word 可能用日文字体显示")
    elif not is_cjk_font(body):
        yield ctx.finding(None, f"正文的中文字体为「{body}」，不是中文字体")
    title = facts.get("title_font")
    if title is not None and not is_cjk_font(title):
        yield ctx.finding(None, f"标题的中文字体为「{title}」，不是中文字体")
    fonts = facts.get("heading_fonts") or {}
    if isinstance(fonts, (list, tuple)):
        fonts = dict(enumerate(fonts, start=1))
    for level, font in sorted(fonts.items(), key=lambda kv: str(kv[0])):
        if font is not None and not is_cjk_font(font):
            yield ctx.finding(None, f"{level}级标题的中文字体为「{font}」，不是中文字体")


@rule(
    "layout.page-number",
    "warning",
    "页脚有页码（PAGE 域）",
    basis=Basis(GBT9704, "7.5", "一般", "一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下"),
)
def layout_page_number(doc, ctx):
    """GB/T 9704-2012 7.5：页码用4号半角宋体阿拉伯数字，「— 1 —」，单页居右、双页居左。
    .docx 的页脚中没有 PAGE 域时报告。有的公文工具要求页码居中、写作「- 1 -」，与国标 7.5 不合，
    fazhi 不以居中为规范。

    通过：页脚含 PAGE 域
    不通过：没有页码
    """
    if _facts(doc).get("has_page_field") is False:
        yield ctx.finding(None, "文档没有页码（页脚中没有 PAGE 域）")
