"""Where a `fazhi check kaifu.docx` process spends its time, against `python -c "import lxml.etree, yaml"`.

Whole processes in alternating rounds, CPU time (steadier than wall time on a shared machine): the
floor, a bare interpreter, `import click`, the modules a check imports, the check with a warm and with
an empty cache folder. Then, from one check in a fresh process, the patterns it compiled (generator.lexicon
lazies) and what compiling them again costs; and, where valgrind is installed, the instructions each
process executes (the same on a loaded machine as on an idle one).
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from bench.common import KAIFU, ROOT
from bench.process import _fazhi

MODULES = (
    "import generator.cli.check, generator.api, generator.api.batch, generator.checks, generator.read, "
    "generator.batch.terminal, generator.batch.collect"
)
# Run in a fresh process: one check, then each pattern it compiled, compiled again (best of 5).
PATTERNS = """
import gc, json, re, sys, time
from generator.cli import main
from generator.lexicon._lazy import Lazy
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass
done = [o for o in gc.get_objects() if isinstance(o, Lazy) and "_compiled" in o.__dict__]
costs = []
for lazy in done:
    best = 1.0
    for _ in range(5):
        re.purge()
        start = time.process_time()
        re.compile(lazy.pattern, lazy.flags)
        best = min(best, time.process_time() - start)
    costs.append((best * 1000, lazy.pattern if isinstance(lazy.pattern, str) else repr(lazy.pattern)))
print(json.dumps(sorted(costs, reverse=True), ensure_ascii=False))
"""


def _cpu(command: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def _instructions(command: list[str], env: dict) -> float | None:
    """Millions of instructions the process executes (valgrind), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    run = subprocess.run(tool + command, env=env, capture_output=True, text=True, check=False)
    for line in run.stderr.splitlines():
        if "I   refs:" in line or "I refs:" in line:
            return int(line.split(":")[1].replace(",", "").split()[0]) / 1e6
    return None


def bench_startup(rounds: int) -> None:
    compileall.compile_dir(str(ROOT / "generator"), quiet=1)
    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=1)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="fazhi-startup-") as temp:
        docx = Path(temp) / "kaifu.docx"
        env = dict(os.environ, FAZHI_CACHE_DIR=str(Path(temp) / "cache"), PYTHONPATH=str(ROOT))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([python, "-m", "generator", "render", str(KAIFU), "-o", str(docx)], env=env, check=True)
        check = _fazhi() + ["check", str(docx)]
        subprocess.run(check, env=env, stdout=subprocess.DEVNULL, check=False)  # warms the cache
        empty = str(Path(temp) / "empty")
        table = {
            "floor: import lxml.etree, yaml": ([python, "-c", "import lxml.etree, yaml"], env),
            "bare interpreter": ([python, "-c", "pass"], env),
            "import click": ([python, "-c", "import click"], env),
            "import what a check imports": ([python, "-c", MODULES], env),
            "check kaifu.docx (warm cache)": (check, env),
            "check kaifu.docx (empty cache)": (check, dict(env, FAZHI_CACHE_DIR=empty)),
        }
        cpu: dict[str, list[float]] = {name: [] for name in table}
        for _ in range(rounds):
            for name, (command, environment) in table.items():
                shutil.rmtree(empty, ignore_errors=True)
                cpu[name].append(_cpu(command, environment))
        base = statistics.median(cpu["floor: import lxml.etree, yaml"])
        print(f"startup: whole processes, CPU time, {rounds} alternating rounds")
        for name, values in cpu.items():
            values.sort()
            median = statistics.median(values)
            print(
                f"  {name:<36} median {median:6.1f} ms  quartiles {values[len(values) // 4]:6.1f}–"
                f"{values[3 * len(values) // 4]:6.1f}  ×floor {median / base:4.2f}"
            )
        found = subprocess.run([python, "-c", PATTERNS, str(docx)], env=env, capture_output=True, text=True)
        costs = json.loads(found.stdout.strip().splitlines()[-1])
        print(
            f"  patterns a check compiles (lexicon.lazy): {len(costs)}, {sum(c for c, _ in costs):.1f} ms CPU "
            "to compile them again; the costliest:"
        )
        for cost, pattern in costs[:5]:
            print(f"    {cost:5.2f} ms  {pattern[:70]}")
        counted = {}
        for name, (command, environment) in table.items():
            if name.startswith(("floor", "check")):
                shutil.rmtree(empty, ignore_errors=True)
                counted[name] = _instructions(command, environment)
        if all(value is not None for value in counted.values()):
            floor = counted["floor: import lxml.etree, yaml"] or 1.0
            print(
                "  instructions (valgrind): "
                + "; ".join(f"{k} {v:.0f} M (×{v / floor:.2f})" for k, v in counted.items() if v)
            )
