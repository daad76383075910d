"""The spec models: what a jurisdiction writes in YAML, validated, with Chinese help per field."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _paragraphs(value):
    """Accept one string (lines become paragraphs) or a list of strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def _listify(value):
    """Accept one string where a list is expected."""
    return [value] if isinstance(value, str) else value


def _number_or_text(value):
    """A figure's value: a number or a short text such as 「2.4万」."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("数字的值应为数值或文字，如 50、2.4、「2.4万」")
    return value


Paragraphs = Annotated[list[str], BeforeValidator(_paragraphs)]
Names = Annotated[list[str], BeforeValidator(_listify)]
# A recipient group: names of one kind joined by 、; groups joined by ，
RecipientGroup = Annotated[list[str], BeforeValidator(_listify)]


class Model(BaseModel):
    """Base: unknown keys are errors, values are checked strictly enough for clerks."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


Level = Literal["province", "city", "county", "district", "township", "street", "zone", "department"]


class Jurisdiction(Model):
    """报告机关。"""

    name: str = Field(min_length=1, description="简称，如「开福区」「牡丹江市」")
    full_name: str | None = Field(None, description="全称，如「长沙市开福区」；缺省同简称")
    level: Level = Field(description="层级：province 省 / city 市 / county 县 / district 区 / township 乡镇 / "
                                     "street 街道 / zone 开发区 / department 政府部门")

    @property
    def display_name(self) -> str:
        """Full name if given, else the short name."""
        return self.full_name or self.name


class Figure(Model):
    """一个可在正文中以 {{ figures.名称 }} 引用的数字。"""

    value: Annotated[Any, BeforeValidator(_number_or_text)] = Field(description="数值，如 50、2.4、「2.4万」")
    unit: str = Field("", description="单位，如「项」「件」「%」")
    label: str = Field("", description="说明，如「新增“一件事一次办”政务服务事项」")

    def __str__(self) -> str:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    @property
    def full(self) -> str:
        """Value followed by its unit."""
        return f"{self}{self.unit}"


class Section(Model):
    """带标题的一组内容（如「（一）依法全面履行政府职能」或「1.打造一流法治化营商环境」）。"""

    title: str = Field(min_length=1, description="标题文字，不含序号（序号自动生成）")
    area: str | None = Field(None, description="对应《法治政府建设实施纲要》的部分，如「二」；缺省时按关键词归类")
    text: Paragraphs = Field(default_factory=list, description="正文段落；一段一行或列表。标题段首式时第一段接在标题后")
    items: list["Section"] = Field(default_factory=list, description="下一级小标题")
    runin: bool | None = Field(None, description="是否段首式标题（标题后接正文）；缺省按 style.runin_levels")


class Part(Model):
    """报告的一个部分（一级标题）。"""

    heading: str | None = Field(None, description="一级标题文字，不含序号；缺省用法定表述")
    text: Paragraphs = Field(default_factory=list, description="标题下的导语段落")
    points: list[str] = Field(default_factory=list, description="逐条列举的要点，自动加「一是」「二是」……")
    points_inline: bool = Field(False, description="要点是否写在同一段（以分号连接），否则每条一段")
    sections: list[Section] = Field(default_factory=list, description="二级标题及其内容")
    closing: Paragraphs = Field(default_factory=list, description="各小标题之后的结尾段落")


class Shortcomings(Part):
    """存在的不足和原因。"""

    causes: Paragraphs = Field(default_factory=list, description="原因分析段落（可选）")


class Imprint(Model):
    """版记：抄送、印发机关和印发日期。"""

    cc: Names = Field(default_factory=list, description="抄送机关")
    printer: str | None = Field(None, description="印发机关")
    print_date: dt.date | None = Field(None, description="印发日期，如 2023-01-05")


class Style(Model):
    """版式选项。"""

    runin_levels: list[Literal[1, 2, 3, 4]] = Field([3], description="哪些标题层级为段首式（标题后接正文），如 [3] 或 [2, 3]")
    heading3_bold: bool = Field(False, description="三级标题「1.」是否加粗（国标不要求，常见做法）")
    fonts: Literal["gb2312", "gbk"] = Field("gb2312", description="字体方案：gb2312（仿宋_GB2312 等）或 gbk（仿宋 等）")


class Common(Model):
    """Fields every document kind shares."""

    jurisdiction: Jurisdiction = Field(description="报告机关")
    year: int = Field(ge=2000, le=2100, description="所报告（或部署）的年度，如 2022")
    title: str | None = Field(None, description="标题；缺省按模板生成")
    figures: dict[str, Figure] = Field(default_factory=dict, description="具名数字，正文中写 {{ figures.名称 }}")
    style: Style = Field(default_factory=Style, description="版式选项")


class AnnualReport(Common):
    """法治政府建设年度报告。"""

    kind: Literal["annual-report"] = Field(description="文档类型：annual-report 年度报告")
    doc_number: str | None = Field(None, description="发文字号，如「牡政呈〔2023〕4号」")
    signer: str | None = Field(None, description="签发人（上行文）")
    recipients: list[RecipientGroup] = Field(min_length=1, description="主送机关；同类之间用顿号，不同类之间用逗号")
    opening: Paragraphs | None = Field(None, description="开头段落；缺省按模板生成")
    leading_parts: list[Part] = Field(default_factory=list, description="放在法定五部分之前的部分，如「学习贯彻党的二十大精神」")
    measures: Part = Field(description="第一部分：上一年度推进法治政府建设的主要举措和成效")
    shortcomings: Shortcomings = Field(description="第二部分：存在的不足和原因")
    leadership: Part | None = Field(None, description="第三部分：党政主要负责人履行推进法治建设第一责任人职责情况")
    next_year: Part = Field(description="第四部分：下一年度推进法治政府建设的主要安排")
    other: Part | None = Field(None, description="第五部分：其他需要报告的情况")
    issuers: Names = Field(min_length=1, description="署名机关（一个或多个）")
    date: dt.date = Field(description="成文日期，如 2023-01-04")
    note: str | None = Field(None, description="附注，如「此件公开发布」")
    imprint: Imprint | None = Field(None, description="版记（可选）")


class Item(Model):
    """工作要点中的一项任务。"""

    title: str = Field(min_length=1, description="任务标题（段首式），如「持续完善政府职能」")
    text: str = Field(min_length=1, description="任务内容")
    lead: Names = Field(default_factory=list, description="牵头单位；可写 $组名 引用 units 中的单位组")
    responsible: Names = Field(default_factory=list, description="责任单位；可写 $组名 引用 units 中的单位组")
    deadline: str | None = Field(None, description="完成时限，如「2024年12月底」「长期坚持」")


class PlanPart(Model):
    """工作要点的一个部分（一级标题）。"""

    title: str = Field(min_length=1, description="一级标题，不含序号")
    area: str | None = Field(None, description="对应《纲要》的部分，如「三」")
    items: list[Item] = Field(min_length=1, description="本部分的任务")


class Notice(Model):
    """印发通知。"""

    doc_number: str | None = Field(None, description="发文字号，如「茅政办发〔2024〕7号」")
    issuer: str = Field(min_length=1, description="发文机关，如「茅箭区人民政府办公室」，用于标题")
    title: str | None = Field(None, description="通知标题；缺省为「{发文机关}关于印发{工作要点标题}的通知」")
    book_marks: bool = Field(True, description="标题中工作要点名称是否加书名号《》")
    recipients: list[RecipientGroup] = Field(min_length=1, description="主送机关；同类之间用顿号，不同类之间用逗号")
    approval: str | None = Field(None, description="审议会议，如「区政府十届第39次常务会议」")
    body: Paragraphs | None = Field(None, description="通知正文；缺省按模板生成")
    signature: str = Field(min_length=1, description="署名，如「十堰市茅箭区人民政府办公室」")
    date: dt.date = Field(description="成文日期，如 2024-04-23")
    note: str | None = Field(None, description="附注，如「此件公开发布」")


class WorkPlan(Common):
    """法治政府建设工作要点（可附印发通知）。"""

    kind: Literal["work-plan"] = Field(description="文档类型：work-plan 工作要点")
    opening: Paragraphs = Field(default_factory=list, description="开头段落")
    units: dict[str, Names] = Field(default_factory=dict, description="单位组：名称 → 单位列表，任务中以 $名称 引用")
    parts: list[PlanPart] = Field(min_length=1, description="各部分及任务")
    closing: Paragraphs = Field(default_factory=list, description="结尾段落（可选）")
    notice: Notice | None = Field(None, description="印发通知（可选）")
    imprint: Imprint | None = Field(None, description="版记（可选）")


SPEC_KINDS: dict[str, type[Common]] = {"annual-report": AnnualReport, "work-plan": WorkPlan}
Spec = Union[AnnualReport, WorkPlan]
