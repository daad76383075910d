"""Atomic output: write beside the target, then rename, so a failure leaves no partial file."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from generator.errors import OutputError, Problem


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write bytes to `path` atomically; the previous file survives any failure."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Problem(f"输出目录不存在：{folder}", str(path)))
    if path.is_dir():
        raise OutputError(Problem("输出路径是一个目录，请给出文件名", str(path)))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(Problem(f"无法写入输出目录：{_reason(exc)}", str(path))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _file_mode(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise OutputError(Problem(f"无法写入文件：{_reason(exc)}", str(path))) from None
    except BaseException:
        _remove(temp)
        raise
    return path


def _file_mode(path: Path) -> int:
    """Keep the replaced file's mode; a new file gets what the umask allows (mkstemp gives 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(temp: str) -> None:
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
