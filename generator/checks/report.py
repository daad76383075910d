"""Findings as text (file:line: severity rule message), JSON and SARIF 2.1.0."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterable

from generator.kinds import KINDS
from .registry import RULES
from .statutory import parts_of

if TYPE_CHECKING:
    from generator.checks import CheckResult

_SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
# Not a rule of the registry: what JSON and SARIF say of a draft that could not be read.
UNREADABLE = "draft.unreadable"
_UNREADABLE_DOC = "草稿无法读取（不是 Word/文本文件、已损坏、过大或编码无法识别），没有检查。"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _parts_summary(result) -> list[str]:
    data = parts_of(result.kind)  # read once per process (load_data hands out a copy each call)
    assert data is not None  # result.parts come from this kind's parts.yaml
    names = data["parts"]
    lines = []
    for key, part in result.parts.items():
        short = names[key]["short"]
        if part["found"]:
            where = f"第{part['line']}行" if part["line"] else "已找到"
            lines.append(f"  {key}. {short}：{where}「{part['heading']}」")
        else:
            lines.append(f"  {key}. {short}：缺少")
    return lines


def to_text(results: Iterable[tuple[str, CheckResult]], fixes: dict | None = None) -> str:
    """One line a finding, `file:line: severity rule-id message`, then per file the counts, why
    it was taken for its kind, and the five parts (annual reports). With `fixes` ({path: [Fix]},
    from --fix/--review): one line a fix, `file:line: fix rule-id 「before」→「after」（context）`,
    and their number."""
    out: list[str] = []
    for path, result in results:
        for f in result.findings:
            where = f"{path}:{f.line}" if f.line else str(path)
            out.append(f"{where}: {f.severity} {f.rule} {f.message}（依据：{RULES[f.rule].basis}）")
        if fixes is not None:
            out.extend(_fix_lines(path, fixes.get(str(path), [])))
        kind = KINDS[result.kind].label
        counts = result.counts()
        out.append(f"{path}（{kind}）：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}")
        if result.kind_reason:
            out.append(f"  按{kind}检查：{result.kind_reason}")
        if result.parts:
            out.append("  五个法定部分：")
            out.extend("  " + line for line in _parts_summary(result))
    return "\n".join(out) + ("\n" if out else "")


def _fix_lines(path, fixes) -> list[str]:
    lines = [f"{path}:{fix.line}: fix {fix.rule} 「{fix.before}」→「{fix.after}」（{fix.context}）" for fix in fixes]
    return lines + [f"{path}：已修正 {len(fixes)} 处"]


def to_json(results: Iterable[tuple[str, CheckResult]], unreadable: Iterable = (), fixes: dict | None = None) -> str:
    """{"files": [...]}: a readable draft's kind (and kind_reason: why), parts and findings; an
    unreadable one with kind null and one `draft.unreadable` error finding."""
    files: list[dict] = []
    for problem in unreadable:
        files.append(
            {
                "path": problem.file or "",
                "kind": None,
                "kind_reason": None,
                "unit": None,
                "year": None,
                "parts": {},
                "findings": [{"rule": UNREADABLE, "severity": "error", "message": problem.message, "line": None}],
            }
        )
    for path, result in results:
        files.append(
            {
                "path": str(path),
                "kind": result.kind,
                "kind_reason": result.kind_reason or None,
                "unit": result.unit or None,
                "year": result.report_year,
                "parts": {
                    k: {"found": v["found"], "heading": v["heading"], "line": v["line"]}
                    for k, v in result.parts.items()
                },
                "findings": [{**f.as_dict(), "basis": str(RULES[f.rule].basis)} for f in result.findings],
            }
        )
        if fixes is not None:
            files[-1]["fixes"] = [fix.as_dict() for fix in fixes.get(str(path), [])]
    import json

    return json.dumps({"files": files}, ensure_ascii=False, indent=2) + "\n"


def sarif_rules() -> list[dict]:
    unreadable = {
        "id": UNREADABLE,
        "shortDescription": {"text": "草稿无法读取"},
        "fullDescription": {"text": _UNREADABLE_DOC},
        "defaultConfiguration": {"level": "error"},
    }
    return [unreadable] + [
        {
            "id": rule.id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {
                "basis": str(rule.basis),
                "source": rule.basis.source,
                "clause": rule.basis.clause,
                "strength": rule.basis.strength,
                "quote": rule.basis.quote,
            },
        }
        for rule in sorted(RULES.values(), key=lambda r: r.id)
    ]


def _sarif_fixes(uri: str, fixes) -> list[dict]:
    """SARIF fix objects: the paragraph (line) and the columns of the replaced text in it."""
    return [
        {
            "description": {"text": f"「{fix.before}」→「{fix.after}」"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": fix.line,
                                "startColumn": fix.edit.start + 1,
                                "endColumn": fix.edit.end + 1,
                            },
                            "insertedContent": {"text": fix.after},
                        }
                    ],
                }
            ],
        }
        for fix in fixes
    ]


def to_sarif(results: Iterable[tuple[str, CheckResult]], unreadable: Iterable = (), fixes: dict | None = None) -> str:
    rules = sarif_rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    sarif_results = []
    notifications = []
    for problem in unreadable:
        location: dict[str, dict[str, object]] = {
            "physicalLocation": {"artifactLocation": {"uri": Path(problem.file or "").as_posix()}}
        }
        sarif_results.append(
            {
                "ruleId": UNREADABLE,
                "ruleIndex": index[UNREADABLE],
                "level": "error",
                "message": {"text": problem.message},
                "locations": [location],
            }
        )
        notifications.append({"level": "error", "message": {"text": str(problem)}, "locations": [location]})
    for path, result in results:
        uri = Path(path).as_posix()
        mine = (fixes or {}).get(str(path), [])
        for f in result.findings:
            location = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
            if f.line:
                location["physicalLocation"]["region"] = {"startLine": f.line}
            sarif_results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [location],
                }
            )
            applied = [fix for fix in mine if fix.rule == f.rule and (f.line is None or fix.line == f.line)]
            if applied:
                sarif_results[-1]["fixes"] = _sarif_fixes(uri, applied)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "fazhi", "rules": rules}},
                "results": sarif_results,
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
            }
        ],
    }
    import json

    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
