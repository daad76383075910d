"""Spreadsheets into specs: `fazhi import TABLE.xlsx|.csv|.xls`.

    table = read_table("任务分工.xlsx")      # Table: kind "tasks" or "figures", data, comments, guesses
    table.yaml()                            # a work-plan spec, or a `figures:` block (one per unit)

workbook reads the sheets within bounds, headers tells what each holds, tasks and figures turn rows
into spec data, merge (`--into`) edits an existing spec at its lines, writer makes workbooks
(`fazhi template`, `fazhi tasks --xlsx`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


from generator.errors import DraftError, Problem
from generator.importer.emit import Comments, emit
from generator.importer.sheets.headers import recognised
from generator.importer.sheets.workbook import SUFFIXES, read_sheets
from generator.lexicon import dates, lazy

__all__ = ["SUFFIXES", "Table", "is_table", "read_table"]

_YEAR = lazy(dates.YEAR_WORD)
_PLACE = lazy(rf"{dates.YEAR}\s*年度?(?P<who>.{{2,30}}?)法治")
_TABLE_WORDS = lazy(r"(?:重点)?任务(?:分工|分解)(?:表|方案)?$|工作台账$|责任清单$|分工表$")


def is_table(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


@dataclass
class Table:
    """What a spreadsheet held, as spec data."""

    kind: str  # "tasks" (a work plan) or "figures"
    data: dict  # a work-plan spec, or {"figures": …}
    comments: Comments
    guesses: list[str] = field(default_factory=list)
    units: dict[str, dict] = field(default_factory=dict)  # figures, one column per unit: unit → figures
    sources: dict = field(default_factory=dict)  # (unit, key) → cell

    def yaml(self, unit: str | None = None) -> str:
        if unit is not None:
            return emit({"figures": self.units[unit]}, self.comments)
        return emit(self.data, self.comments)


def read_table(path: str | Path, known_figures: dict | None = None) -> Table:
    """Read a spreadsheet and map its task or figures sheets onto spec data; bad cells raise located."""
    path = Path(path)
    found = recognised(read_sheets(path), path.name)
    kinds = {layout.kind for _, layout in found}
    kind = "tasks" if "tasks" in kinds else "figures"
    others = [sheet.title for sheet, layout in found if layout.kind != kind]
    found = [(sheet, layout) for sheet, layout in found if layout.kind == kind]
    table = _plan(path, found) if kind == "tasks" else _figures(path, found, known_figures)
    if others:
        table.guesses.append(f"工作表「{'」「'.join(others)}」是数字表，这次没有导入：另存为单独的文件再导入")
    return table


def _plan(path: Path, found) -> Table:
    from generator.importer.plan import _unit_groups
    from generator.importer.sheets.tasks import read_tasks

    read = read_tasks(found)
    if read.problems:
        raise DraftError(*read.problems)
    if not read.parts:
        raise DraftError(Problem("任务分工表中没有任务", f"{path.name}:{found[0][0].title}"))
    comments = read.comments
    comments.head.append(f"由 fazhi import 从「{path.name}」导入：注释标出推断的值，请逐项核对。")
    data: dict = {"kind": "work-plan"}
    _head(data, read, comments)
    data["parts"] = read.parts
    # recurring unit lists as `units:` groups, named as for a Word draft
    _unit_groups(read, data)
    count = sum(len(part["items"]) for part in read.parts)
    read.guesses.insert(0, f"读出 {len(read.parts)} 个部分、{count} 项任务")
    return Table("tasks", data, comments, read.guesses)


def _head(data: dict, read, comments: Comments) -> None:
    """Jurisdiction, year and title from the title row above the header, marked as inferred."""
    from generator.read.sender import level_of, place_of

    heading = read.heading
    year = _YEAR.search(heading)
    who = _PLACE.search(heading)
    name = place_of(who.group("who")) if who else place_of(heading)  # 「2025年度示例县…」 or 「示例县2025年…」
    if name:
        data["jurisdiction"] = {"name": name, "level": level_of(name) or "county"}
        comments.note(("jurisdiction",), f"推断自表格标题「{heading[:30]}」")
    else:
        data["jurisdiction"] = {"name": "本地", "level": "county"}
        comments.note(("jurisdiction",), "表中没有写：请填写地区名称和层级")
        read.guesses.append("表格标题中没有地区名称：jurisdiction 请填写")
    if year:
        data["year"] = int(year.group(1))
        comments.note(("year",), "推断自表格标题")
    else:
        import datetime as dt

        data["year"] = dt.date.today().year
        comments.note(("year",), "表中没有写：取今年，请核对")
        read.guesses.append("表格标题中没有年度：year 取今年，请核对")
    title = _TABLE_WORDS.sub("", heading).strip()
    if title and year and name and title != f"{year.group(1)}年度{name}法治政府建设工作要点":
        data["title"] = title
        comments.note(("title",), "推断自表格标题")


def _figures(path: Path, found, known: dict | None) -> Table:
    from generator.importer.sheets.figures import read_figures

    read = read_figures(found, known)
    if read.problems:
        raise DraftError(*read.problems)
    if not read.units:
        raise DraftError(Problem("数字表中没有任何数值", f"{path.name}:{found[0][0].title}"))
    comments = Comments(
        head=[
            f"由 fazhi import 从「{path.name}」导入的具名数字：用 --into 合并进报告的数据文件，"
            "或复制到它的 figures: 下。"
        ]
    )
    if read.per_unit:
        units = read.units
        read.guesses.insert(0, f"每个单位一列：{len(units)} 个单位（{'、'.join(units)}），每个单位一个 figures")
        return Table("figures", {}, comments, read.guesses, units, read.sources)
    figures = read.units[""]
    read.guesses.insert(0, f"读出 {len(figures)} 个数字")
    return Table("figures", {"figures": figures}, comments, read.guesses, {}, read.sources)
