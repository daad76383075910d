"""The `fazhi` command: parses arguments, calls the library, maps errors to exit codes here only."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

EXIT_FINDINGS = 1
EXIT_INPUT = 2


def _kind_names() -> list[str]:
    from generator.kinds import KINDS

    return list(KINDS)


def _handle_errors(func):
    """Turn library errors into Chinese messages and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from generator.errors import FazhiError

        try:
            return func(*args, **kwargs)
        except FazhiError as exc:
            for problem in exc.problems:
                click.secho(f"错误：{problem}", fg="red", err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt:
            click.echo("已中断", err=True)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fazhi")
def main() -> None:
    """fazhi：法治政府建设年度报告、工作要点的生成与检查工具。"""


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认与输入同名，放在同一目录）")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="自定义模板目录（同名模板优先）")
@click.option("--format", "fmt", type=click.Choice(["docx", "txt", "pdf"]), default="docx", show_default=True, help="输出格式；pdf 需要 LibreOffice")
@click.option("--table", is_flag=True, help="工作要点：附上任务分工表（附件）")
@click.option("--layout", type=click.Path(dir_okay=False, path_type=Path),
              help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）")
@_handle_errors
def render(spec: Path, output: Path | None, templates: Path | None, fmt: str, table: bool,
           layout: Path | None) -> None:
    """由 YAML 数据文件生成 Word 文档（或纯文本、PDF）；给出草稿（.docx/.txt/.doc/.wps/.pdf）则按国标重新排版。"""
    from generator.api import render_file
    from generator.render.build import Options

    options = Options(str(templates) if templates else None, table, str(layout) if layout else None)
    from generator.api import is_draft, render_draft

    if is_draft(spec):  # one-step re-layout: import the draft in memory, then render it
        path, imported = render_draft(spec, output, fmt, options)
        _print_import(imported)
        click.echo(f"已生成：{path}")
        return
    path = render_file(spec, output, fmt, options)
    click.echo(f"已生成：{path}")


@main.command(name="import")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="写出的数据文件（默认与草稿同名，扩展名 .yaml）")
@click.option("--kind", type=click.Choice(["auto", *_kind_names()]), default="auto", show_default=True,
              help="文档类型；auto 按内容判断")
@click.option("--figures", is_flag=True, help="把正文中的「数字+单位」提取为具名数字 figures")
@click.option("--next-year", "next_year", is_flag=True,
              help="由去年的 YAML 数据文件开始今年的：年度加一、日期清空、去年的下一年度安排作为注释")
@_handle_errors
def import_command(draft: Path, output: Path | None, kind: str, figures: bool, next_year: bool) -> None:
    """把已有文稿（.docx、.txt、.doc、.wps、.pdf）转为 fazhi 的 YAML 数据文件。"""
    from generator.api import import_file, next_year_file
    from generator.errors import FazhiError

    if next_year:
        path, changes = next_year_file(draft, output)
        click.echo(f"已写出：{path}")
        for change in changes:
            click.echo(f"  {change}")
        return
    path, imported = import_file(draft, output, kind, figures)
    _print_import(imported)
    click.echo(f"已写出：{path}")
    if imported.problems:
        click.secho("数据文件还需补充后才能生成文档：", fg="yellow", err=True)
        raise FazhiError(*imported.problems)


def _print_import(imported) -> None:
    """What had to be guessed, and how much of the draft the spec reproduces."""
    from generator.kinds import KINDS

    agreement = imported.agreement
    summary = f"（{KINDS[imported.kind].label}"
    if agreement is not None:
        summary += f"；原文 {agreement.total} 段，按数据文件重新生成后一致 {agreement.reproduced} 段"
    click.echo(f"导入{summary}）")
    if imported.guesses:
        click.echo("推断或改动了以下内容，请核对：")
        for guess in imported.guesses:
            click.echo(f"  - {guess}")
    if agreement is not None:
        from generator.importer.compare import excerpt

        for ours, theirs in agreement.differences[:10]:
            ours, theirs = excerpt(ours, theirs)
            click.echo(f"  原文：{ours or '（无）'}\n  生成：{theirs or '（无）'}")


@main.command()
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="写出 CSV 文件（UTF-8 带 BOM，Excel 可直接打开）")
@click.option("--unit", help="只列出该单位牵头或参与的任务，如「区司法局」")
@_handle_errors
def tasks(plan: Path, csv_path: Path | None, unit: str | None) -> None:
    """列出工作要点的任务分工表。"""
    from generator.api import plan_tasks
    from generator.write.atomic import write_atomic
    from generator.kinds.work_plan.tasks import to_csv

    rows = plan_tasks(plan, unit)
    if csv_path:
        write_atomic(csv_path, to_csv(rows))
        click.echo(f"已写出 {len(rows)} 项任务：{csv_path}")
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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", default="auto", show_default=True,
              help="检查规则集：annual-report、work-plan、format，或自定义规则集 .yaml 文件；auto 按内容判断")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="输出格式")
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束")
@click.option("--layout", type=click.Path(dir_okay=False, path_type=Path),
              help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）")
@_handle_errors
def check(files: tuple[Path, ...], profile: str, fmt: str, strict: bool, layout: Path | None) -> None:
    """检查草稿（.docx、.txt 或 fazhi 的 YAML）是否包含法定部分、是否符合公文格式。"""
    from generator.api import check_files

    from generator.checks import report
    from generator.errors import FazhiError

    results, unreadable = check_files(list(files), None if profile == "auto" else profile, layout)
    if fmt == "text":
        if results:
            click.echo(report.to_text(results).rstrip("\n"))
    else:
        render = {"json": report.to_json, "sarif": report.to_sarif}[fmt]
        click.echo(render(results, unreadable).rstrip("\n"))
    if unreadable:
        raise FazhiError(*unreadable)
    failing = {"error"} | ({"warning"} if strict else set())
    if any(f.severity in failing for _, result in results for f in result.findings):
        sys.exit(EXIT_FINDINGS)


@main.command(name="rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_handle_errors
def rules_command(rule_id: str | None, fmt: str) -> None:
    """列出全部检查规则（编号、默认严重程度、适用文档、要求、通过与不通过的例子）；给出编号则显示其全部说明。"""
    import json

    from generator.checks import RULES, describe_rules

    chosen = describe_rules(rule_id)
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in chosen], ensure_ascii=False, indent=2))
        return
    for rule in chosen:
        click.echo(f"{rule.doc}\n\n依据：{rule.basis}" + (f"：「{rule.basis.quote}」" if rule.basis.quote else "")
                   if rule_id else _rule_line(rule))
    if not rule_id:
        click.echo(f"共 {len(RULES)} 条规则；fazhi rules 规则编号 显示一条规则的全部说明。")


def _rule_line(rule) -> str:
    kinds = "、".join(rule.kinds) if rule.kinds else "全部"
    lines = [f"{rule.id}  [{rule.severity}]  适用：{kinds}", f"    {rule.summary}", f"    依据：{rule.basis}"]
    for label, which in (("通过", "pass"), ("不通过", "fail")):
        if rule.example(which):
            lines.append(f"    {label}：{rule.example(which)}")
    return "\n".join(lines)


@main.command(name="schema")
@click.argument("kind", type=click.Choice(_kind_names()), default="annual-report")
def schema_command(kind: str) -> None:
    """输出数据文件的 JSON Schema（编辑器可据此提示字段说明）。"""
    import json

    from generator.kinds import KINDS

    click.echo(json.dumps(KINDS[kind].model.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
