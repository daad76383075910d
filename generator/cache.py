"""The user's cache folder: things worth keeping between runs — the .docx base package, the built-in
data files and LibreOffice's profile (compiled templates are not kept: see render/jinja.py).

`FAZHI_CACHE_DIR` chooses the folder (empty: no cache at all); otherwise `$XDG_CACHE_HOME/fazhi`
(an absolute XDG_CACHE_HOME only, as the XDG spec says) or `~/.cache/fazhi`. A cache that cannot be
read or written is never an error: the work is redone. A folder that someone else owns or could write
to is not used at all, the folder is made for its user alone and never inside a folder the user does
not own (a `sudo -E` run leaves no root-owned folder in the user's home), and every entry starts with
fazhi's mark and a checksum: a damaged one is built again, and the pruner removes only files that
carry the mark (FAZHI_CACHE_DIR may name a folder that holds the user's own files).
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
import zlib
from pathlib import Path
from typing import Any
from collections.abc import Callable

from generator.lexicon import lazy

KEEP = 16  # entries of one kind kept; older ones (earlier versions, other layouts) are removed
MARK = b"fazhi-cache\x00"  # the first bytes of every entry fazhi writes: nothing else is ever pruned
_NAME = lazy(r"[a-z]+-[0-9A-Za-z_.-]{1,120}")


def cache_dir() -> Path | None:
    """The cache folder (not created), or None when caching is switched off or the folder is not
    the user's own."""
    chosen = os.environ.get("FAZHI_CACHE_DIR")
    if chosen is not None:
        folder = Path(chosen) if chosen else None
    else:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):  # unset, empty or relative: the XDG spec says to ignore it
            base = os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "fazhi"
    if folder is not None:
        folder = Path(os.path.abspath(folder))  # a later chdir must not move the cache
    return folder if folder is not None and _private(folder) else None


def _private(folder: Path) -> bool:
    """Whether only the user can change what the folder holds (it need not exist yet)."""
    try:
        status = folder.stat()
    except OSError:
        return True  # write() creates it, for the user alone
    if not hasattr(os, "getuid"):
        return True  # Windows: a folder in the user's own profile
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def _ours_to_create(folder: Path) -> bool:
    """Whether creating `folder` makes folders only inside one the user owns (root running with a
    user's HOME through `sudo -E` must not leave a root-owned ~/.cache behind)."""
    if not hasattr(os, "geteuid"):
        return True
    for parent in folder.parents:
        try:
            return parent.stat().st_uid == os.geteuid()
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return False


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
    head = len(MARK) + 4
    data = stored[head:]
    crc = zlib.crc32(data).to_bytes(4, "little")
    return data if stored[: len(MARK)] == MARK and stored[len(MARK) : head] == crc else None


def by_file(
    kind: str, path: Path, build: Callable[[], Any], *code: Path, valid: Callable[[Any], bool] = lambda value: True
) -> Any:
    """build()'s result for this version of the file (its contents' checksum) and of the `code`
    that builds it (the loader's modules: their sizes and times), kept as marshal data; plain data
    only (a result marshal cannot hold is simply not kept). A stored value `valid` refuses is
    built again (a checksum proves the bytes, not what they say)."""
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
            if found == stamp and valid(value):
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
    try:
        if not folder.is_dir() and not _ours_to_create(folder):
            return
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # What tempfile.mkstemp does (a new file only, for the user alone), without importing tempfile
        # (6 ms of a first run); a name taken already is an OSError like any other: nothing stored.
        temp = folder / f".{kind}-{os.urandom(8).hex()}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MARK + zlib.crc32(data).to_bytes(4, "little") + data)
            os.replace(temp, folder / f"{kind}-{key}")
        except BaseException:
            os.unlink(temp)
            raise
        _prune(folder, kind, keep)
    except OSError:
        pass


def _prune(folder: Path, kind: str, keep: int) -> None:
    """Remove the oldest entries of `kind` beyond `keep`: only files fazhi wrote (its name pattern,
    a regular file of the user's, starting with MARK), never anything else in the folder."""
    prefix = f"{kind}-"
    named = [folder / name for name in os.listdir(folder) if name.startswith(prefix) and _NAME.fullmatch(name)]
    if len(named) <= keep:
        return  # nothing beyond keep: no entry need be opened to know it
    entries = []
    for path in named:
        status = _entry_status(path)
        if status is not None:
            entries.append((status.st_mtime, path))
    for _, old in sorted(entries, reverse=True)[keep:]:
        old.unlink(missing_ok=True)


def _entry_status(path: Path) -> os.stat_result | None:
    """The entry's status if it is a file fazhi wrote, else None (read without following a symlink)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or (hasattr(os, "geteuid") and status.st_uid != os.geteuid()):
            return None
        return status if os.read(fd, len(MARK)) == MARK else None
    except OSError:
        return None
    finally:
        os.close(fd)
