"""The rule registry: one rule = stable id, default severity, Chinese summary, check function.

A check function takes the document tree and a `Context` and yields findings, usually through
`ctx.finding(line, message)`, which fills in the rule id and the severity the profile chose.
Its docstring is the rule's documentation (shown by SARIF and `--list-rules`) and carries a
passing and a failing example.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..tree import Document

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem found in a draft; `line` is 1-based in the draft, None for the whole file."""

    rule: str
    severity: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "line": self.line}


CheckFunction = Callable[[Document, "Context"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule."""

    id: str
    severity: str
    summary: str  # one Chinese line: what the rule wants
    check: CheckFunction
    kinds: tuple[str, ...] = ()  # document kinds it applies to; () = all
    defaults: dict = field(default_factory=dict)  # parameters and their defaults

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or self.summary)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, summary: str, kinds: tuple[str, ...] = (),
         **defaults: Any) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator registering a check function under a stable id."""
    if severity not in SEVERITIES:
        raise ValueError(severity)

    def register(function: CheckFunction) -> CheckFunction:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, summary, function, kinds, dict(defaults))
        return function

    return register


@dataclass
class Context:
    """What a check function gets besides the tree: parameters, severity, shared analysis."""

    rule: Rule
    params: dict
    severity: str
    kind: str
    report_year: int | None
    analysis: Any  # checks.analysis.Analysis, computed once per document

    def finding(self, line: int | None, message: str, severity: str | None = None) -> Finding:
        return Finding(self.rule.id, severity or self.severity, message, line or None)

    def __getattr__(self, name: str) -> Any:  # ctx.web_copy, ctx.parts, … from the analysis
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.analysis, name)
