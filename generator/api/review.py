"""`check --fix` and `check --review`: the draft's own file, fixed or marked up."""
from __future__ import annotations

from pathlib import Path

from generator.errors import FazhiError, OutputError, Problem


def _enabled_rules(profile: str | None, result) -> set[str]:
    """The rules the profile that checked the draft runs (only they may fix anything)."""
    from generator.checks import load_profile

    return set(load_profile(profile or result.kind).rules)


def _edit_target(path: Path, out: str | Path | None, tag: str) -> Path:
    target = Path(out) if out else path.with_name(f"{path.stem}.{tag}{path.suffix}")
    if target.resolve() == path.resolve():
        raise OutputError(Problem("输出文件与草稿相同：修正稿和审阅稿另存为新文件（-o）", str(target)))
    return target


def fix_file(path: str | Path, out: str | Path | None = None, profile: str | None = None,
             layout: str | Path | None = None):
    """`check --fix`: the draft with its mechanical fixes written to `out` (atomically).

    Returns (output path, fixes, result before, result of the fixed file)."""
    from generator.checks import check_document
    from generator.read import read_draft
    from generator.review import fix_bytes
    from generator.write.atomic import write_atomic

    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        raise FazhiError(Problem("--fix 只适用于 .docx 和 .txt 草稿（YAML 数据文件请直接修改）", str(path)))
    target = _edit_target(path, out, "fixed")
    doc = read_draft(path)
    before = check_document(doc, profile, layout=str(layout) if layout else None)
    data, fixes = fix_bytes(path.read_bytes(), doc, str(path), _enabled_rules(profile, before))
    write_atomic(target, data)
    after = check_document(read_draft(target), profile, layout=str(layout) if layout else None)
    return target, fixes, before, after


def review_file(path: str | Path, out: str | Path | None = None, profile: str | None = None,
                layout: str | Path | None = None):
    """`check --review`: a copy of the .docx draft with every finding a comment and every fix a
    tracked change. Returns (output path, fixes, result)."""
    from generator.checks import check_document
    from generator.read import read_draft
    from generator.review import review_bytes
    from generator.write.atomic import write_atomic

    path = Path(path)
    target = _edit_target(path, out, "reviewed")
    doc = read_draft(path)
    result = check_document(doc, profile, layout=str(layout) if layout else None)
    data, fixes = review_bytes(path.read_bytes(), doc, result, str(path), enabled=_enabled_rules(profile, result))
    write_atomic(target, data)
    return target, fixes, result
