"""`fazhi render` (specs, batches, drafts re-laid out) and `fazhi import`."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli import PATH, _handle_errors, _kind_names, main
from generator.cli.messages import Choice


@main.command()
@click.argument("specs", nargs=-1, required=True, type=PATH, metavar="SPEC…")
@click.option(
    "-o",
    "--output",
    type=click.Path(readable=False),
    help="输出文件（默认与输入同名，放在同一目录）；以 / 结尾或已有的文件夹：写入该文件夹（不存在则创建）；多个数据文件时为输出文件夹",
)
@click.option("--templates", type=PATH, help="自定义模板目录（同名模板优先）")
@click.option(
    "--format",
    "fmt",
    type=Choice(["docx", "txt", "pdf", "ofd"]),
    default="docx",
    show_default=True,
    help="输出格式；pdf 需要 LibreOffice；ofd 为 GB/T 33190 版式文档（不需要 LibreOffice）",
)
@click.option(
    "--embed-fonts",
    "embed_fonts",
    is_flag=True,
    help="ofd：嵌入所用开源替代字体的子集（许可允许的才嵌入）；默认只按名称引用字体",
)
@click.option(
    "--table",
    type=Choice(["portrait", "landscape"]),
    is_flag=False,
    flag_value="portrait",
    default=None,
    help="工作要点：附上任务分工表（附件）；--table landscape 横排",
)
@click.option(
    "--layout", type=PATH, help="自定义版式文件（在内置 GB/T 9704 版式上覆盖，见 generator/data/layout.yaml）"
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False, path_type=Path),
    help="上年的数据文件：按名称取其 figures 的数值作为上年数，正文可写 {{ figures.名称.change }}、{{ figures.名称.percent }}",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="多个数据文件时的并行进程数（默认：CPU 核数）")
@click.option(
    "--kind",
    type=click.Choice(["auto", *_kind_names()]),
    default="auto",
    show_default=True,
    help="草稿按哪种文档排版：auto 自动识别（并说明依据），或指定类型（数据文件的类型由其 kind 决定）",
)
@_handle_errors
def render(
    specs: tuple[Path, ...],
    output: str | None,
    templates: Path | None,
    fmt: str,
    table: str | None,
    layout: Path | None,
    previous: Path | None,
    jobs: int | None,
    kind: str,
    embed_fonts: bool,
) -> None:
    """由 YAML 数据文件生成 Word 文档（或纯文本、PDF、OFD）；可一次生成多个（文件或文件夹）；
    给出草稿（.docx/.txt/.doc/.wps/.pdf/.ofd）则按国标重新排版。"""
    from generator.api import is_draft, previous_figures, render_draft, render_file
    from generator.render.build import Options

    tables: dict[str | None, bool | str] = {"portrait": True, "landscape": "landscape", None: False}
    table_option = tables[table]
    options = Options(str(templates) if templates else None, table_option, str(layout) if layout else None, embed_fonts)
    last = previous_figures(previous) if previous else None
    if len(specs) == 1 and is_draft(specs[0]):  # one-step re-layout: import in memory, then render
        path, imported = render_draft(specs[0], output, fmt, options, None if kind == "auto" else kind)
        _print_import(imported)
        click.echo(f"已生成：{path}")
        return
    if kind != "auto":
        from generator.errors import FazhiError, Problem

        raise FazhiError(
            Problem("--kind 只用于排版草稿（.docx、.txt 等）：数据文件的类型由其中的 kind 决定", str(specs[0]))
        )
    if len(specs) == 1 and not specs[0].is_dir():  # render_file writes into `-o folder/` itself
        path = render_file(
            specs[0],
            output,
            fmt,
            options,
            previous=last,
            notify=lambda message: click.secho(f"提示：{message}", fg="yellow", err=True),
        )
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
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写出的数据文件（默认与草稿同名，扩展名 .yaml）",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", *_kind_names()]),
    default="auto",
    show_default=True,
    help="文档类型；auto 按内容判断",
)
@click.option("--figures", is_flag=True, help="把正文中的「数字+单位」提取为具名数字 figures")
@click.option(
    "--next-year",
    "next_year",
    is_flag=True,
    help="由去年的 YAML 数据文件开始今年的：年度加一、日期清空、去年的下一年度安排作为注释",
)
@click.option(
    "--into",
    type=click.Path(path_type=Path),
    help="表格（.xlsx/.csv/.xls）：合并进已有的数据文件（或文件夹中按地区对应的数据文件），保留其注释和顺序；"
    "写回原文件，或 -o 指定的文件",
)
@_handle_errors
def import_command(
    draft: Path, output: Path | None, kind: str, figures: bool, next_year: bool, into: Path | None
) -> None:
    """把已有文稿（.docx、.txt、.doc、.wps、.pdf、.ofd）或表格（任务分工表、数字表：.xlsx、.csv、.xls）
    转为 fazhi 的 YAML 数据文件。"""
    from generator.api import import_file, next_year_file
    from generator.api.sheets import is_table
    from generator.errors import FazhiError

    if is_table(draft):
        if next_year or figures or kind != "auto":
            raise FazhiError("表格导入不用 --next-year、--figures、--kind：表头决定是任务分工表还是数字表")
        _import_table(draft, output, into)
        return
    if into is not None:
        raise FazhiError("--into 只用于表格（.xlsx、.csv、.xls）：把表中的任务或数字合并进数据文件")
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


def _import_table(table: Path, output: Path | None, into: Path | None) -> None:
    """A task or figures sheet into a spec, one spec per unit, or merged into existing specs."""
    from generator.api.sheets import import_table
    from generator.errors import FazhiError
    from generator.importer.sheets import Table

    result = import_table(table, output, into)
    assert isinstance(result.table, Table)  # TableImport.table is typed object; it is always a Table
    label = "任务分工表" if result.table.kind == "tasks" else "数字表"
    click.echo(f"导入{label}：")
    for guess in result.table.guesses:
        click.echo(f"  - {guess}")
    if into is not None:
        click.echo("改动：")
        for change in result.changes:
            click.echo(f"  {change}")
    for path in result.written:
        click.echo(f"已写出：{path}")
    if result.problems:
        click.secho("数据文件还需补充后才能生成文档：", fg="yellow", err=True)
        raise FazhiError(*result.problems)


def _print_import(imported) -> None:
    """What had to be guessed, and how much of the draft the spec reproduces."""
    from generator.kinds import KINDS

    agreement = imported.agreement
    summary = f"（{KINDS[imported.kind].label}"
    if agreement is not None:
        summary += f"；原文 {agreement.total} 段，按数据文件重新生成后一致 {agreement.reproduced} 段"
    click.echo(f"导入{summary}）")
    if imported.kind_reason:
        click.echo(f"  按{KINDS[imported.kind].label}导入：{imported.kind_reason}")
    if imported.guesses:
        click.echo("推断或改动了以下内容，请核对：")
        for guess in imported.guesses:
            click.echo(f"  - {guess}")
    if agreement is not None:
        from generator.importer.compare import excerpt

        for ours, theirs in agreement.differences[:10]:
            ours, theirs = excerpt(ours, theirs)
            click.echo(f"  原文：{ours or '（无）'}\n  生成：{theirs or '（无）'}")
