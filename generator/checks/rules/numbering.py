"""Heading numbers: 一、 （一） 1. （1） — continuous, restarting under each parent, one style a level.

These rules look at the numbers as found in a draft (Heading.number); a generated document has
no stored numbers (the writer numbers headings itself), so they pass trivially there.
"""

from __future__ import annotations

from generator.numbering import cn_numeral, read_number
from generator.tree import Heading
from ..registry import Basis, GBT9704, rule

LEVELS_QUOTE = "文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注"

_LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
_WANT = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def _show(level: int, n: int) -> str:
    return cn_numeral(n) if level <= 2 else str(n)


def _walk(doc, ctx) -> list:
    """(heading, parsed number, previous value at this level under the same parent, previous
    value at this level under the previous parent or None, new_parent), walked once per document."""
    return ctx.analysis.memo("numbering.walk", lambda: list(_walk_headings(_numbered(doc, ctx))))


def _numbered(doc, ctx) -> list[list]:
    """Per document, its headings with their parsed numbers (None when unnumbered)."""
    return ctx.analysis.memo(
        "numbering.numbered",
        lambda: [
            [(b, read_number(b.number) if b.number else None) for b in d.blocks if type(b) is Heading]
            for d in doc.all_documents()
        ],
    )


def _walk_headings(numbered: list[list]):
    for headings in numbered:
        last: dict[int, int] = {}
        stale: dict[int, int] = {}  # last value of a level before its parent changed
        for block, parsed in headings:
            level = block.level
            previous = last.get(level)
            yield block, parsed, previous or 0, stale.get(level), previous is None
            last[level] = parsed[1] if parsed else (previous or 0) + 1
            if len(last) > 1:
                for deeper in [known for known in last if known > level]:
                    stale[deeper] = last.pop(deeper)


@rule("numbering.gap", "warning", "同级序号应连续，不跳号、不重复", basis=Basis())
def numbering_gap(doc, ctx):
    """同一上级之下，同级标题序号从1（一）起连续编排：一、二、三……，不跳号、不重复。

    通过：一、… 二、… 三、…
    不通过：一、… 二、… 四、…（缺「三」）；（一）…（二）…（二）…（重复）
    """
    for head, parsed, previous, stale, new_parent in _walk(doc, ctx):
        if not parsed:
            continue
        level, value = head.level, parsed[1]
        if new_parent and stale and value == stale + 1:
            continue  # numbering.restart reports it
        expected = previous + 1
        if value == expected:
            continue
        name = _LEVEL_NAMES.get(level, "")
        if value == previous:
            yield ctx.finding(head.line, f"{name}标题序号「{head.number}」重复")
        elif value > expected:
            missing = "、".join(_show(level, n) for n in range(expected, min(value, expected + 5)))
            yield ctx.finding(head.line, f"{name}标题序号不连续：「{head.number}」之前缺少「{missing}」")
        else:
            yield ctx.finding(
                head.line,
                f"{name}标题序号「{head.number}」倒退（上一个是{_show(level, previous) if previous else '无'}）",
            )


@rule(
    "numbering.restart",
    "warning",
    "下级序号在每个上级标题之下重新从1（一）开始",
    basis=Basis(GBT9704, "7.3.3", "可", LEVELS_QUOTE),
)
def numbering_restart(doc, ctx):
    """每个上级标题之下，下级序号重新从（一）/1.开始编，不接着上一个上级的序号往下编。

    通过：一、…（一）…（二）… 二、…（一）…
    不通过：一、…（一）…（二）… 二、…（三）…（接着上一部分编号）
    """
    for head, parsed, _previous, stale, new_parent in _walk(doc, ctx):
        if parsed and new_parent and stale and parsed[1] == stale + 1 and parsed[1] != 1:
            yield ctx.finding(
                head.line,
                f"「{head.number}」接着上一部分编号；在新的上级标题下应从「{_WANT.get(head.level, '1')}」重新开始",
            )


@rule(
    "numbering.skip-level",
    "warning",
    "标题层次不越级：一、之下用（一），（一）之下用1.",
    basis=Basis(GBT9704, "7.3.3", "可", LEVELS_QUOTE),
)
def numbering_skip_level(doc, ctx):
    """结构层次序数依次为「一、」「（一）」「1.」「（1）」，不越级使用：一级标题下直接用「1.」是越级。

    通过：一、… （一）… 1. …
    不通过：一、… 1. …（一级标题下直接用三级序号）
    """
    for headings in _numbered(doc, ctx):
        current = 0
        for block, _ in headings:
            if current and block.level > current + 1:
                yield ctx.finding(
                    block.line,
                    f"「{block.number or block.title[:10]}」是"
                    f"{_LEVEL_NAMES.get(block.level, '')}序号，却直接出现在"
                    f"{_LEVEL_NAMES.get(current, '')}标题之下，跳过了"
                    f"「{_WANT.get(current + 1, '')}」一级",
                )
            current = block.level


_WIDTH = str.maketrans("()．", "（）.")
_STYLES: dict[str, str] = {}  # variant → style (a handful of variants exist)


def _separator_style(variant: str) -> str:
    """The variant without bracket width: 「一、」「一．」「1.」「1、」「（1）」."""
    return variant.translate(_WIDTH) if "(" in variant or ")" in variant or "．" in variant else variant


@rule(
    "numbering.mixed-style",
    "warning",
    "同一级标题的序号写法一致（不混用「1.」和「1、」）",
    basis=Basis(GBT9704, "7.3.3", "可", LEVELS_QUOTE),
)
def numbering_mixed_style(doc, ctx):
    """同一级标题应使用同一种序号写法。以该级第一次出现的写法为准，报告第一处不同写法。
    括号全角/半角由 numbering.bracket-width 检查，这里不计。

    通过：1.… 2.… 3.…
    不通过：1.… 2、… 3.…
    """
    for numbered in _numbered(doc, ctx):
        first: dict[int, tuple[str, str]] = {}
        reported: set[int] = set()
        for block, parsed in numbered:
            if not parsed:
                continue
            style = _STYLES.get(parsed[3]) or _STYLES.setdefault(parsed[3], _separator_style(parsed[3]))
            if block.level not in first:
                first[block.level] = (style, block.number)
            elif style != first[block.level][0] and block.level not in reported:
                reported.add(block.level)
                yield ctx.finding(
                    block.line,
                    f"{_LEVEL_NAMES.get(block.level, '')}标题序号「{block.number}」"
                    f"与前面的「{first[block.level][1]}」写法不一致",
                )


@rule(
    "numbering.bracket-width",
    "warning",
    "序号的括号用全角：（一）（1）",
    basis=Basis(GBT9704, "7.3.3", "可", LEVELS_QUOTE),
)
def numbering_bracket_width(doc, ctx):
    """「（一）」「（1）」用全角括号。
    从网页复制的 .txt（网页复制常把全文的，：；（）变成半角 ,:;()）里，半角括号是复制造成的，
    不逐处报告，只给一条 info 说明；这种文件里混有全角标点时仍逐处报告。

    通过：（一）依法全面履行政府职能
    不通过：(一)依法全面履行政府职能
    """
    bad = [
        block
        for numbered in _numbered(doc, ctx)
        for block, parsed in numbered
        if parsed and ("(" in block.number or ")" in block.number)
    ]
    if not bad:
        return
    if ctx.web_copy:
        yield ctx.finding(
            None, f"序号用半角括号共{len(bad)}处；全文标点均为半角，判断为从网页复制所致，未逐处报告", "info"
        )
        return
    for block in bad:
        want = block.number.replace("(", "（").replace(")", "）")
        yield ctx.finding(block.line, f"序号「{block.number}」用了半角括号，应为「{want}」")


@rule(
    "numbering.dot",
    "warning",
    "一级序号用「一、」，三级序号用「1.」（不用「1、」）",
    basis=Basis(GBT9704, "7.3.3", "可", LEVELS_QUOTE),
)
def numbering_dot(doc, ctx):
    """GB/T 9704 的层次序数：第一层「一、」，第三层「1.」（阿拉伯数字后用下脚点，不用顿号）。

    通过：1.打造一流法治化营商环境。
    不通过：1、打造一流法治化营商环境。
    """
    for numbered in _numbered(doc, ctx):
        for block, parsed in numbered:
            if not parsed:
                continue
            variant = parsed[3]
            if block.level == 3 and variant == "1、":
                yield ctx.finding(block.line, f"三级序号「{block.number}」应写作「{parsed[1]}.」（用下脚点，不用顿号）")
            elif block.level == 1 and variant != "一、":
                yield ctx.finding(block.line, f"一级序号「{block.number}」应写作「{cn_numeral(parsed[1])}、」")
