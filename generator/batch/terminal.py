"""The terminal side of batches: the summary as a rich table, and a progress bar on stderr
that appears only when stderr is a terminal (never in a pipe or a log file)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterator

if TYPE_CHECKING:
    from .summary import DraftRow

_PART_STYLE = {"missing": "bold red", "sub": "yellow", "found": "green"}


@contextlib.contextmanager
def progress(total: int, label: str, stream=None) -> Iterator[Callable[[int], None] | None]:
    """A callback advancing a progress bar by n, or None when stderr is not a terminal.

    No refresh thread: the bar is redrawn on each advance, so worker processes are never forked
    from a multi-threaded parent.
    """
    stream = stream or sys.stderr
    if total < 2 or not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        auto_refresh=False,
        transient=True,
    )
    task = bar.add_task(label, total=total)
    with bar:

        def advance(n: int) -> None:
            bar.advance(task, n)
            bar.refresh()

        yield advance


def print_summary(rows: list[DraftRow], console=None) -> None:
    """The summary matrix with coloured part cells, then the totals."""
    from rich.console import Console
    from rich.table import Table

    from .summary import part_names, totals

    console = console or Console()
    table = Table(title=f"草稿汇总（{len(rows)} 份）", show_lines=True)
    for name in ("文件", "单位", "类型", "年度", "成文日期"):
        table.add_column(name, overflow="fold")
    for key in part_names():
        table.add_column(f"{'一二三四五'[int(key) - 1]}", overflow="fold")
    for name in ("错", "警", "提"):
        table.add_column(name, justify="right")
    table.add_column("主要问题", overflow="fold", ratio=3)
    for row in rows:
        table.add_row(*_cells(row))
    console.print(table)
    count = totals(rows)
    names = "；".join(f"{'一二三四五'[int(k) - 1]}、{n}" for k, n in part_names().items())
    console.print(
        f"法定部分：{names}。共 {count['drafts']} 份：有错误 {count['with_errors']} 份，"
        f"逾期 {count['late']} 份，无法读取 {count['unreadable']} 份。",
        highlight=False,
    )


def _cells(row: DraftRow) -> list[str]:
    from rich.markup import escape

    from .summary import part_names

    unit, name = escape(row.unit or "—"), escape(Path(row.path).name)
    if row.unreadable:
        return [name, unit, "[red]无法读取[/]", "", "", *([""] * 5), "", "", "", escape(row.unreadable)]
    date = escape(row.date_shown())
    if row.late:
        date = f"[bold red]{date}（逾期）[/]"
    parts = []
    for key in part_names():
        cell = row.parts.get(key)
        if cell is None:
            parts.append("—")
        else:
            mark = {"found": f"第{cell.line}行" if cell.line else "有", "sub": "小标题", "missing": "缺"}[cell.status]
            parts.append(f"[{_PART_STYLE[cell.status]}]{mark}[/]")
    counts = row.counts()
    top = row.top(1)
    first = escape(top[0].message) if top else ""
    kind = row.kind_label + (f"\n[dim]{escape(row.kind_reason)}[/]" if row.kind_reason else "")  # why that kind
    return [
        name,
        unit,
        kind,
        str(row.year or ""),
        date,
        *parts,
        _count(counts["error"], "red"),
        _count(counts["warning"], "yellow"),
        str(counts["info"]),
        first,
    ]


def _count(n: int, colour: str) -> str:
    return f"[{colour}]{n}[/]" if n else "0"
