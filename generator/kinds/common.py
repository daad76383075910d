"""The spec building blocks every document kind shares, validated, with Chinese help per field."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from generator.numbering import read_number


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


def _unnumbered(value: str) -> str:
    """A heading typed with its number (「（一）…」) would be printed 「（一）（一）…」: refuse it."""
    found = read_number(value)
    if found and value[len(found[2]):].strip():
        raise ValueError(f"标题不要写序号「{found[2]}」：序号由程序自动生成，请删去")
    return value


Paragraphs = Annotated[list[str], BeforeValidator(_paragraphs)]
# A heading's text: never its number.
HeadingText = Annotated[str, AfterValidator(_unnumbered)]
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

    title: HeadingText = Field(min_length=1, description="标题文字，不含序号（序号自动生成；写了序号是错误）")
    area: str | None = Field(None, description="对应《法治政府建设实施纲要》的部分，如「二」；缺省时按关键词归类")
    text: Paragraphs = Field(default_factory=list, description="正文段落；一段一行或列表。标题段首式时第一段接在标题后")
    items: list["Section"] = Field(default_factory=list, description="下一级小标题")
    runin: bool | None = Field(None, description="是否段首式标题（标题后接正文）；缺省按 style.runin_levels")


class Part(Model):
    """报告的一个部分（一级标题）。"""

    heading: HeadingText | None = Field(None, description="一级标题文字，不含序号；缺省用法定表述")
    text: Paragraphs = Field(default_factory=list, description="标题下的导语段落")
    points: list[str] = Field(default_factory=list, description="逐条列举的要点，自动加「一是」「二是」……")
    points_inline: bool = Field(False, description="要点是否写在同一段（以分号连接），否则每条一段")
    numbered: list[HeadingText] = Field(default_factory=list, description="逐条编号的句子：每条一段，自动加「（一）」"
                                        "「（二）」……，用正文字体，不是标题（如存在的不足逐条列出）；与 sections 不能同时使用")
    sections: list[Section] = Field(default_factory=list, description="二级标题及其内容")
    closing: Paragraphs = Field(default_factory=list, description="各小标题之后的结尾段落")

    @model_validator(mode="after")
    def _numbered_or_sections(self):
        if self.numbered and self.sections:
            raise ValueError("numbered（编号句子）和 sections（二级标题）不能同时使用：两者都编「（一）」「（二）」")
        return self


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
    title: str | None = Field(None, description="标题；缺省按模板生成。要自己断行时用 \\n 或「|-」多行写法，每行一行标题")
    figures: dict[str, Figure] = Field(default_factory=dict, description="具名数字，正文中写 {{ figures.名称 }}")
    style: Style = Field(default_factory=Style, description="版式选项")
