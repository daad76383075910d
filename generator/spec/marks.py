"""A YAML file's plain data and the (line, column) of every field path: what a loader returns and
what located problems are made from. No YAML parser here, so a cached file needs none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem


@dataclass
class Loaded:
    """Plain data from a YAML file plus the (line, column) of each field path."""

    data: Any
    file: str
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    text: str = field(default="", repr=False)  # the source, to point inside a string

    def locate(self, path: tuple) -> tuple[int, int]:
        """Mark of the nearest path that has one (a missing key points at its parent)."""
        path = tuple(path)
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: tuple, message: str) -> Problem:
        """A problem located at a field path."""
        line, col = self.locate(path)
        return Problem(message, self.file, line, col, format_path(path) or None)


def format_path(path: tuple) -> str:
    """("measures", "sections", 0, "title") -> measures.sections[0].title"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
