"""Four report sizes from YAML files: fazhi (YAML file → .docx) against a string-template floor
that loads the same YAML file with libyaml and writes every string of it as a paragraph.

The specs are generated here from the kaifu example: its measures sections repeated until the
text fills about 10, 50, 200 and 1,000 pages (kaifu itself is 8 pages in LibreOffice, with about
`CHARS_PER_PAGE` characters of text a page). Target: fazhi ≤ 3× the floor at every size.
"""

from __future__ import annotations

import copy
import itertools
import statistics
import tempfile
from pathlib import Path

import yaml

from bench.common import KAIFU, floor_docx, median_table, package_parts, strings, timed

SIZES = (10, 50, 200, 1000)
# Text characters per page, measured: kaifu's strings hold 8 pages' text (LibreOffice page count,
# see tests/test_pdf.py), the generated 10- and 50-page specs came out at 9 and 45 pages.
CHARS_PER_PAGE = 520


def _text_size(data: dict) -> int:
    return sum(len(s) for s in strings({k: v for k, v in data.items() if k != "figures"}))


def generate(pages: int, folder: Path) -> Path:
    """A spec of about `pages` pages: kaifu with its measures sections cycled."""
    data = yaml.load(KAIFU.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    sections = data["measures"]["sections"]
    per_section = sum(_text_size({"s": s}) for s in sections) / len(sections)
    rest = _text_size(data) - per_section * len(sections)
    count = max(1, round((pages * CHARS_PER_PAGE - rest) / per_section))
    data["measures"]["sections"] = [copy.deepcopy(s) for s in itertools.islice(itertools.cycle(sections), count)]
    path = folder / f"report-{pages}-pages.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return path


def floor_writer(parts: dict[str, bytes], head: str, tail: str):
    """YAML file → dict (libyaml) → every string a paragraph → zip: the least a tool can do."""

    def write(path: Path) -> bytes:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        data.pop("figures", None)
        return floor_docx(parts, head, tail, strings(data))

    return write


def bench_sizes(rounds: int) -> list[tuple[int, float]]:
    """Print, per size, the medians of fazhi and the floor and their ratio; return the ratios."""
    from generator.api import render_bytes
    from generator.spec.validate import load_spec

    ratios = []
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as temp:
        floor = floor_writer(*package_parts(render_bytes(load_spec(KAIFU))))
        print(f"sizes: YAML file → .docx, {rounds} alternating rounds per size (fewer, at least 5, for the long ones)")
        for pages in SIZES:
            path = generate(pages, Path(temp))
            count = max(5, rounds // (1 + pages // 100))
            results: dict[str, list[float]] = {
                "floor (libyaml + string template + zip)": [],
                "fazhi (YAML file → docx)": [],
            }
            for _ in range(count):
                results["floor (libyaml + string template + zip)"].append(timed(lambda path=path: floor(path)))
                results["fazhi (YAML file → docx)"].append(timed(lambda path=path: render_bytes(load_spec(path))))
            size = path.stat().st_size // 1024
            print(f" ~{pages} pages ({size} KiB of YAML, {count} rounds)")
            median_table(results, "floor (libyaml + string template + zip)")
            ratio = statistics.median(results["fazhi (YAML file → docx)"]) / statistics.median(
                results["floor (libyaml + string template + zip)"]
            )
            ratios.append((pages, ratio))
    print(
        "  ratio fazhi / floor: "
        + "   ".join(f"{p} pages {r:.2f}×" for p, r in ratios)
        + f"   (target ≤ 3×: {'met' if all(r <= 3 for _, r in ratios) else 'NOT met'})"
    )
    return ratios
