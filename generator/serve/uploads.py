"""Uploaded drafts in a private temporary folder (0700), removed when the response has been made.

Files keep their own names (a .doc must stay a .doc for LibreOffice, and messages name the
clerk's file), reduced to a safe base name. A .zip among the uploads is unpacked in the same
folder, entry by entry, without trusting its stored sizes or paths.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from generator.errors import FazhiError, Problem

CHUNK = 1 << 16
MAX_FILES = 500


class TooLarge(FazhiError):
    """An upload over the size limit (HTTP 413)."""


class Uploads:
    """A private folder for one request's files; `close()` removes it."""

    def __init__(self, limit: int):
        self._folder: Path | None = None  # made on the first file: a preview needs none
        self.limit = limit
        self.used = 0
        self.names: dict[str, str] = {}  # path in the folder -> the name the clerk gave

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="fazhi-serve-"))  # mode 0700: only this user reads it
        return self._folder

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def add(self, name: str, source) -> Path:
        """Copy an uploaded file object into the folder under a safe version of its name."""
        target = self._target(name)
        with open(target, "xb") as out:
            while True:
                chunk = source.read(CHUNK)
                if not chunk:
                    break
                self._count(len(chunk), name)
                out.write(chunk)
        return target

    def add_zip(self, name: str, source) -> list[Path]:
        """The drafts inside a .zip, each bounded by the same limit (a zip bomb stops at the limit)."""
        archive_path = self.add(name, source)
        found = []
        try:
            with zipfile.ZipFile(archive_path) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if len(members) > MAX_FILES:
                    raise FazhiError(Problem(f"压缩包中的文件超过 {MAX_FILES} 个", name))
                for member in members:
                    with archive.open(member) as entry:
                        found.append(self.add(_member_name(member), entry))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
            raise FazhiError(Problem(f"无法解开压缩包：{exc}", name)) from None
        finally:
            os.unlink(archive_path)
        return found

    def shown(self, path: str | Path) -> str:
        """The clerk's name for a file in the folder (its path otherwise)."""
        return self.names.get(str(path), str(path))

    def _target(self, name: str) -> Path:
        if len(self.names) >= MAX_FILES:
            raise FazhiError(Problem(f"一次最多上传 {MAX_FILES} 个文件"))
        base = _base_name(name)
        sub = self.folder / str(len(self.names))  # one sub-folder per file: equal names never collide
        sub.mkdir()
        target = sub / base
        self.names[str(target)] = base
        return target

    def _count(self, size: int, name: str) -> None:
        self.used += size
        if self.used > self.limit:
            raise TooLarge(Problem(f"上传的文件过大：合计超过 {self.limit // (1024 * 1024)} MB", _base_name(name)))


def _member_name(member: zipfile.ZipInfo) -> str:
    """An entry's name: Windows' zip tools store Chinese names in GBK without the UTF-8 flag."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def _base_name(name: str) -> str:
    """The last component of a Windows or POSIX path, without control characters; never empty."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    return base[-120:] or "草稿"
