"""One error root for everything a user can fix; the CLI maps it to exit code 2."""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple compiles each
# string annotation at class creation (a ForwardRef), a cost every start would pay.

from typing import NamedTuple

from generator.lexicon import lazy

# A value quoted in a message; a long one (a 5,000-digit number, a pasted chapter) is cut.
_QUOTED = lazy("「([^」]{80,})」")


def close_matches(word: str, choices, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib.get_close_matches, for did-you-mean hints: difflib (and heapq) load only when a
    hint is needed, not in every process."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


def shorten(text: str, limit: int = 60) -> str:
    """A long value cut for a message: head…tail and its length."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 6
    return f"{text[:head]}…{text[-tail:]}（共 {len(text)} 字）"


class Problem(NamedTuple):
    """One located problem: what is wrong, where, and in which field."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        message = _QUOTED.sub(lambda m: f"「{shorten(m.group(1))}」", self.message)
        if len(message) > 2000:
            message = shorten(message, 2000)
        text = f"{where}: {message}" if where else message
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


class Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing temporary files) and exit 128 + signal."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signum)
