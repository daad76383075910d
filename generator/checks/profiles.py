"""Rule profiles: YAML files listing rules, parameters and severities.

    name: annual-report
    kind: annual-report          # the document kind the profile is for (optional)
    include: [format]            # profiles whose rules come first; later entries override
    rules:
      parts.missing: {}          # {} or null: enabled with the rule's defaults
      date.deadline: {month: 3, day: 1, severity: error}   # parameters, severity override
      numbering.dot: false       # disabled

Built-in profiles: `format` (generator/data/profiles) and one per document kind
(generator/kinds/<kind>/profile.yaml). A profile argument may also be a path to such a file
(a city's own). Parameters are checked against each rule's defaults: an unknown parameter or a
value of the wrong type is an error located in the file, with a did-you-mean.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from generator.errors import FazhiError, Problem, close_matches
from generator.kinds import KINDS
from generator.resources import PROFILES
from .registry import RULES, SEVERITIES


class ProfileError(FazhiError):
    """A profile that cannot be used; the message is Chinese and located."""


class Profile:
    """A check profile: its rules and their parameters."""

    __slots__ = ("name", "kind", "rules", "description")

    # A plain class: a NamedTuple costs more to create at every start-up.
    def __init__(self, name: str, kind: str | None, rules: dict[str, dict], description: str = "") -> None:
        self.name = name
        self.kind = kind
        self.rules = rules  # rule id -> params (with "severity" when overridden)
        self.description = description

    def __repr__(self) -> str:
        return f"Profile({self.name!r}, {self.kind!r})"


def builtin_profiles() -> dict[str, Path]:
    """Profile name -> file, for the profiles that ship with fazhi."""
    found = {p.stem: p for p in sorted(PROFILES.iterdir()) if p.name.endswith(".yaml")}  # glob compiles a pattern
    found.update({kind.name: kind.profile_path for kind in KINDS.values() if kind.profile_path.exists()})
    return found


def available_profiles() -> list[str]:
    return sorted(builtin_profiles())


def _locate(name: str) -> Path:
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml") or "/" in name or os.sep in name:
        return path  # a file: reading it says what is wrong with it (missing, a folder, a FIFO, …)
    builtin = builtin_profiles()
    if name in builtin:
        return builtin[name]
    if path.exists():
        return path
    close = close_matches(name, builtin)
    hint = f"，是否想写「{close[0]}」？" if close else ""
    raise ProfileError(
        Problem(
            f"没有名为「{name}」的检查规则集{hint}；可用：{'、'.join(sorted(builtin))}"
            "，或给出自定义规则集 .yaml 文件的路径"
        )
    )


@functools.lru_cache(maxsize=32)
def _parse(path: Path, _mtime: int):
    """A profile file's data with line marks, read once per version of the file."""
    from generator.errors import SpecError
    from generator.resources import load_marked

    try:
        loaded = load_marked(path)
    except SpecError as exc:
        raise ProfileError(*exc.problems) from None
    if loaded.data is None or loaded.data == {}:
        loaded.data = {}
    if not isinstance(loaded.data, dict):
        raise ProfileError(Problem("规则集应是「字段: 值」形式的映射（name、include、rules）", str(path), 1, 1))
    return loaded


def load_profile(name: str, _seen: tuple[str, ...] = ()) -> Profile:
    """A profile by name or path, its includes resolved and its parameters checked."""
    path = _locate(name)
    from generator.safe_io import resolved

    key = str(resolved(path))
    if key in _seen:
        raise ProfileError(Problem(f"规则集「{name}」循环包含", str(path)))
    loaded = _parse(path, _mtime(path))
    data = loaded.data
    unknown = [k for k in data if k not in ("name", "kind", "include", "rules", "description")]
    if unknown:
        raise ProfileError(
            loaded.problem(
                (unknown[0],), f"规则集中未知的字段「{unknown[0]}」：应为 name、kind、include、rules、description"
            )
        )
    rules: dict[str, dict] = {}
    for index, included in _includes(loaded):
        try:
            rules.update(load_profile(included, _seen + (key,)).rules)
        except ProfileError as exc:  # an unknown name is located at the include entry that named it
            problems = [p if p.file else loaded.problem(("include", index), p.message) for p in exc.problems]
            raise ProfileError(*problems) from None
    entries = data.get("rules") or {}
    if not isinstance(entries, dict):
        raise ProfileError(loaded.problem(("rules",), "rules 应是「规则编号: 参数」形式的映射，如 parts.missing: {}"))
    for rule_id, params in entries.items():
        params = _checked(rule_id, params, loaded)
        if params is None:
            rules.pop(rule_id, None)
        else:
            rules[rule_id] = {**rules.get(rule_id, {}), **params}
    kind = data.get("kind")
    if kind is not None and kind not in KINDS:
        raise ProfileError(loaded.problem(("kind",), f"未知的文档类型「{kind}」：应为 {'、'.join(KINDS)} 之一"))
    return Profile(data.get("name", path.stem), kind, rules, data.get("description", ""))


def _includes(loaded) -> list[tuple[int, str]]:
    """(index, name) of each included profile; a located error for anything but names."""
    includes = loaded.data.get("include") or []
    listed = [includes] if isinstance(includes, str) else includes
    if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
        raise ProfileError(
            loaded.problem(("include",), "include 应是规则集名称或文件路径的列表，如 include: [annual-report]")
        )
    return list(enumerate(listed))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0  # _parse reads it and says what is wrong


def _checked(rule_id: str, params, loaded) -> dict | None:
    """A rule entry's parameters validated against the rule's defaults; None when disabled."""
    where = ("rules", rule_id)
    if rule_id not in RULES:
        close = close_matches(rule_id, RULES)
        hint = f"，是否想写「{close[0]}」？" if close else "；fazhi rules 列出全部规则"
        raise ProfileError(loaded.problem(where, f"未知的规则「{rule_id}」{hint}"))
    if params is False:
        return None
    if params is None or params is True:
        return {}
    if not isinstance(params, dict):
        raise ProfileError(loaded.problem(where, f"规则「{rule_id}」的参数应是映射、null 或 false"))
    rule = RULES[rule_id]
    for name, value in params.items():
        at = where + (name,)
        if name == "severity":
            if value not in SEVERITIES:
                raise ProfileError(
                    loaded.problem(at, f"规则「{rule_id}」的 severity「{value}」应为 error、warning 或 info")
                )
            continue
        if name not in rule.defaults:
            known = list(rule.defaults) + ["severity"]
            close = close_matches(name, known, cutoff=0.5)
            hint = f"，是否想写「{close[0]}」？" if close else f"；可用参数：{'、'.join(known)}"
            raise ProfileError(loaded.problem(at, f"规则「{rule_id}」没有参数「{name}」{hint}"))
        expected = type(rule.defaults[name])
        if not _same_type(value, expected):
            raise ProfileError(
                loaded.problem(
                    at,
                    f"规则「{rule_id}」的参数「{name}」应为{_TYPE_CN.get(expected, expected.__name__)}，"
                    f"而不是「{value}」",
                )
            )
    return params


_TYPE_CN = {int: "整数", str: "文字", bool: "true 或 false", dict: "映射", list: "列表", float: "数字"}


def _same_type(value, expected: type) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, expected)
