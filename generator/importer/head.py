"""The head and the closing of a draft as spec data: who reports, the year, title, 文号, 主送, 落款, 版记."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.lexicon import dates, lazy, statutory
from generator.lexicon.chars import HAN
from generator.importer.emit import Comments
from generator.tree import Document

if TYPE_CHECKING:
    from generator.checks.analysis import Analysis

# One administrative unit: a name and its suffix (the shortest name that reaches a suffix wins).
_UNIT = rf"[{HAN}]{{1,12}}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|地区|县|旗|开发区|新区|园区|区|乡|镇|街道)"
_PLACE = lazy(f"(?:{_UNIT})+")
_UNIT_RE = lazy(_UNIT)
_LEVELS = (("街道", "street"), ("开发区", "zone"), ("新区", "zone"), ("园区", "zone"), ("自治区", "province"),
           ("特别行政区", "province"), ("省", "province"), ("自治州", "city"), ("州", "city"), ("盟", "city"),
           ("地区", "city"), ("市", "city"), ("自治县", "county"), ("县", "county"), ("旗", "county"),
           ("区", "district"), ("乡", "township"), ("镇", "township"))
_YEAR = lazy(dates.YEAR_WORD)
_PARTY = lazy(r"^(?:中共|中国共产党)")
_ORGAN = lazy(r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|委员会|党委|党工委|委|办事处|管委会|管理委员会)$")
_DEPARTMENT = lazy(statutory.DEPARTMENT_END)
_TITLE_WHO = (lazy(r"^(?P<who>[^关]{2,40}?)关于"), lazy(rf"关于(?P<who>.{{2,30}}?)(?:{dates.YEAR}|二〇)"),
              lazy(rf"{dates.YEAR_WORD}度?(?P<who>.{{2,30}}?)法治"))


@dataclass
class Context:
    """What the builders share: the draft, the analysis, where comments and guesses go."""

    doc: Document
    analysis: Analysis
    comments: Comments
    guesses: list[str] = field(default_factory=list)
    web_copy: bool = False
    task_table: bool = False     # a work plan's draft carried a 任务分工表 attachment

    def guess(self, path: tuple, comment: str, message: str = "") -> None:
        """An inferred value: a comment in the YAML, and a line for the terminal."""
        if path:
            self.comments.note(path, comment)
        self.guesses.append(message or comment)


def place_of(text: str) -> str:
    """The place a name starts with: 「长沙市开福区人民政府」→「长沙市开福区」."""
    text = _PARTY.sub("", text.replace("\n", "").strip())
    match = _PLACE.match(text)
    return match.group() if match else ""


def level_of(place: str) -> str | None:
    for suffix, level in _LEVELS:
        if place.endswith(suffix):
            return level
    return None


def jurisdiction(ctx: Context, body: Document, department: bool = False) -> dict:
    """name, full_name and level from the title and the last signature, each marked as inferred."""
    titles = [d.title.replace("\n", "") for d in ctx.doc.all_documents() if d.title]
    signatures = [s for d in ctx.doc.all_documents() for s in d.signatures]
    found = []  # (full name, where)
    for title in titles:
        for pattern in _TITLE_WHO:
            match = pattern.search(title)
            if match and (place_of(match.group("who")) or (department and _DEPARTMENT.search(match.group("who")))):
                found.append((_who(match.group("who"), department), "标题"))
                break
    for signature in reversed(signatures):
        who = _who(signature, department)
        if who:
            found.append((who, "落款"))
            break
    if not found:
        return _unknown_jurisdiction(ctx)
    full, where = max(found, key=lambda f: len(f[0]))
    if department:
        return _department(ctx, full, where)
    units = _UNIT_RE.findall(full)
    name = units[-1] if units else full
    out = {"name": name}
    ctx.guess(("jurisdiction", "name"), f"推断自{where}", f"报告机关「{full}」：推断自{where}")
    if name != full:
        out["full_name"] = full
    level = level_of(name) or "county"
    out["level"] = level
    ctx.guess(("jurisdiction", "level"), f"推断自名称「{name}」" if level_of(name) else "未能判断层级，请核对",
              f"层级 {level}：推断自名称「{name}」")
    return out


def _who(text: str, department: bool) -> str:
    """The reporting body's name in a title fragment or signature, without 中共/人民政府."""
    text = text.replace("\n", "").strip()
    if department and _DEPARTMENT.search(text) and not _ORGAN.search(text.replace("办公室", "")):
        return _PARTY.sub("", text)
    return place_of(_ORGAN.sub("", text) or text)


def _department(ctx: Context, full: str, where: str) -> dict:
    """「示例县司法局」→ name「县司法局」, full_name「示例县司法局」."""
    place = place_of(full)
    tail = full[len(place):]
    unit = _UNIT_RE.findall(place)[-1] if place else ""
    suffix = next((s for s, _ in _LEVELS if unit.endswith(s)), "")
    name = suffix + tail if tail and suffix else full
    ctx.guess(("jurisdiction", "name"), f"推断自{where}", f"报告部门「{full}」：推断自{where}")
    out = {"name": name}
    if name != full:
        out["full_name"] = full
    out["level"] = "department"
    return out


def _unknown_jurisdiction(ctx: Context) -> dict:
    ctx.guess(("jurisdiction", "name"), "未能从标题或落款读出，请改为本地名称",
              "标题和落款中都没有找到报告机关的名称：请在 jurisdiction 中填写")
    ctx.guess(("jurisdiction", "level"), "请核对")
    return {"name": "本地", "level": "county"}


def report_year(ctx: Context, body: Document, report: bool) -> int:
    """The year reported on (or planned for), marked with where it was read."""
    import datetime as dt

    year = ctx.analysis.report_year
    where = "标题" if _YEAR.search(body.title or ctx.doc.title) else "正文或成文日期"
    if year is None:
        today = dt.date.today().year
        year = today - 1 if report else today
        where = "今天的日期（原文中没有年份）"
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
