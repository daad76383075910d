"""`fazhi serve` on loopback: the live preview of a 20-page report (server and browser), the exact
preview's docx → PDF, and a bounded load test.

preview, server:  POST /api/preview of the 20-page spec (bench/sizes.py), one character changed each
                  round, timed by the client; against the library call alone (preview_html) in this
                  process. Target: p95 ≤ 150 ms.
preview, browser: Debian's chromium (selenium): an input event in the editor → the new HTML in the
                  pane and the next frame painted. Target: p95 ≤ 150 ms.
exact preview:    POST /api/pages of the same spec (.docx → the server's warm LibreOffice → PDF → page
                  images) and POST /api/render?format=pdf; the first call (LibreOffice starting, if
                  opening 写报告 did not start it already) apart. Target ≤ 3 s.
CPU:              each phase's CPU seconds of the server and its children (LibreOffice included),
                  from /proc: on a shared machine wall time varies with the others' load, CPU less.
load:             20 clients (threads, one connection each) for 60 s: previews, checks of a .docx
                  and renders in the ratio 8:1:1; every answer must be 200; the server's resident
                  memory sampled each second must end where it settled (last 10 s vs 10–20 s).
The server is a separate `fazhi serve --no-browser --port 0` process, stopped at the end.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.common import ROOT
from bench.sizes import generate
from tests.serving import CHROMIUM_FLAGS as FLAGS

# One keystroke in the browser: an input event, then wait for the pane's new HTML and the next frame.
KEYSTROKE = """
var n = arguments[0], done = arguments[arguments.length - 1];
var area = document.getElementById('yaml'), pane = document.getElementById('preview');
var observer = new MutationObserver(function () {
  observer.disconnect();
  requestAnimationFrame(function () { setTimeout(function () { done(performance.now() - start); }, 0); });
});
observer.observe(pane, {childList: true, subtree: true});
area.value = area.value.replace(/opening: 第\\d+次/, 'opening: 第' + n + '次');
var start = performance.now();
area.dispatchEvent(new Event('input'));
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _row(label: str, values: list[float]) -> None:
    print(
        f"  {label:<44} p50 {statistics.median(values) * 1000:7.1f} ms   p95 {_percentile(values, 0.95) * 1000:7.1f} ms"
        f"   ({len(values)} rounds)"
    )


def start_server() -> tuple[subprocess.Popen, str, str]:
    """(process, base URL, token) of a fresh `fazhi serve`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    url = process.stdout.readline().strip()
    parts = urlsplit(url)
    return process, f"{parts.scheme}://{parts.netloc}", parts.query.split("=", 1)[1]


def spec_text(folder: Path) -> str:
    text = generate(20, folder).read_text(encoding="utf-8")
    return text.replace("opening: ", "opening: 第0次", 1)


def bench_preview_server(base: str, token: str, text: str, rounds: int, pid: int) -> None:
    import httpx

    from generator.api.texts import preview_html

    times, library = [], []
    cpu = tree_cpu(pid)
    with httpx.Client(base_url=base, headers={"X-Fazhi-Token": token}, timeout=60) as client:
        for n in range(rounds + 3):
            body = text.replace("opening: 第0次", f"opening: 第{n}次", 1)
            started = time.perf_counter()
            response = client.post("/api/preview", content=body.encode("utf-8"))
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.text
            started = time.perf_counter()
            preview_html(body)
            if n >= 3:  # the first rounds warm both up
                times.append(elapsed)
                library.append(time.perf_counter() - started)
    print(f"live preview of a 20-page report ({len(text)} characters of YAML, {len(response.text)} of HTML):")
    _row("server: POST /api/preview (client-timed)", times)
    _row("library alone: preview_html (same process)", library)
    print(f"    server CPU per preview: {(tree_cpu(pid) - cpu) / (rounds + 3) * 1000:.0f} ms")
    forms = []
    cpu = tree_cpu(pid)
    with httpx.Client(base_url=base, headers={"X-Fazhi-Token": token}, timeout=60) as client:
        current = text
        for n in range(rounds + 3):  # a keystroke in the form: the edit written into the YAML
            edit = {"path": ["measures", "sections", 0, "title"], "value": "依法全面履行政府职能" + "改" * n}
            started = time.perf_counter()
            response = client.post("/api/form", json={"yaml": current, "edits": [edit]})
            forms.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
            current = response.json()["yaml"]
    _row("form edit: POST /api/form (comments kept)", forms[3:])
    print(f"    server CPU per form edit: {(tree_cpu(pid) - cpu) / (rounds + 3) * 1000:.0f} ms")


def bench_preview_browser(base: str, token: str, text: str, rounds: int) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.set_script_timeout(30)
            driver.get(f"{base}/?token={token}")
            driver.execute_script("document.getElementById('yaml').value = arguments[0];", text)
            times = [driver.execute_async_script(KEYSTROKE, n) / 1000 for n in range(1, rounds + 4)][3:]
        finally:
            driver.quit()
    _row("browser: input event → new HTML painted", times)


def bench_exact(base: str, token: str, text: str, rounds: int, pid: int) -> None:
    import httpx

    with httpx.Client(base_url=base, headers={"X-Fazhi-Token": token}, timeout=180) as client:
        for path, check in (
            ("/api/pages", lambda r: b'class="gw-pages"' in r.content),
            ("/api/render?format=pdf", lambda r: r.content.startswith(b"%PDF")),
        ):
            times, cpu = [], []
            for _ in range(rounds + 1):
                before = tree_cpu(pid)
                started = time.perf_counter()
                response = client.post(path, content=text.encode("utf-8"))
                times.append(time.perf_counter() - started)
                cpu.append(tree_cpu(pid) - before)
                assert response.status_code == 200 and check(response), response.text[:200]
            _row(f"exact preview: POST {path}", times[1:])
            print(
                f"    first call {times[0]:.1f} s; CPU per call (server + LibreOffice) "
                f"{statistics.median(cpu[1:]):.2f} s (first {cpu[0]:.2f} s)"
            )


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and all its descendants now running (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # utime + stime, and cutime + cstime: its children that ended (pdftoppm) count too
            stats[int(entry.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]) / tick)
    family, total = {pid}, 0.0
    changed = True
    while changed:
        changed = False
        for child, (parent, _) in stats.items():
            if parent in family and child not in family:
                family.add(child)
                changed = True
    for member in family:
        total += stats.get(member, (0, 0.0))[1]
    return total


def _rss(pid: int) -> int:
    """Resident memory in kB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def bench_load(
    process: subprocess.Popen, base: str, token: str, text: str, draft: bytes, clients: int = 20, seconds: float = 60
) -> None:
    """`clients` threads hammer the server until `seconds` have passed; then it stops by itself."""
    import httpx

    stop = time.monotonic() + seconds
    counts = {"ok": 0, "errors": 0}
    lock = threading.Lock()
    failures: list[str] = []

    def client_loop(index: int) -> None:
        with httpx.Client(base_url=base, headers={"X-Fazhi-Token": token}, timeout=120) as client:
            n = 0
            while time.monotonic() < stop:
                n += 1
                kind = n % 10
                if kind == 0:
                    response = client.post("/api/check", files={"file": ("草稿.docx", draft)})
                elif kind == 5:
                    response = client.post("/api/render?format=docx", content=text.encode("utf-8"))
                else:
                    body = text.replace("opening: 第0次", f"opening: 第{index}-{n}次", 1)
                    response = client.post("/api/preview", content=body.encode("utf-8"))
                with lock:
                    counts["ok" if response.status_code == 200 else "errors"] += 1
                    if response.status_code != 200 and len(failures) < 5:
                        failures.append(f"{response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    samples = []
    cpu = tree_cpu(process.pid)
    while any(t.is_alive() for t in threads):
        samples.append(_rss(process.pid))
        time.sleep(1)
    cpu = tree_cpu(process.pid) - cpu
    settled, end = samples[10:20], samples[-10:]
    print(
        f"load: {clients} clients × {seconds:.0f} s: {counts['ok']} answers ({counts['ok'] / seconds:.1f}/s), "
        f"{counts['errors']} errors{': ' + '; '.join(failures) if failures else ''}; "
        f"server CPU {cpu:.0f} s ({cpu / seconds:.2f} cores)"
    )
    print(
        f"  server memory (MB): start {samples[0] / 1024:.0f}, settled {statistics.median(settled) / 1024:.0f} "
        f"(10–20 s), end {statistics.median(end) / 1024:.0f} (last 10 s), peak {max(samples) / 1024:.0f}; "
        f"end/settled {statistics.median(end) / statistics.median(settled):.2f}"
    )
    print("  every 10 s: " + " ".join(f"{kb / 1024:.0f}" for kb in samples[::10]))


def bench_serve(rounds: int, seconds: float = 60) -> None:
    from generator.api.texts import render_text

    process, base, token = start_server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            text = spec_text(Path(folder))
        bench_preview_server(base, token, text, rounds, process.pid)
        bench_exact(base, token, text, 5, process.pid)  # before the browser opens 写报告 (which starts LibreOffice)
        if os.path.exists("/usr/bin/chromium") and os.path.exists("/usr/bin/chromedriver"):
            bench_preview_browser(base, token, text, rounds)
        else:
            print("  browser: skipped (needs /usr/bin/chromium and /usr/bin/chromedriver)")
        bench_load(process, base, token, text, render_text(text), seconds=seconds)
    finally:
        process.terminate()
        process.wait(10)
