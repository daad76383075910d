"""A 任务分工表 merged into a work plan: owners and deadlines of the items it names, new items and
parts added at the end of their lists (see merge.py for the editing)."""

from __future__ import annotations

import re

from generator.errors import Problem, SpecError
from generator.importer.sheets.merge import Editor, block

_SPACE = re.compile(r"\s+")


def _norm(title: str) -> str:
    return _SPACE.sub("", str(title)).rstrip("。")


def _expand(names: list, groups: dict) -> list[str]:
    out: list[str] = []
    for name in names if isinstance(names, list) else [names]:
        for unit in groups.get(name[1:], [name]) if isinstance(name, str) and name.startswith("$") else [name]:
            if unit not in out:
                out.append(unit)
    return out


def _as_groups(units: list[str], groups: dict) -> list[str]:
    """`[$组名]` when the list is exactly a group's units, else the units."""
    for name, members in groups.items():
        if list(members) == units:
            return [f"${name}"]
    return units


def merge_tasks(editor: Editor, table) -> list[str]:
    data = editor.loaded.data
    if data.get("kind") != "work-plan":
        raise SpecError(Problem("任务分工表只能合并进工作要点（kind: work-plan）", editor.loaded.file, 1, 1))
    groups = data.get("units") or {}
    parts = data.get("parts") or []
    index = {
        _norm(item.get("title", "")): (p, i, item)
        for p, part in enumerate(parts)
        for i, item in enumerate(part.get("items") or [])
    }
    part_index = {_norm(part.get("title", "")): p for p, part in enumerate(parts)}
    changes: list[str] = []
    new_parts = []
    theirs = table.data.get("units") or {}  # the table's own groups, made on import: undone here
    for part in table.data["parts"]:
        added = []
        for item in part["items"]:
            item = {**item, **{role: _expand(item[role], theirs) for role in ("lead", "responsible") if role in item}}
            found = index.get(_norm(item["title"]))
            if found is None:
                added.append(item)
            else:
                changes += _update(editor, found, item, groups)
        if not added:
            continue
        target = part_index.get(_norm(part["title"]))
        if target is None:
            new_parts.append({"title": part["title"], "items": added})
            continue
        _append_items(editor, target, added, groups)
        changes += [f"新增任务「{item['title']}」（第{target + 1}部分末尾）" for item in added]
    if new_parts:
        _append_parts(editor, len(parts), new_parts, groups)
        changes += [f"新增部分「{part['title']}」（{len(part['items'])} 项任务）" for part in new_parts]
    named = {_norm(item["title"]) for part in table.data["parts"] for item in part["items"]}
    missing = [key for key in index if key not in named]
    if missing:
        changes.append(
            f"数据文件中有 {len(missing)} 项任务表中没有（未删除）：{'、'.join(m[:12] for m in missing[:5])}"
            + ("…" if len(missing) > 5 else "")
        )
    return changes


def _update(editor: Editor, found: tuple, item: dict, groups: dict) -> list[str]:
    """Owners and deadline of one item where the sheet differs."""
    p, i, old = found
    path = ("parts", p, "items", i)
    changes = []
    for role, label in (("lead", "牵头单位"), ("responsible", "责任单位")):
        new = item.get(role, [])
        current = _expand(old.get(role) or [], groups)
        if not new or new == current:
            continue
        value = _as_groups(new, groups)
        if path + (role,) in editor.marks:
            editor.replace(path + (role,), value)
        else:
            editor.add_key(path, role, value)
        changes.append(f"任务「{item['title'][:20]}」{label}：{'、'.join(current) or '（无）'} → {'、'.join(new)}")
    deadline = item.get("deadline")
    if deadline and deadline != old.get("deadline"):
        if path + ("deadline",) in editor.marks:
            editor.replace(path + ("deadline",), deadline)
        else:
            editor.add_key(path, "deadline", deadline)
        changes.append(f"任务「{item['title'][:20]}」完成时限：{old.get('deadline') or '（无）'} → {deadline}")
    if _norm(item.get("text", "")) not in (_norm(old.get("text", "")), _norm(item["title"])):
        changes.append(f"任务「{item['title'][:20]}」的正文与表中不同：未改，以数据文件为准")
    return changes


def _with_groups(item: dict, groups: dict) -> dict:
    out = dict(item)
    for role in ("lead", "responsible"):
        if role in out:
            out[role] = _as_groups(out[role], groups)
    return out


def _append_items(editor: Editor, part: int, items: list[dict], groups: dict) -> None:
    path = ("parts", part, "items")
    dash = editor.marks[path + (0,)][1] - 3
    lines = [line for item in items for line in block(path, _with_groups(item, groups), dash)]
    editor.insert_after(path, lines)


def _append_parts(editor: Editor, count: int, parts: list[dict], groups: dict) -> None:
    dash = editor.marks[("parts", 0)][1] - 3
    lines = []
    for part in parts:
        part = {"title": part["title"], "items": [_with_groups(item, groups) for item in part["items"]]}
        lines += block(("parts",), part, dash)
    editor.insert_after(("parts",), lines)
