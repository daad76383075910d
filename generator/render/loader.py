"""Where templates come from: a user's folder, then the built-in ones; nothing else.

`{% include %}`, `{% import %}` and `{% extends %}` name templates by relative path inside
those folders. An absolute path, a `..` step or a symlink leading out of the folder, a file
that is not a regular file (a FIFO would block), too large, or not UTF-8 is refused in
Chinese; the caller adds the line of the statement that asked for it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2

from generator.lexicon import lazy
from generator.errors import Problem, TemplateError
from generator.render.sandbox import LIMITS
from generator.safe_io import read_regular_file

_DRIVE = lazy(r"^[A-Za-z]:")


class Refused(jinja2.TemplateNotFound):
    """A template name that may not be loaded; the message is Chinese."""


class FolderLoader(jinja2.BaseLoader):
    """Templates from a list of folders, the first that has the name wins."""

    def __init__(self, folders: list[Path]):
        self.folders = [Path(f).resolve() for f in folders]
        self.served: set[str] = set()  # file names, to find template frames in tracebacks
        self.last: str | None = None  # the file handed out last (compile errors happen in it)

    def get_source(self, environment, template):
        pieces = _pieces(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            if not _inside(path, folder):
                raise Refused(
                    template, f"模板「{template}」指向模板目录之外（{path.resolve()}）：只能使用模板目录中的文件"
                )
            try:
                data = read_regular_file(path, LIMITS.template_bytes, what="模板文件", error=TemplateError)
            except TemplateError as exc:  # reported at the include that asked for it
                raise Refused(template, f"{exc.problems[0].message}（{path}）") from None
            source = _decode(data, str(path))
            mtime = os.stat(path).st_mtime_ns
            self.served.add(str(path))
            self.last = str(path)
            return source, str(path), lambda path=path, mtime=mtime: _mtime(path) == mtime
        where = "、".join(str(f) for f in self.folders)
        raise Refused(template, f"找不到模板「{template}」（在 {where} 中都没有）")


def _pieces(name) -> list[str]:
    """A template name's path segments; Refused for one that reaches outside the folders."""
    if not isinstance(name, str) or not name.strip():
        raise Refused(str(name), f"模板名称「{name}」无效：应为模板目录中的文件名，如 '_common.j2'")
    if "\x00" in name:
        raise Refused(name, "模板名称中含有空字符（NUL）")
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or os.path.isabs(name):
        raise Refused(name, f"模板「{name}」是绝对路径：只能引用模板目录中的文件，如 {{% include '_part.j2' %}}")
    pieces = [p for p in re.split(r"[/\\]", name) if p not in ("", ".")]
    if ".." in pieces:
        raise Refused(name, f"模板「{name}」指向模板目录之外（含「..」）：只能引用模板目录中的文件")
    return pieces


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a symlink loop: read_regular_file says so
        return True


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateError(Problem("模板文件不是 UTF-8 编码：请另存为 UTF-8", name, line)) from None


def _mtime(path: Path) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None
