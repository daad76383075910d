"""The user's cache folder: things worth keeping between runs — the .docx base package, the built-in
data files and compiled templates (render/jinja.py), LibreOffice's profile.

`FAZHI_CACHE_DIR` chooses the folder (empty: no cache at all); otherwise `$XDG_CACHE_HOME/fazhi` or
`~/.cache/fazhi`. A cache that cannot be read or written is never an error: the work is redone.
Some of it becomes code (compiled templates), so a folder that someone else
owns or could write to is not used at all, the folder is made for its user alone, and every entry
carries a checksum: a damaged one is built again.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any
from collections.abc import Callable

KEEP = 16  # entries of one kind kept; older ones (earlier versions, other layouts) are removed


def cache_dir() -> Path | None:
    """The cache folder (not created), or None when caching is switched off or the folder is not
    the user's own."""
    chosen = os.environ.get("FAZHI_CACHE_DIR")
    if chosen is not None:
        folder = Path(chosen) if chosen else None
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "fazhi"
    return folder if folder is not None and _private(folder) else None


def _private(folder: Path) -> bool:
    """Whether only the user can change what the folder holds (it need not exist yet)."""
    try:
        status = folder.stat()
    except OSError:
        return True  # write() creates it, for the user alone
    if not hasattr(os, "getuid"):
        return True  # Windows: a folder in the user's own profile
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def digest(*parts: bytes | str) -> str:
    """A short key for the inputs that decide a cached result."""
    import hashlib

    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little") + data)
    return sha.hexdigest()[:32]


def read(kind: str, key: str) -> bytes | None:
    """A cached entry, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stored = (folder / f"{kind}-{key}").read_bytes()
    except OSError:
        return None
    data = stored[4:]
    return data if stored[:4] == zlib.crc32(data).to_bytes(4, "little") else None


def by_file(kind: str, path: Path, build: Callable[[], Any], *code: Path) -> Any:
    """build()'s result for this version of the file (its contents' checksum) and of the `code`
    that builds it (the loader's modules: their sizes and times), kept as marshal data; plain data
    only (a result marshal cannot hold is simply not kept)."""
    try:
        contents = path.read_bytes()
        made_by = tuple((status.st_size, status.st_mtime_ns) for status in map(os.stat, code))
    except OSError:
        return build()  # build() says what is wrong with the file
    stamp = (str(path), len(contents), zlib.crc32(contents), made_by, sys.version)
    key = f"{zlib.crc32(repr((stamp[0], stamp[-1])).encode()):08x}"
    stored = read(kind, key)
    if stored:
        try:
            found, value = marshal.loads(stored)
            if found == stamp:
                return value
        except Exception:  # damaged (a wrong length can even ask for too much memory): built again
            pass
    value = build()
    try:
        write(kind, key, marshal.dumps((stamp, value)), keep=64)
    except ValueError:
        pass
    return value


def write(kind: str, key: str, data: bytes, keep: int = KEEP) -> None:
    """Store an entry atomically (a reader never sees half of it); failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{kind}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(zlib.crc32(data).to_bytes(4, "little") + data)
            os.replace(temp, folder / f"{kind}-{key}")
        except BaseException:
            os.unlink(temp)
            raise
        _prune(folder, kind, keep)
    except OSError:
        pass


def _prune(folder: Path, kind: str, keep: int) -> None:
    entries = sorted(folder.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)
