"""The `fazhi` command: parses arguments, calls the library, maps errors to exit codes here only."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from generator.cli_errors import Choice

EXIT_FINDINGS = 1
EXIT_INPUT = 2
# Paths are checked by the library, in Chinese, one file at a time: click checks none of them
# (its checks are English, and one unreadable draft would stop a whole `check` run).
PATH = click.Path(path_type=Path, readable=False)


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


class FazhiGroup(click.Group):
    """The command group; click's own errors, interrupts and a closed pipe are handled here."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from generator import cli_errors
        from generator.errors import Interrupted
        from generator.write.atomic import terminating_signals_unwind

        try:
            with terminating_signals_unwind():
                code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `fazhi`: the help (click ≥ 8.2)
                exc.show()
                sys.exit(EXIT_INPUT)
            cli_errors.show(exc)
            sys.exit(EXIT_INPUT if isinstance(exc, click.UsageError) else exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("已中断", err=True)
            sys.exit(130)
        except Interrupted as exc:
            click.echo("已中断（收到终止信号）", err=True)
            sys.exit(128 + exc.signum)
        except BrokenPipeError:
            cli_errors.silence_closed_pipe()
            sys.exit(EXIT_FINDINGS)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=FazhiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fazhi")
def main() -> None:
    """fazhi：法治政府建设年度报告、工作要点的生成与检查工具。"""


@main.command()
@click.argument("spec", type=PATH)
@click.option("-o", "--output", type=click.Path(readable=False),
              help="输出文件（默认与输入同名，放在同一目录）；以 / 结尾或已有的文件夹：写入该文件夹（不存在则创建）")
@click.option("--templates", type=PATH, help="自定义模板目录（同名模板优先）")
@click.option("--format", "fmt", type=Choice(["docx", "txt", "pdf"]), default="docx", show_default=True, help="输出格式；pdf 需要 LibreOffice")
@click.option("--table", is_flag=True, help="工作要点：附上任务分工表（附件）")
@click.option("--layout", type=PATH,
              help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）")
@_handle_errors
def render(spec: Path, output: str | None, templates: Path | None, fmt: str, table: bool,
           layout: Path | None) -> None:
    """由 YAML 数据文件生成 Word 文档（或纯文本、PDF）。"""
    from generator.api import render_file
    from generator.render.build import Options

    options = Options(str(templates) if templates else None, table, str(layout) if layout else None)
    path = render_file(spec, output, fmt, options)
    click.echo(f"已生成：{path}")


@main.command()
@click.argument("plan", type=PATH)
@click.option("--csv", "csv_path", type=click.Path(readable=False),
              help="写出 CSV 文件（UTF-8 带 BOM，Excel 可直接打开）；以 / 结尾：写入该文件夹")
@click.option("--unit", help="只列出该单位牵头或参与的任务，如「区司法局」")
@_handle_errors
def tasks(plan: Path, csv_path: str | None, unit: str | None) -> None:
    """列出工作要点的任务分工表。"""
    from generator.api import output_target, plan_tasks
    from generator.write.atomic import output_folder, write_atomic
    from generator.kinds.work_plan.tasks import to_csv

    rows = plan_tasks(plan, unit)
    if csv_path:
        target, new_folder = output_target(plan, csv_path, "csv")
        with output_folder(target, new_folder):
            write_atomic(target, to_csv(rows))
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


@main.command()
@click.argument("files", nargs=-1, required=True, type=PATH)
@click.option("--profile", default="auto", show_default=True,
              help="检查规则集：annual-report、work-plan、format，或自定义规则集 .yaml 文件；auto 按内容判断")
@click.option("--format", "fmt", type=Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="输出格式")
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束")
@click.option("--layout", type=PATH,
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
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
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
@click.argument("kind", type=Choice(_kind_names()), default="annual-report")
def schema_command(kind: str) -> None:
    """输出数据文件的 JSON Schema（编辑器可据此提示字段说明）。"""
    import json

    from generator.kinds import KINDS

    click.echo(json.dumps(KINDS[kind].model.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
