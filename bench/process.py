"""Whole processes: `fazhi --help`, `fazhi render`, `fazhi check` against `python -c "import lxml.etree, yaml"`.

Every command runs as a fresh process, in alternating rounds; wall time (what a user waits) and the
CPU time the child used (steadier on a shared machine) are both printed. The package's bytecode and
the environment's site-packages are compiled first (an installed wheel has it; the environment may set
PYTHONDONTWRITEBYTECODE) and the user cache is warmed by one untimed render, whose time is shown as
the first run after installing; `check kaifu.docx` also runs with an empty cache folder each time. Targets: render and check ≤ 1.5× the floor,
--help ≤ 60 ms. A second line times importing render's libraries alone (click, PyYAML, pydantic,
Jinja): the least a render can take with them.
"""

from __future__ import annotations

import compileall
import shutil
import sysconfig
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import KAIFU, ROOT


def _fazhi() -> list[str]:
    script = Path(sys.executable).with_name("fazhi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


def _run(command: list[str], env: dict) -> tuple[float, float]:
    """(wall ms, child CPU ms) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


EMPTY_CACHE = "fazhi check kaifu.docx (empty cache)"


def commands(folder: Path) -> dict[str, list[str]]:
    fazhi = _fazhi()
    docx = folder / "kaifu.docx"
    return {
        "floor: python -c 'import lxml.etree, yaml'": [sys.executable, "-c", "import lxml.etree, yaml"],
        # What render cannot go below while it needs these libraries (imports alone, no work).
        "libraries: click yaml pydantic jinja2": [
            sys.executable,
            "-c",
            "import click, yaml, pydantic.main, jinja2.sandbox",
        ],
        "fazhi --help": fazhi + ["--help"],
        "fazhi render kaifu.yaml": fazhi + ["render", str(KAIFU), "-o", str(docx)],
        "fazhi render --format txt": fazhi + ["render", str(KAIFU), "--format", "txt", "-o", str(folder / "k.txt")],
        "fazhi check kaifu.docx": fazhi + ["check", str(docx)],
        EMPTY_CACHE: fazhi + ["check", str(docx)],
        "fazhi check kaifu.yaml": fazhi + ["check", str(KAIFU)],
    }


def bench_process(rounds: int) -> dict[str, float]:
    """Print medians and ratios to the floor; return the wall-time medians."""
    compileall.compile_dir(str(ROOT / "generator"), quiet=1)
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1)
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        # PYTHONPATH: the checkout being measured, even when another one is installed in the venv
        env = dict(os.environ, FAZHI_CACHE_DIR=str(Path(temp) / "cache"), PYTHONPATH=str(ROOT))
        table = commands(Path(temp))
        cold, _ = _run(table["fazhi render kaifu.yaml"], env)  # builds and stores the base package
        walls: dict[str, list[float]] = {name: [] for name in table}
        cpus: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(rounds):
            for name, command in table.items():
                empty = Path(temp) / "empty-cache"
                if name == EMPTY_CACHE:
                    shutil.rmtree(empty, ignore_errors=True)
                wall, cpu = _run(command, dict(env, FAZHI_CACHE_DIR=str(empty)) if name == EMPTY_CACHE else env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    floor = next(iter(table))
    base_wall, base_cpu = statistics.median(walls[floor]), statistics.median(cpus[floor])
    print(f"process: whole commands, {rounds} alternating rounds (first render after install: {cold:.0f} ms)")
    medians = {}
    for name in table:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        medians[name] = wall
        print(
            f"  {name:<44} wall {wall:6.1f} ms ×floor {wall / base_wall:4.2f}   cpu {cpu:6.1f} ms ×floor {cpu / base_cpu:4.2f}"
        )
    verdicts = [f"--help {'met' if medians['fazhi --help'] <= 60 else 'NOT met'} (≤ 60 ms)"]
    for name in ("fazhi render kaifu.yaml", "fazhi check kaifu.docx", EMPTY_CACHE):
        verdicts.append(f"{name[6:]} {'met' if medians[name] <= 1.5 * base_wall else 'NOT met'} (≤ 1.5×)")
    print("  targets: " + "; ".join(verdicts))
    libraries = medians["libraries: click yaml pydantic jinja2"]
    print(
        f"  render's libraries alone are {libraries / base_wall:.2f}× the floor; render is "
        f"{medians['fazhi render kaifu.yaml'] / libraries:.2f}× them"
    )
    return medians
