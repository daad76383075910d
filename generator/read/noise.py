"""Web-page noise: lines dropped wherever they stand, and end markers that cut the rest."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from collections.abc import Iterable

from generator.errors import FazhiError, Problem
from generator.resources import NOISE as _NOISE_FILE, read_data

if TYPE_CHECKING:
    from generator.read.lines import Line


MAX_FIELD_VALUE = 60  # a 公开目录 field's value on the line after its name is at most this long


class Noise(NamedTuple):
    """Compiled noise patterns: `drop` lines anywhere, `end` lines end the text."""

    drop: tuple[re.Pattern, ...]
    end: tuple[re.Pattern, ...]
    max_chars: int = 120
    field: tuple[re.Pattern, ...] = ()  # a 公开目录 field's name alone on its line: its value follows
    strip: tuple[re.Pattern, ...] = ()  # removed from a line's start (a PDF page number)

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

    def _matches(self, patterns: tuple[re.Pattern, ...], text: str) -> bool:
        if len(text) > self.max_chars:
            return False
        for pattern in patterns:
            if pattern.search(text):
                return True
        return False


def load_noise(*extra: str | Path) -> Noise:
    """The built-in noise patterns, extended by each extra YAML file (same keys)."""
    return _load_noise(tuple(str(p) for p in extra))


@functools.lru_cache(maxsize=16)
def _load_noise(extra: tuple[str, ...]) -> Noise:
    drop: list[re.Pattern] = []
    end: list[re.Pattern] = []
    field: list[re.Pattern] = []
    strip: list[re.Pattern] = []
    max_chars = 120
    for file in (str(_NOISE_FILE),) + extra:
        data = read_data(_NOISE_FILE) if file == str(_NOISE_FILE) else _read_extra(file)
        if not isinstance(data, dict):
            raise FazhiError(Problem("噪声规则文件应为「drop: / end:」形式的映射", file, 1))
        if isinstance(data.get("max_chars"), int):
            max_chars = data["max_chars"]
        for key, target in (("drop", drop), ("end", end), ("field", field), ("strip", strip)):
            for index, pattern in enumerate(data.get(key) or []):
                try:
                    target.append(re.compile(str(pattern)))  # now: a bad pattern is the file's error
                except re.error as exc:
                    raise FazhiError(
                        Problem(f"正则表达式「{pattern}」有误：{exc}", file, field=f"{key}[{index}]")
                    ) from None
    return Noise(tuple(drop), tuple(end), max_chars, tuple(field), tuple(strip))


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


def drop_noise(lines: list[Line], noise: Noise) -> list[Line]:
    """The lines without web noise (pasted pages); styled lines (fazhi's run-in runs too) and
    tables are kept."""
    out: list[Line] = []
    limit = noise.max_chars
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
