"""Content rules: 纲要 areas covered by the measures; owners named on every work-plan item."""

from __future__ import annotations

import functools

from generator.lexicon import lazy
from generator.tree import Heading
from generator.resources import AREAS, load_data
from generator.tree import block_text
from ..registry import Basis, rule


def _measure_span(ctx) -> tuple[int, int, int | None]:
    """(start, end, line): the body blocks of part 1 of an annual report (or everything before
    part 2), or the whole work points."""
    blocks = ctx.body.blocks
    if not ctx.is_a("annual-report"):
        return 0, len(blocks), None
    hit = ctx.parts.get("1")
    if hit and hit.found and hit.index is not None and not hit.implicit:
        return hit.index, hit.index + 1 + len(ctx.analysis.section(hit.index)), hit.line
    later = [
        ctx.parts[k].index
        for k in ("2", "3", "4", "5")
        if ctx.parts.get(k) and ctx.parts[k].found and ctx.parts[k].level == 1
    ]
    end = min(later) if later else len(blocks)
    return 0, end, (hit.line if hit and hit.found else None)


@rule(
    "coverage.areas",
    "info",
    "对照《法治政府建设实施纲要》各部分，列出措施未涉及的方面",
    basis=Basis(
        "《法治政府建设实施纲要（2021—2025年）》",
        "二至十",
        "实务",
        "纲要第二至十部分的任务（是否每部分都写到并无要求）",
    ),
    areas="gangyao-2021",
)
def coverage_areas(doc, ctx):
    """按关键词（data/areas/<版本>.yaml，profile 的 areas 参数选版本）把第一部分的措施（工作要点则是全部
    任务）归到《法治政府建设实施纲要（2021—2025年）》的各部分，给一条 info 列出没有任何措施涉及的部分。
    只是提示：关键词归类不完美，也不是每份报告都必须涵盖全部方面。

    通过：措施写到了放管服、规范性文件、重大行政决策、行政执法、应急、复议调解、监督、数字政府、党的领导等
    不通过：措施只写了行政执法（列出其余未涉及的部分）
    """
    data = _areas(ctx.params["areas"])
    start, end, line = _measure_span(ctx)
    text = ctx.analysis.span_text(start, end)
    if not text.strip():
        return
    missing = [a for a in data["areas"] if not _mentions(text, a)]
    if missing:
        names = "；".join(f"{a['id']}、{a['short']}" for a in missing)
        where = "工作要点" if ctx.is_a("work-plan") else "第一部分的措施"
        yield ctx.finding(line, f"对照《{data['name']}》，{where}没有涉及：{names}")


@functools.lru_cache(maxsize=8)
def _areas(version: str) -> dict:
    """The 纲要's areas and keywords (data/areas/<version>.yaml), read once per process (only read)."""
    return load_data(AREAS / f"{version}.yaml")


# Per area, the keyword that last named it: tried first next time (reports share their wording).
# Only the order of the search changes, never its result.
_LAST_HIT: dict[int, str] = {}


def _mentions(text: str, area: dict) -> bool:
    """Does the text name any of the area's keywords?"""
    key = id(area)
    last = _LAST_HIT.get(key)
    if last is not None and last in text:
        return True
    for keyword in area["keywords"]:
        if keyword != last and keyword in text:
            _LAST_HIT[key] = keyword
            return True
    return False


_OWNER = lazy(
    r"(牵头|责任|配合|主办|协办)单位\s*[：:]|牵头部门\s*[：:]|责任部门\s*[：:]|责任单位"
    r"|[〔［\[（(][^〔〕［］\[\]。]{1,80}?负责[^〔〕［］\[\]。]{0,40}[〕］\]）)]"  # 〔司法厅等按职责分工负责〕（司法厅负责）
)


@rule("plan.owner", "warning", "工作要点的每项任务写明牵头单位或责任单位", basis=Basis(), kinds=("work-plan",))
def plan_owner(doc, ctx):
    """工作要点中每一项任务（各部分下的（一）（二）……）应在段末写明责任：
    「（牵头单位：区司法局；责任单位：各乡镇街道、区政府各部门）」，至少有牵头单位或责任单位之一。

    通过：（一）持续完善政府职能。深化行政体制改革……（牵头单位：区政府办；责任单位：区政府各部门）
    通过：（二）开展终期评估。……〔司法厅等省直各部门（单位）按职责分工负责〕，或「（司法厅负责）」
    不通过：（一）持续完善政府职能。深化行政体制改革……（没有写责任单位）
    """
    blocks = ctx.body.blocks
    seen_part = False
    for i, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        if block.level == 1:
            seen_part = True
            continue
        if block.level != 2 or not seen_part and any(isinstance(b, Heading) and b.level == 1 for b in blocks):
            continue
        text = "\n".join(block_text(b) for b in [block] + ctx.analysis.section(i))
        if not _OWNER.search(text):
            yield ctx.finding(block.line, f"任务「{block.number}{block.title}」没有写明牵头单位或责任单位")
