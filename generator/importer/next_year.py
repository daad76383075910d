"""`fazhi import --next-year LAST.yaml`: next year's spec, edited line by line from last year's.

The file is changed where the loader's marks say the fields are, so everything else — the clerk's
comments, flow or block style, the texts — stays as it was: year + 1 (and in the title and part
headings), dates and 发文字号 turned into comments saying what they were, a note over the figures,
and last year's part 4 (下一年度安排) copied as comments under this year's part 1.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Problem, SpecError
from generator.spec.loading import load_yaml, load_yaml_text
from generator.spec.validate import validate

_CLEARED = (("date",), ("notice", "date"), ("imprint", "print_date"), ("doc_number",), ("notice", "doc_number"))
_YEARS = (
    ("title",),
    ("notice", "title"),
    ("measures", "heading"),
    ("shortcomings", "heading"),
    ("leadership", "heading"),
    ("next_year", "heading"),
)


def next_year_text(path: Path) -> tuple[str, list[str]]:
    """The text of next year's spec and what was changed (one Chinese line each)."""
    loaded = load_yaml(path)
    validate(loaded)  # last year's spec must be valid: its problems are located in its own file
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    data, marks = loaded.data, loaded.marks
    year = data["year"]
    changes = [f"年度 {year} → {year + 1}"]
    _set_year(lines, marks[("year",)], year)
    for field in _YEARS:
        if _has(data, field) and _bump(lines, marks, field, year):
            changes.append(f"{'.'.join(field)} 中的 {year}年 改为 {year + 1}年")
    for field in _CLEARED:
        if _has(data, field):
            _clear(lines, marks[field], field, _get(data, field))
            changes.append(f"{'.'.join(field)} 已清空（去年为 {_get(data, field)}，留作注释）")
    inserts: list[tuple[int, list[str]]] = []
    if "figures" in data and data["figures"]:
        line, col = marks[("figures",)]
        inserts.append((line - 1, [" " * (col - 1) + "# 以下是去年的数字：请换成今年的"]))
        changes.append("figures 上加了注释：数字是去年的")
    plan = _last_plan(data)
    if plan and "measures" in data:
        inserts.append(
            _under(
                lines, marks, ("measures",), [f"去年（{year}年度）报告的下一年度安排，今年对照汇报落实情况：", *plan]
            )
        )
        changes.append("去年的下一年度安排（第四部分）作为注释放在 measures 下")
    for at, block in sorted(inserts, reverse=True):
        lines[at:at] = block
    text = "\n".join(lines)
    try:
        validate(load_yaml_text(text, str(path)))
    except SpecError as exc:  # an edit this module got wrong: say so rather than write a broken file
        raise SpecError(Problem(f"无法生成下一年度的数据文件：{exc.problems[0].message}", str(path))) from None
    return text, changes


def next_year_output(source: Path, text: str) -> Path:
    """kaifu-2022.yaml → kaifu-2023.yaml; a stem without the year gets 「-2023」."""
    found = re.search(r"^year:\s*(\d{4})", text, re.M)
    assert found, "the spec written above has a year"
    year = int(found.group(1))
    stem = source.stem
    if str(year - 1) in stem:
        return source.with_name(stem.replace(str(year - 1), str(year)) + source.suffix)
    return source.with_name(f"{stem}-{year}{source.suffix}")


def _has(data: dict, path: tuple) -> bool:
    for key in path:
        if not isinstance(data, dict) or key not in data or data[key] is None:
            return False
        data = data[key]
    return True


def _get(data: dict, path: tuple):
    for key in path:
        data = data[key]
    return data


def _set_year(lines: list[str], mark: tuple[int, int], year: int) -> None:
    index, col = mark[0] - 1, mark[1] - 1
    line = lines[index]
    lines[index] = line[:col] + re.sub(rf"^(year\s*:\s*){year}", rf"\g<1>{year + 1}", line[col:], count=1)


def _bump(lines: list[str], marks: dict, field: tuple, year: int) -> bool:
    """「2022年」 → 「2023年」 in the lines of a field's value (comment lines left alone)."""
    start = marks[field][0] - 1
    later = sorted(line for line, _ in marks.values() if line - 1 > start)
    end = later[0] - 1 if later else len(lines)
    changed = False
    for index in range(start, end):
        if lines[index].lstrip().startswith("#"):
            continue
        new = re.sub(rf"{year}(?=\s*年)", str(year + 1), lines[index])
        changed = changed or new != lines[index]
        lines[index] = new
    return changed


def _clear(lines: list[str], mark: tuple[int, int], field: tuple, value) -> None:
    """A one-line `key: value` becomes a comment; inside a flow mapping the entry is cut out."""
    index, col = mark[0] - 1, mark[1] - 1
    line, key = lines[index], field[-1]
    if line[:col].strip() in ("", "-"):
        lines[index] = f"{line[:col]}# {key}: {value}（去年的值：今年的确定后填写）"
        return
    lines[index] = re.sub(rf",\s*{key}\s*:\s*[^,}}]+|{key}\s*:\s*[^,}}]+,\s*", "", line, count=1)


def _last_plan(data: dict) -> list[str]:
    """Last year's part 4 as lines: its text, then its points 「一是…」."""
    from generator.numbering import ordinal_point

    part = data.get("next_year") or {}
    text = part.get("text") or []
    out = [line.strip() for line in (text.splitlines() if isinstance(text, str) else text) if line.strip()]
    out += [f"{ordinal_point(i)}{point}" for i, point in enumerate(part.get("points") or [], 1)]
    for section in part.get("sections") or []:
        out.append(section.get("title", ""))
    return out


def _under(lines: list[str], marks: dict, field: tuple, comments: list[str]) -> tuple[int, list[str]]:
    """Comment lines right under a block mapping's key, at its children's indentation."""
    line, col = marks[field]
    children = [mark for path, mark in marks.items() if len(path) == len(field) + 1 and path[:-1] == field]
    indent = (min(children)[1] - 1) if children else col + 1
    if lines[line - 1].rstrip().endswith("}"):  # a flow mapping: above the key instead
        return line - 1, [" " * (col - 1) + f"# {c}" for c in comments]
    return line, [" " * indent + f"# {c}" for c in comments]
