"""One LibreOffice kept running for a long-lived fazhi (the web server): LibreOffice's start-up
(2–6 s on a busy machine) is most of a PDF's time, so the server starts one on first use and
converts every later document in it (about a second for a report).

The running LibreOffice is driven over UNO by office_uno.py in the Python that has LibreOffice's
bridge (Debian's python3-uno); fazhi's own environment needs nothing. Without that bridge, or
after a failure, callers fall back to office.convert (one LibreOffice per conversion). Each
conversion has a timeout: past it the helper and its LibreOffice are ended (their process group)
and the next conversion starts a new one. An idle LibreOffice is stopped after IDLE seconds, and
close() stops it at the server's exit.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import select
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.office import end_group, soffice
from generator.resources import FONTS_CONF

HELPER = Path(__file__).resolve().parent / "office_uno.py"
IDLE = 600.0  # seconds without a conversion before LibreOffice is stopped (it holds ~200 MB)
START_TIMEOUT = 90.0


class Unavailable(Exception):
    """No warm LibreOffice here: the caller converts the usual way."""


@functools.lru_cache(maxsize=1)
def bridge_python() -> str | None:
    """A Python that can import LibreOffice's `uno` (ours, else the system's), or None."""
    import sys

    for candidate in dict.fromkeys([sys.executable, "/usr/bin/python3", shutil.which("python3") or ""]):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
            if probe.returncode == 0:
                return candidate
    return None


class WarmOffice:
    """A LibreOffice started on first use and reused; thread-safe (one conversion at a time)."""

    def __init__(self, idle: float = IDLE, timeout: float = 120.0):
        self.idle, self.timeout = idle, timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self.folder: Path | None = None  # its LibreOffice's profile and temporary files
        self._timer: threading.Timer | None = None
        self.starts = 0  # how many LibreOffice processes this object started (for tests and the bench)

    @property
    def running(self) -> bool:
        """Whether its LibreOffice is up now."""
        return self._process is not None and self._process.poll() is None

    def convert(self, source: Path, target: Path, filter_name: str, data: dict | None = None) -> Path:
        """source converted to target by the warm LibreOffice; Unavailable when there is none."""
        with self._lock:
            self._cancel_timer()
            process = self._running()
            request = {"in": str(source), "out": str(target), "filter": filter_name, "data": data or {}}
            try:
                assert process.stdin is not None
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
                answer = self._answer(process, self.timeout)
            except (OSError, Unavailable, FazhiError):  # its state is unknown: the next one starts afresh
                self._stop()
                raise
            finally:
                self._arm_timer()
        if "error" in answer or not target.exists():
            raise FazhiError(Problem(f"LibreOffice 转换失败：{answer.get('error', '没有输出文件')}", str(source)))
        return target

    def warm_up(self) -> None:
        """Start LibreOffice now, in the background (a page that offers the exact preview opened)."""

        def start() -> None:
            with self._lock:
                self._cancel_timer()
                try:
                    self._running()
                except Unavailable:
                    pass  # the first conversion will go the usual way
                finally:
                    self._arm_timer()

        threading.Thread(target=start, name="fazhi-warm-office", daemon=True).start()

    def close(self) -> None:
        """Stop LibreOffice and remove its profile (the server's exit)."""
        with self._lock:
            self._cancel_timer()
            self._stop()

    def _running(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stop()
        python, exe = bridge_python(), soffice()
        if not python or not exe:
            raise Unavailable("python3-uno or LibreOffice missing")
        self.folder = Path(tempfile.mkdtemp(prefix="fazhi-warm-"))
        profile = (self.folder / "profile").as_uri()
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), TMPDIR=str(self.folder))
        env.pop("PYTHONPATH", None)  # the bridge's Python must not see fazhi's packages
        pipe = f"fazhi-{os.getpid()}-{secrets.token_hex(6)}"
        self._process = subprocess.Popen(
            [python, str(HELPER), exe, profile, pipe],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # its own process group: ended as a whole
        )
        self.starts += 1
        try:
            self._answer(self._process, START_TIMEOUT)
        except (Unavailable, FazhiError) as exc:  # it did not come up: the usual way instead
            self._stop()
            raise Unavailable(str(exc)) from None
        return self._process

    def _answer(self, process: subprocess.Popen, timeout: float) -> dict:
        """The helper's next line, within the timeout."""
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        if not ready:
            raise FazhiError(Problem(f"LibreOffice 转换超时（{timeout:.0f} 秒），已终止"))
        line = process.stdout.readline()
        if not line:
            raise Unavailable("the helper ended")
        return json.loads(line)

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.stdin:
                process.stdin.close()
            end_group(process)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _arm_timer(self) -> None:
        self._timer = threading.Timer(self.idle, self.close)
        self._timer.daemon = True
        self._timer.start()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


_installed: WarmOffice | None = None


def install(office: WarmOffice | None) -> None:
    """Make docx_to_pdf use this warm LibreOffice (None: the usual one per conversion)."""
    global _installed
    _installed = office


def installed() -> WarmOffice | None:
    return _installed
