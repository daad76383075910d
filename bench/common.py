"""What the benchmarks share: paths, a timer and the median table."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
KAIFU = ROOT / "examples" / "kaifu-2022.yaml"


def timed(func) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def median_table(results: dict[str, list[float]], floor: str) -> None:
    """One line per measurement: median, minimum and the ratio of the medians to the floor's."""
    base = statistics.median(results[floor])
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:<42} median {median:8.2f} ms   min {min(values):8.2f}   ×floor {median / base:5.2f}")
