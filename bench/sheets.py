"""`fazhi import` of a 2,000-row 任务分工表 (.xlsx): the maojian plan's 24 tasks repeated with their
category rows until 2,000 task rows, written as `fazhi tasks --xlsx` writes it.

Rows: fazhi's whole import (read, recognise, map, group units, write the YAML and validate it), the
same in a fresh `fazhi import` process, and the floor: openpyxl in read-only mode merely iterating
every value of the sheet. Target: the process ≤ 2 s.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import median_table, timed

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "maojian-2024-plan.yaml"


def big_table(folder: Path, tasks: int = 2000) -> Path:
    """The maojian 任务分工表 repeated to `tasks` rows, each task title made unique."""
    from generator.api import plan_tasks
    from generator.importer.sheets.writer import tasks_xlsx
    from generator.kinds.work_plan.tasks import TaskRow

    rows = plan_tasks(PLAN)
    big = []
    for n in range(tasks):
        row = rows[n % len(rows)]
        big.append(
            TaskRow(
                n + 1,
                f"{row.part}（第{n // len(rows) + 1}组）",
                f"{row.title}{n + 1}",
                row.lead,
                row.responsible,
                row.deadline,
                row.text,
            )
        )
    path = folder / "big.xlsx"
    path.write_bytes(tasks_xlsx(big, "2024年度茅箭区法治政府建设工作要点任务分工表"))
    return path


def bench_sheets(rounds: int) -> None:
    import openpyxl

    from generator.api.sheets import import_table

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        table = big_table(folder)

        def floor() -> None:
            book = openpyxl.load_workbook(table, read_only=True, data_only=True)
            for _ in book.active.iter_rows(values_only=True):
                pass
            book.close()

        cpu: list[float] = []

        def process() -> None:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(
                [sys.executable, "-m", "generator", "import", str(table), "-o", str(folder / "p.yaml")],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)

        results: dict[str, list[float]] = {
            "floor (openpyxl read-only, every value)": [],
            "fazhi import (xlsx → spec.yaml)": [],
            "fazhi import, whole process": [],
        }
        for _ in range(rounds):
            results["floor (openpyxl read-only, every value)"].append(timed(floor))
            results["fazhi import (xlsx → spec.yaml)"].append(timed(lambda: import_table(table, folder / "s.yaml")))
            results["fazhi import, whole process"].append(timed(process))
        print(f"sheets: a 2,000-task sheet ({table.stat().st_size // 1024} KiB), {rounds} alternating rounds")
        median_table(results, "floor (openpyxl read-only, every value)")
        print(
            f"  whole process, CPU time (user + sys): median {statistics.median(cpu):.0f} ms, "
            f"range {min(cpu):.0f}–{max(cpu):.0f} ms (wall time above includes waiting for a shared core)"
        )
