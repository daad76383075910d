"""Rule profiles: YAML files under generator/data/profiles listing rules, parameters, severities.

    name: annual-report
    kind: annual-report          # the document kind the profile is for (optional)
    include: [format]            # profiles whose rules come first; later entries override
    rules:
      parts.missing: {}          # {} or null: enabled with the rule's defaults
      date.deadline: {month: 3, day: 1, severity: error}   # parameters, severity override
      numbering.dot: false       # disabled

A profile argument may also be a path to such a file (a city's own profile).
"""
from __future__ import annotations

import functools

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import FazhiError
from .analysis import DATA
from .registry import RULES, SEVERITIES

PROFILE_DIR = DATA / "profiles"


class ProfileError(FazhiError):
    """A profile that cannot be used; the message is Chinese."""


@dataclass
class Profile:
    name: str
    kind: str | None
    rules: dict[str, dict]  # rule id -> params (with "severity" when overridden)
    description: str = ""


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def _read(name: str) -> tuple[dict, Path]:
    path = Path(name)
    if not (path.suffix in (".yaml", ".yml") and path.exists()):
        path = PROFILE_DIR / f"{name}.yaml"
    if not path.exists():
        raise ProfileError(f"没有名为「{name}」的检查规则集，可用：{'、'.join(available_profiles())}")
    return _parse(path, path.stat().st_mtime_ns), path


@functools.lru_cache(maxsize=32)
def _parse(path: Path, _mtime: int) -> dict:
    """A profile file's data, read once per version of the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: 不是有效的 YAML：{exc}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: 规则集应是一个映射")
    return data


def load_profile(name: str, _seen: tuple[str, ...] = ()) -> Profile:
    if name in _seen:
        raise ProfileError(f"规则集「{name}」循环包含")
    data, path = _read(name)
    rules: dict[str, dict] = {}
    for included in data.get("include") or []:
        rules.update(load_profile(included, _seen + (name,)).rules)
    for rule_id, params in (data.get("rules") or {}).items():
        if rule_id not in RULES:
            import difflib

            close = difflib.get_close_matches(rule_id, RULES, n=1)
            hint = f"，是否想写「{close[0]}」" if close else ""
            raise ProfileError(f"{path}: 未知的规则「{rule_id}」{hint}")
        if params is False:
            rules.pop(rule_id, None)
            continue
        if params is None or params is True:
            params = {}
        if not isinstance(params, dict):
            raise ProfileError(f"{path}: 规则「{rule_id}」的参数应是映射、null 或 false")
        severity = params.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ProfileError(f"{path}: 规则「{rule_id}」的 severity「{severity}」应为 error、warning 或 info")
        rules[rule_id] = {**rules.get(rule_id, {}), **params}
    return Profile(data.get("name", path.stem), data.get("kind"), rules, data.get("description", ""))
