"""The `fazhi` command: parses arguments, calls the library, maps errors to exit codes here only."""
from __future__ import annotations

import atexit
import functools
import gc
import sys
from pathlib import Path

import click

from generator.cli_errors import Choice

EXIT_FINDINGS = 1
EXIT_INPUT = 2
# Paths are checked by the library, in Chinese, one file at a time: click checks none of them
# (its checks are English, and one unreadable draft would stop a whole `check` run).
PATH = click.Path(path_type=Path, readable=False)

# Interpreter shutdown runs the cyclic garbage collector over every object still alive (~33,000
# after a render: pydantic schemas, compiled templates): measured 44 ms of a kaifu render. Moving them
# to the permanent generation first skips that work; atexit still runs every other handler
# (registered later, so run earlier), and the OS frees the memory anyway.
atexit.register(gc.freeze)


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
@click.argument("specs", nargs=-1, required=True, type=PATH, metavar="SPEC…")
@click.option("-o", "--output", type=click.Path(readable=False),
              help="输出文件（默认与输入同名，放在同一目录）；以 / 结尾或已有的文件夹：写入该文件夹（不存在则创建）；多个数据文件时为输出文件夹")
@click.option("--templates", type=PATH, help="自定义模板目录（同名模板优先）")
@click.option("--format", "fmt", type=Choice(["docx", "txt", "pdf"]), default="docx", show_default=True, help="输出格式；pdf 需要 LibreOffice")
@click.option("--table", type=Choice(["portrait", "landscape"]), is_flag=False, flag_value="portrait",
              default=None, help="工作要点：附上任务分工表（附件）；--table landscape 横排")
@click.option("--layout", type=PATH,
              help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path),
              help="上年的数据文件：按名称取其 figures 的数值作为上年数，正文可写 {{ figures.名称.change }}、{{ figures.名称.percent }}")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="多个数据文件时的并行进程数（默认：CPU 核数）")
@_handle_errors
def render(specs: tuple[Path, ...], output: str | None, templates: Path | None, fmt: str, table: str | None,
           layout: Path | None, previous: Path | None, jobs: int | None) -> None:
    """由 YAML 数据文件生成 Word 文档（或纯文本、PDF）；可一次生成多个（文件或文件夹）；
    给出草稿（.docx/.txt/.doc/.wps/.pdf）则按国标重新排版。"""
    from generator.api import is_draft, previous_figures, render_draft, render_file
    from generator.render.build import Options

    table_option = {"portrait": True, "landscape": "landscape", None: False}[table]
    options = Options(str(templates) if templates else None, table_option, str(layout) if layout else None)
    last = previous_figures(previous) if previous else None
    if len(specs) == 1 and is_draft(specs[0]):  # one-step re-layout: import in memory, then render
        path, imported = render_draft(specs[0], output, fmt, options)
        _print_import(imported)
        click.echo(f"已生成：{path}")
        return
    if len(specs) == 1 and not specs[0].is_dir():  # render_file writes into `-o folder/` itself
        path = render_file(specs[0], output, fmt, options, previous=last,
                           notify=lambda message: click.secho(f"提示：{message}", fg="yellow", err=True))
        click.echo(f"已生成：{path}")
        return
    _render_batch(specs, Path(output) if output else None, fmt, options, last, jobs)


def _render_batch(specs, outdir: Path | None, fmt: str, options, previous: dict | None, jobs: int | None) -> None:
    """Many specs: a progress bar, every good spec rendered, the bad ones reported (exit 2)."""
    from generator.api import render_specs
    from generator.batch.collect import SPEC_SUFFIXES, collect
    from generator.batch.terminal import progress
    from generator.errors import FazhiError, OutputError, Problem

    if outdir is not None and outdir.exists() and not outdir.is_dir():
        raise OutputError(Problem("生成多个文件时 -o 应为文件夹", str(outdir)))
    paths = collect(specs, SPEC_SUFFIXES)
    if not paths:
        raise FazhiError(Problem("没有找到数据文件（.yaml）", str(specs[0])))
    with progress(len(paths), "生成") as advance:
        written, problems = render_specs(paths, outdir, fmt, options, previous, jobs, advance)
    where = f"，在 {outdir}" if outdir else ""
    click.echo(f"已生成 {len(written)} 个文件{where}" + (f"；{len(paths) - len(written)} 个未生成" if problems else ""))
    if problems:
        raise FazhiError(*problems)


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


SUMMARY_SUFFIXES = (".xlsx", ".csv", ".html", ".htm")


@main.command()
@click.argument("files", nargs=-1, type=PATH, metavar="FILE_OR_DIR…")
@click.option("--profile", default="auto", show_default=True,
              help="检查规则集：annual-report、work-plan、format，或自定义规则集 .yaml 文件；auto 按内容判断")
@click.option("--format", "fmt", type=Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="输出格式")
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束")
@click.option("--layout", type=PATH,
              help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）")
@click.option("--summary", is_flag=False, flag_value="-", default=None, metavar="[OUT.xlsx|.csv|.html]",
              help="每份草稿一行的汇总表（单位、类型、年度、成文日期、五个部分、问题数）：写出 .xlsx、.csv 或 "
                   ".html 文件；不给文件名则在终端显示")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="并行进程数（默认：CPU 核数）")
@click.option("--fix", is_flag=True, help="把机械性错误（半角标点、序号、文号、日期、主送冒号）改正后另存（-o）")
@click.option("--review", is_flag=True, help="另存一份审阅稿（-o）：每个问题一条批注，每处改正一条修订")
@click.option("-o", "--output", type=click.Path(dir_okay=False, readable=False, path_type=Path),
              help="--fix / --review 的输出文件（默认：草稿名.fixed.docx / 草稿名.reviewed.docx）")
@_handle_errors
def check(files: tuple[Path, ...], profile: str, fmt: str, strict: bool, layout: Path | None,
          summary: str | None, jobs: int | None, fix: bool, review: bool, output: Path | None) -> None:
    """检查草稿（.docx、.txt 或 fazhi 的 YAML；文件夹逐层查找）是否包含法定部分、是否符合公文格式；
    --fix 另存修正稿，--review 另存带批注和修订的审阅稿。"""
    if fix or review or output:
        _edit(files, None if profile == "auto" else profile, fmt, strict, layout, fix, review, output)
        return
    from generator.api import check_many
    from generator.batch.collect import collect
    from generator.batch.terminal import progress
    from generator.checks import report
    from generator.errors import FazhiError

    files, summary = _summary_target(files, summary)
    if summary is not None and fmt != "text":
        raise click.UsageError("--summary 与 --format json/sarif 不能同时使用")
    paths = collect(files)
    if not paths:
        raise FazhiError("没有找到草稿文件（.docx、.txt、.yaml）：" + "、".join(map(str, files)))
    chosen = None if profile == "auto" else profile
    if summary is not None:
        return _check_summary(paths, chosen, layout, summary, strict, jobs)
    with progress(len(paths), "检查") as advance:
        results, unreadable = check_many(paths, chosen, layout, jobs, advance)
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


def _summary_target(files: tuple[Path, ...], summary: str | None) -> tuple[tuple[Path, ...], str | None]:
    """`--summary` takes an optional value, so in `check --summary drafts/` it swallows the folder:
    a value that is not a summary file but an existing path is a draft, and the table goes to the terminal."""
    if not files and summary is None:
        raise click.UsageError("请给出要检查的草稿文件或文件夹")
    if summary not in (None, "-") and Path(summary).suffix.lower() not in SUMMARY_SUFFIXES:
        if not Path(summary).exists():
            raise click.BadParameter(f"汇总表应为 .xlsx、.csv 或 .html 文件，而不是「{summary}」", param_hint="--summary")
        files, summary = (Path(summary), *files), "-"
    if not files:
        raise click.UsageError("请给出要检查的草稿文件或文件夹")
    return files, summary


def _check_summary(paths: list[Path], profile: str | None, layout: Path | None, out: str, strict: bool,
                   jobs: int | None) -> None:
    """One row per draft: a table in the terminal, or an .xlsx/.csv/.html file."""
    from generator.api import check_summary
    from generator.batch.summary import totals
    from generator.batch.terminal import print_summary, progress
    from generator.errors import FazhiError, Problem

    with progress(len(paths), "检查") as advance:
        rows = check_summary(paths, profile, layout, jobs, advance)
    if out == "-":
        print_summary(rows)
    else:
        _write_summary(Path(out), rows)
        count = totals(rows)
        click.echo(f"已写出汇总表：{out}（{count['drafts']} 份草稿：有错误 {count['with_errors']} 份，"
                   f"逾期 {count['late']} 份，无法读取 {count['unreadable']} 份）")
    unreadable = [Problem(r.unreadable, r.path) for r in rows if r.unreadable]
    if unreadable:
        raise FazhiError(*unreadable)
    failing = {"error"} | ({"warning"} if strict else set())
    if any(f.severity in failing for r in rows for f in r.findings):
        sys.exit(EXIT_FINDINGS)


def _write_summary(out: Path, rows: list) -> None:
    from generator.write.atomic import write_atomic

    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        from generator.batch.xlsx import to_xlsx as write
    elif suffix == ".csv":
        from generator.batch.csv import to_csv as write
    else:
        from generator.batch.html import to_html as write
    write_atomic(out, write(rows))


def _edit(files, profile, fmt, strict, layout, fix, review, output) -> None:
    """check --fix / --review: one draft, its findings and fixes reported, the new file written."""
    from generator.api import fix_file, review_file
    from generator.checks import report
    from generator.errors import FazhiError

    if fix == review:
        raise FazhiError("-o 需要与 --fix 或 --review 之一同用" if not fix else "--fix 和 --review 不能同时使用")
    if len(files) != 1:
        raise FazhiError("--fix / --review 一次只处理一个草稿")
    if fix:
        target, fixes, result, after = fix_file(files[0], output, profile, layout)
    else:
        target, fixes, result = review_file(files[0], output, profile, layout)
        after = result
    results, by_path = [(str(files[0]), result)], {str(files[0]): fixes}
    render = {"text": report.to_text, "json": report.to_json, "sarif": report.to_sarif}[fmt]
    text = render(results, fixes=by_path) if fmt == "text" else render(results, (), fixes=by_path)
    click.echo(text.rstrip("\n"))
    what = "修正稿" if fix else f"审阅稿（批注 {len(result.findings)} 条，修订 {len(fixes)} 处）"
    click.echo(f"已写出{what}：{target}", err=True)
    failing = {"error"} | ({"warning"} if strict else set())
    if any(f.severity in failing for f in after.findings):
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


@main.command(name="figures")
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="SPEC_OR_DIR…")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="写出 CSV 文件（UTF-8 带 BOM）")
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


@main.command(name="schema")
@click.argument("kind", type=Choice(_kind_names()), default="annual-report")
def schema_command(kind: str) -> None:
    """输出数据文件的 JSON Schema（编辑器可据此提示字段说明）。"""
    import json

    from generator.kinds import KINDS

    click.echo(json.dumps(KINDS[kind].model.model_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
