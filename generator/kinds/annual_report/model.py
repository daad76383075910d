"""法治政府建设年度报告: the five statutory parts (厅字〔2019〕28号第二十五条)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from generator.kinds.common import Common, HeadingText, Imprint, Names, Paragraphs, Part, RecipientGroup

# The statutory parts by field name, in their order; an extra part names the one it follows.
PartField = Literal["measures", "shortcomings", "leadership", "next_year", "other"]


class Shortcomings(Part):
    """存在的不足和原因。"""

    causes: Paragraphs = Field(default_factory=list, description="原因分析段落（可选）")


class ExtraPart(Part):
    """法定五部分之外的一个部分（如「学习贯彻党的二十大精神情况」），放在 after 所指的部分之后。"""

    heading: HeadingText = Field(min_length=1, description="一级标题文字，不含序号")
    after: PartField = Field(
        "other",
        description="放在哪个部分之后：measures、shortcomings、leadership、next_year 或 other（缺省：放在最后）",
    )


class AnnualReport(Common):
    """法治政府建设年度报告。"""

    kind: Literal["annual-report"] = Field(description="文档类型：annual-report 年度报告")
    doc_number: str | None = Field(None, description="发文字号，如「牡政呈〔2023〕4号」")
    signer: str | None = Field(None, description="签发人（上行文）")
    recipients: list[RecipientGroup] = Field(
        default_factory=list,
        description="主送机关；同类之间用顿号，不同类之间用逗号（网上公开的文本常没有主送，可不写）",
    )
    opening: Paragraphs | None = Field(None, description="开头段落；缺省按模板生成")
    leading_parts: list[Part] = Field(
        default_factory=list, description="放在法定五部分之前的部分，如「学习贯彻党的二十大精神」"
    )
    measures: Part = Field(description="第一部分：上一年度推进法治政府建设的主要举措和成效")
    shortcomings: Shortcomings = Field(description="第二部分：存在的不足和原因")
    leadership: Part | None = Field(None, description="第三部分：党政主要负责人履行推进法治建设第一责任人职责情况")
    next_year: Part = Field(description="第四部分：下一年度推进法治政府建设的主要安排")
    other: Part | None = Field(None, description="第五部分：其他需要报告的情况")
    extra_parts: list[ExtraPart] = Field(
        default_factory=list, description="法定部分之外的部分，各按 after 放在某一部分之后"
    )
    order: list[PartField] = Field(
        default_factory=list,
        description="法定部分的排列顺序，如 [leadership, measures, "
        "shortcomings, next_year]；缺省按法定顺序（顺序不对时 check 会提示）",
    )
    issuers: Names = Field(default_factory=list, description="署名机关（一个或多个；网上公开的文本可能没有）")
    date: dt.date | None = Field(None, description="成文日期，如 2023-01-04（可不写，不写则不印）")
    note: str | None = Field(None, description="附注，如「此件公开发布」")
    imprint: Imprint | None = Field(None, description="版记（可选）")

    @field_validator("order")
    @classmethod
    def _once_each(cls, order: list) -> list:
        repeated = sorted({f for f in order if order.count(f) > 1})
        if repeated:
            raise ValueError(f"部分「{repeated[0]}」在 order 中出现了不止一次")
        return order
