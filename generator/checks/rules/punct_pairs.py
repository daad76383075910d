"""GB/T 15834-2011 marks that come in pairs or in a fixed form: quotes, brackets, 《》, ——, ……."""

from __future__ import annotations

from generator.lexicon import headings, lazy
from generator.lexicon.chars import DOUBLED_PAIRS, HAN, is_han
from ..registry import Basis, GBT15834, rule
from ..scanner import shared_scan

_PAIRS = {"“": "”", "（": "）", "《": "》", "〔": "〕", "【": "】"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
# An enumeration mark 「1）」「a)」「一）」 at the start or after a clause boundary closes nothing.
_ENUM = lazy(rf"(?:^|(?<=[。；;：:，,\s])){headings.ENUM_ITEM}")
# The leading lookaheads let the engine skip ordinary text fast (see numbers.py).
# A dash written wrong: the characters around it are tested by _between_words (no compiled CJK class).
_DASH = lazy(r"(?:--|－－|──|—(?!—)(?<!——)|―{1,2}|~~)")
_DASH_STARTS = ("--", "－－", "──", "—", "―", "~~")  # how each of _DASH's matches starts
_ELLIPSIS = lazy(r"(?=[.。…、·])(?<![.。…])(?:\.{3,6}|。{3,6}|…(?!…)|、{3,6}|·{3,6})(?![.。…])")
_ELLIPSIS_STARTS, _DOTS = ("...", "…", "···"), ("。。。", "、、、")  # how each of _ELLIPSIS's matches starts
_MARK_CHARS = "“”（）《》〔〕【】"
_MARKS = lazy(f"[{_MARK_CHARS}]")
_ASCII_QUOTED = lazy(rf'"[^"]*[{HAN}][^"]*"')
_QUOTED_SCAN = shared_scan("punct.ascii-quoted", _ASCII_QUOTED, needles='"')


# Any pair with no mark inside it.
_INNERMOST = lazy("|".join(f"{o}[^{_MARK_CHARS}]*{c}" for o, c in _PAIRS.items()))
# _ENUM over the units joined by NUL, where an enumeration mark may open a unit. It opens with a
# class so the engine skips ordinary text fast; its lookbehind says what came before the number (a clause boundary or nothing).
_ENUM_JOINED = lazy(
    r"[0-9０-９a-zA-Z一二三四五六七八九十](?<![^。；;：:，,\s\x00].)"
    r"(?:(?<=[0-9０-９])[0-9０-９]?|(?<=[a-zA-Z])|(?<=[一二三四五六七八九十])[一二三四五六七八九十]?)[）)]"
)
# The same, over the units joined by NUL (analysis.joined), one pattern per pair: a pair never spans two units.
_INNERMOST_EACH = tuple(lazy(f"{o}[^{_MARK_CHARS}\x00]*{c}") for o, c in _PAIRS.items())
_BEFORE_DOTS = lazy(rf"[{HAN}”》）]")  # dots after these are an ellipsis, not 1...10


def _balanced(text: str) -> bool:
    """Innermost pairs removed until none is left: balanced when no mark remains (C-speed passes)."""
    count = 1
    while count:
        text, count = _INNERMOST.subn("", text)
    return not _MARKS.search(text)


def _normalised(text: str) -> str:
    """A paragraph as its marks are paired: half-width brackets as full-width (width is
    punct.half-width's business), enumeration marks 「1）」 closing nothing."""
    text = text.replace("(", "（").replace(")", "）")
    if "）" in text:
        text = _ENUM.sub(lambda m: m.group(0)[:-1] + " ", text)
    return text


def _unbalanced(text: str) -> tuple[int, str] | None:
    """(index, mark) of the first mark that opens or closes nothing, None if all pair up."""
    text = _normalised(text)
    if _balanced(text):
        return None  # the usual paragraph; the scan below finds where the others go wrong
    stack: list[tuple[int, str]] = []
    for mark in _MARKS.finditer(text):  # only the marks, not every character
        i, char = mark.start(), mark.group()
        if char in _PAIRS:
            stack.append((i, char))
        elif char in _CLOSERS:
            if stack and stack[-1][1] == _CLOSERS[char]:
                stack.pop()
            else:
                return i, char
    return stack[0] if stack else None


def _unpaired_units(analysis) -> list[int]:
    """Indices of the units _unbalanced may find a mark in: the joined text reduced as
    _unbalanced reduces each unit (_normalised, innermost pairs removed), in a few passes over
    all the text instead of several per unit. Each pass is one pattern per pair opening with its
    mark, which `re` skips to at C speed (a pattern opening with a class steps through every
    position), and what is left is looked at with str.find."""
    joined = analysis.joined[0]
    text = joined.replace("(", "（").replace(")", "）")
    if _has_enum(text):
        text = _ENUM_JOINED.sub(lambda m: m.group(0)[:-1] + " ", text)
    count = 1
    while count:
        count = 0
        for opening, pair in zip(_PAIRS, _INNERMOST_EACH):
            if opening in text:  # str's search is far faster than re's literal one
                text, removed = pair.subn("", text)
                count += removed
        if not any(mark in text for mark in _MARK_CHARS):
            return []  # the usual draft: every mark paired, no need for a last pass finding none
    pieces = text.split("\x00")
    if len(pieces) != len(analysis.columns[1]):  # a NUL inside a unit's own text: look at every unit
        return list(range(len(analysis.columns[1])))
    return [k for k, piece in enumerate(pieces) if _MARKS.search(piece)]


def _has_enum(text: str) -> bool:
    """Whether _ENUM_JOINED matches: tried only at each 「）」 after a character it can end with."""
    if _ENUM_LAST.isdisjoint([piece[-1:] for piece in text.split("）")[:-1]]):
        return False  # the usual draft: no 「）」 follows a digit, a letter or 一…十 (one C-speed split)
    pos = text.find("）")
    while pos >= 0:
        if pos and text[pos - 1] in _ENUM_LAST:
            for start in (pos - 1, pos - 2):  # 「1）」「12）」
                match = _ENUM_JOINED.match(text, start) if start >= 0 else None
                if match and match.end() == pos + 1:
                    return True
        pos = text.find("）", pos + 1)
    return False


_ENUM_LAST = frozenset(
    "0123456789０１２３４５６７８９abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ一二三四五六七八九十"
)


@rule(
    "punct.unpaired",
    "warning",
    "引号、括号、书名号成对使用（“”（）《》〔〕【】）",
    basis=Basis(GBT15834, "5.1.3", "应", "引号、括号、书名号中的两部分标在相应项目的两端"),
)
def punct_unpaired(doc, ctx):
    """一段之内，“”（）《》〔〕【】应前后成对（半角括号与全角括号视为同一种，宽度由 punct.half-width 检查）。
    「1）」「一）」这种段首或分句开头的序号不算。引文分几段时每段开头用前引号、只在最后一段末尾用后引号
    （GB/T 15834-2011 4.8 引号的用法），所以一段以“开头、缺后引号、而下一段又以“开头时不报告。

    通过：深入推进“放管服”改革（见附件）。
    不通过：深入推进“放管服改革（见附件）。
    """
    texts = ctx.analysis.columns[1]
    for n in _unpaired_units(ctx.analysis):
        unit = ctx.analysis.unit(n)
        found = _unbalanced(unit.text)
        if not found:
            continue
        index, mark = found
        following = texts[n + 1] if n + 1 < len(texts) else ""
        if mark == "“" and unit.text.startswith("“") and following.startswith("“"):
            continue  # a quotation over several paragraphs
        kind = {"“": "引号", "”": "引号", "《": "书名号", "》": "书名号"}.get(mark, "括号")
        context = unit.text[max(0, index - 8) : index + 9]
        yield ctx.finding(unit.line, f"{kind}「{mark}」没有配对（「{context}」）")


@rule(
    "punct.ascii-quotes",
    "warning",
    '中文里用弯引号“”，不用直引号""',
    basis=Basis(GBT15834, "4.8.2", "应", "引号的形式有双引号“ ”和单引号‘ ’两种"),
)
def punct_ascii_quotes(doc, ctx):
    """中文里的引号用“”（‘’），不用键盘上的直引号 "。一段里成对的直引号、引号里有汉字时报告；西文里的
    直引号（He said "yes"）不算。fazhi check --fix 会改正。

    通过：新增“一件事一次办”政务服务事项50项。
    不通过：新增"一件事一次办"政务服务事项50项。
    """
    lines, texts = ctx.analysis.columns[:2]
    for index, match in ctx.analysis.scanned(_QUOTED_SCAN):
        if texts[index].count('"') % 2 == 0:
            yield ctx.finding(lines[index], f"中文里用了直引号：「{match.group(0)[:20]}」，应为“”")


@rule(
    "punct.dash",
    "warning",
    "破折号用「——」（两个一字线），不用「--」「－－」或单个「—」",
    basis=Basis(GBT15834, "4.10.2、5.1.4", "应", "破折号的形式是“——”……占两个字位置"),
)
def punct_dash(doc, ctx):
    """汉字之间的破折号是两个一字线「——」。报告「--」「－－」「──」「―」和汉字之间的单个「—」
    （数字之间的「—」是连接号：2021—2025年，不报告）。

    通过：法治政府建设——我们的使命
    不通过：法治政府建设--我们的使命、法治政府建设—我们的使命
    """
    for unit, match, base in ctx.analysis.scan_from(_DASH, dash_starts(ctx.analysis), _between_words):
        start = match.start() - base
        yield ctx.finding(
            unit.line, f"破折号写成了「{match.group(0)}」，应为「——」（「{unit.text[max(0, start - 6) : start + 8]}」）"
        )


def _between_words(joined: str, match) -> bool:
    """A dash between Chinese words: an ideograph or a closing mark before, an ideograph or an opening mark after."""
    start, end = match.start(), match.end()
    before = joined[start - 1] if start else ""
    after = joined[end] if end < len(joined) else ""
    return (is_han(before) or before in _BEFORE_DASH) and (is_han(after) or after in _AFTER_DASH)


_BEFORE_DASH, _AFTER_DASH = frozenset("”》）"), frozenset("“《（")


@rule(
    "punct.ellipsis",
    "warning",
    "省略号用「……」（两个「…」），不用「...」「。。。」或单个「…」",
    basis=Basis(GBT15834, "4.11.2、5.1.5", "应", "省略号的形式是“……”……占两个字位置"),
)
def punct_ellipsis(doc, ctx):
    """省略号是两个「…」（U+2026）：「……」。报告三个点「...」、三个句号「。。。」、三个顿号和单个「…」。

    通过：落实放管服、行政执法“三项制度”……
    不通过：落实放管服、行政执法“三项制度”...
    """
    for unit, match, base in ctx.analysis.scan_from(_ELLIPSIS, ellipsis_starts(ctx.analysis)):
        start = match.start() - base
        before = unit.text[start - 1] if start else ""
        if match.group(0).startswith(".") and not _BEFORE_DOTS.match(before):
            continue  # 1...10, code, Latin text
        yield ctx.finding(
            unit.line, f"省略号写成了「{match.group(0)}」，应为「……」（「{unit.text[max(0, start - 6) : start + 8]}」）"
        )


def dash_starts(analysis) -> tuple[str, ...]:
    """_DASH_STARTS but 「－－」 when the text lacks 「－」: str.find of one character is several times
    cheaper than of two (not so for 「─」, U+2500: str.find of a character whose low byte is 0 or a
    common ideograph's high byte steps through the text, and costs as much as 「──」's own find)."""
    joined = analysis.joined[0]
    return _DASH_STARTS if "－" in joined else _DASH_STARTS_BUT_FULL_WIDTH


_DASH_STARTS_BUT_FULL_WIDTH = tuple(start for start in _DASH_STARTS if start != "－－")


def ellipsis_starts(analysis) -> tuple[str, ...]:
    """How _ELLIPSIS's matches may start in this text: 「。。。」 and 「、、、」 only where a unit holds
    one of punct.doubled's pairs (「。。」「、、」 among them; found once for both rules)."""
    return _ELLIPSIS_STARTS + _DOTS if analysis.units_with(DOUBLED_PAIRS) else _ELLIPSIS_STARTS
