"""Run fazhi as a clerk would, in a child process bounded in memory and time, and judge the refusal.

Every hostile case: exit code 2, a Chinese message naming the place (file, and line where there
is one), no traceback, a few seconds at most, at most 1 GB of address space (RLIMIT_AS: an
unbounded allocation ends in MemoryError inside the child, not in an exhausted machine), and
nothing left behind in the folder the command ran in.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MEMORY = 1 << 30
SECONDS = 5.0  # a refusal takes well under this
CJK = re.compile(r"[\u4e00-\u9fff]")

# One warm process (everything fazhi imports already imported) forks a child per case: the child
# is a separate process with its own memory limit, like a clerk's `fazhi …`, without paying
# Python's start-up a hundred times. Requests and replies are JSON lines on the server's pipes.
SERVER = textwrap.dedent("""
    import io, json, os, resource, sys, time, traceback
    import generator.cli, generator.api, generator.checks, generator.read, generator.write.docx  # warm
    from generator.render import sandbox
    for line in sys.stdin:
        request = json.loads(line)
        out, err = (os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC) for name in ("out", "err"))
        sys.stdout.flush()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                os.dup2(out, 1)
                os.dup2(err, 2)
                sys.stdin, sys.stdout, sys.stderr = (io.TextIOWrapper(io.FileIO(fd, mode, closefd=False), encoding="utf-8",
                                                     line_buffering=True) for fd, mode in ((0, "r"), (1, "w"), (2, "w")))
                os.chdir(request["cwd"])
                for name, value in request["env"].items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
                resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
                if request["template_seconds"]:
                    sandbox.LIMITS.seconds = request["template_seconds"]
                sys.argv = ["fazhi", *request["args"]]
                generator.cli.main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(out)
        os.close(err)
        deadline, status = start + request["timeout"], None
        while status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
            elif time.monotonic() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                status = "timeout"
            else:
                time.sleep(0.005)
        print(json.dumps({"code": status, "seconds": time.monotonic() - start}), flush=True)
""")
_server: subprocess.Popen | None = None


def _fork_server() -> subprocess.Popen:
    global _server
    if _server is None or _server.poll() is not None:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
        _server = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        atexit.register(_server.kill)
    return _server


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out + self.err


def fazhi(
    *args,
    cwd: Path,
    template_seconds: float | None = None,
    timeout: float = 30,
    env: dict[str, str | None] | None = None,
) -> Run:
    """`fazhi ARGS…` in `cwd` in a child process under the memory limit, with `env` set (None:
    unset) in the child; a hang fails at `timeout`."""
    server = _fork_server()
    with tempfile.TemporaryDirectory(prefix="fazhi-run-") as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        request = {
            "args": [str(a) for a in args],
            "cwd": str(cwd),
            "memory": MEMORY,
            "timeout": timeout,
            "template_seconds": template_seconds,
            "out": str(out),
            "err": str(err),
            "env": env or {},
        }
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        reply = json.loads(server.stdout.readline())
        assert reply["code"] != "timeout", f"fazhi {' '.join(request['args'])} still running after {timeout} s"
        return Run(
            reply["code"],
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
            reply["seconds"],
        )


def listing(folder: Path) -> set[str]:
    """Every path under a folder, relative (symlinks not followed)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def assert_refused(run: Run, *fragments: str, where: str | None = None, seconds: float = SECONDS) -> None:
    """Exit 2, Chinese, no traceback, quick; each fragment in the output; `where` (a regular
    expression, e.g. r"spec\\.yaml:3:5") in the error output."""
    assert run.code == 2, f"exit {run.code}\n{run.text[-3000:]}"
    assert "Traceback" not in run.text, run.text[-3000:]
    assert not re.search(r"^(Error|Usage):", run.text, re.M), run.err  # click's English
    assert CJK.search(run.err), run.err
    for fragment in fragments:
        assert fragment in run.text, (fragment, run.text[-3000:])
    if where is not None:
        assert re.search(where, run.err), (where, run.err)
    assert run.seconds < seconds, f"took {run.seconds:.1f} s"


def example(name: str, folder: Path, *edits: tuple[str, str]) -> Path:
    """An example spec copied into `folder` with textual edits (line numbers kept)."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    target = folder / name
    target.write_text(text, encoding="utf-8")
    return target


def unprivileged_folder() -> Path:
    """A fresh folder an unprivileged user owns (under root: `nobody`'s), removed at exit."""
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="fazhi-user-"))
    atexit.register(shutil.rmtree, folder, True)
    folder.chmod(0o755)
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    return folder


def give_away(*paths: Path) -> None:
    """Under root, hand files over to `nobody` (see as_user)."""
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for path in paths:
            os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)


def as_user(*args, cwd: Path, timeout: float = 60) -> Run:
    """`fazhi ARGS…` as an unprivileged user: under root (as CI runs) through `setpriv` as nobody,
    so that permission cases run everywhere; else as the current user."""
    import time

    command = [sys.executable, "-m", "generator", *map(str, args)]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", *command]
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        HOME=str(cwd),
        FAZHI_CACHE_DIR="",
    )
    start = time.monotonic()
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)
