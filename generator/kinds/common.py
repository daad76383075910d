"""The spec building blocks every document kind shares, validated, with Chinese help per field."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from generator.errors import Problem, SpecError
from generator.kinds import yoy
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


MAX_FIGURE_DIGITS = 30  # 百万亿 has 15; more digits is a paste accident


def _number_or_text(value):
    """A figure's value: a finite number or a short text such as 「2.4万」."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("数字的值应为数值或文字，如 50、2.4、「2.4万」")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"数字的值不能是「{value}」（无穷大或非数，YAML 中的 .inf、.nan 或溢出的数）：请写出具体数值")
    if isinstance(value, int) and len(str(abs(value))) > MAX_FIGURE_DIGITS:
        raise ValueError(f"数字「{value}」位数过多（超过 {MAX_FIGURE_DIGITS} 位），不像是统计数字")
    return value


def _optional_number(value):
    """Last year's value: absent, or like a figure's value."""
    return None if value is None else _number_or_text(value)


def _unnumbered(value: str) -> str:
    """A heading typed with its number (「（一）…」) would be printed 「（一）（一）…」: refuse it."""
    found = read_number(value)
    if found and value[len(found[2]) :].strip():
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
    level: Level = Field(
        description="层级：province 省 / city 市 / county 县 / district 区 / township 乡镇 / "
        "street 街道 / zone 开发区 / department 政府部门"
    )

    @property
    def display_name(self) -> str:
        """Full name if given, else the short name."""
        return self.full_name or self.name


def shown(value) -> str:
    """A figure value as printed: 3.0 as 3."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


class FigureError(SpecError):
    """A figure asked for a change it cannot compute (no previous value, text values, zero base)."""

    figure: str = ""  # the figure's name, to locate the error at its definition


class Figure(Model):
    """一个可在正文中以 {{ figures.名称 }} 引用的数字。

    With `previous` (last year's value) a template or spec text may also write
    {{ figures.x.change }} 「增加3项」, {{ figures.x.percent }} 「增长12.5%」,
    {{ figures.x.delta }} 3, {{ figures.x.growth }} 12.5 and {{ figures.x.previous_full }} 「120件」.
    """

    value: Annotated[Any, BeforeValidator(_number_or_text)] = Field(description="数值，如 50、2.4、「2.4万」")
    unit: str = Field("", description="单位，如「项」「件」「%」")
    label: str = Field("", description="说明，如「新增“一件事一次办”政务服务事项」")
    previous: Annotated[Any, BeforeValidator(_optional_number)] = Field(
        None,
        description="上年的数值（同比）：正文可写 {{ figures.名称.change }}「增加3项」、"
        "{{ figures.名称.percent }}「增长12.5%」；也可用 --previous 指定上年的数据文件",
    )
    _name: str = PrivateAttr("")

    def __str__(self) -> str:
        return shown(self.value)

    @property
    def full(self) -> str:
        """Value followed by its unit."""
        return f"{self}{self.unit}"

    @property
    def previous_full(self) -> str:
        """Last year's value followed by its unit."""
        self._need_previous("previous_full")
        return f"{shown(self.previous)}{self.unit}"

    @property
    def delta(self):
        """This year's value minus last year's, as a number (3, -2.5)."""
        return yoy.number(self._compute("delta", lambda pair: pair.delta))

    @property
    def growth(self):
        """The change in per cent of last year's value, rounded to one decimal (12.5, -3)."""
        return yoy.number(self._compute("growth", yoy.Pair.growth))

    @property
    def change(self) -> str:
        """The change written the Chinese way: 「增加3项」「减少2.5万元」「提高1.2个百分点」「持平」."""
        return self._compute("change", yoy.Pair.change_text)

    @property
    def percent(self) -> str:
        """The change in per cent written the Chinese way: 「增长12.5%」「下降3%」「持平」."""
        return self._compute("percent", yoy.Pair.percent_text)

    def _need_previous(self, attribute: str) -> None:
        if self.previous is None:
            raise self._error(
                f"没有上年数（previous），无法写出「{attribute}」：请在 figures.{self._name or '名称'} "
                "下填写 previous，或用 --previous 指定上年的数据文件"
            )

    def _compute(self, attribute: str, how):
        self._need_previous(attribute)
        try:
            return how(yoy.Pair.of(self.value, self.previous, self.unit))
        except ValueError as exc:
            raise self._error(f"无法计算「{attribute}」：{exc}") from None

    def _error(self, message: str) -> FigureError:
        error = FigureError(
            Problem(
                f"数字「{self._name or self.label}」{message}", field=f"figures.{self._name}" if self._name else None
            )
        )
        error.figure = self._name
        return error


class Section(Model):
    """带标题的一组内容（如「（一）依法全面履行政府职能」或「1.打造一流法治化营商环境」）。"""

    title: HeadingText = Field(min_length=1, description="标题文字，不含序号（序号自动生成；写了序号是错误）")
    area: str | None = Field(None, description="对应《法治政府建设实施纲要》的部分，如「二」；缺省时按关键词归类")
    text: Paragraphs = Field(default_factory=list, description="正文段落；一段一行或列表。标题段首式时第一段接在标题后")
    items: list[Section] = Field(default_factory=list, description="下一级小标题")
    runin: bool | None = Field(None, description="是否段首式标题（标题后接正文）；缺省按 style.runin_levels")


class Part(Model):
    """报告的一个部分（一级标题）。"""

    heading: HeadingText | None = Field(None, description="一级标题文字，不含序号；缺省用法定表述")
    runin: bool | None = Field(None, description="标题是否段首式（标题后接 text 的第一段）；缺省按 style.runin_levels")
    text: Paragraphs = Field(default_factory=list, description="标题下的导语段落")
    points: list[str] = Field(default_factory=list, description="逐条列举的要点，自动加「一是」「二是」……")
    points_inline: bool = Field(False, description="要点是否写在同一段（以分号连接），否则每条一段")
    numbered: list[HeadingText] = Field(
        default_factory=list,
        description="逐条编号的句子：每条一段，自动加「（一）」"
        "「（二）」……，用正文字体，不是标题（如存在的不足逐条列出）；与 sections 不能同时使用",
    )
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

    runin_levels: list[Literal[1, 2, 3, 4]] = Field(
        [3], description="哪些标题层级为段首式（标题后接正文），如 [3] 或 [2, 3]"
    )
    heading3_bold: bool = Field(False, description="三级标题「1.」是否加粗（国标不要求，常见做法）")
    fonts: Literal["gb2312", "gbk"] = Field("gb2312", description="字体方案：gb2312（仿宋_GB2312 等）或 gbk（仿宋 等）")


class Common(Model):
    """Fields every document kind shares."""

    jurisdiction: Jurisdiction = Field(description="报告机关")
    year: int = Field(ge=2000, le=2100, description="所报告（或部署）的年度，如 2022")
    title: str | None = Field(
        None, description="标题；缺省按模板生成。要自己断行时用 \\n 或「|-」多行写法，每行一行标题"
    )
    figures: dict[str, Figure] = Field(default_factory=dict, description="具名数字，正文中写 {{ figures.名称 }}")
    style: Style = Field(default_factory=Style, description="版式选项")

    @model_validator(mode="after")
    def _name_figures(self):
        """Each figure knows its name, for messages about it."""
        for name, figure in self.figures.items():
            figure._name = name
        return self
