"""`check --fix` and `check --review`: the draft's own file, fixed or marked up."""

from __future__ import annotations

from pathlib import Path


def _enabled_rules(profile: str | None, result) -> set[str]:
    """The rules the profile that checked the draft runs (only they may fix anything)."""
    from generator.checks import load_profile

    return set(load_profile(profile or result.kind).rules)


def _edit_target(path: Path, out: str | Path | None, tag: str) -> Path:
    from generator.api.render import not_the_input

    target = Path(out) if out else path.with_name(f"{path.stem}.{tag}{path.suffix}")
    return not_the_input(target, path, "输出文件与草稿相同：修正稿和审阅稿另存为新文件（-o）")


def _read_once(path: Path, review: bool = False):
    """(bytes, tree) of a draft --fix/--review can edit: read once, the tree made from those bytes."""
    from generator.errors import DraftError
    from generator.read import MAX_FILE_BYTES, read_draft_bytes
    from generator.review import check_editable
    from generator.safe_io import read_regular_file

    check_editable(str(path), review)
    data = read_regular_file(path, MAX_FILE_BYTES, what="草稿文件", error=DraftError)
    return data, read_draft_bytes(data, str(path))


def fix_file(
    path: str | Path,
    out: str | Path | None = None,
    profile: str | None = None,
    layout: str | Path | None = None,
    failing: frozenset[str] = frozenset({"error"}),
    rules: set[str] | None = None,
):
    """`check --fix`: the draft with its mechanical fixes written to `out` (atomically); with
    `rules`, only the fixes of those rules (a web page's button for one finding).

    Returns (output path, fixes, result before, whether the fixed file still has findings of a
    `failing` severity)."""
    from generator.checks import check_document
    from generator.review import fix_bytes
    from generator.write.atomic import write_atomic

    path = Path(path)
    target = _edit_target(path, out, "fixed")
    data, doc = _read_once(path)
    layout = str(layout) if layout else None
    before = check_document(doc, profile, layout=layout)
    enabled = _enabled_rules(profile, before)
    fixed, fixes = fix_bytes(data, doc, str(path), enabled if rules is None else enabled & set(rules))
    write_atomic(target, fixed)
    return target, fixes, before, _still_failing(before, fixes, failing, fixed, target, profile, layout)


def _still_failing(before, fixes, failing, fixed: bytes, target: Path, profile, layout) -> bool:
    """Whether the fixed file has a finding of a failing severity. A fix removes findings of its own
    rule only (tests/test_review.py holds it to that): a failing finding of a rule no fix applied
    to survives, and the fixed file is read and checked again only when every failing finding
    might have been fixed."""
    from generator.checks import check_document
    from generator.read import read_draft_bytes

    fixed_rules = {f.rule for f in fixes}
    failing_rules = {f.rule for f in before.findings if f.severity in failing}
    if failing_rules - fixed_rules:
        return True
    if not failing_rules:
        return False
    after = check_document(read_draft_bytes(fixed, str(target)), profile, layout=layout)
    return any(f.severity in failing for f in after.findings)


def review_file(
    path: str | Path, out: str | Path | None = None, profile: str | None = None, layout: str | Path | None = None
):
    """`check --review`: a copy of the .docx draft with every finding a comment and every fix a
    tracked change. Returns (output path, fixes, result)."""
    from generator.checks import check_document
    from generator.review import review_bytes
    from generator.write.atomic import write_atomic

    path = Path(path)
    target = _edit_target(path, out, "reviewed")
    data, doc = _read_once(path, review=True)
    result = check_document(doc, profile, layout=str(layout) if layout else None)
    reviewed, fixes = review_bytes(data, doc, result, str(path), enabled=_enabled_rules(profile, result))
    write_atomic(target, reviewed)
    return target, fixes, result
