"""The document kinds: one row each. Everything kind-specific is derived from this table.

A kind is a folder under generator/kinds (its model, and data such as its required parts and
its check profile) plus a row in KINDS: the schema union, the template names, the `schema`
command's choices, draft-kind recognition and the report labels all come from here.
Models are imported only when asked for, so commands that never validate a spec never load
pydantic.
"""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Sequence

from generator.lexicon import lazy, statutory

if TYPE_CHECKING:
    from pydantic import BaseModel
from generator.resources import KINDS as _KINDS_DIR

from .words import Words

_SPACES = lazy(r"\s+")
REPORT_TITLE = Words([statutory.REPORT_TITLE_END])


class Kind:
    """One document kind."""

    __slots__ = (
        "name",
        "label",
        "folder",
        "model_ref",
        "template",
        "family",
        "recognise",
        "issuer",
        "parts_file",
        "hook",
        "context",
    )

    # A plain class: a NamedTuple costs more than half a million instructions of every start-up to create.
    def __init__(
        self,
        name: str,  # the spec's `kind:` value
        label: str,  # Chinese name in messages and reports
        folder: str,  # generator/kinds/<folder>
        model_ref: str,  # "module:Class" of the pydantic model
        template: str,  # the Jinja template under templates/
        family: str = "",  # the kind whose rules also apply (a department report is an annual report)
        recognise: str = "",  # regular expression on a draft's titles that says "this kind"
        issuer: str = "",  # regular expression on a report's last signature that says so too
        parts_file: str = "",  # the required parts, relative to the folder (or another kind's)
        hook: str = "",  # "module:function(spec, loaded)" run after validation
        context: str = "",  # "module:function(spec) -> dict" extra template variables
    ) -> None:
        self.name, self.label, self.folder, self.model_ref, self.template = name, label, folder, model_ref, template
        self.family, self.recognise, self.issuer, self.parts_file = family, recognise, issuer, parts_file
        self.hook, self.context = hook, context

    def __repr__(self) -> str:
        return f"Kind({self.name!r})"

    @property
    def model(self) -> type[BaseModel]:
        """The pydantic model class (imported on first use)."""
        return load(self.model_ref)

    @property
    def directory(self) -> Path:
        return _KINDS_DIR / self.folder

    @property
    def profile_path(self) -> Path:
        """The kind's check profile."""
        return self.directory / "profile.yaml"

    @property
    def parts_path(self) -> Path | None:
        """The required-parts data file, if the kind has statutory parts."""
        return (_KINDS_DIR / self.parts_file) if self.parts_file else None

    def is_a(self, name: str) -> bool:
        """This kind, or the family it belongs to."""
        return name in (self.name, self.family)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "annual-report",
            "年度报告",
            "annual_report",
            "generator.kinds.annual_report.model:AnnualReport",
            "annual-report.j2",
            parts_file="annual_report/parts.yaml",
        ),
        Kind(
            "work-plan",
            "工作要点",
            "work_plan",
            "generator.kinds.work_plan.model:WorkPlan",
            "work-plan.j2",
            recognise=statutory.PLAN_TITLE,
            hook="generator.kinds.work_plan.model:resolve_units",
            context="generator.kinds.work_plan.tasks:template_context",
        ),
        Kind(
            "department-report",
            "部门年度报告",
            "department_report",
            "generator.kinds.department_report.model:DepartmentReport",
            "department-report.j2",
            family="annual-report",
            recognise=statutory.DEPARTMENT_REPORT_TITLE,
            issuer=statutory.DEPARTMENT_END,
            parts_file="annual_report/parts.yaml",
            hook="generator.kinds.department_report.model:check_issuer",
        ),
    )
}
DEFAULT_KIND = "annual-report"


def load(ref: str) -> Any:
    """The object a "module:name" reference names."""
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


@functools.lru_cache(maxsize=1)
def _recognisers() -> tuple[tuple[str, Words, re.Pattern], ...]:
    return tuple((k.name, _words(k.recognise), lazy(k.recognise)) for k in KINDS.values() if k.recognise)


@functools.cache
def _words(pattern: str) -> Words:
    """A kind's pattern as words, tried before (or instead of) compiling it (made once per pattern)."""
    return Words([pattern])


def recognise(titles: str, issuer: str = "", report_signs: Sequence[str] = ()) -> str:
    """The kind a draft's titles (and its last signature) name; the default kind when none does."""
    return recognise_why(titles, issuer, report_signs)[0]


def recognise_why(
    title: str, issuer: str = "", report_signs: Sequence[str] = (), department: str = ""
) -> tuple[str, str]:
    """(kind, why in Chinese) from the main title, the last signature and what else says "report".

    `report_signs` are reasons found in the rest of the document (a 「现将…报告如下」 opening,
    headings of the statutory parts). A title ending in 报告 is a report even when it mentions
    next year's 工作要点 (「…建设情况暨2023年工作要点的报告」); a title naming 工作要点 without
    ending in 报告 is a work plan unless the rest of the document reads as a report.
    `department`: why the sending body is a government department (「标题中的「市司法局」」), if it is.
    """
    title = _SPACES.sub("", title)
    signs = list(report_signs)
    if REPORT_TITLE.search(title):
        signs.insert(0, "标题以「报告」结尾")
    for name, words, pattern in _recognisers():
        kind = KINDS[name]
        found = words.search(title) and pattern.search(title)
        if not found or kind.family:
            continue
        if "印发" in title and title.endswith("通知"):
            return name, f"标题是印发{kind.label}的通知"
        if not signs:
            return name, f"标题含「{found.group(0)}」"
        signs.append(f"「{found.group(0)}」只是报告的一部分")
    name = DEFAULT_KIND
    for kind in KINDS.values():
        if kind.family != DEFAULT_KIND:
            continue
        if kind.recognise and _words(kind.recognise).search(title):
            name = kind.name
            signs.append(f"标题符合{kind.label}的写法")
        elif signs and issuer and kind.issuer and _words(kind.issuer).search(issuer):
            name = kind.name
            signs.append(f"落款「{issuer}」符合{kind.label}的署名")
        elif department:
            name = kind.name
            signs.append(f"{department}是政府部门")
    return name, "；".join(signs) or f"未见其他类型的特征，按{KINDS[DEFAULT_KIND].label}检查"


def __getattr__(name: str):
    """Spec (the union of the kinds' models) and the model classes, imported lazily."""
    if name == "Spec":
        from typing import Union

        return Union[tuple(k.model for k in KINDS.values())]  # noqa: UP007  (built at run time)
    for kind in KINDS.values():
        if kind.model_ref.endswith(":" + name):
            return kind.model
    raise AttributeError(name)
