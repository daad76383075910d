"""LibreOffice headless, the one way fazhi runs it: .docx → PDF for export, .doc/.wps → .docx for reading.

A batch of documents is converted by one LibreOffice process. Its profile is kept in the user
cache (a fresh profile costs LibreOffice about two seconds to create); a second fazhi converting
at the same time gets a temporary profile instead of waiting. LibreOffice runs in a process
group of its own with its temporary files in a folder of ours: on a timeout, Ctrl-C, SIGTERM or
SIGHUP the whole group is ended and the folders are removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from generator import cache
from generator.errors import FazhiError, Problem
from generator.resources import FONTS_CONF
from generator.signals import held, unwinding

GRACE = 3.0  # seconds LibreOffice gets to exit after SIGTERM before SIGKILL
MISSING = "未安装 LibreOffice（soffice）"


def convert(
    paths: list[Path],
    outdir: Path,
    convert_to: str,
    suffix: str,
    timeout: float | None = None,
    error: type[FazhiError] = FazhiError,
) -> list[Path]:
    """Convert files in one LibreOffice process (`--convert-to convert_to`); the outputs, in order.

    A kept profile that fails is retried once with a fresh one (a killed run may have damaged it).
    """
    exe = soffice()
    if not exe:
        raise error(Problem(MISSING))
    timeout = timeout if timeout is not None else 120 + 30 * len(paths)
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = [outdir / (Path(p).stem + suffix) for p in paths]
    started = time.time() - 1  # an older output of the same name in outdir is no proof of success
    output = ""
    with unwinding(), tempfile.TemporaryDirectory(prefix="fazhi-lo-") as scratch:
        for attempt in (1, 2):
            with _profile(Path(scratch), fresh=attempt == 2) as (profile, kept):
                env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), TMPDIR=scratch, TMP=scratch, TEMP=scratch)
                command = [
                    exe,
                    f"-env:UserInstallation={profile.resolve().as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    "--convert-to",
                    convert_to,
                    "--outdir",
                    str(outdir),
                    *map(str, paths),
                ]
                code, output = run_group(command, env, timeout, error)
                if code == 0 and all(p.exists() and p.stat().st_mtime >= started for p in outputs):
                    return outputs
                if not kept:
                    break
                shutil.rmtree(profile, ignore_errors=True)
    missing = [p for p, o in zip(paths, outputs) if not (o.exists() and o.stat().st_mtime >= started)]
    raise error(Problem(f"LibreOffice 转换失败：{output.strip()[:500]}", str(missing[0]) if missing else None))


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_group(command: list[str], env: dict, timeout: float, error: type[FazhiError] = FazhiError) -> tuple[int, str]:
    """Run a command in a process group of its own; end the whole group on timeout or interruption."""
    process = None
    try:
        with held():  # a Ctrl-C inside Popen would leave its child unsupervised
            process = subprocess.Popen(
                command,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if process is not None:
            end_group(process)
        raise error(Problem(f"LibreOffice 转换超时（{timeout:.0f} 秒），已终止")) from None
    except BaseException:  # Ctrl-C, Interrupted by a termination signal: leave nothing running
        if process is not None:
            try:
                end_group(process)
            except BaseException:  # interrupted again while waiting: no more grace
                _signal_group(process.pid, signal.SIGKILL)
                raise
        raise
    end_group(process)  # LibreOffice may leave a helper behind even after a clean exit
    return process.returncode, output.decode("utf-8", "replace")


def end_group(process: subprocess.Popen) -> None:
    """SIGTERM to the process group, SIGKILL after a grace period; reap the leader."""
    pgid = process.pid  # start_new_session: the leader's pid is the group id
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not _group_alive(pgid, process) or not _signal_group(pgid, sig):
            break
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline and _group_alive(pgid, process):
            time.sleep(0.02)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=GRACE)
    if process.stdout:
        process.stdout.close()


def _signal_group(pgid: int, sig: int) -> bool:
    try:
        os.killpg(pgid, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def _group_alive(pgid: int, process: subprocess.Popen) -> bool:
    """Whether any process of the group still runs (zombies waiting to be reaped do not count)."""
    process.poll()  # reap the leader
    proc = Path("/proc")
    if not proc.is_dir():  # not Linux: a signal 0 answers, zombies included
        try:
            os.killpg(pgid, 0)
            return True
        except (ProcessLookupError, PermissionError):
            return False
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


@contextlib.contextmanager
def _profile(scratch: Path, fresh: bool = False):
    """(profile folder, kept?): the kept one when no other fazhi is using it, else a temporary one."""
    folder = cache.cache_dir()
    lock = _try_lock(folder / "libreoffice.lock") if folder is not None and not fresh else None
    if lock is None:
        temporary = Path(tempfile.mkdtemp(prefix="profile-", dir=scratch))
        yield temporary, False
        return
    assert folder is not None  # a lock exists only in a cache folder
    try:
        profile = folder / "libreoffice"
        for stale in (profile / ".lock", profile / "user" / ".lock"):  # a killed run's; nobody else is inside
            stale.unlink(missing_ok=True)
        yield profile, True
    finally:
        os.close(lock)


def _try_lock(path: Path) -> int | None:
    """An exclusive lock on `path` without waiting, or None."""
    import fcntl

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except OSError:
        os.close(fd)
        return None
