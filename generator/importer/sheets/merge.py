"""`--into SPEC.yaml`: what a spreadsheet held, merged into an existing spec by editing its text at
the lines the loader's marks give (as `import --next-year` does), so the clerk's comments, order
and styles stay; every change is returned as one Chinese line.

Figures: a known key's value, unit, label and previous are replaced where they differ, new keys are
added at the end of `figures:`. Tasks: an item found by its title gets the sheet's owners and
deadline (a `$组名` is kept while it still names the same units), new items go to the end of their
part, new parts to the end of `parts:`. Nothing the sheet lacks is deleted.
"""

from __future__ import annotations

import re

from generator.errors import Problem, SpecError
from generator.importer.emit import emit, inline
from generator.spec.marks import Loaded

_FIELDS = ("value", "unit", "label", "previous")


class Editor:
    """Line edits computed against the original marks and applied together, bottom first."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.lines = loaded.text.split("\n")
        self.marks = loaded.marks
        self.edits: dict[int, tuple[int, list[str]]] = {}  # start → (end, new lines)
        self.inserts: dict[int, list[str]] = {}  # before index → lines

    def span(self, path: tuple) -> tuple[int, int]:
        """(first, end) line indexes of a key and its value, trailing blank and comment lines left out."""
        first = self.marks[path][0] - 1
        later = [line - 1 for p, (line, _) in self.marks.items() if line - 1 > first and p[: len(path)] != path]
        end = min(later) if later else len(self.lines)
        while end > first + 1 and (not self.lines[end - 1].strip() or self.lines[end - 1].lstrip().startswith("#")):
            end -= 1
        return first, end

    def in_flow(self, path: tuple) -> bool:
        line, col = self.marks[path]
        before = self.lines[line - 1][: col - 1]
        return before.count("{") + before.count("[") > before.count("}") + before.count("]")

    def replace(self, path: tuple, value) -> None:
        """The value of an existing key, on its key's line (a multi-line value is replaced whole)."""
        line, col = self.marks[path]
        index, text = line - 1, self.lines[line - 1]
        if self.in_flow(path):  # edited in place: several keys of one flow mapping share the line
            parent = self.marks.get(path[:-1], (line, 1))
            start = parent[1] - 1 if parent[0] == line else 0
            key = re.compile(r"[{,]\s*" + re.escape(str(path[-1])) + r"\s*:").search(text, start)
            assert key is not None  # the key is marked on this line, inside the flow mapping
            self.lines[index] = f"{text[: key.end()]} {inline(value)}{_flow_rest(text[key.end() :])}"
            return
        key_end = text.index(":", col - 1) + 1
        first, end = self.span(path)
        after = text[key_end:]
        only_comment = after.lstrip().startswith("#")  # 「lead:  # 注释」 over a block value
        if isinstance(value, list) and value and (not after.strip() or only_comment) and end > first + 1:
            dash = self.lines[first + 1][: len(self.lines[first + 1]) - len(self.lines[first + 1].lstrip())]
            self.edits[first] = (end, [text, *(f"{dash}- {inline(v)}" for v in value)])
            return  # a block list stays a block list, its key line (and comment) as it was
        comment = re.search(r"\s+#.*$", after) if end == first + 1 or only_comment else None
        self.edits[first] = (end, [f"{text[:key_end]} {inline(value)}{comment.group() if comment else ''}"])

    def add_key(self, parent: tuple, key: str, value) -> None:
        """A new key of an existing mapping: inside its braces, or a line after its last line."""
        children = [p for p in self.marks if len(p) == len(parent) + 1 and p[:-1] == parent]
        first_child = min(children, key=lambda p: self.marks[p])
        if self.in_flow(first_child):
            line = self.marks[first_child][0] - 1
            text = self.lines[line]
            close = text.rindex("}")
            self.lines[line] = f"{text[:close].rstrip()}, {key}: {inline(value)}{text[close:]}"
            return
        indent = " " * (self.marks[first_child][1] - 1)
        self.insert_after(parent, [f"{indent}{key}: {inline(value)}"])

    def insert_after(self, path: tuple, lines: list[str]) -> None:
        self.inserts.setdefault(self.span(path)[1], []).extend(lines)

    def text(self) -> str:
        lines = list(self.lines)
        positions = sorted(set(self.edits) | set(self.inserts), reverse=True)
        for at in positions:
            if at in self.edits:
                end, new = self.edits[at]
                lines[at:end] = new
            lines[at:at] = self.inserts.get(at, [])
        return "\n".join(lines)


def _flow_rest(after_key: str) -> str:
    """What follows a value inside a flow mapping: from the first , } or ] outside quotes."""
    quote = None
    for index, char in enumerate(after_key):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in ",}]":
            return after_key[index:]
    return ""


def block(key_path: tuple, data, dash_col: int) -> list[str]:
    """`data` (a list item) emitted in block style with its dash at `dash_col` (0-based)."""
    lines = emit({"x": [data]}).rstrip("\n").split("\n")[1:]
    shift = dash_col - lines[0].index("-")
    return [(" " * shift + line) if shift >= 0 else line[-shift:] for line in lines]


def merge(loaded: Loaded, table, several: bool = False) -> tuple[str | None, list[str]]:
    """The spec's new text and the changes; (None, []) when a folder's spec has no column in the table."""
    from generator.importer.sheets.merge_tasks import merge_tasks

    if not isinstance(loaded.data, dict):
        raise SpecError(Problem("数据文件不是 YAML 映射（key: value）", loaded.file, 1, 1))
    editor = Editor(loaded)
    if table.kind == "tasks":
        changes = merge_tasks(editor, table)
    else:
        unit = _unit(loaded, table, several)
        if unit is None:
            return None, []
        figures = table.units[unit] if table.units else table.data["figures"]
        sources = {key: cell for (u, key), cell in table.sources.items() if u == unit}
        # one column per unit: 说明 and 单位 are the row's, shared by all units; a unit's own stay
        fields = ("value",) if table.units else _FIELDS
        changes = merge_figures(editor, figures, sources, fields)
    text = editor.text()
    _check(text, loaded.file)
    return text, changes or ["没有变化：表中的内容与数据文件一致"]


def _unit(loaded: Loaded, table, several: bool) -> str | None:
    """Which column of the table is this spec's: '' for a table of one unit, else found by the
    spec's jurisdiction; None when a folder's spec has none."""
    if not table.units:
        return ""
    place = loaded.data.get("jurisdiction") or {}
    names = {name for name in (place.get("name"), place.get("full_name")) if name is not None}
    unit = next((u for u in table.units if u in names or re.sub(r"（.*）$", "", u) in names), None)
    if unit is None:
        if several:
            return None
        raise SpecError(
            Problem(
                f"表中没有「{'、'.join(sorted(names)) or '本地区'}」这一列；表中的单位：{'、'.join(table.units)}",
                loaded.file,
                *loaded.locate(("jurisdiction",)),
            )
        )
    return unit


def _same(new, old) -> bool:
    if isinstance(new, (int, float)) and isinstance(old, (int, float)) and not isinstance(old, bool):
        return float(new) == float(old)
    return str(new) == str(old) if old is not None else False


def merge_figures(editor: Editor, figures: dict, sources: dict, fields: tuple = _FIELDS) -> list[str]:
    """Figures into the spec's `figures:` (created after `title`/`year` when it has none)."""
    data = editor.loaded.data
    old = data.get("figures") if isinstance(data.get("figures"), dict) else {}
    changes, new_keys = [], []
    for key, figure in figures.items():
        where = f"（{sources[key].split(':', 1)[-1]}）" if key in sources else ""
        if key not in old:
            new_keys.append(key)
            changes.append(f"新增 figures.{key}：{figure['value']}{figure.get('unit', '')}{where}")
            continue
        current = old[key] if isinstance(old[key], dict) else {"value": old[key]}
        for field in fields:
            value = figure.get(field)
            if value in (None, "") or _same(value, current.get(field)):
                continue
            path = ("figures", key, field)
            if path in editor.marks:
                editor.replace(path, value)
                changes.append(f"figures.{key}.{field}：{current.get(field)} → {value}{where}")
            elif isinstance(old[key], dict) and old[key]:
                editor.add_key(("figures", key), field, value)
                changes.append(f"figures.{key}.{field}：新增 {value}{where}")
    if new_keys:
        _new_figures(editor, {key: figures[key] for key in new_keys}, bool(old))
    return changes


def _new_figures(editor: Editor, figures: dict, existing: bool) -> None:
    lines = emit({"figures": figures}).rstrip("\n").split("\n")
    if existing:
        first_key = min((p for p in editor.marks if len(p) == 2 and p[0] == "figures"), key=lambda p: editor.marks[p])
        indent = editor.marks[first_key][1] - 1
        editor.insert_after(("figures",), [" " * (indent - 2) + line for line in lines[1:]])
        return
    if ("figures",) in editor.marks:  # `figures: {}` or an empty `figures:`
        first, end = editor.span(("figures",))
        editor.edits[first] = (end, lines)
        return
    after = ("title",) if ("title",) in editor.marks else ("year",)
    editor.insert_after(after, ["", "# 具名数字：由 fazhi import 从表格导入", *lines])


def _check(text: str, name: str) -> None:
    """The merged spec must load and validate: an edit that broke it is reported, not written."""
    from generator.spec.loading import load_yaml_text
    from generator.spec.validate import validate

    try:
        validate(load_yaml_text(text, name))
    except SpecError as exc:
        first = exc.problems[0]
        raise SpecError(
            Problem(f"合并后的数据文件不合规，未写出：{first.message}", name, first.line, first.column, first.field)
        ) from None
