"""Atomic output: write beside the target, then rename, so a failure leaves no partial file.

The temporary file `.NAME.XXXX.tmp` is removed on every way out, an interrupt included: while it
exists, SIGTERM and SIGHUP (whose default action would kill the process on the spot) raise
Interrupted instead, unless the program has handlers of its own (the CLI installs the same).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from generator.errors import OutputError, Problem
from generator.signals import held, unwinding


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write bytes to `path` atomically; the previous file survives any failure. A symlink is
    written through (the link stays a link); a loop or a dangling link is refused."""
    with atomic_output(path) as handle:
        handle.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes become `path` atomically when the block ends without an error
    (as write_atomic, for output written piece by piece); the target is checked before it opens."""
    path = _target(Path(path))
    folder = path.parent if str(path.parent) else Path(".")
    temp = None
    with unwinding():
        try:
            with held():  # delivered once `temp` names the file, so it is removed
                fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), _file_mode(path))
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except OSError as exc:
            _remove(temp)
            where = "输出目录" if temp is None else "文件"
            raise OutputError(Problem(f"无法写入{where}：{_reason(exc)}", str(path))) from None
        except BaseException:
            _remove(temp)
            raise


def _target(path: Path) -> Path:
    """The file to replace: a symlink's target; a loop, a dangling link, a folder or a missing folder refused."""
    if path.is_symlink():
        try:
            path = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise OutputError(
                Problem("输出路径是一个符号链接，但它形成了循环或指向不存在的文件：请换一个文件名", str(path))
            ) from None
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Problem(f"输出目录不存在：{folder}", str(path)))
    if path.is_dir():
        raise OutputError(Problem("输出路径是一个目录，请给出文件名", str(path)))
    return path


@contextlib.contextmanager
def output_folder(path: Path, create: bool):
    """Create the output file's folder (`-o reports/`) and remove it again if writing fails."""
    if not create:
        yield
        return
    folder = path.parent
    made = []
    for missing in reversed([folder, *folder.parents]):
        if not missing.exists():
            made.append(missing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(Problem("无法创建输出文件夹：已有同名文件", str(folder))) from None
    except OSError as exc:
        raise OutputError(Problem(f"无法创建输出文件夹：{_reason(exc)}", str(folder))) from None
    try:
        yield
    except BaseException:
        for created in reversed(made):
            with contextlib.suppress(OSError):
                created.rmdir()
        raise


def _file_mode(path: Path) -> int:
    """Keep the replaced file's mode; a new file gets what the umask allows (mkstemp gives 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(temp: str | None) -> None:
    if temp is None:
        return
    try:
        os.unlink(temp)
    except OSError:
        pass


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "只读文件系统"
    return exc.strerror or str(exc)
