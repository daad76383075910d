"""Spreadsheets: `fazhi import TABLE.xlsx [--into SPEC.yaml]`, `fazhi template`, `fazhi tasks --xlsx`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from generator.errors import FazhiError, Problem
from generator.api.render import not_the_input


class TableImport(NamedTuple):
    """What `fazhi import TABLE` did: files written, what was guessed, what changed (with --into)."""

    written: list[Path]
    table: object  # importer.sheets.Table
    changes: list[str]
    problems: list[Problem]  # a written plan spec's validation problems, located in it


def is_table(path: str | Path) -> bool:
    from generator.importer.sheets import is_table as table

    return table(path)


def import_table(path: str | Path, out: str | Path | None = None, into: str | Path | None = None) -> TableImport:
    """Read a spreadsheet; write a spec (beside it, or OUT), one per unit into a folder, or merge --into."""
    from generator.importer.sheets import read_table

    if into is not None:
        return _merge(Path(path), Path(into), Path(out) if out else None)
    table = read_table(path)
    if table.units:
        return _per_unit(Path(path), table, Path(out) if out else None)
    from generator.write.atomic import write_atomic

    target = not_the_input(Path(out) if out else Path(path).with_suffix(".yaml"), path)
    text = table.yaml()
    problems = _problems(table.data, text, str(target)) if table.kind == "tasks" else []
    return TableImport([write_atomic(target, text.encode("utf-8"))], table, [], problems)


def _per_unit(path: Path, table, out: Path | None) -> TableImport:
    """One `figures:` file per unit, in OUT/ (default: a folder beside the table, named after it)."""
    from generator.write.atomic import output_folder, write_atomic

    folder = out or path.with_suffix("")
    if folder.exists() and not folder.is_dir():
        raise FazhiError(Problem("每个单位一列的数字表写出多个文件：-o 应为文件夹", str(folder)))
    targets = {unit: folder / f"{_file_name(unit)}.yaml" for unit in table.units}
    with output_folder(next(iter(targets.values())), not folder.exists()):
        written = [write_atomic(target, table.yaml(unit).encode("utf-8")) for unit, target in targets.items()]
    return TableImport(written, table, [], [])


def _file_name(unit: str) -> str:
    return "".join("_" if c in '/\\:*?"<>|\0' or ord(c) < 32 else c for c in unit).strip(". ") or "单位"


def _problems(data: dict, text: str, target: str) -> list[Problem]:
    """The plan's validation problems, located in the written YAML (parsed only when there are some)."""
    from generator.importer import located_problems
    from generator.spec.loading import Loaded
    from generator.spec.validate import validate

    try:
        validate(Loaded(data, target))
    except FazhiError:
        return located_problems(text, target)
    return []


def _merge(path: Path, into: Path, out: Path | None) -> TableImport:
    """Merge the table into a spec (or each spec of a folder, matched by unit), keeping its comments."""
    from generator.importer.sheets import merge, read_table
    from generator.spec.loading import load_yaml
    from generator.write.atomic import write_atomic

    targets = _specs(into)
    written, changes = [], []
    for spec_path in targets:
        loaded = load_yaml(spec_path)
        known = loaded.data.get("figures") if isinstance(loaded.data, dict) else None
        table = read_table(path, known if isinstance(known, dict) else None)
        text, spec_changes = merge.merge(loaded, table, len(targets) > 1)
        if text is None:
            continue
        target = _merged_target(spec_path, into, out)
        if target != spec_path or text != loaded.text:  # an unchanged spec is left as it is
            written.append(write_atomic(target, text.encode("utf-8")))
        changes += [f"{spec_path.name}：{c}" for c in spec_changes] if len(targets) > 1 else spec_changes
    if not changes:
        raise FazhiError(Problem("表中没有与这些数据文件的地区对应的列", str(into)))
    return TableImport(written, table, changes, [])


def _specs(into: Path) -> list[Path]:
    if into.is_dir():
        from generator.batch.collect import SPEC_SUFFIXES, collect

        specs = collect([into], SPEC_SUFFIXES)
        if not specs:
            raise FazhiError(Problem("文件夹中没有数据文件（.yaml）", str(into)))
        return [Path(p) for p in specs]
    if into.suffix.lower() not in (".yaml", ".yml"):
        raise FazhiError(Problem("--into 应为 YAML 数据文件（或放数据文件的文件夹）", str(into)))
    return [into]


def _merged_target(spec: Path, into: Path, out: Path | None) -> Path:
    """OUT (a file, or a folder when --into is one), else the spec itself (through a temporary file)."""
    if out is None:
        return spec
    if into.is_dir():
        out.mkdir(parents=True, exist_ok=True)
        return out / spec.relative_to(into)
    return out


def template_file(path: str | Path, kind: str | None = None, year: int | None = None) -> tuple[Path, str]:
    """An empty workbook to fill in: (path written, "tasks" or "figures")."""
    from generator.importer.sheets.writer import figures_template, tasks_template
    from generator.write.atomic import write_atomic

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise FazhiError(Problem("模板只能写成 .xlsx 文件", str(path)))
    kind = kind or _template_kind(path.stem)
    year = year or dt.date.today().year
    data = tasks_template(year) if kind == "tasks" else figures_template(year)
    return write_atomic(path, data), kind


def _template_kind(stem: str) -> str:
    lowered = stem.lower()
    if "task" in lowered or "任务" in stem or "分工" in stem:
        return "tasks"
    if "figure" in lowered or "数字" in stem or "指标" in stem or "数据" in stem:
        return "figures"
    raise FazhiError(
        Problem("从文件名看不出要哪种模板：文件名含 tasks（任务分工表）或 figures（数字表），或加 --kind", stem)
    )


def tasks_xlsx(plan_path: str | Path, rows: list) -> bytes:
    """The 任务分工表 of a plan as a workbook (a category row per part, the item texts included)."""
    from generator.api.render import load_spec
    from generator.importer.sheets.writer import tasks_xlsx as write

    spec = load_spec(plan_path)
    title = spec.title or f"{spec.year}年度{spec.jurisdiction.name}法治政府建设工作要点"
    return write(rows, f"{title.replace(chr(10), '')}任务分工表")
