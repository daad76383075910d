"""The five statutory parts of the annual report (厅字〔2019〕28号第二十五条; publication by 1 April: 第二十四条)."""

from __future__ import annotations

from ..registry import ARTICLE_CONTENTS, Basis, REGULATION, rule


@rule(
    "parts.missing",
    "error",
    "年度报告应包含规定的五个部分（第五部分缺少为警告）",
    basis=Basis(
        REGULATION,
        ARTICLE_CONTENTS,
        "应",
        "法治政府建设年度报告主要包括下列内容：（一）上一年度推进法治政府建设的主要举措和成效；……（五）其他需要报告的情况",
    ),
    kinds=("annual-report",),
    part_severity={},
)
def parts_missing(doc, ctx):
    """年度报告应写明《法治政府建设与责任落实督察工作规定》列出的五部分：主要举措和成效；存在的不足和原因；
    党政主要负责人履行推进法治建设第一责任人职责情况；下一年度的主要安排；其他需要报告的情况。
    标题按 data/parts.yaml 的常见叫法识别（「主要工作进展情况」「存在的问题」「下步工作」等）；
    第三部分也可以是第一部分里的小标题或放在最前面；前面另加的部分（如「学习贯彻党的二十大精神」）不影响。
    缺少第一至四部分为 error，缺少第五部分为 warning（parts.yaml 的 severity，profile 可用
    part_severity 覆盖）。报告位置：应插入处后面那个部分的标题行。

    通过：一、主要举措和成效 / 二、存在的不足和原因 / 三、党政主要负责人履行推进法治建设第一责任人职责情况 /
    四、2023年工作安排 / 五、其他需要报告的情况
    不通过：一、主要举措和成效 / 二、存在的问题 / 三、下一步工作（缺第三部分，error；缺第五部分，warning）
    """
    data = ctx.analysis.parts_data["parts"]
    overrides = {str(k): v for k, v in (ctx.params.get("part_severity") or {}).items()}
    keys = list(data)
    end: list[int | None] = []  # the body's last line, found once when a missing part is last
    for n, key in enumerate(keys):
        if ctx.parts[key].found:
            continue
        following = next((ctx.parts[k] for k in keys[n + 1 :] if ctx.parts[k].found), None)
        if following is not None:
            line = following.line
        else:
            end = end or [_end_line(ctx)]
            line = end[0]
        severity = overrides.get(key) or (ctx.severity if ctx.overridden else data[key]["severity"])
        yield ctx.finding(line, f"缺少第{_cn(key)}部分「{data[key]['name']}」", severity)


@rule(
    "parts.order",
    "info",
    "五个部分应按规定的顺序排列",
    basis=Basis(REGULATION, ARTICLE_CONTENTS, "实务", "五项内容依次列出，顺序本身不是要求"),
    kinds=("annual-report",),
)
def parts_order(doc, ctx):
    """五个部分按规定顺序（举措成效、不足原因、第一责任人、下一年度安排、其他情况）排列；
    顺序不同只是提示（info）。只作为其他部分小标题的第三部分不参与比较（见 parts.nested）。

    通过：一、主要举措和成效 / 二、存在的不足 / 三、下一步工作
    不通过：一、下一步工作 / 二、主要举措和成效（「主要举措和成效」排在「下一步工作」之后）
    """
    data = ctx.analysis.parts_data["parts"]
    seen = []
    for key in data:
        hit = ctx.parts[key]
        if hit.found and hit.within is None and hit.index is not None:
            seen.append((hit.index, key, hit))
    best: tuple[int, str] | None = None
    for index, key, hit in sorted(seen, key=lambda item: item[1]):
        if best and index < best[0]:
            yield ctx.finding(
                hit.line, f"第{_cn(key)}部分「{hit.heading}」排在第{_cn(best[1])}部分之前，与规定的顺序不同"
            )
        if best is None or index > best[0]:
            best = (index, key)


@rule(
    "parts.nested",
    "warning",
    "法定部分单列为一个部分，不只作为其他部分下的小标题",
    basis=Basis(
        REGULATION,
        "第二十四条",
        "一般",
        "法治政府建设年度报告主要包括下列内容：……（三）上一年度党政主要负责人履行推进法治建设第一责任人"
        "职责，加强法治政府建设的有关情况",
    ),
    kinds=("annual-report",),
)
def parts_nested(doc, ctx):
    """《法治政府建设与责任落实督察工作规定》第二十四条把党政主要负责人履行推进法治建设第一责任人职责的情况
    列为年度报告的第三项内容。只在另一部分之下作为小标题出现（如第一部分里的「（一）2.严格履行推进法治建设
    第一责任人职责」）时，parts.missing 算它找到了，这里提醒应单列为一个部分。

    通过：一、主要举措和成效 / 二、存在的不足 / 三、党政主要负责人履行推进法治建设第一责任人职责情况
    不通过：一、主要举措和成效 /（一）加强党的领导 / 2.严格履行推进法治建设第一责任人职责 / 二、存在的不足
    """
    for key, hit in ctx.parts.items():
        if hit.found and hit.within is not None:
            parent = hit.within
            yield ctx.finding(
                hit.line,
                f"第{_cn(key)}部分「{hit.heading}」只是「{parent.number}{parent.title}」下的"
                f"小标题；《规定》把它列为单独的一部分",
            )


def _cn(key: str) -> str:
    return "一二三四五六七八九十"[int(key) - 1]


def _end_line(ctx) -> int | None:
    return max((b.line for b in ctx.body.blocks if b.line), default=None)
