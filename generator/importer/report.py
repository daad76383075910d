"""An annual (or department) report draft as spec data: the head, the parts mapped onto the
statutory five (kinds/annual_report/parts.yaml, through the checks' own part detection), extra
parts kept where they stood, and the closing."""

from __future__ import annotations

import re

from generator.checks.analysis import match_parts, normal_title
from generator.importer import head as h
from generator.importer.emit import Paras
from generator.importer.sections import flat as _flat, part_body, runin_style
from generator.tree import Heading, Paragraph

FIELDS = {"1": "measures", "2": "shortcomings", "3": "leadership", "4": "next_year", "5": "other"}
ORDER = list(FIELDS.values())


def build(ctx: h.Context) -> dict:
    """The spec data of a report."""
    analysis = ctx.analysis
    body = analysis.body
    department = analysis.kind == "department-report"
    data: dict = {"kind": analysis.kind, "jurisdiction": h.jurisdiction(ctx, body, department)}
    data["year"] = h.report_year(ctx, body, True)
    if body.title:  # line breaks are typesetting: the title breaker lays the title out again
        data["title"] = body.title.replace("\n", "")
    if body.doc_number:
        data["doc_number"] = body.doc_number
    if body.signer:
        data["signer"] = body.signer
    if body.recipients:
        data["recipients"] = h.groups(body.recipients)
    blocks = _promoted(ctx, body.blocks)
    tops = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    first = tops[0] if tops else len(blocks)
    opening = [_flat(b) for b in blocks[:first]]
    if any(isinstance(b, Heading) for b in blocks[:first]):
        ctx.guesses.append(
            f"第一个一级标题之前的标题（第{blocks[0].line}行起）作为开头段落导入，序号照原文"
            if tops
            else "原文没有一级标题（部分标题）：正文作为开头段落导入，序号照原文"
        )
    data["opening"] = Paras(opening)  # none at all is 「opening: []」: the template would write its own
    _parts(ctx, blocks, tops, data)
    if department:
        data["government"] = _government(ctx, data)
    _closing(ctx, body, data)
    _attachments(ctx, body)
    levels = runin_style(
        [data[f] for f in ORDER if f in data] + data.get("leading_parts", []) + data.get("extra_parts", [])
    )
    if levels != [3]:
        data["style"] = {"runin_levels": levels}
    return data


def _promoted(ctx: h.Context, blocks: list) -> list:
    """Without numbered part headings, the short lines checks took for parts become level-1 headings."""
    if any(isinstance(b, Heading) and b.level == 1 for b in blocks):
        return blocks
    hits = {hit.index for hit in ctx.analysis.parts.values() if hit.found and hit.index is not None}
    out = list(blocks)
    for index in sorted(hits):
        block = out[index]
        if isinstance(block, Paragraph):
            out[index] = Heading(1, block.text, line=block.line)
            ctx.guesses.append(f"第{block.line}行「{block.text}」没有序号，按一级标题（部分标题）导入")
    return out


def _parts(ctx: h.Context, blocks: list, tops: list[int], data: dict) -> None:
    """Each level-1 heading onto the statutory part it names; others before them lead, after them follow."""
    parts_data = ctx.analysis.parts_data
    implicit = ctx.analysis.parts.get("1")
    last = None  # the statutory field most recently placed
    seen: list[str] = []  # the statutory fields in the draft's order
    for n, index in enumerate(tops):
        heading = blocks[index]
        end = tops[n + 1] if n + 1 < len(tops) else len(blocks)
        span = blocks[index + 1 : end]
        runin = bool(heading.runin and heading.body)
        if runin:  # 「一、巩固提升依法履职水平。注重…」: the part heading runs in, as in the draft
            span = [Paragraph(heading.body, heading.line)] + span
        keys = sorted(k for k in match_parts(normal_title(heading), parts_data) if FIELDS[k] not in data)
        if not keys and implicit and implicit.implicit and implicit.line == heading.line and "measures" not in data:
            keys = ["1"]
            ctx.guess((), "", f"第{heading.line}行「{heading.title}」按第一部分（主要举措和成效）导入")
        if keys:
            field = FIELDS[keys[0]]
            if last and ORDER.index(field) < ORDER.index(last):
                ctx.guesses.append(
                    f"第{heading.line}行「{heading.title}」（{field}）在原文中排在前一部分之前："
                    "保留原文顺序（order），check 会提示法定顺序"
                )
            part = {
                "heading": heading.title,
                **({"runin": True} if runin else {}),
                **part_body(ctx, span, (field,), causes=field == "shortcomings"),
            }
            data[field] = part
            seen.append(field)
            last = field
            continue
        part = {"heading": heading.title, **({"runin": True} if runin else {}), **part_body(ctx, span, ())}
        if last is None:
            data.setdefault("leading_parts", []).append(part)
        else:
            if last != "other":
                part["after"] = last
            data.setdefault("extra_parts", []).append(part)
            ctx.guesses.append(f"第{heading.line}行「{heading.title}」不是法定部分，作为 extra_parts 保留在原位置")
    if seen != sorted(seen, key=ORDER.index):
        data["order"] = seen  # the author's order: render keeps it, check reports it (issue 19.11)
    names = {k: p["short"] for k, p in parts_data["parts"].items()}
    for key, field in FIELDS.items():
        if field in data or key == "5":
            continue
        if key == "3":  # optional in the spec: not invented
            ctx.guesses.append(f"原文没有第三部分（{names[key]}），没有补写")
            continue
        data[field] = {}  # required by the spec: the statutory heading, nothing under it
        ctx.guess(
            (field,),
            "原文没有这一部分：已按法定表述加上标题，请补写内容",
            f"原文没有第{'一二三四'[int(key) - 1]}部分（{names[key]}）：已按法定表述加上标题，请补写内容",
        )


def _government(ctx: h.Context, data: dict) -> str:
    """本级党委政府 of a department report: from the opening's 「在…的坚强领导下」, else the 主送."""
    led = re.search(r"在(.{2,24}?)的(?:坚强|正确)?领导下", (data.get("opening") or [""])[0])
    if led:
        ctx.guess(("government",), "推断自开头", f"本级党委政府「{led.group(1)}」：推断自开头")
        return led.group(1)
    recipients = data.get("recipients") or []
    if recipients:
        value = "、".join(recipients[0])
        ctx.guess(("government",), "推断自主送", f"本级政府「{value}」：推断自主送")
        return value
    value = "本级党委、政府"
    ctx.guess(("government",), "未能读出，请填写本级党委政府", "没有找到本级政府：请填写 government")
    return value


def _attachments(ctx: h.Context, body) -> None:
    """Documents besides the report (attachments): the report's spec has no place for them."""
    for doc in ctx.doc.all_documents():
        if doc is not body and (doc.blocks or doc.title):
            first = doc.title_line or next((b.line for b in doc.blocks), 0)
            name = (doc.label + "：" if doc.label else "") + doc.title.replace("\n", "")
            ctx.guesses.append(f"第{first}行起的「{name[:20] or '附件'}」没有导入：年度报告的数据格式不含附件")


def _closing(ctx: h.Context, body, data: dict) -> None:
    if body.signatures:
        data["issuers"] = list(body.signatures)
    h.closing(ctx, body, data)
    imprint = h.imprint(ctx.doc)
    if imprint:
        data["imprint"] = imprint
