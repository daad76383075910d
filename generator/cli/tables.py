"""`fazhi tasks`, `fazhi figures` and `fazhi schema`: tables and schemas printed or written."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli import PATH, _handle_errors, _kind_names, main
from generator.cli.messages import Choice


@main.command()
@click.argument("plan", type=PATH)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(readable=False),
    help="写出 CSV 文件（UTF-8 带 BOM，Excel 可直接打开）；以 / 结尾：写入该文件夹",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(readable=False),
    help="写出 Excel 文件（每部分一个分类行，含任务正文；fazhi import 可读回）；以 / 结尾：写入该文件夹",
)
@click.option("--unit", help="只列出该单位牵头或参与的任务，如「区司法局」")
@_handle_errors
def tasks(plan: Path, csv_path: str | None, xlsx_path: str | None, unit: str | None) -> None:
    """列出工作要点的任务分工表。"""
    from generator.api import output_target, plan_tasks
    from generator.write.atomic import output_folder, write_atomic
    from generator.kinds.work_plan.tasks import to_csv

    rows = plan_tasks(plan, unit)
    if csv_path or xlsx_path:
        from generator.api.sheets import tasks_xlsx

        for path, fmt in ((csv_path, "csv"), (xlsx_path, "xlsx")):
            if not path:
                continue
            target, new_folder = output_target(plan, path, fmt)
            with output_folder(target, new_folder):
                write_atomic(target, to_csv(rows) if fmt == "csv" else tasks_xlsx(plan, rows))
            click.echo(f"已写出 {len(rows)} 项任务：{target}")
        return
    _print_tasks(rows, unit)


def _print_tasks(rows, unit: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    from generator.kinds.work_plan.tasks import HEADER

    title = f"{unit} 牵头或参与的任务（{len(rows)} 项）" if unit else f"任务分工表（{len(rows)} 项）"
    table = Table(title=title, show_lines=True)
    for name in HEADER:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row.cells())
    Console().print(table)


@main.command(name="figures")
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="SPEC_OR_DIR…")
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="写出 CSV 文件（UTF-8 带 BOM）"
)
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), help="写出 Excel 文件")
@_handle_errors
def figures_command(specs: tuple[Path, ...], csv_path: Path | None, xlsx_path: Path | None) -> None:
    """多个数据文件的具名数字并排：每个单位一列，每个数字一行，单位一致时合计（市里汇总各区县的数字）。"""
    from generator.api import figures_table
    from generator.batch.collect import SPEC_SUFFIXES, collect
    from generator.batch.figures import print_table, to_csv, to_xlsx
    from generator.errors import FazhiError
    from generator.write.atomic import write_atomic

    paths = collect(specs, SPEC_SUFFIXES)
    if not paths:
        raise FazhiError("没有找到数据文件（.yaml）：" + "、".join(map(str, specs)))
    table, problems = figures_table(paths)
    for path, write in ((csv_path, to_csv), (xlsx_path, to_xlsx)):
        if path:
            write_atomic(path, write(table))
            click.echo(f"已写出 {len(table.rows)} 项数字、{len(table.columns)} 个单位：{path}")
    if not csv_path and not xlsx_path:
        print_table(table)
    if problems:
        raise FazhiError(*problems)


@main.command(name="template")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), metavar="tasks.xlsx|figures.xlsx")
@click.option("--kind", type=Choice(["tasks", "figures"]), help="模板种类（默认看文件名：含 tasks 或 figures）")
@click.option("--year", type=click.IntRange(2000, 2100), help="示例行用的年度（默认今年）")
@_handle_errors
def template_command(path: Path, kind: str | None, year: int | None) -> None:
    """写出空白的任务分工表或数字表（表头、数据有效性、一行填写示例），供各部门填写后 fazhi import。"""
    from generator.api.sheets import template_file

    written, kind = template_file(path, kind, year)
    click.echo(f"已写出{'任务分工表' if kind == 'tasks' else '数字表'}模板：{written}")


@main.command(name="schema")
@click.argument("kind", type=Choice(_kind_names()), default="annual-report")
def schema_command(kind: str) -> None:
    """输出数据文件的 JSON Schema（编辑器可据此提示字段说明）。"""
    import json

    from generator.kinds import KINDS

    click.echo(json.dumps(KINDS[kind].model.model_json_schema(), ensure_ascii=False, indent=2))
