"""What the benchmarks share: paths, a timer, the median table and the string-template floor."""

from __future__ import annotations

import io
import statistics
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
KAIFU = ROOT / "examples" / "kaifu-2022.yaml"


def timed(func, cpu: bool = False) -> float:
    """Milliseconds one call takes: wall time, or this process's CPU time (steadier on a shared
    machine, for work done in this process only)."""
    clock = time.process_time if cpu else time.perf_counter
    start = clock()
    func()
    return (clock() - start) * 1000


def median_table(results: dict[str, list[float]], floor: str) -> None:
    """One line per measurement: median, minimum and the ratio of the medians to the floor's."""
    base = statistics.median(results[floor])
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:<42} median {median:8.2f} ms   min {min(values):8.2f}   ×floor {median / base:5.2f}")


# The floors: a fazhi .docx's other parts around a body written by a string template.
PARAGRAPH = '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'


def strings(data):
    """Every string in loaded YAML data, in order (what a string template would print)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def package_parts(docx: bytes) -> tuple[dict[str, bytes], str, str]:
    """The other parts of a fazhi .docx and its document.xml envelope (head, tail)."""
    package = zipfile.ZipFile(io.BytesIO(docx))
    parts = {name: package.read(name) for name in package.namelist() if name != "word/document.xml"}
    document = package.read("word/document.xml").decode("utf-8")
    return parts, document[: document.index("<w:body>") + len("<w:body>")], document[document.index("<w:sectPr") :]


def floor_docx(parts: dict[str, bytes], head: str, tail: str, texts) -> bytes:
    """A .docx of those parts whose body is each text a Normal paragraph: the least a tool can do."""
    body = "".join(PARAGRAPH.format(escape(text)) for text in texts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
        target.writestr("word/document.xml", head + body + tail)
    return out.getvalue()
