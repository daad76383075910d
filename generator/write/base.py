"""The package around a document's body, kept in the user's cache: python-docx (~80 ms a process
to import and run) is needed only the first time a style profile is used.

The key covers everything the package is built from: the font profile and options, the layout
file's content, the source of the writer and of generator/ooxml, the built-in data files and the
python-docx version. A damaged or unreadable entry (cache.py checksums every entry) is rebuilt.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from collections.abc import Callable

from generator import cache
from generator.errors import FazhiError
from generator.resources import PACKAGE
from generator.safe_io import read_regular_file

_MAGIC = b"fazhi-base-2\n"
_LAYOUT_LIMIT = 1024 * 1024
Parts = tuple[bytes, str, str, dict]  # zip of the other parts, document head, settings, footers


def cached(fonts: str, heading3_bold: bool, layout_path: str | None, build: Callable[[], Parts]) -> Parts:
    """The base package from the cache, else built (and stored)."""
    key = _key(fonts, heading3_bold, layout_path)
    if key is not None:
        found = _decode(cache.read("base", key))
        if found:
            return found
    parts = build()
    if key is not None:
        cache.write("base", key, _encode(parts))
    return parts


def _key(fonts: str, heading3_bold: bool, layout_path: str | None) -> str | None:
    """What decides the package; None (do not cache) when an input cannot be read."""
    try:
        # a layout path that is a FIFO or a device must not block here: read it the safe way
        layout = read_regular_file(layout_path, _LAYOUT_LIMIT, what="版式文件") if layout_path else b""
        inputs: list[bytes | str] = [fonts, str(heading3_bold), layout, _python_docx_version()]
        # more than the package needs today (all data files, the whole writer), so that a new
        # input added there can never be served stale
        for pattern in ("write/*.py", "ooxml/*.py", "ooxml/data/*", "data/**/*"):
            for source in sorted(PACKAGE.glob(pattern)):
                if source.is_file():
                    inputs += [str(source.relative_to(PACKAGE)), source.read_bytes()]
    except (OSError, FazhiError):
        return None  # not cached; load_layout then reports what is wrong with the file
    return cache.digest(*inputs)


def _python_docx_version() -> bytes:
    """python-docx's __init__.py (it holds the version), found without importing the package."""
    spec = importlib.util.find_spec("docx")
    return Path(spec.origin).read_bytes() if spec and spec.origin else b"absent"


def _encode(parts: Parts) -> bytes:
    zip_bytes, head, settings, footers = parts
    header = json.dumps({"head": head, "settings": settings, "footers": footers})
    return _MAGIC + header.encode("utf-8") + b"\n" + zip_bytes


def _decode(data: bytes | None) -> Parts | None:
    if not data or not data.startswith(_MAGIC):
        return None
    header, _, zip_bytes = data[len(_MAGIC) :].partition(b"\n")
    try:
        meta = json.loads(header)
        parts = zip_bytes, meta["head"], meta["settings"], meta["footers"]
    except (ValueError, KeyError, TypeError):
        return None
    # a checksum only proves the bytes are the ones written: what they say is checked too
    if not (
        isinstance(parts[1], str)
        and isinstance(parts[2], str)
        and isinstance(parts[3], dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in parts[3].items())
        and _whole_zip(zip_bytes)
    ):
        return None
    return parts


def _whole_zip(data: bytes) -> bool:
    """Whether `data` is a readable zip holding a package's content types."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "[Content_Types].xml" in package.namelist() and package.testzip() is None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
