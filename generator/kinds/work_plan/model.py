"""法治政府建设工作要点 with its optional 印发通知; every item names its owners."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from generator.errors import SpecError, close_matches
from generator.kinds.common import Common, HeadingText, Imprint, Model, Names, Paragraphs, RecipientGroup


def _this_or(values: list, info: ValidationInfo, other: str, what: str) -> list:
    """A list that may be empty only when the field `other` (validated before it) has text."""
    if not values and not info.data.get(other):
        raise ValueError(f"至少需要 1 项，不能为空（或写{what}）")
    return values


class Item(Model):
    """工作要点中的一项任务。"""

    title: HeadingText = Field(min_length=1, description="任务标题（段首式），如「持续完善政府职能」；不含序号")
    text: str = Field(min_length=1, description="任务内容")
    lead: Names = Field(default_factory=list, description="牵头单位；可写 $组名 引用 units 中的单位组")
    responsible: Names = Field(default_factory=list, description="责任单位；可写 $组名 引用 units 中的单位组")
    deadline: str | None = Field(None, description="完成时限，如「2024年12月底」「长期坚持」")
    owners_line: str | None = Field(
        None,
        description="照原文保留的责任单位：另起一段的「责任单位：县司法局按职责分工负责。」照原文另起一段，"
        "句末的「〔…按职责分工负责〕」「（司法厅负责）」照原文接在正文后；写了就不再加「（牵头单位：…）」括号",
    )


class PlanPart(Model):
    """工作要点的一个部分（一级标题）。"""

    title: HeadingText = Field(min_length=1, description="一级标题，不含序号")
    area: str | None = Field(None, description="对应《纲要》的部分，如「三」")
    runin: bool = Field(False, description="一级标题是否段首式（「一、X。正文……」：标题后接 text 的第一段）")
    text: Paragraphs = Field(
        default_factory=list, description="标题下、任务之前的段落（如「总体要求」「指导思想」部分的正文）"
    )
    items: list[Item] = Field(default_factory=list, description="本部分的任务；没有正文（text）时至少一项")

    @field_validator("items")
    @classmethod
    def _items_or_text(cls, items: list, info: ValidationInfo) -> list:
        return _this_or(items, info, "text", "本部分的正文 text")


class NoticeHeader(Model):
    """版头（GB/T 9704 7.2）：发文机关标志、份号、密级、紧急程度。"""

    issuers: Names = Field(
        default_factory=list, description="发文机关标志用的机关名称；缺省为 issuer；联合行文写多个，主办机关在前"
    )
    file: bool = Field(False, description="发文机关标志是否加「文件」二字，如「茅箭区人民政府办公室文件」")
    copy_number: str | None = Field(
        None, pattern=r"^\d{6}$", description="份号：6位阿拉伯数字，如「000001」（涉密公文）"
    )
    secrecy: str | None = Field(None, description="密级和保密期限，如「秘密★1年」")
    urgency: str | None = Field(None, description="紧急程度：「特急」或「加急」")


def _header(value):
    """`header: true` is the default 版头; a mapping sets its parts."""
    if value is True:
        return {}
    return None if value is False else value


class Notice(Model):
    """印发通知。"""

    doc_number: str | None = Field(None, description="发文字号，如「茅政办发〔2024〕7号」")
    issuer: str = Field(min_length=1, description="发文机关，如「茅箭区人民政府办公室」，用于标题")
    title: str | None = Field(None, description="通知标题；缺省为「{发文机关}关于印发{工作要点标题}的通知」")
    book_marks: bool = Field(True, description="标题中工作要点名称是否加书名号《》")
    recipients: list[RecipientGroup] = Field(
        default_factory=list, description="主送机关；同类之间用顿号，不同类之间用逗号"
    )
    approval: str | None = Field(None, description="审议会议，如「区政府十届第39次常务会议」")
    body: Paragraphs | None = Field(None, description="通知正文；缺省按模板生成")
    signature: Names = Field(
        default_factory=list,
        description="署名，如「十堰市茅箭区人民政府办公室」（可不写）；"
        "联合行文写列表，各发文机关依次署名，主办机关在前",
    )
    date: dt.date | None = Field(None, description="成文日期，如 2024-04-23（可不写，不写则不印）")
    note: str | None = Field(None, description="附注，如「此件公开发布」")
    header: Annotated[NoticeHeader | None, BeforeValidator(_header)] = Field(
        None,
        description="版头：true 即按 GB/T 9704 排发文机关标志（红色小标宋）、发文字号和红色分隔线；"
        "也可写 {file: true, issuers: [...], copy_number: ..., secrecy: ..., urgency: ...}",
    )


class WorkPlan(Common):
    """法治政府建设工作要点（可附印发通知）。"""

    kind: Literal["work-plan"] = Field(description="文档类型：work-plan 工作要点")
    opening: Paragraphs = Field(default_factory=list, description="开头段落")
    units: dict[str, Names] = Field(default_factory=dict, description="单位组：名称 → 单位列表，任务中以 $名称 引用")
    parts: list[PlanPart] = Field(
        default_factory=list, description="各部分及任务；没有开头段落（opening）时至少一个部分"
    )

    @field_validator("parts")
    @classmethod
    def _parts_or_opening(cls, parts: list, info: ValidationInfo) -> list:
        return _this_or(parts, info, "opening", "开头段落 opening")

    closing: Paragraphs = Field(default_factory=list, description="结尾段落（可选）")
    notice: Notice | None = Field(None, description="印发通知（可选）")
    imprint: Imprint | None = Field(None, description="版记（可选）")


def resolve_units(plan: WorkPlan, loaded) -> None:
    """Replace $group references by their units; every item must name an owner."""
    problems = []
    for p_index, part in enumerate(plan.parts):
        for i_index, item in enumerate(part.items):
            base = ("parts", p_index, "items", i_index)
            for role in ("lead", "responsible"):
                units, missing = _expand_group(getattr(item, role), plan.units)
                for ref_index, name in missing:
                    close = close_matches(name, plan.units)
                    hint = f"，是否想写「${close[0]}」？" if close else "；请在 units 中定义它"
                    problems.append(loaded.problem(base + (role, ref_index), f"引用了未定义的单位组「${name}」{hint}"))
                object.__setattr__(item, role, units)
            if not item.lead and not item.responsible:
                problems.append(
                    loaded.problem(base, f"任务「{item.title}」没有写牵头单位（lead）或责任单位（responsible）")
                )
    if problems:
        raise SpecError(*problems)


def _expand_group(names: list[str], groups: dict[str, list[str]]) -> tuple[list[str], list[tuple[int, str]]]:
    """Expand $group entries, keep order, drop repeats; report undefined groups."""
    result: list[str] = []
    missing = []
    for index, name in enumerate(names):
        expanded = [name]
        if name.startswith("$"):
            if name[1:] not in groups:
                missing.append((index, name[1:]))
                continue
            expanded = groups[name[1:]]
        result.extend(unit for unit in expanded if unit not in result)
    return result, missing
