"""A government department's 法治政府建设年度报告: the annual report's five parts, a department as issuer.

Departments report to their own government (and the department above them); the required
parts, the deadline and the checks are the annual report's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.errors import SpecError
from generator.kinds.annual_report.model import AnnualReport


class DepartmentReport(AnnualReport):
    """政府部门法治政府建设年度报告。"""

    kind: Literal["department-report"] = Field(description="文档类型：department-report 政府部门年度报告")  # type: ignore[assignment]  # pydantic: a subclass narrows the discriminator
    government: str = Field(min_length=1, description="本级人民政府，如「长沙市开福区人民政府」；用于默认开头")


def check_issuer(report: DepartmentReport, loaded) -> None:
    """A department report is issued by a department: jurisdiction.level must say so."""
    if report.jurisdiction.level != "department":
        raise SpecError(
            loaded.problem(
                ("jurisdiction", "level"),
                f"部门年度报告的 level 应为 department，而不是「{report.jurisdiction.level}」",
            )
        )
