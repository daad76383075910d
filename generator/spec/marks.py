"""A YAML file's plain data and the (line, column) of every field path: what a loader returns and
what located problems are made from. No YAML parser here, so a cached file needs none."""

from __future__ import annotations

from typing import Any

from generator.errors import Problem


class Loaded:
    """Plain data from a YAML file plus the (line, column) of each field path."""

    # A plain class: a check loads its profile through here, and a dataclass costs every start ~0.3 ms.
    def __init__(self, data: Any, file: str, marks: dict[tuple, tuple[int, int]] | None = None, text: str = ""):
        self.data = data
        self.file = file
        self.marks: dict[tuple, tuple[int, int]] = {} if marks is None else marks
        self.text = text  # the source, to point inside a string

    def __repr__(self) -> str:
        return f"Loaded(data={self.data!r}, file={self.file!r}, marks={self.marks!r})"

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
