"""Regular expressions compiled once per machine, not once per process.

`re.compile` spends most of its time turning a pattern into the engine's code, and a character
class over the CJK block ([\\u4e00-\\u9fff]) costs about a millisecond by itself: the rules' patterns
took some 35 ms of every `fazhi check`. `compile()` keeps each pattern's code in the user cache
(cache.py), one file per Python build, and hands it straight to the engine the next time.

The code comes from the standard library's own compiler (its private `_parser` / `_compiler`
modules) and is only kept when the pattern built from it equals what `re.compile` returns (a
Pattern's equality compares the code). The store has the trust of the user's own files, like
Python's __pycache__: cache.py uses no folder that others could write to and checks each entry's
checksum. Anything unexpected — another Python, a damaged file, no cache folder — falls back to
`re.compile`. Patterns made from a draft's or a user's data (a namespace prefix, a noise file)
are compiled with keep=False: they would only swell the store that every start reads.
"""
from __future__ import annotations

import array
import atexit
import marshal
import re
import sys

import _sre

try:  # Python 3.11+
    from re import _compiler, _parser
except ImportError:  # Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_KIND = "regex"
_LIMIT = 2000  # entries kept: enough for every pattern of a few versions

# The engine's code words, kept as bytes: marshal reads bytes at memory speed, a list of ints one by one.
_WORD = next(code for code in "IL" if array.array(code).itemsize == _sre.CODESIZE)

_stored: dict | None = None   # (pattern, flags) -> (flags, code bytes, groups, groupindex, indexgroup)
_fresh: dict = {}             # compiled in this process, not yet stored
_made: dict = {}              # (pattern, flags) -> Pattern, this process


def compile(pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern:  # noqa: A001  (this package's re.compile)
    """re.compile(pattern, flags), from the stored code when this machine has compiled it before;
    keep=False for a pattern made from data, which is compiled but never stored."""
    flags = int(flags)  # a RegexFlag is an int subclass, which marshal does not take
    key = (pattern, flags)
    made = _made.get(key)
    if made is None:
        if not keep:
            return re.compile(pattern, flags)
        made = _made[key] = _from_store(pattern, flags) or _compile_and_keep(pattern, flags)
    return made


def _from_store(pattern: str, flags: int) -> re.Pattern | None:
    global _stored
    if _stored is None:
        _stored = _load()
    entry = _stored.get((pattern, flags))
    if entry is None:
        return None
    try:
        return _build(pattern, entry)
    except Exception:  # a damaged entry: the engine validates the code it is given
        _stored.pop((pattern, flags), None)
        return None


def _compile_and_keep(pattern: str, flags: int) -> re.Pattern:
    compiled = re.compile(pattern, flags)
    entry = _entry(pattern, flags)
    if entry is not None and _sre_equal(pattern, entry, compiled):
        if not _fresh:
            atexit.register(_store)
        _fresh[(pattern, flags)] = entry
    return compiled


def _build(pattern: str, entry: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array.array(_WORD, code).tolist(), groups, groupindex, indexgroup)


def _entry(pattern: str, flags: int) -> tuple | None:
    """What _sre.compile takes besides the pattern, from the standard compiler's stages."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        # int(): the compiler's opcodes are an int subclass too
        return (int(flags | state.flags), array.array(_WORD, code).tobytes(), int(state.groups - 1),
                {str(k): int(v) for k, v in state.groupdict.items()}, tuple(indexgroup))
    except Exception:
        return None


def _sre_equal(pattern: str, entry: tuple, compiled: re.Pattern) -> bool:
    try:
        return _build(pattern, entry) == compiled
    except Exception:
        return False


def _key() -> str:
    """This Python build and engine: another one compiles to other code."""
    build = "".join(ch if ch.isalnum() else "-" for ch in sys.version.split("[")[0].strip())
    return f"{sys.implementation.name}-{build}-{_sre.MAGIC}-{_sre.CODESIZE}"


def _load() -> dict:
    """The stored entries for this Python, or none."""
    from generator import cache

    data = cache.read(_KIND, _key())
    if not data:
        return {}
    try:
        stored = marshal.loads(data)
    except Exception:  # damaged (a wrong length can even ask for too much memory)
        return {}
    return stored if isinstance(stored, dict) else {}


def _store() -> None:
    """Add this process's new entries to the stored ones (at exit: once, after the work)."""
    from generator import cache

    merged = {**(_stored or {}), **_fresh}
    if len(merged) > _LIMIT:  # what this process used stays; older versions' patterns go
        merged = {key: merged[key] for key in _made if key in merged}
    try:
        cache.write(_KIND, _key(), marshal.dumps(merged))
    except ValueError:
        pass
