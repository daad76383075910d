"""Web-page noise: lines dropped wherever they stand, and end markers that cut the rest."""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple compiles each
# string annotation at class creation (a ForwardRef), a cost every start would pay.

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from collections.abc import Iterable

from generator.errors import FazhiError, Problem
from generator.read.guard import AnyOf, Guarded
from generator.resources import NOISE as _NOISE_FILE, read_data

if TYPE_CHECKING:
    from generator.read.lines import Line


MAX_FIELD_VALUE = 60  # a 公开目录 field's value on the line after its name is at most this long


class Noise(NamedTuple):
    """Noise patterns: `drop` lines anywhere, `end` lines end the text (each compiled when first
    tried on a line holding the words it needs: see read/guard.py)."""

    drop: AnyOf
    end: AnyOf
    max_chars: int = 120
    field: AnyOf = AnyOf(())  # a 公开目录 field's name alone on its line: its value follows
    strip: tuple[Guarded, ...] = ()  # removed from a line's start (a PDF page number)

    # One pattern at a time: an alternation of all of them is slower in `re` (each pattern
    # alone gets a literal-prefix scan).
    def is_end(self, text: str) -> bool:
        """A line after which the rest of the page is noise."""
        return self._matches(self.end, text)

    def is_drop(self, text: str) -> bool:
        """A noise line dropped wherever it stands."""
        return self._matches(self.drop, text)

    def stripped(self, text: str) -> str:
        """The line without the page number (or other `strip` noise) at its start."""
        for pattern in self.strip:
            text = pattern.sub("", text, count=1)
        return text

    def is_field(self, text: str) -> bool:
        """A 公开目录 field's name alone on its line: dropped with the value on the next line."""
        return bool(self.field) and self._matches(self.field, text)

    def could_be_in(self, texts: "list[str]") -> bool:
        """Could any drop, end or field pattern match one of the texts (one guard over them all)?"""
        joined = "\n".join(texts)
        starts = frozenset(text[:1] for text in texts)
        return any(patterns.could_match_any(joined, starts) for patterns in (self.drop, self.end, self.field))

    def _matches(self, patterns: AnyOf, text: str) -> bool:
        return len(text) <= self.max_chars and patterns.search(text)


def load_noise(*extra: str | Path) -> Noise:
    """The built-in noise patterns, extended by each extra YAML file (same keys)."""
    return _load_noise(tuple(str(p) for p in extra))


@functools.lru_cache(maxsize=16)
def _load_noise(extra: tuple[str, ...]) -> Noise:
    drop: list[Guarded] = []
    end: list[Guarded] = []
    field: list[Guarded] = []
    strip: list[Guarded] = []
    max_chars = 120
    for file in (str(_NOISE_FILE),) + extra:
        built_in = file == str(_NOISE_FILE)
        data = read_data(_NOISE_FILE) if built_in else _read_extra(file)
        if not isinstance(data, dict):
            raise FazhiError(Problem("噪声规则文件应为「drop: / end:」形式的映射", file, 1))
        if isinstance(data.get("max_chars"), int):
            max_chars = data["max_chars"]
        guards = _built_in_guards(data) if built_in else {}
        for key, target in (("drop", drop), ("end", end), ("field", field), ("strip", strip)):
            for index, pattern in enumerate(data.get(key) or []):
                if built_in:  # compiled when first needed (tests compile them all)
                    target.append(Guarded(str(pattern), guards=guards[key][index]))
                else:  # a user's pattern is compiled now: a bad one is the file's error
                    target.append(Guarded(str(pattern), _compiled(str(pattern), file, key, index)))
    return Noise(AnyOf(tuple(drop)), AnyOf(tuple(end)), max_chars, AnyOf(tuple(field)), tuple(strip))


_KEYS = ("drop", "end", "field", "strip")


def guards_by_key(data: dict) -> dict[str, list]:
    """regex_subset.guards() of each pattern of a noise file's data, by key."""
    from generator.lexicon import regex_subset

    return {key: [regex_subset.guards(str(p)) for p in data.get(key) or ()] for key in _KEYS}


def _built_in_guards(data: dict) -> dict[str, list]:
    """guards_by_key() of the built-in noise.yaml: from the parsed snapshot while noise.yaml and
    lexicon/regex_subset.py are as shipped, else from the user cache while noise.yaml is unchanged."""
    from generator import cache, snapshot
    from generator.lexicon import regex_subset

    def valid(value: Any) -> bool:
        return isinstance(value, dict) and all(
            len(value.get(key, ())) == len(data.get(key) or ()) and all(map(regex_subset.valid_guards, value[key]))
            for key in _KEYS
        )

    code = Path(regex_subset.__file__)
    shipped = snapshot.derived("noise-guards", _NOISE_FILE, code)
    if shipped is not None and valid(shipped):
        return shipped
    return cache.by_file("noise", _NOISE_FILE, lambda: guards_by_key(data), code, valid=valid)


def _compiled(pattern: str, file: str, key: str, index: int) -> re.Pattern:
    """A user's noise pattern compiled, or the file's error."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise FazhiError(Problem(f"正则表达式「{pattern}」有误：{exc}", file, field=f"{key}[{index}]")) from None


def _read_extra(file: str) -> dict:
    """A user's noise file: YAML, errors in Chinese."""
    import yaml

    try:
        return yaml.safe_load(Path(file).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FazhiError(Problem(f"无法读取噪声规则文件：{exc}", file)) from None


def resolve_noise(noise: Noise | str | Path | Iterable | None) -> Noise:
    """The Noise an entry point's `noise=` argument names: built-in, a Noise, or extra file(s)."""
    if noise is None:
        return load_noise()
    if isinstance(noise, Noise):
        return noise
    if isinstance(noise, (str, Path)):
        return load_noise(noise)
    return load_noise(*noise)


def drop_noise(lines: "list[Line]", noise: Noise) -> "list[Line]":
    """The lines without web noise (pasted pages); styled lines (fazhi's run-in runs too) and
    tables are kept."""
    limit = noise.max_chars
    texts = [ln.text for ln in lines if not (ln.kind or ln.runin or ln.table is not None or len(ln.text) > limit)]
    if not texts or not noise.could_be_in(texts):  # most drafts: no line could be noise, none is tried alone
        return list(lines)
    out: list[Line] = []
    value = False  # the line after a field's name is its value
    for line in lines:
        if line.kind or line.runin or line.table is not None or len(line.text) > limit:
            out.append(line)
            value = False
            continue
        if out and noise.is_end(line.text):
            break
        if value and len(line.text) <= MAX_FIELD_VALUE:
            value = False
            continue
        value = noise.is_field(line.text)
        if value or noise.is_drop(line.text) or (not out and noise.is_end(line.text)):
            continue
        out.append(line)
    return out
