"""The statutory words of these documents: what says "a report", "a work plan", "a department",
and the required parts of a kind (kept as data in generator/kinds/<kind>/parts.yaml).

Part names and the patterns of their headings are data, not code: a clerk's new way of naming
part 2 is one more line under its `patterns:` in parts.yaml, read here through parts().
"""

from __future__ import annotations

from generator.lexicon.numbers import alternation

# The 工作要点 family of titles: 「2024年法治政府建设工作要点」「关于印发…工作计划的通知」.
PLAN_TITLE = r"工作要点|工作计划|工作安排|工作任务|重点工作|实施方案|印发.*(要点|计划|方案|安排)"
# A title that ends as a report does: 「…情况的报告」「…的报告（送审稿）」 is cut before the note.
REPORT_TITLE_END = r"报告[）)]?$"
# The opening sentence of a report: 「现将2022年法治政府建设情况报告如下」.
REPORT_OPENING = r"现将.{0,80}?报告如下"
# The owners written after a plan's task: 「（牵头单位：区司法局；责任单位：…）」.
# The usual first-level part names of a plan (实施方案, 工作要点): 「一、总体要求」「二、主要创建任务」「三、保障措施」.
PLAN_PART_NAME = (
    r"总体要求|指导思想|基本原则|(?:工作|主要|总体|创建)目标|(?:主要|重点|工作)(?:创建)?任务|保障措施"
    r"|(?:组织|工作)保障|工作要求|组织实施|实施步骤|进度安排"
)
OWNER_MARK = r"(?:牵头单位|责任单位|牵头部门|责任部门)\s*[:：]"
# A notice that issues a plan: 「…《2024年法治政府建设工作要点》…印发给你们」.
PLAN_NOTICE = r"《[^》]{2,60}?(?:要点|安排|计划|任务|方案)》[^。]{0,40}?印发给?你们"
# 「现将《…》印发给你们」「…印发你们」: a notice's sentence (its title line may be missing).
ISSUED_TO_YOU = r"印发给?你们"
# The name endings of a government department (a 部门年度报告's issuer).
DEPARTMENT_SUFFIXES = ("局", "委员会", "办公室", "厅", "中心", "署")
DEPARTMENT_END = rf"({alternation(DEPARTMENT_SUFFIXES)})$"
# A department report's title: 「市司法局关于2022年度法治政府建设情况的报告」.
DEPARTMENT_REPORT_TITLE = rf"^\S{{2,30}}({alternation(DEPARTMENT_SUFFIXES)})关于.{{0,12}}法治政府建设.*报告"


def parts(kind: str) -> dict | None:
    """The kind's required parts (names, short names, severities, heading patterns), or None."""
    from generator.kinds import KINDS
    from generator.resources import load_data

    path = KINDS[kind].parts_path
    return load_data(path) if path else None
