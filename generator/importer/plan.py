"""A work-plan draft as spec data: parts and items, each item's closing 「（牵头单位：…；责任单位：…）」
as lead / responsible, recurring unit lists as named `units:` groups, and the 印发通知 as `notice:`."""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from generator.lexicon import lazy, statutory
from generator.importer import head as h
from generator.importer.emit import Comments, Paras
from generator.importer.sections import flat, split_intro
from generator.tree import Document, Heading, Paragraph, Table

_ROLE_WORDS = "牵头单位|牵头部门|责任单位|责任部门|配合单位|完成时限"
# The owners as clerks write them: 「（牵头单位：…；责任单位：…）」 closing the item, a 「责任单位：…」 line (or
# sentence) after it, or 〔…按职责分工负责〕 / （…负责） at its end.
# 「（牵头单位：…；责任单位：…）」, also in 〔〕 and with a unit's own parenthesis 「各镇人民政府(街道办事处)」
_OWNERS = lazy(
    rf"[（(〔［\[](?P<inside>(?:{_ROLE_WORDS})\s*[:：](?:[^（()）〔〕［］\[\]]|[（(][^（()）]{{1,10}}[）)])*)"
    r"[）)〕］\]]\s*[。.]?$"
)
_OWNER_LINE = lazy(rf"(?:^|(?<=[。；;]))\s*[（(]?\s*(?P<inside>(?:{_ROLE_WORDS})\s*[:：][^。（()）]*?)[）)]?\s*[。.]?$")
# 〔司法厅等省直各部门(单位)和市(州)人民政府按职责分工负责,以下均需…不再列出〕: units may hold a short
# parenthesis of their own, and a remark may follow 负责 inside the bracket.
_DUTY = lazy(
    r"[〔［\[（(](?P<units>(?:[^〔〕［］\[\]（）()：:]|[（(][^（）()：:]{1,6}[）)]){2,80}?)"
    r"(?:按职责分工|按照职责分工|按职责|分别)?负责(?:[，,；;](?:[^〔〕［］\[\]（）()]|[（(][^（）()]{1,6}[）)]){0,40})?[〕］\]）)]\s*[。.]?$"
)
# Between the units of a 〔…负责〕 phrase besides 、 and ，: 「司法厅等省直各部门」, 「…部门(单位)和市(州)人民政府」
# (not 「发展和改革委员会」; a 「责任单位：」 list keeps its 和: 「各街道和区政府相关部门」).
_UNIT_JOINS = lazy(r"[、，,]|等(?=[省市县区乡镇各有])|[和及与](?=[省市县区乡镇各有])")
_ROLE = lazy(rf"({_ROLE_WORDS})\s*[:：]")
_BRACKETS = "（(〔［["
_RENDERED_OWNERS = lazy(r"^（(?:牵头单位|责任单位)：[^（）]*）$")
_DUTY_TAIL = lazy(r"(?:按照?职责分工|按职责|分别)*负责$")
_ROLES = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "配合单位": "responsible",
    "完成时限": "deadline",
}
_ISSUED = lazy(statutory.ISSUED_TO_YOU)
_TABLE_ANNEX = lazy(r"^附\s*件\s*[:：]\s*(?:\d+[.．、]\s*)?.*任务分工表$")
_APPROVED = lazy(r"^《(?P<plan>.+?)》已经(?P<approval>.+?)审议通过，现印发给你们，请结合实际认真贯彻落实。$")
_DEADLINE_HEADER = lazy(r"完成时限|时限|完成时间")
_TASK_HEADER = lazy(r"工作任务|任务|工作内容")
MIN_GROUP = 2  # a list of three or more units shared by this many items (two units: by three) is a group


def build(ctx: h.Context) -> dict:
    """The spec data of a work plan."""
    body = ctx.analysis.body
    data: dict = {"kind": "work-plan", "jurisdiction": h.jurisdiction(ctx, body)}
    data["year"] = h.report_year(ctx, body, False)
    if body.title:  # line breaks are typesetting: the title breaker lays the title out again
        data["title"] = body.title.replace("\n", "")
    notice = _notice_doc(ctx.doc, body)
    if notice is not None:
        data["notice"] = _notice(ctx, notice)
        named = data["notice"].pop("_plan_title", None)
        if named is not None and named != body.title.replace("\n", ""):
            data["notice"]["body"] = Paras([flat(b) for b in notice.blocks])
            del data["notice"]["approval"]
    blocks = [b for b in body.blocks if not isinstance(b, Table) or _note_table(ctx, b)]
    ctx.task_table = has_task_table(ctx.doc)
    if ctx.task_table:
        ctx.guesses.append("原文附有任务分工表：由数据生成（render --table），完成时限取自表中")
    tops = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    first = tops[0] if tops else len(blocks)
    opening = [flat(b) for b in blocks[:first]]
    if opening:
        data["opening"] = Paras(opening)
    parts: list = []
    closing: list = []
    for n, index in enumerate(tops):
        end = tops[n + 1] if n + 1 < len(tops) else len(blocks)
        heading = blocks[index]
        assert isinstance(heading, Heading)  # tops are level-1 headings
        part, closing = _part(ctx, heading, blocks[index + 1 : end], ("parts", len(parts)))
        parts.append(part)
    data["parts"] = parts
    if closing:
        data["closing"] = Paras(closing)
    _deadlines(ctx, parts)
    _unit_groups(ctx, data)
    imprint = h.imprint(ctx.doc)
    if imprint:
        data["imprint"] = imprint
    return data


def _notice_doc(doc: Document, body: Document) -> Document | None:
    """The 印发通知 before the plan: titled so, or (its title only in the page chrome) a 主送 and
    「…印发给你们」."""
    for d in doc.all_documents():
        if d is body:
            return None
        if "印发" in d.title or "通知" in d.title:
            return d
        if d.recipients and any(_ISSUED.search(getattr(b, "text", "")) for b in d.blocks[:3]):
            return d
    return None


def _note_table(ctx: h.Context, table: Table) -> bool:
    ctx.guesses.append(f"第{table.line}行的表格没有导入：工作要点的任务分工表由 fazhi 生成（render --table）")
    return False


def has_task_table(doc: Document) -> bool:
    """An attachment holding a 任务分工表 (a table with a 牵头单位 or 责任单位 column)."""
    return any(
        isinstance(b, Table) and b.rows and any(re.search("牵头单位|责任单位", c) for c in b.rows[0])
        for d in list(doc.all_documents())[1:]
        for b in d.blocks
    )


def _part(ctx: h.Context, heading: Heading, span: list, path: tuple) -> tuple[dict, list[str]]:
    """A part and its items; paragraphs after the last item of the plan are its closing.

    Paragraphs before the first task, and tasks without owners before the first task with owners
    (「（一）指导思想。…」 under 「总体要求」), are the part's text; a task without owners after one
    with owners joins the task before it: every part is one `render` accepts, in the draft's order."""
    task = _part_task(ctx, heading, span, path)
    if task is not None:
        return task
    intro, rest = split_intro(span)
    part: dict = {"title": heading.title}
    text = list(intro)
    if heading.runin and heading.body:  # 「二、X。正文……」: the part's text starts after its run-in title
        part["runin"] = True
        text.insert(0, heading.body)
    items: list[dict] = []
    trailing: list[str] = []
    index = 0
    while index < len(rest):
        item_head = rest[index]
        end = index + 1
        while end < len(rest) and not isinstance(rest[end], Heading):
            end += 1
        paras = [b.text for b in rest[index + 1 : end] if isinstance(b, Paragraph)]
        item, trailing = _item(ctx, item_head, paras, path + ("items", len(items)))
        if item.get("lead") or item.get("responsible"):
            items.append(item)
        elif not items:
            text.append(flat(item_head) if not paras else flat(item_head) + "".join(paras))
            ctx.guesses.append(f"第{item_head.line}行「{item['title'][:12]}」没有写责任单位，作为本部分正文导入")
        else:
            items[-1]["text"] += flat(item_head) + "".join(paras)
            ctx.guesses.append(f"第{item_head.line}行「{item['title'][:12]}」没有写责任单位，并入上一项任务")
        index = end
    if text:
        part["text"] = Paras(text)
    if items:
        part["items"] = items
    elif not text:
        part["text"] = Paras([heading.title])
    return part, trailing


def _part_task(ctx: h.Context, heading: Heading, span: list, path: tuple) -> tuple[dict, list[str]] | None:
    """A plan of one level: 「一、X。正文……〔…负责〕」 is a task with its owners; the part holds it alone
    (render writes such a part as the run-in task it was)."""
    if not heading.runin or any(isinstance(b, (Heading, Table)) for b in span):
        return None
    paras = [b.text for b in span if isinstance(b, Paragraph)]
    item, trailing = _item(ctx, heading, paras, path + ("items", 0))
    if not (item.get("lead") or item.get("responsible")):
        return None
    item["title"] = heading.title
    return {"title": heading.title, "items": [item]}, trailing


def _item(ctx: h.Context, head: Heading, paras: list[str], path: tuple) -> tuple[dict, list[str]]:
    """An item: its text up to the owners, and paragraphs after the owners (the plan's closing if last)."""
    if isinstance(head, Heading) and head.level > 2 and head.number:
        ctx.guesses.append(f"第{head.line}行「{head.number}」按任务（二级标题）导入")
    texts = ([head.body] if head.runin and head.body else []) + paras
    found = _owned(texts)
    item: dict = {"title": head.title if isinstance(head, Heading) else flat(head)}
    after: list[str] = []
    if found is None and not texts and isinstance(head, Heading):
        titled = _owned([head.title])  # 「（三）…储备机制。（司法厅负责）」: one sentence and its owners
        if titled is not None:
            item["title"] = head.title[: titled[1].start()].rstrip()
            item.update(_owners(ctx, titled[2], path, head.line))
            if _as_written(head.title, titled[1], 0):
                item["owners_line"] = head.title[titled[1].start() :].strip()
    if found is not None:
        owned, match, inside = found
        texts, after = texts[: owned + 1], texts[owned + 1 :]
        if _as_written(texts[-1], match, owned):
            item["owners_line"] = texts[-1][match.start() :].strip()
        texts[-1] = texts[-1][: match.start()].rstrip()
        item.update(_owners(ctx, inside, path, head.line))
    if not head.runin and texts:
        ctx.guesses.append(f"第{head.line}行的任务标题原为单独一行，按段首式（标题后接正文）排")
    item["text"] = "".join(t for t in texts if t) or item["title"]
    if len(texts) > 1:
        ctx.guesses.append(f"第{head.line}行的任务有 {len(texts)} 段正文，已合为一段")
    return item, after


def _as_written(text: str, match: re.Match, owned: int) -> bool:
    """Owners kept as written: a 「责任单位：…」 paragraph or sentence, a bracket render does not write itself
    (〔…按职责分工负责〕, （司法厅负责））; not 「（牵头单位：…；责任单位：…）」, which render writes."""
    own = text[match.start() :].strip()
    if own[:1] in _BRACKETS:
        return not _RENDERED_OWNERS.match(own)
    before = text[: match.start()].strip()
    return (not before and owned > 0) or before.endswith(("。", "；", ";"))


def _owned(texts: list[str]):
    """(index of the text, match, 「牵头单位：…」 text) of the first owners found in an item's texts."""
    for index, text in enumerate(texts):
        for pattern in (_OWNERS, _OWNER_LINE):
            match = pattern.search(text)
            if match:
                return index, match, match.group("inside")
        match = _DUTY.search(text)
        if match:
            units = "、".join(u for u in _UNIT_JOINS.split(match.group("units")) if u.strip())
            return index, match, "责任单位：" + units
    return None


def _owners(ctx: h.Context, inside: str, path: tuple, line: int) -> dict:
    """「牵头单位：A、B；责任单位：C」 as {lead: [A, B], responsible: [C]}."""
    out: dict = {}
    pieces = _ROLE.split(inside)
    for role, value in zip(pieces[1::2], pieces[2::2]):
        value = value.strip().rstrip("；;。").strip()
        key = _ROLES[role]
        if key == "deadline":
            out["deadline"] = value
            ctx.guess(
                path + ("deadline",),
                "取自正文括号中的完成时限",
                f"第{line}行的完成时限「{value}」写入 deadline：正文不再显示，任务分工表（--table）中显示",
            )
            continue
        if re.search(r"[，,]", value):
            ctx.guess(
                path + (key,), "原文单位之间用了逗号，按顿号处理", f"第{line}行的单位之间用了「，」，按「、」分开"
            )
        value = _DUTY_TAIL.sub("", value)  # 「…乡镇人民政府按职责分工分别负责」: the units, not the phrase
        out[key] = [u.strip() for u in re.split(r"[、，,]", value) if u.strip()]
    return out


def _deadlines(ctx: h.Context, parts: list[dict]) -> None:
    """Deadlines from an attached 任务分工表 (a 完成时限 column), matched to items by task title."""
    tables = [b for d in ctx.doc.all_documents() for b in d.blocks if isinstance(b, Table) and b.rows]
    for table in tables:
        header = table.rows[0]
        deadline = next((i for i, c in enumerate(header) if _DEADLINE_HEADER.search(c)), None)
        task = next((i for i, c in enumerate(header) if _TASK_HEADER.search(c)), None)
        if deadline is None or task is None:
            continue
        by_title = {
            row[task].strip(): row[deadline].strip() for row in table.rows[1:] if len(row) > max(task, deadline)
        }
        for p_index, part in enumerate(parts):
            for i_index, item in enumerate(part.get("items", [])):
                value = by_title.get(item["title"])
                if value and "deadline" not in item:
                    item["deadline"] = value
                    ctx.comments.note(("parts", p_index, "items", i_index, "deadline"), "取自任务分工表")


class Notes(Protocol):
    """What grouping units writes to: the spec's comments and the guesses shown to the user."""

    comments: Comments
    guesses: list[str]


def _unit_groups(ctx: Notes, data: dict) -> None:
    """Unit lists (of two or more) shared by several items become named groups, referred to as $name."""
    items = [(p, i, item) for p, part in enumerate(data["parts"]) for i, item in enumerate(part.get("items", []))]
    counts = Counter(
        tuple(item[role]) for _, _, item in items for role in ("lead", "responsible") if len(item.get(role, [])) >= 2
    )
    shared = [units for units, n in counts.items() if n >= MIN_GROUP and (len(units) >= 3 or n >= 3)]
    if not shared:
        return
    names = _group_names(shared)
    parts = data.pop("parts")
    closing = data.pop("closing", None)
    data["units"] = {names[units]: list(units) for units in shared}
    data["parts"] = parts
    if closing:
        data["closing"] = closing
    for units in shared:
        ctx.comments.note(("units", names[units]), f"推断：{counts[units]} 项任务共用这组单位")
    for _p, _i, item in items:
        for role in ("lead", "responsible"):
            units = tuple(item.get(role, []))
            if units in names:
                item[role] = [f"${names[units]}"]
    ctx.guesses.append(f"{len(shared)} 组多次出现的单位名单写成了 units 中的单位组")


def _group_names(shared: list[tuple]) -> dict[tuple, str]:
    """Readable, stable names: 「甲、乙」 for two units, 「甲…丁」 for more; a count or a number on a clash."""
    names: dict[tuple, str] = {}
    used: set[str] = set()
    for units in shared:
        name = "、".join(units) if len(units) == 2 else f"{units[0]}…{units[-1]}"
        if name in used:
            name = f"{units[0]}…{units[-1]}（{len(units)}个）"
        base, n = name, 2
        while name in used:
            name, n = f"{base}{n}", n + 1
        used.add(name)
        names[units] = name
    return names


def _notice(ctx: h.Context, doc: Document) -> dict:
    """The 印发通知: 文号, issuer (from its title or signature), title, recipients, approval or body, closing."""
    out: dict = {}
    if doc.doc_number:
        out["doc_number"] = doc.doc_number
    title = doc.title.replace("\n", "")
    match = re.match(r"^(?P<issuer>.+?)关于印发", title)
    issuer = match.group("issuer") if match else (doc.signatures[-1] if doc.signatures else "")
    if not match:
        ctx.guess(("notice", "issuer"), "推断自落款" if issuer else "未能读出，请填写发文机关")
    out["issuer"] = issuer or "发文机关"
    if title:
        out["title"] = title
    out["book_marks"] = "《" in (title or "".join(flat(b) for b in doc.blocks[:1]))
    if doc.recipients:
        out["recipients"] = h.groups(doc.recipients)
    paras = [flat(b) for b in doc.blocks]
    if paras and _TABLE_ANNEX.match(paras[-1]):  # 附件说明 of the 任务分工表: `render --table` writes it again
        paras.pop()
    approved = _APPROVED.match(paras[0]) if len(paras) == 1 else None
    if approved:
        out["approval"] = approved.group("approval")
        out["_plan_title"] = approved.group("plan")
    elif paras:
        out["body"] = Paras(paras)
    if doc.signatures:
        out["signature"] = "".join(doc.signatures[-1:])
    h.closing(ctx, doc, out, ("notice",))
    return out
