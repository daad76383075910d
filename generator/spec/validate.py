"""From a YAML file to a validated, expanded spec; every problem located and in Chinese."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.lexicon import lazy
from generator.errors import Problem, SpecError, close_matches
from generator.spec import refs
from generator.spec.loading import Loaded, format_path, load_yaml
from generator.kinds import KINDS, load
from generator.kinds.common import Common as Spec

_TYPE_MESSAGES = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项一行，以「- 」开头）",
    "dict_type": "应为「字段: 值」形式的映射",
    "model_type": "应为「字段: 值」形式的映射",
    "model_attributes_type": "应为「字段: 值」形式的映射",
    "date_type": "应为日期，如 2023-01-04",
    "date_parsing": "应为日期，如 2023-01-04",
    "date_from_datetime_parsing": "应为日期，如 2023-01-04",
    "date_from_datetime_inexact": "应为日期（不含时间），如 2023-01-04",
    "string_too_short": "不能为空",
    "missing": "缺少必填字段",
}


def load_spec(path: str | Path) -> Spec:
    """Load, validate and expand a spec file."""
    return validate(load_yaml(path))


def validate(loaded: Loaded) -> Spec:
    """Validate loaded data into a spec model; expand figures and unit groups."""
    data = loaded.data
    if not isinstance(data, dict):
        raise SpecError(Problem("文件内容应为「字段: 值」形式的映射（如 kind: annual-report）", loaded.file, 1, 1))
    model = _model_for(data.get("kind"), loaded)
    try:
        spec = typing.cast(Spec, model.model_validate(data))
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            problem = _translate(error, model, loaded)
            if problem not in problems:
                problems.append(problem)
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise SpecError(*problems) from None
    _expand_texts(spec, loaded)
    kind = KINDS[typing.cast(typing.Any, spec).kind]  # every kind's model has `kind`; Common does not
    if kind.hook:
        load(kind.hook)(spec, loaded)
    return spec


def _model_for(kind, loaded: Loaded) -> type[BaseModel]:
    kinds = "、".join(KINDS)
    if kind is None:
        raise SpecError(Problem(f"缺少 kind 字段：应为 {kinds} 之一", loaded.file, 1, 1, "kind"))
    if kind not in KINDS:
        close = close_matches(str(kind), KINDS)
        hint = f"，是否想写「{close[0]}」？" if close else ""
        raise SpecError(loaded.problem(("kind",), f"未知的文档类型「{kind}」：应为 {kinds} 之一{hint}"))
    return KINDS[kind].model


def _translate(error: typing.Mapping[str, typing.Any], model: type[BaseModel], loaded: Loaded) -> Problem:
    """One pydantic error as a located Chinese problem."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        message = f"未知字段「{loc[-1]}」"
        close = close_matches(str(loc[-1]), known, cutoff=0.5)
        message += f"，是否想写「{close[0]}」？" if close else (f"；可用字段：{'、'.join(known)}" if known else "")
    elif kind == "missing":
        message = f"缺少必填字段「{loc[-1]}」"
        description = _description(model, loc)
        message += f"：{description}" if description else ""
    elif kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ").replace(", ", "、")
        message = f"取值「{error.get('input')}」无效，应为 {expected} 之一"
    elif kind == "too_short":
        message = f"至少需要 {ctx.get('min_length', 1)} 项，不能为空"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        message = f"取值「{error.get('input')}」超出范围（{'不小于' if 'greater' in kind else '不大于'} {bound}）"
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = _TYPE_MESSAGES.get(kind, error["msg"])
        if kind in _TYPE_MESSAGES and kind != "missing":
            message += f"，而不是「{_short(error.get('input'))}」"
    return loaded.problem(loc, message) if kind != "missing" else _missing_problem(loaded, loc, message)


def _missing_problem(loaded: Loaded, loc: tuple, message: str) -> Problem:
    line, col = loaded.locate(loc[:-1])
    return Problem(message, loaded.file, line, col, format_path(loc) or None)


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """Follow a loc through nested models; list indices and dict keys are stepped over."""
    current: typing.Any = model
    in_container = False
    for part in loc:
        if in_container:  # the index of a list item or the key of a dict entry
            in_container = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields):
            return None
        annotation = current.model_fields[part].annotation
        current = _inner_model(annotation)
        in_container = typing.get_origin(annotation) in (list, dict)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation) -> type[BaseModel] | None:
    """The BaseModel inside list[X], dict[str, X], X | None, Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    inner = _model_at(model, loc)
    return list(inner.model_fields) if inner else []


def _description(model: type[BaseModel], loc: tuple) -> str:
    inner = _model_at(model, loc[:-1])
    if inner and loc[-1] in inner.model_fields:
        return inner.model_fields[loc[-1]].description or ""
    return ""


def _expand_texts(spec: Spec, loaded: Loaded) -> None:
    """Replace {{ figures.x }} and the other references in every spec string, in place."""
    if loaded.text and "{" not in loaded.text and "\\" not in loaded.text:
        return  # no brace anywhere, nor an escape that could make one: nothing to expand
    context = refs.Context(spec.figures, spec.year, spec.jurisdiction)
    problems: list[Problem] = []
    _expand(spec, (), context, loaded, problems)
    if problems:
        raise SpecError(*problems)


def _expand(obj, path: tuple, context: refs.Context, loaded: Loaded, problems: list[Problem]) -> None:
    """One walk over the model tree (figures excluded); only strings holding a brace are parsed."""
    children: list[tuple[typing.Any, typing.Any]]  # (field name, list index or mapping key; value)
    if isinstance(obj, BaseModel):
        children = [(name, getattr(obj, name)) for name in type(obj).model_fields if name != "figures"]
    elif isinstance(obj, list):
        children = list(enumerate(obj))
    elif isinstance(obj, dict):
        children = list(obj.items())
    else:
        return
    for key, value in children:
        if isinstance(value, str):
            if "{" not in value:
                continue
            try:
                expanded = refs.expand(value, context)
            except refs.RefError as exc:
                problems.append(_ref_problem(loaded, path + (key,), exc))
                continue
            if isinstance(obj, BaseModel):
                object.__setattr__(obj, key, expanded)
            else:
                obj[key] = expanded
        elif isinstance(value, (BaseModel, list, dict)):
            _expand(value, path + (key,), context, loaded, problems)


_LINE_BREAK = lazy("\r\n|[\r\n\x85\u2028\u2029]")


def _ref_problem(loaded: Loaded, path: tuple, exc: refs.RefError) -> Problem:
    """The reference's own line and column when the source shows it, else the field's."""
    line, column = loaded.locate(path)
    if loaded.text:
        line, column = _find_in_source(loaded, (line, column), exc.source)
    return Problem(exc.message, loaded.file, line, column, format_path(path) or None)


def _find_in_source(loaded: Loaded, mark: tuple[int, int], fragment: str) -> tuple[int, int]:
    """First occurrence of `fragment` between the field's mark and the next mark in the file."""
    lines = _LINE_BREAK.split(loaded.text)
    end = min((m for m in loaded.marks.values() if m > mark), default=(len(lines), len(lines[-1]) + 1))
    for number in range(mark[0], min(end[0], len(lines)) + 1):
        text = lines[number - 1]
        start = mark[1] - 1 if number == mark[0] else 0
        stop = end[1] - 1 if number == end[0] else len(text)
        found = text.find(fragment, start, stop)
        if found >= 0:
            return number, found + 1
    return mark
