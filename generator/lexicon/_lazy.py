"""Patterns compiled with plain `re` on first use: a process pays only for the patterns it uses."""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Lazy:
    """A regular expression compiled on first use; then its methods are the compiled pattern's own."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only reached while not compiled: afterwards the methods are plain instance attributes.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if not yet)."""
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(self.pattern, self.flags)
            for method in _METHODS:
                self.__dict__[method] = getattr(compiled, method)
            self.__dict__["groups"] = compiled.groups
            self.__dict__["groupindex"] = compiled.groupindex
        return compiled

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r})"


def lazy(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """A pattern compiled on first use; it answers as the re.Pattern it stands for."""
    return cast("re.Pattern[AnyStr]", Lazy(pattern, int(flags)))
