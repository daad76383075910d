"""Numbers that contradict each other: a 同比 claim against the spec's figures, and one count
given two different values in the same draft."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import compress
from operator import itemgetter

from generator.lexicon import dates, lazy, numbers
from generator.lexicon.chars import DIGITS, all_han, is_han
from ..registry import Basis, rule
from ..scanner import shared_scan

_NUMBER = lazy(r"\d+(?:\.\d+)?")
_SENTENCE_END = lazy(r"[。；！？;!?]")
_UP = set("增长 增加 上升 提高 提升 多".split())
# What a count is counted in; rates (%) and money ranges are left out on purpose.
_UNITS = numbers.alternation(numbers.COUNTS, numbers.MONEY[:2])
_CLAIM = lazy(
    rf"(?:同比|较上年|比上年|较去年|比去年|与上年相比|与去年相比|较\s*{dates.YEAR}\s*年|比\s*{dates.YEAR}\s*年)(?:同期)?[，,]?\s*"
    rf"(?:(持平)|(增长|增加|上升|提高|提升|多|下降|减少|降低|少|下滑)了?\s*({numbers.NUMBER})\s*(%|％|{numbers.POINTS}|{_UNITS})?)"
)
# The count ends its clause (a magnitude belongs to the unit: 3.5万人次): in 「第17届3次常务会议」「142个人民调解委员会」 the number is not a count.
# It starts with a digit as drafts type them (lexicon DIGITS): a class of two ranges is tested faster than \d
# at each of the text's characters. Possessive quantifiers and `(?:…|)` for `(?:…)?`: no unit starts with a
# digit, a space, 余 or 多, so giving characters back cannot help a match, and `re` spares the attempt.
# Groups: the number, the four characters before it (where a label ends: _candidates; an amount fewer
# than four characters into the text has no label and is left out), the unit.
_AMOUNT = lazy(
    rf"([{DIGITS}](?<![\d.]\d)(?<=((?s:....)).)\d*+(?:\.\d++|))\s*+(?:余|多)?+\s*+((?:万|亿)?(?:{_UNITS}))"
    r"(?=[，。；：、）)”,;:!?！？\s\x00]|$)"
)  # \x00: a unit's end in the joined text
_AMOUNTS = shared_scan("figures.amount", _AMOUNT)
_SEPARATOR = lazy(r"[，。；：、（）“”‘’《》〈〉【】,;:()\[\]!?！？\s]")  # what ends a label (_label)
# Leading words that do not change what is counted (全年办理… = 办理…).
_FILLER = lazy(
    r"^(?:全年|今年|年内|本年度|当年|共计|累计|总计|共|合计|其中|已|均|依法|全区|全市|全县|全省|我区|我市|我县|"
    r"区本级|市本级|县本级)+"
)
# Words between what is counted and its number (案件共计135件 = 案件135件); suffix tests are
# str.endswith, far cheaper than a `…$` regex searched from every position.
_TRAILING = ("共计", "总计", "累计", "合计", "共", "达到", "达", "为", "计")
_TRAILING_ENDS = frozenset(word[-1] for word in _TRAILING)  # a set test first: cheaper than endswith
# A number after these is a change, a rank, a limit or an estimate, not the count itself.
_NOT_A_COUNT = (
    "增长",
    "增加",
    "上升",
    "提高",
    "提升",
    "减少",
    "下降",
    "降低",
    "压缩",
    "缩短",
    "压减",
    "多",
    "少",
    "第",
    "前",
    "后",
    "近",
    "超过",
    "超",
    "不少于",
    "不低于",
    "至少",
    "约",
    "逾",
    "每",
    "各",
    "至",
    "到",
    "内",
    "比",
    "较",
)


@rule(
    "figures.claim",
    "warning",
    "「同比增长12.5%」「较上年增加3项」等说法应与数据文件中该数字的今年数和上年数一致",
    basis=Basis(),
)
def figures_claim(doc, ctx):
    """数据文件（YAML）中的数字写了上年数（previous，或 render --previous 取自上年的数据文件）时，
    正文里紧跟在该数字之后的「同比增长12.5%」「较上年增加3项」「同比提高1.2个百分点」「与上年持平」
    要与今年数、上年数算出的结果一致（百分比按所写的小数位四舍五入比较）。
    直接写 {{ figures.名称.percent }} / {{ figures.名称.change }} 就不会写错。Word / 文本草稿没有上年数，不检查。

    通过：办理行政复议案件135件，同比增长12.5%（今年135，上年120）
    不通过：办理行政复议案件135件，同比增长15%（今年135，上年120：应为增长12.5%）
    """
    figures = _figures(doc)
    if not figures:
        return
    for unit in ctx.analysis.units:
        for sentence in _SENTENCE_END.split(unit.text):
            for claim in _CLAIM.finditer(sentence):
                named = _nearest_figure(sentence[: claim.start()], figures)
                wrong = _disagreement(claim, *named) if named else None
                if wrong:
                    yield ctx.finding(unit.line, wrong)


def _figures(doc) -> dict:
    """The spec's figures as the reader left them in the tree (api.read_any, YAML drafts only)."""
    for d in doc.all_documents():
        found = (d.facts or {}).get("figures")
        if found:
            return found
    return {}


def _nearest_figure(before: str, figures: dict):
    """(name, figure) written as the last number before the claim; None when that number is
    not a figure (「…135件，县级领导接访524人次，同比上升28%」 speaks of the 524)."""
    numbers = list(_NUMBER.finditer(before))
    if not numbers:
        return None
    last = numbers[-1]
    for name, figure in figures.items():
        shown = figure["text"] + (figure.get("unit") or "")  # 「135件」, 「2.4万元」
        if figure["text"].startswith(last.group(0)) and before.startswith(shown, last.start()):
            return name, figure
    return None


def _disagreement(claim: re.Match, name: str, figure: dict) -> str | None:
    """The message when the claim does not follow from this year's and last year's values."""
    from decimal import Decimal  # here: only a YAML spec's figures get this far (start-up)

    from generator.kinds import yoy

    if figure.get("previous") is None:
        return None
    try:
        pair = yoy.Pair.of(figure["value"], figure["previous"], figure.get("unit") or "")
    except ValueError:
        return None
    unit = figure.get("unit") or ""
    if claim.group(1):  # 持平
        expected, claimed, tolerance, kind = pair.delta, Decimal(0), Decimal(0), "change"
    else:
        claimed = Decimal(claim.group(3)) * (1 if claim.group(2) in _UP else -1)
        tolerance = Decimal(5) / (Decimal(10) ** (_decimals(claim.group(3)) + 1))
        if claim.group(4) and claim.group(4) not in ("%", "％", "个百分点", unit):
            return None  # 「同比增加3人」 after a figure counted in 件 speaks of something else
        if claim.group(4) in ("%", "％"):
            if pair.previous == 0:
                return None
            expected, kind = pair.delta / pair.previous * 100, "percent"
        else:  # an amount, or 个百分点 of a rate: both are this year minus last year
            expected, kind = pair.delta, "change"
    if abs(expected - claimed) <= tolerance:
        return None
    right = pair.percent_text() if kind == "percent" else pair.change_text()
    last = f"{figure['previous_text']}{unit}"
    return (
        f"「{claim.group(0).strip()}」与数字 {name} 不符：今年{figure['text']}{unit}，上年{last}，应为「{right}」"
        f"（可写 {{{{ figures.{name}.{kind} }}}}）"
    )


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


@rule("figures.conflict", "warning", "同一事项的数字全文应一致：同一说法不能一处写135件、另一处写153件", basis=Basis())
def figures_conflict(doc, ctx):
    """同一篇草稿里，同一说法后面跟着的数字应当一致。「说法」是数字前、上一个标点之后的文字
    （开头的「全年」「共」「累计」「其中」等不算），单位也相同时才比较；比率（%）、「增加」「下降」后的
    增减数不比较。常见于改稿时只改了一处。

    通过：全年办理行政复议案件135件。……行政复议案件135件，均在法定期限内审结。
    不通过：全年办理行政复议案件135件。……共办理行政复议案件153件。
    """
    analysis = ctx.analysis
    joined, starts = analysis.joined
    lines = analysis.columns[0]
    seen: dict[tuple[str, str], tuple[str, int, str]] = {}
    reported = set()
    for index, match, window in _candidates(analysis):
        label = _label(window)
        if not label:
            continue
        key = (label, match.group(3))
        value = match.group(1)
        first = seen.setdefault(key, (value, lines[index], match.group(0)))
        if first[0] != value and key not in reported:
            reported.add(key)
            where = f"第{first[1]}行" if first[1] else "前文"
            yield ctx.finding(lines[index], f"「{label}」{where}写作{first[2]}，这里是{match.group(0)}：请核对")


def _candidates(analysis) -> list[tuple[int, re.Match, str]]:
    """(unit index, match, text before it) of the amounts whose label may have two values.

    A conflict needs one (label, unit) with two values. Equal labels end alike, so the amounts
    are first grouped by their unit and the four characters before them (those that end their
    label whenever it has one: _label needs four in the unit; trailing words cut, _label_end),
    in C over the matches' groups: only a group holding two values needs labels (the costly part).
    Amounts left out of the count (_NOT_COUNTED) are grouped too: more candidates, same findings."""
    joined, starts = analysis.joined
    found = analysis.matches(_AMOUNTS)  # the text rules' pass of this pattern (checks/scanner.py)
    groups = list(map(_GROUPS, found))  # (number, four characters before, unit)
    if not _TRAILING_ENDS.isdisjoint(map(_LAST, map(_BEFORE, groups))):  # seldom
        _cut_trailing(joined, starts, found, groups)
    keys = list(map(_KEY, groups))
    distinct = set(groups)
    if len(distinct) == len(set(keys)):  # no group holds two values
        return []
    twice = {key for key, count in Counter(map(_KEY, distinct)).items() if count > 1}
    wheres = analysis.columns[2]
    out = []
    for match in compress(found, map(twice.__contains__, keys)):
        start = match.start()
        index = bisect_right(starts, start) - 1
        if wheres[index] not in _NOT_COUNTED:
            out.append((index, match, joined[max(starts[index], start - _LABEL_WINDOW) : start]))
    return out


def _cut_trailing(joined: str, starts: list[int], found: list[re.Match], groups: list[tuple]) -> None:
    """The groups of amounts after a trailing word (案件共计135件): the four characters before the word."""
    for k, (value, before, unit) in enumerate(groups):
        if before[-1] in _TRAILING_ENDS:
            start = found[k].start()
            first = starts[bisect_right(starts, start) - 1]
            if joined.endswith(_TRAILING, first, start):
                end = _label_end(joined, first, start)
                groups[k] = (value, joined[end - 4 : end], unit)


def _label_end(text: str, first: int, end: int) -> int:
    """Where _label's label of text[first:end] ends, whenever it finds one: the trailing words
    cut as it cuts them (str.endswith with bounds: no slices)."""
    while text.endswith(_TRAILING, first, end):
        end -= next(len(w) for w in _TRAILING if text.endswith(w, first, end))
    return end


_NOT_COUNTED = frozenset(("title", "date", "signature", "doc_number"))
_GROUPS, _BEFORE, _LAST, _KEY = re.Match.groups, itemgetter(1), itemgetter(-1), itemgetter(1, 2)
_LABEL_WINDOW = 60  # a label is the words since the last punctuation: never longer than this


def _label(before: str) -> str:
    """What is being counted: the words since the last punctuation, filler stripped; '' if unclear."""
    last = _SEPARATOR.search(before[::-1])  # the last separator: the first in the reversed text
    text = before[len(before) - last.start() :] if last else before
    while text.endswith(_TRAILING):
        text = text[: -next(len(w) for w in _TRAILING if text.endswith(w))]
    if not text or text.endswith(_NOT_A_COUNT) or "第" in text or "届" in text:
        return ""
    filler = _FILLER.match(text)  # anchored: at most one match, at the start
    if filler:
        text = text[filler.end() :]
    if len(text) < 4:
        return ""
    if all_han(text):  # the usual label, all Han: no need to count them
        return text
    return text if sum(map(is_han, text)) >= 4 else ""
