"""One error root for everything a user can fix; the CLI maps it to exit code 2."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem: what is wrong, where, and in which field."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}（字段 {self.field}）" if self.field else text


class FazhiError(Exception):
    """A problem the user can act on; carries one or more located problems."""

    def __init__(self, *problems: Problem | str):
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class SpecError(FazhiError):
    """The YAML spec is malformed or invalid."""


class TemplateError(FazhiError):
    """A template failed: syntax error or an undefined variable."""


class OutputError(FazhiError):
    """An output file could not be written."""


class DraftError(FazhiError):
    """A draft could not be read (not a Word file, damaged, too large)."""
