"""`fazhi check` (findings, --summary, --fix, --review) and `fazhi rules`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import EXIT_FINDINGS, PATH, _handle_errors, main
from generator.cli.messages import Choice


SUMMARY_SUFFIXES = (".xlsx", ".csv", ".html", ".htm")


@main.command()
@click.argument("files", nargs=-1, type=PATH, metavar="FILE_OR_DIR…")
@click.option(
    "--profile",
    default="auto",
    show_default=True,
    help="检查规则集：annual-report、work-plan、format，或自定义规则集 .yaml 文件；auto 按内容判断",
)
@click.option(
    "--format", "fmt", type=Choice(["text", "json", "sarif"]), default="text", show_default=True, help="输出格式"
)
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束")
@click.option(
    "--layout", type=PATH, help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）"
)
@click.option(
    "--summary",
    is_flag=False,
    flag_value="-",
    default=None,
    metavar="[OUT.xlsx|.csv|.html]",
    help="每份草稿一行的汇总表（单位、类型、年度、成文日期、五个部分、问题数）：写出 .xlsx、.csv 或 "
    ".html 文件；不给文件名则在终端显示",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="并行进程数（默认：CPU 核数）")
@click.option("--fix", is_flag=True, help="把机械性错误（半角标点、序号、文号、日期、主送冒号）改正后另存（-o）")
@click.option("--review", is_flag=True, help="另存一份审阅稿（-o）：每个问题一条批注，每处改正一条修订")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, readable=False, path_type=Path),
    help="--fix / --review 的输出文件（默认：草稿名.fixed.docx / 草稿名.reviewed.docx）",
)
@_handle_errors
def check(
    files: tuple[Path, ...],
    profile: str,
    fmt: str,
    strict: bool,
    layout: Path | None,
    summary: str | None,
    jobs: int | None,
    fix: bool,
    review: bool,
    output: Path | None,
) -> None:
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
            raise click.BadParameter(
                f"汇总表应为 .xlsx、.csv 或 .html 文件，而不是「{summary}」", param_hint="--summary"
            )
        files, summary = (Path(summary), *files), "-"
    if not files:
        raise click.UsageError("请给出要检查的草稿文件或文件夹")
    return files, summary


def _check_summary(
    paths: list[Path], profile: str | None, layout: Path | None, out: str, strict: bool, jobs: int | None
) -> None:
    """One row per draft: a table in the terminal, or an .xlsx/.csv/.html file written as the rows come."""
    from generator.api import summary_rows
    from generator.batch.summary import Tally
    from generator.batch.terminal import print_summary, progress
    from generator.errors import FazhiError, Problem

    tally = Tally()
    if out == "-":
        with progress(len(paths), "检查") as advance:
            rows = list(summary_rows(paths, profile, layout, jobs, advance))
        for row in rows:
            tally.add(row)
        print_summary(rows)
    else:
        _write_summary(Path(out), paths, (profile, layout, jobs), tally)
        count = tally.totals()
        click.echo(
            f"已写出汇总表：{out}（{count['drafts']} 份草稿：有错误 {count['with_errors']} 份，"
            f"逾期 {count['late']} 份，无法读取 {count['unreadable']} 份）"
        )
    if tally.refused:
        raise FazhiError(*(Problem(reason, path) for path, reason in tally.refused))
    failing = {"error"} | ({"warning"} if strict else set())
    if tally.severities & failing:
        sys.exit(EXIT_FINDINGS)


def _write_summary(out: Path, paths: list[Path], options: tuple, tally) -> None:
    """Each row into the writer as it arrives (only the writer's compact state and the tally are kept)."""
    import contextlib

    from generator.api import summary_rows
    from generator.batch.terminal import progress
    from generator.write.atomic import atomic_output

    profile, layout, jobs = options
    with progress(len(paths), "检查") as advance:
        rows = summary_rows(paths, profile, layout, jobs, advance)  # options checked before the output opens
        with atomic_output(out) as handle, contextlib.closing(rows):  # closed: the pool stops on any way out
            writer = _writer(out.suffix.lower(), handle)
            for row in rows:
                writer.add(row)
                tally.add(row)
            writer.close()


def _writer(suffix, handle):
    """The summary writer of the file's kind (.xlsx, .csv, else .html) onto `handle`."""
    if suffix == ".xlsx":
        from generator.batch.xlsx import XlsxSummary

        return XlsxSummary(handle)
    if suffix == ".csv":
        from generator.batch.csv import CsvSummary

        return CsvSummary(handle)
    from generator.batch.html import HtmlSummary

    return HtmlSummary(handle)


def _edit(files, profile, fmt, strict, layout, fix, review, output) -> None:
    """check --fix / --review: one draft, its findings and fixes reported, the new file written."""
    from generator.api import fix_file, review_file
    from generator.checks import report
    from generator.errors import FazhiError

    if fix == review:
        raise FazhiError("-o 需要与 --fix 或 --review 之一同用" if not fix else "--fix 和 --review 不能同时使用")
    if len(files) != 1:
        raise FazhiError("--fix / --review 一次只处理一个草稿")
    failing = frozenset({"error"} | ({"warning"} if strict else set()))
    if fix:
        target, fixes, result, fails = fix_file(files[0], output, profile, layout, failing)
    else:
        target, fixes, result = review_file(files[0], output, profile, layout)
        fails = any(f.severity in failing for f in result.findings)
    results, by_path = [(str(files[0]), result)], {str(files[0]): fixes}
    if fmt == "text":
        text = report.to_text(results, fixes=by_path)
    else:
        text = (report.to_json if fmt == "json" else report.to_sarif)(results, (), fixes=by_path)
    click.echo(text.rstrip("\n"))
    what = "修正稿" if fix else f"审阅稿（批注 {len(result.findings)} 条，修订 {len(fixes)} 处）"
    click.echo(f"已写出{what}：{target}", err=True)
    if fails:
        sys.exit(EXIT_FINDINGS)


@main.command(name="rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("--peers", is_flag=True, help="列出其他公文检查工具的规则类别，以及 fazhi 用哪些规则覆盖、哪些有意不收。")
@_handle_errors
def rules_command(rule_id: str | None, fmt: str, peers: bool) -> None:
    """列出全部检查规则（编号、默认严重程度、适用文档、要求、通过与不通过的例子）；给出编号则显示其全部说明。"""
    import json

    from generator.checks import RULES, describe_rules

    if peers:
        from generator.checks.peers import peer_classes

        classes = peer_classes()
        click.echo(
            json.dumps([c.as_dict() for c in classes], ensure_ascii=False, indent=2)
            if fmt == "json"
            else "\n".join(c.line() for c in classes)
        )
        return

    chosen = describe_rules(rule_id)
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in chosen], ensure_ascii=False, indent=2))
        return
    for rule in chosen:
        click.echo(
            f"{rule.doc}\n\n依据：{rule.basis}" + (f"：「{rule.basis.quote}」" if rule.basis.quote else "")
            if rule_id
            else _rule_line(rule)
        )
    if not rule_id:
        click.echo(f"共 {len(RULES)} 条规则；fazhi rules 规则编号 显示一条规则的全部说明。")


def _rule_line(rule) -> str:
    kinds = "、".join(rule.kinds) if rule.kinds else "全部"
    lines = [f"{rule.id}  [{rule.severity}]  适用：{kinds}", f"    {rule.summary}", f"    依据：{rule.basis}"]
    for label, which in (("通过", "pass"), ("不通过", "fail")):
        if rule.example(which):
            lines.append(f"    {label}：{rule.example(which)}")
    return "\n".join(lines)
