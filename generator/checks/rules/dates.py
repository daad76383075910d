"""The date of writing: its form, the report year, the publication deadline."""

from __future__ import annotations

import datetime as dt

from generator.lexicon import dates, lazy
from generator.tree import cn_date
from generator.tree import block_text
from ..registry import ARTICLE_PUBLICATION, Basis, GBT9704, REGULATION, rule

_YEAR = lazy(dates.YEAR_WORD)  # dates.LONE_YEAR_WORD's lookarounds are tested in lone_years
_RANGE_MARKS = frozenset(dates.RANGE_MARKS.replace("\\", ""))


def lone_years(text: str):
    """The matches of dates.LONE_YEAR_WORD (a year not in a range), its lookarounds tested in
    Python: their classes of far-apart characters cost more to compile than the search here."""
    for match in _YEAR.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isdecimal() or text[start - 1] in _RANGE_MARKS):
            continue
        if text[end:].lstrip()[:1] in _RANGE_MARKS:
            continue
        yield match


_WHY = {"chinese": "用了汉字数字", "numeric": "用了「.」「-」「/」分隔", "padded": "月、日编了虚位（前面补0）"}


def _dated(doc):
    for d in doc.all_documents():
        if d.date or d.date_text:
            yield d


@rule(
    "date.format",
    "warning",
    "成文日期用阿拉伯数字写全年月日，月、日不编虚位：2023年1月4日",
    basis=Basis(GBT9704, "7.3.5.4", "应", "用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即1不编为01）"),
)
def date_format(doc, ctx):
    """GB/T 9704-2012 7.3.5.4（成文日期中的数字）：成文日期用阿拉伯数字将年、月、日标全，年份标全称，月、日不编虚位。
    只看落款日期行。

    通过：2023年1月4日
    不通过：2023年01月04日、2023.1.4、2023-01-04、二〇二三年一月四日
    """
    for d in _dated(doc):
        text = d.date_text.strip()
        form = dates.form(text)
        if not text or form == "canonical":
            continue
        want = cn_date(d.date) if d.date else None
        why = _WHY.get(form, "写法不规范")
        hint = f"，应写作「{want}」" if want else "，应写作「2023年1月4日」的形式"
        yield ctx.finding(d.date_line, f"成文日期「{text}」{why}{hint}")


@rule("date.year-mismatch", "warning", "报告年度、成文日期和下一年度安排的年份应相互一致", basis=Basis())
def date_year_mismatch(doc, ctx):
    """年度报告写的是上一年：2022年度的报告成文于2023年，第四部分（下一年度安排）讲的是2023年。
    标题（「2022年度」）或正文给出报告年度；成文日期不在次年、或第四部分只提到别的年份时警告。
    工作要点：成文日期应在要点所属年度（或上一年12月）。

    通过：关于2022年度法治政府建设情况的报告 … 三、下一步工作 2023年，我们将…… 落款 2023年1月4日
    不通过：关于2022年度法治政府建设情况的报告 … 落款 2022年1月4日；或第四部分写「2024年，我们将……」
    """
    year = ctx.report_year
    if not year:
        return
    if ctx.is_a("work-plan"):
        for d in _dated(doc):
            if d.date and not (d.date.year == year or (d.date.year == year - 1 and d.date.month == 12)):
                yield ctx.finding(d.date_line, f"工作要点是{year}年的，成文日期却是{cn_date(d.date)}")
        return
    for d in _dated(doc):
        if d.date and d.date.year != year + 1:
            yield ctx.finding(d.date_line, f"这是{year}年度的报告，成文日期应在{year + 1}年，实际为{cn_date(d.date)}")
    hit = ctx.parts.get("4")
    if not hit or not hit.found or hit.index is None:
        return
    blocks = [ctx.body.blocks[hit.index]] + ctx.analysis.section(hit.index)
    mentions = []
    for block in blocks:
        text = block_text(block)
        for match in lone_years(text):
            mentions.append((int(match.group(1)), getattr(block, "line", 0)))
    if not mentions or any(y == year + 1 for y, _ in mentions):
        return
    wrong = [(y, line) for y, line in mentions if y != year]
    if wrong:
        y, line = wrong[0]
        yield ctx.finding(line, f"第四部分（下一年度安排）应写{year + 1}年的安排，这里写的是{y}年")


@rule(
    "date.deadline",
    "warning",
    "年度报告应在次年4月1日前公开（日期可在 profile 中配置）",
    basis=Basis(
        REGULATION,
        ARTICLE_PUBLICATION,
        "应",
        "每年4月1日之前，地方各级政府和县级以上政府部门的法治政府建设年度报告，除涉及党和国家秘密的，应当通过报刊、网站等新闻媒体向社会公开",
    ),
    kinds=("annual-report",),
    month=4,
    day=1,
)
def date_deadline(doc, ctx):
    """《法治政府建设与责任落实督察工作规定》第二十四条：每年4月1日之前通过报刊、网站等向社会公开
    上一年度的法治政府建设年度报告。成文日期晚于次年的截止日期（默认4月1日，参数 month/day，
    有的省要求部门3月1日前）时警告。

    通过：2022年度报告，落款 2023年3月31日
    不通过：2022年度报告，落款 2023年5月8日
    """
    year = ctx.report_year
    month, day = int(ctx.params.get("month", 4)), int(ctx.params.get("day", 1))
    for d in _dated(doc):
        if not d.date:
            continue
        base = year + 1 if year else d.date.year
        deadline = dt.date(base, month, day)
        if d.date > deadline:
            yield ctx.finding(d.date_line, f"成文日期{cn_date(d.date)}晚于公开期限（{base}年{month}月{day}日前）")
