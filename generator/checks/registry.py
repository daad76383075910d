"""The rule registry: one rule = stable id, default severity, Chinese summary, check function.

A check function takes the document tree and a `Context` and yields findings, usually through
`ctx.finding(line, message)`, which fills in the rule id and the severity the profile chose.
Its docstring is the rule's documentation (shown by SARIF and `fazhi rules`) and carries a
passing and a failing example.
"""

from __future__ import annotations

import inspect
from typing import Any, NamedTuple
from collections.abc import Callable, Iterator

from generator.tree import Document

SEVERITIES = ("error", "warning", "info")
# How strongly the source asks: 应 (shall), 一般 (as a rule), 可 (may), 实务 (common practice, no text).
STRENGTHS = ("应", "一般", "可", "实务")
REGULATION = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"
GBT9704 = "GB/T 9704-2012《党政机关公文格式》"
GBT15834 = "GB/T 15834-2011《标点符号用法》"
GBT15835 = "GB/T 15835-2011《出版物上数字用法》"
# The regulation's articles on the annual report (see the issue-10 note for the sources checked):
# 第二十四条 sets publication before 1 April, 第二十五条 lists the five parts.
ARTICLE_PUBLICATION = "第二十四条"
ARTICLE_CONTENTS = "第二十五条"


class Basis:
    """Where a rule comes from: a source, the clause, and whether it says 应 or only 一般/可."""

    __slots__ = ("source", "clause", "strength", "quote")

    # Plain classes here (not NamedTuples, not dataclasses): cheaper to create at every start-up.
    def __init__(self, source: str = "", clause: str = "", strength: str = "实务", quote: str = "") -> None:
        self.source = source  # e.g. GBT9704; empty for common practice
        self.clause = clause  # 「7.2.4」, 「第二十四条」
        self.strength = strength
        self.quote = quote  # the words of the source the rule rests on (short)

    def __str__(self) -> str:
        """「GB/T 9704-2012 7.2.4，应」, 「《…工作规定》第二十四条，应」, 「实务」."""
        if not self.source:
            return "实务"
        short = (
            self.source[: self.source.index("》") + 1] if self.source.startswith("《") else self.source.split("《")[0]
        )
        return f"{short.strip()} {self.clause}".strip() + f"，{self.strength}"


NO_BASIS = Basis()  # a rule without a cited basis (shared: never changed)


class Finding(NamedTuple):
    """One problem found in a draft; `line` is 1-based in the draft, None for the whole file."""

    rule: str
    severity: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "line": self.line}


CheckFunction = Callable[[Document, "Context"], Iterator[Finding]]


class Rule:
    """A registered rule."""

    __slots__ = ("id", "severity", "summary", "check", "kinds", "defaults", "basis")

    def __init__(
        self,
        id: str,
        severity: str,
        summary: str,  # one Chinese line: what the rule wants
        check: CheckFunction,
        kinds: tuple[str, ...],  # document kinds it applies to; () = all
        defaults: dict,  # parameters and their defaults
        basis: Basis,
    ) -> None:
        self.id = id
        self.severity = severity
        self.summary = summary
        self.check = check
        self.kinds = kinds
        self.defaults = defaults
        self.basis = basis

    def __repr__(self) -> str:
        return f"Rule({self.id!r})"

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or self.summary)

    def example(self, which: str) -> str:
        """The docstring's passing (「通过：」) or failing (「不通过：」) example."""
        label = {"pass": "通过：", "fail": "不通过："}[which]
        for line in self.doc.splitlines():
            if line.strip().startswith(label):
                return line.strip()[len(label) :].strip()
        return ""

    def as_dict(self) -> dict:
        """What `fazhi rules --format json` prints of the rule."""
        return {
            "id": self.id,
            "severity": self.severity,
            "kinds": list(self.kinds),
            "summary": self.summary,
            "parameters": self.defaults,
            "pass": self.example("pass"),
            "fail": self.example("fail"),
            "basis": {
                "text": str(self.basis),
                "source": self.basis.source,
                "clause": self.basis.clause,
                "strength": self.basis.strength,
                "quote": self.basis.quote,
            },
            "doc": self.doc,
        }


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: str, summary: str, kinds: tuple[str, ...] = (), basis: Basis = NO_BASIS, **defaults: Any
) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator registering a check function under a stable id.

    A rule resting only on practice, or on a source that says 一般/可, is never an error by
    default (a profile may still make it one).
    """
    if severity not in SEVERITIES or basis.strength not in STRENGTHS:
        raise ValueError((severity, basis.strength))
    if severity == "error" and basis.strength != "应":
        raise ValueError(f"{rule_id}: an error by default needs a source that says 应, not {basis.strength}")

    def register(function: CheckFunction) -> CheckFunction:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, summary, function, kinds, dict(defaults), basis)
        return function

    return register


class Context:
    """What a check function gets besides the tree: its parameters, its severity (the profile's
    choice, resolved once), and the analysis shared by all rules of one document."""

    __slots__ = ("rule", "params", "severity", "analysis", "overridden")

    # Made for every rule of every document; a plain class with slots is cheap to build and,
    # unlike a dataclass, costs nothing at start-up.
    def __init__(self, rule: Rule, params: dict, severity: str, analysis: Any, overridden: bool = False) -> None:
        self.rule = rule
        self.params = params  # the rule's defaults updated by the profile (no "severity" key)
        self.severity = severity
        self.analysis = analysis  # checks.analysis.Analysis, computed once per document
        self.overridden = overridden  # the profile set the severity (rules with per-case severities yield to it)

    @property
    def kind(self) -> str:
        return self.analysis.kind

    def is_a(self, kind: str) -> bool:
        """The document is of this kind or of a kind in its family."""
        from generator.kinds import KINDS

        return KINDS[self.kind].is_a(kind)

    @property
    def body(self):
        return self.analysis.body

    @property
    def parts(self) -> dict:
        return self.analysis.parts

    @property
    def report_year(self) -> int | None:
        return self.analysis.report_year

    @property
    def web_copy(self) -> bool:
        return self.analysis.web_copy

    def scan(self, pattern):
        return self.analysis.scan(pattern)

    def finding(self, line: int | None, message: str, severity: str | None = None) -> Finding:
        # What Finding(...) does, without the Python frame of the NamedTuple's __new__.
        return _new_tuple(Finding, (self.rule.id, severity or self.severity, message, line or None))


_new_tuple = tuple.__new__
