"""Reading user-named files safely: regular files only, never more than a size limit.

A path on the command line may name a FIFO (opening it waits for a writer forever), a device
such as /dev/zero (reading it never ends), a directory or a symlink loop. `read_regular_file`
looks at what the path is before opening it, opens without blocking, checks again on the open
descriptor (the path may have been swapped in between) and stops reading at the limit, so a
file that grows while it is read cannot exhaust memory either.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.errors import FazhiError, Problem, shorten

_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_regular_file(
    path: str | Path, limit: int, *, what: str = "文件", error: type[FazhiError] = FazhiError
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `error` with a Chinese message otherwise."""
    name = str(path)
    check_regular_file(path, what=what, error=error)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:
        raise error(_os_problem(exc, name, what)) from None
    try:
        _refuse_irregular(os.fstat(fd).st_mode, name, what, error)
        return _read_bounded(fd, limit, name, what, error)
    except OSError as exc:
        raise error(_os_problem(exc, name, what)) from None
    finally:
        os.close(fd)


def check_regular_file(path: str | Path, *, what: str = "文件", error: type[FazhiError] = FazhiError) -> os.stat_result:
    """Stat a path (following symlinks, opening nothing); `error` unless it is a readable regular file."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        raise error(_os_problem(exc, str(path), what)) from None
    _refuse_irregular(info.st_mode, str(path), what, error)
    if not os.access(path, os.R_OK):
        raise error(Problem(f"没有读取{what}的权限", str(path)))
    return info


def _read_bounded(fd: int, limit: int, name: str, what: str, error: type[FazhiError]) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise error(Problem(f"{what}过大（超过 {size_text(limit)}）", name))


def _refuse_irregular(mode: int, name: str, what: str, error: type[FazhiError]) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        message = f"这是一个文件夹，不是{what}"
    elif stat.S_ISFIFO(mode):
        message = f"这是一个命名管道（FIFO），不是普通{what}：只能读取普通文件"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        message = f"这是一个设备文件（如 /dev/zero），不是普通{what}：只能读取普通文件"
    elif stat.S_ISSOCK(mode):
        message = f"这是一个套接字，不是普通{what}：只能读取普通文件"
    else:
        message = f"这不是普通{what}：只能读取普通文件"
    raise error(Problem(message, name))


def _os_problem(exc: BaseException, name: str, what: str) -> Problem:
    """An OS error while opening a user's file, in Chinese."""
    if isinstance(exc, ValueError):  # os.stat/os.open refuse a path holding a NUL character
        return Problem("文件名中含有空字符（NUL），无法打开", shorten(repr(name)[1:-1]))
    code = getattr(exc, "errno", None)
    messages = {
        errno.ENOENT: f"找不到{what}（路径不存在）",
        errno.EACCES: f"没有读取{what}的权限",
        errno.EPERM: f"没有读取{what}的权限",
        errno.EISDIR: f"这是一个文件夹，不是{what}",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.ELOOP: "符号链接形成了循环，无法打开",
        errno.ENAMETOOLONG: "文件名过长",
        errno.EIO: f"读取{what}时发生输入输出错误（磁盘或网络盘故障？）",
    }
    message = messages.get(code or 0) or f"无法读取{what}：{getattr(exc, 'strerror', None) or exc}"
    return Problem(message, name)


def size_text(size: int) -> str:
    """5242880 -> 「5 MB」, 1536 -> 「1.5 KB」."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} 字节"


def shown_path(path: str | Path) -> str:
    """A path as text a user can read and any file format can hold: a name that is not UTF-8 (GBK
    bytes from a zip made on Windows) is decoded as GB18030, else its odd bytes become U+FFFD."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        raw = text
    else:
        try:
            text.encode("utf-8")
            return text
        except UnicodeEncodeError:
            raw = os.fsencode(text)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def resolved(path: str | Path) -> Path:
    """The path with symlinks resolved, or (a symlink loop, an unreadable folder) made absolute:
    comparing paths never ends in a traceback; opening the file then says what is wrong."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python before 3.13 on a symlink loop
        return Path(os.path.abspath(path))
