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


def found_by(doc, ctx, name: str):
    """The findings of one numbering rule, from the one walk over the headings they share."""
    for line, message, severity in ctx.analysis.memo("numbering.found", lambda: _walk(doc, ctx.web_copy))[name]:
        yield ctx.finding(line, message, severity)


def _walk(doc, web_copy: bool) -> dict[str, list[tuple[int | None, str, str | None]]]:
    """(line, message, severity or None) per rule of this module (and numbering.full-width-dot):
    every heading is read once, each rule's findings kept in document order."""
    found: dict[str, list] = {name: [] for name in _RULES}
    gap, restart, skip, mixed, bracket, dot, full_dot = (found[name] for name in _RULES)
    for d in doc.all_documents():
        last: dict[int, int] = {}  # per level, the value of its last heading under the current parent
        stale: dict[int, int] = {}  # last value of a level before its parent changed
        first: dict[int, tuple[str, str | None]] = {}  # per level, its first style and number (None: reported)
        current = 0  # the level of the previous heading
        for block in d.blocks:
            if type(block) is not Heading:
                continue
            level, number = block.level, block.number
            if current and level > current + 1:
                skip.append((block.line, _skipped(block, current), None))
            current = level
            parsed = read_number(number) if number else None
            previous = last.get(level)
            if parsed:
                value, variant = parsed[1], parsed[3]
                if previous is None:
                    old = stale.get(level)
                    if old and value == old + 1:
                        if value != 1:
                            restart.append((block.line, _restarted(block), None))
                    elif value != 1:
                        _gap(gap, block, 0, value)
                elif value != previous + 1:
                    _gap(gap, block, previous, value)
                style = _STYLES.get(variant) or _STYLES.setdefault(variant, _separator_style(variant))
                seen = first.get(level)
                if seen is None:
                    first[level] = (style, number)
                elif style != seen[0] and seen[1] is not None:
                    first[level] = (seen[0], None)  # reported: one finding per level
                    mixed.append(
                        (
                            block.line,
                            f"{_LEVEL_NAMES.get(level, '')}标题序号「{number}」与前面的「{seen[1]}」写法不一致",
                            None,
                        )
                    )
                if "(" in number or ")" in number:
                    bracket.append(block)
                if level == 3 and variant == "1、":
                    dot.append((block.line, f"三级序号「{number}」应写作「{value}.」（用下脚点，不用顿号）", None))
                elif level == 1 and variant != "一、":
                    dot.append((block.line, f"一级序号「{number}」应写作「{cn_numeral(value)}、」", None))
                if level == 3 and variant == "1．":
                    full_dot.append((block.line, f"三级序号「{number}」用了全角点，应为「{value}.」", None))
                last[level] = value
            else:
                last[level] = (previous or 0) + 1
            if len(last) > 1:
                for deeper in [known for known in last if known > level]:
                    stale[deeper] = last.pop(deeper)
    if bracket:
        found["numbering.bracket-width"] = _bracket_width(bracket, web_copy)
    return found


_RULES = (
    "numbering.gap",
    "numbering.restart",
    "numbering.skip-level",
    "numbering.mixed-style",
    "numbering.bracket-width",
    "numbering.dot",
    "numbering.full-width-dot",
)


def _gap(out: list, head, previous: int, value: int) -> None:
    """numbering.gap's finding for a number that is not the previous one plus one."""
    level, expected = head.level, previous + 1
    name = _LEVEL_NAMES.get(level, "")
    if value == previous:
        out.append((head.line, f"{name}标题序号「{head.number}」重复", None))
    elif value > expected:
        missing = "、".join(_show(level, n) for n in range(expected, min(value, expected + 5)))
        out.append((head.line, f"{name}标题序号不连续：「{head.number}」之前缺少「{missing}」", None))
    else:
        shown = _show(level, previous) if previous else "无"
        out.append((head.line, f"{name}标题序号「{head.number}」倒退（上一个是{shown}）", None))


def _restarted(head) -> str:
    return f"「{head.number}」接着上一部分编号；在新的上级标题下应从「{_WANT.get(head.level, '1')}」重新开始"


def _skipped(block, current: int) -> str:
    return (
        f"「{block.number or block.title[:10]}」是"
        f"{_LEVEL_NAMES.get(block.level, '')}序号，却直接出现在"
        f"{_LEVEL_NAMES.get(current, '')}标题之下，跳过了"
        f"「{_WANT.get(current + 1, '')}」一级"
    )


def _bracket_width(blocks: list, web_copy: bool) -> list:
    """numbering.bracket-width's findings for the numbers written with half-width brackets."""
    if web_copy:
        message = f"序号用半角括号共{len(blocks)}处；全文标点均为半角，判断为从网页复制所致，未逐处报告"
        return [(None, message, "info")]
    return [
        (
            block.line,
            f"序号「{block.number}」用了半角括号，应为「{block.number.replace('(', '（').replace(')', '）')}」",
            None,
        )
        for block in blocks
    ]


@rule("numbering.gap", "warning", "同级序号应连续，不跳号、不重复", basis=Basis())
def numbering_gap(doc, ctx):
    """同一上级之下，同级标题序号从1（一）起连续编排：一、二、三……，不跳号、不重复。

    通过：一、… 二、… 三、…
    不通过：一、… 二、… 四、…（缺「三」）；（一）…（二）…（二）…（重复）
    """
    return found_by(doc, ctx, "numbering.gap")


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
    return found_by(doc, ctx, "numbering.restart")


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
    return found_by(doc, ctx, "numbering.skip-level")


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
    return found_by(doc, ctx, "numbering.mixed-style")


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
    return found_by(doc, ctx, "numbering.bracket-width")


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
    return found_by(doc, ctx, "numbering.dot")
