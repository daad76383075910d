"""The user's cache folder: things worth keeping between runs (the .docx base package, LibreOffice's profile).

`FAZHI_CACHE_DIR` chooses the folder (empty: no cache at all); otherwise `$XDG_CACHE_HOME/fazhi` or
`~/.cache/fazhi`. A cache that cannot be read or written is never an error: the work is redone.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any, Callable

KEEP = 16  # entries of one kind kept; older ones (earlier versions, other layouts) are removed


def cache_dir() -> Path | None:
    """The cache folder (not created), or None when caching is switched off."""
    chosen = os.environ.get("FAZHI_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fazhi"


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
        return (folder / f"{kind}-{key}").read_bytes()
    except OSError:
        return None


def by_file(kind: str, path: Path, build: Callable[[], Any]) -> Any:
    """build()'s result for this version of the file (path, size, modification time), kept as
    marshal data: plain data only (a result marshal cannot hold is simply not kept)."""
    try:
        status = path.stat()
    except OSError:
        return build()  # build() says what is wrong with the file
    stamp = (str(path), status.st_size, status.st_mtime_ns, sys.version)
    key = f"{zlib.crc32(repr(stamp[0::3]).encode()):08x}"
    stored = read(kind, key)
    if stored:
        try:
            found, value = marshal.loads(stored)
            if found == stamp:
                return value
        except (EOFError, ValueError, TypeError):
            pass  # damaged: built again below
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
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{kind}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
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
