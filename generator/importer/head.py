"""The head and the closing of a draft as spec data: who reports, the year, title, 文号, 主送, 落款, 版记."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.lexicon import dates, lazy
from generator.importer.emit import Comments
from generator.tree import Document

if TYPE_CHECKING:
    from generator.checks.analysis import Analysis

_YEAR = lazy(dates.YEAR_WORD)


@dataclass
class Context:
    """What the builders share: the draft, the analysis, where comments and guesses go."""

    doc: Document
    analysis: Analysis
    comments: Comments
    guesses: list[str] = field(default_factory=list)
    web_copy: bool = False
    task_table: bool = False  # a work plan's draft carried a 任务分工表 attachment

    def guess(self, path: tuple, comment: str, message: str = "") -> None:
        """An inferred value: a comment in the YAML, and a line for the terminal."""
        if path:
            self.comments.note(path, comment)
        self.guesses.append(message or comment)


def jurisdiction(ctx: Context, body: Document, department: bool = False) -> dict:
    """name, full_name and level of the sending body (read.sender), each marked as inferred."""
    from generator.read.sender import sender

    found = sender(ctx.doc)
    if found is None:
        return _unknown_jurisdiction(ctx, department)
    what = "报告部门" if found.department else "报告机关"
    ctx.guess(("jurisdiction", "name"), f"推断自{found.where}", f"{what}「{found.full}」：推断自{found.where}")
    out = {"name": found.name}
    if found.name != found.full:
        out["full_name"] = found.full
    if department and not found.department:
        level = "department"  # a department's report named after its place only: the kind decides
    else:
        level = found.level
    out["level"] = level
    if level != "department":
        ctx.guess(("jurisdiction", "level"), f"推断自名称「{found.name}」", f"层级 {level}：推断自名称「{found.name}」")
    return out


def _unknown_jurisdiction(ctx: Context, department: bool = False) -> dict:
    if department:  # the kind says department: a department's level whatever its name
        ctx.guess(
            ("jurisdiction", "name"),
            "未能从标题、落款或开头读出，请改为本部门名称",
            "标题、落款和开头一句中都没有找到报告部门的名称：请在 jurisdiction 中填写",
        )
        return {"name": "本部门", "level": "department"}
    ctx.guess(
        ("jurisdiction", "name"),
        "未能从标题、落款或开头读出，请改为本地名称",
        "标题、落款和开头一句中都没有找到报告机关的名称：请在 jurisdiction 中填写",
    )
    ctx.guess(("jurisdiction", "level"), "请核对")
    return {"name": "本地", "level": "county"}


def report_year(ctx: Context, body: Document, report: bool) -> int:
    """The year reported on (or planned for), marked with where it was read (never today's date:
    a draft naming no year at all gets the year of its 成文日期, else a comment asking for it)."""
    year = ctx.analysis.report_year
    where = "标题" if _YEAR.search(body.title or ctx.doc.title) else "正文或成文日期"
    if year is None:
        import datetime as dt

        year = dt.date.today().year - (1 if report else 0)
        ctx.guess(("year",), "原文中没有任何年份：请填写所报告的年度", f"原文中没有任何年份：年度暂填 {year}，请核对")
        return year
    ctx.guess(("year",), f"推断自{where}", f"年度 {year}：推断自{where}")
    return year


def groups(text: str) -> list[list[str]]:
    """主送 or 抄送 as groups: 、 inside a group, ，between groups."""
    out = []
    for group in re.split(r"[，,]", text):
        names = [n.strip() for n in re.split(r"[、]", group) if n.strip()]
        if names:
            out.append(names)
    return out


def closing(ctx: Context, doc: Document, data: dict, prefix: tuple = ()) -> None:
    """issuers (or signature), date, note and 版记 into `data`."""
    if doc.date:
        data["date"] = doc.date
    elif doc.date_text:
        ctx.guess(prefix, "", f"第{doc.date_line}行的成文日期「{doc.date_text}」不是有效日期，没有导入")
    if doc.notes:
        data["note"] = "；".join(doc.notes)
        if len(doc.notes) > 1:
            ctx.guess(prefix + ("note",), "原文有多条附注，已合为一条")


def imprint(doc: Document) -> dict | None:
    """版记 as spec data."""
    found = next((d.imprint for d in doc.all_documents() if d.imprint), None)
    if not found:
        return None
    out: dict = {}
    if found.cc:
        out["cc"] = [part.strip() for part in re.split(r"[，,]", found.cc) if part.strip()]
    if found.printer:
        out["printer"] = found.printer
    if found.print_date:
        out["print_date"] = found.print_date
    return out or None
