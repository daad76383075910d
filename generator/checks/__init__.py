"""Checks of drafts: a registry of rules, profiles as data, findings as text / JSON / SARIF.

from generator.checks import check_document
result = check_document(doc)                      # profile chosen from the document kind
result = check_document(doc, "format")            # format rules only
for finding in result.findings: print(finding.line, finding.severity, finding.rule, finding.message)
result.parts["3"]  # {"found": False, "heading": None, "line": None} for annual reports
result.kind, result.kind_reason  # "annual-report", "标题以「报告」结尾；开头写「现将……报告如下」"
"""

from __future__ import annotations

from generator.kinds import KINDS
from generator.tree import Document
from generator.checks import rules as _rules  # noqa: F401  (registers the rules)
from .analysis import analyse
from .profiles import Profile, ProfileError, available_profiles, load_profile
from .registry import RULES, Context, Finding, Rule

__all__ = [
    "check_document",
    "describe_rules",
    "CheckResult",
    "Finding",
    "Rule",
    "RULES",
    "available_profiles",
    "load_profile",
    "Profile",
    "ProfileError",
]


class CheckResult:
    """What check_document found: the findings, the kind, the statutory parts, the year, the sender."""

    __slots__ = ("findings", "kind", "parts", "profile", "report_year", "kind_reason", "unit")

    # A plain class: a dataclass costs a millisecond of every start-up to create.
    def __init__(
        self,
        findings: list[Finding],
        kind: str,
        parts: dict[str, dict] | None = None,
        profile: str = "",
        report_year: int | None = None,
        kind_reason: str = "",  # why the document was taken for this kind (Chinese)
        unit: str = "",  # who sends it, as the draft writes it (read.sender)
    ) -> None:
        self.findings = findings
        self.kind = kind
        self.parts = {} if parts is None else parts
        self.profile = profile
        self.report_year = report_year
        self.kind_reason = kind_reason
        self.unit = unit

    def __repr__(self) -> str:
        return f"CheckResult({self.kind!r}, {len(self.findings)} findings, profile={self.profile!r})"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out


def describe_rules(rule_id: str | None = None) -> list[Rule]:
    """Every rule sorted by id, or the one named (a FazhiError with a did-you-mean otherwise)."""
    if rule_id is None:
        return sorted(RULES.values(), key=lambda r: r.id)
    if rule_id not in RULES:
        from generator.errors import FazhiError, close_matches

        close = close_matches(rule_id, RULES)
        raise FazhiError(f"没有编号为「{rule_id}」的规则" + (f"，是否想写「{close[0]}」？" if close else ""))
    return [RULES[rule_id]]


def check_document(
    doc: Document, profile: str | None = None, report_year: int | None = None, layout: str | None = None
) -> CheckResult:
    """Run a profile's rules over a document tree. `profile` None: by the kind the whole
    document shows (analysis.detect_kind); a name under data/profiles or a YAML path."""
    analysis = analyse(doc, None, report_year, layout)
    chosen = _profile(profile or analysis.kind)
    if chosen.kind and chosen.kind != analysis.kind and profile:
        label = KINDS[analysis.kind].label
        analysis = analyse(
            doc,
            chosen.kind,
            report_year,
            layout,
            f"按 --profile「{chosen.name}」指定为{KINDS[chosen.kind].label}"
            f"（自动识别为{label}：{analysis.kind_reason}）",
        )
    findings: list[Finding] = []
    for rule, params, severity, overridden in _plan(chosen, analysis.kind):
        ctx = Context(rule, params, severity, analysis, overridden)
        findings.extend(rule.check(doc, ctx))
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (f.line or 0, order[f.severity], f.rule))
    parts = {k: hit.as_dict() for k, hit in analysis.parts.items()}
    found = analysis.sender()
    return CheckResult(
        findings,
        analysis.kind,
        parts,
        chosen.name,
        analysis.report_year,
        analysis.kind_reason,
        found.written if found else "",
    )


_BUILTIN: dict[str, Profile] = {}
_PLANS: dict[tuple[int, str], tuple[Profile, list]] = {}


def _profile(name: str) -> Profile:
    """A profile; the built-in ones (package data) are loaded once per process."""
    if name in _BUILTIN:
        return _BUILTIN[name]
    loaded = load_profile(name)
    if name in available_profiles():
        _BUILTIN[name] = loaded
    return loaded


def _plan(profile: Profile, kind_name: str) -> list:
    """(rule, parameters, severity, overridden) for the profile's rules that apply to the kind."""
    key = (id(profile), kind_name)
    plan = _PLANS.get(key)
    if plan is None or plan[0] is not profile:
        kind = KINDS[kind_name]
        steps = []
        for rule_id, params in profile.rules.items():
            rule = RULES[rule_id]
            if rule.kinds and not any(kind.is_a(k) for k in rule.kinds):
                continue
            merged = {**rule.defaults, **params}
            severity = merged.pop("severity", None)
            steps.append((rule, merged, severity or rule.severity, severity is not None))
        plan = (profile, steps)
        if len(_PLANS) > 64:
            _PLANS.clear()
        _PLANS[key] = plan
    return plan[1]
