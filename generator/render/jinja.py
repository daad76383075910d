"""The one Jinja environment: sandboxed and bounded, StrictUndefined, errors located in template or spec.

Spec text reaches templates protected (markup.protect): whatever it holds, it cannot become
markup structure. Every way a template can fail — syntax, a missing or refused include, an
undefined name, a sandbox or resource bound, recursion, memory, decoding, any Python error in
an expression — comes out as a TemplateError with the template's file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

import jinja2
from pydantic import BaseModel

from generator.lexicon import lazy
from generator.errors import FazhiError, Problem, TemplateError
from generator.numbering import cn_numeral, ordinal_point
from generator.render import markup
from generator.render.loader import FolderLoader
from generator.render.sandbox import LIMITS, BoundedSandbox, TemplateLimitError, bounded_render
from generator.resources import templates_dir
from generator.tree import Document, cn_date, sentence


@functools.lru_cache(maxsize=8)
def environment(user_dir: str | None = None) -> BoundedSandbox:
    """The Jinja environment; a user's template folder shadows the built-in one."""
    if user_dir:
        _check_folder(user_dir)
    dirs = ([Path(user_dir)] if user_dir else []) + [templates_dir()]
    env = BoundedSandbox(
        loader=FolderLoader(dirs),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.add_filters(
        cn_date=cn_date,
        cn_numeral=cn_numeral,
        ordinal=ordinal_point,
        sentence=sentence,
        clause=clause,
        escape_line=escape_line,
    )
    return env


def _check_folder(folder: str) -> None:
    path = Path(folder)
    if not path.exists():
        raise TemplateError(Problem("模板目录不存在（--templates 应为存放 .j2 模板的文件夹）", folder))
    if not path.is_dir():
        raise TemplateError(Problem("--templates 应为文件夹，而这是一个文件：请给出模板所在的文件夹", folder))


def clause(text: str) -> str:
    """Drop trailing sentence punctuation so a point can be joined with 「；」."""
    return text.rstrip().rstrip("。；;，,")


def escape_line(text: str) -> str:
    """Make each line of a paragraph literal: one starting with a markup character gets a backslash."""
    return "\n".join(
        "\\" + line if line.lstrip()[:1] in ("#", "@", "|", "\\") and line.strip() else line
        for line in str(text).split("\n")
    )


def render_document(name: str, context: dict, user_dir: str | None = None) -> Document:
    """Render the template `name` with `context` and parse the markup into a tree."""
    env = environment(str(user_dir) if user_dir else None)
    context = {key: value if key == "options" else protect(value) for key, value in context.items()}
    top = name  # the template's file, once it is loaded
    try:
        with bounded_render(LIMITS.seconds):
            template = env.get_template(name)
            top = template.filename or name
            text = _render(template, context)
    except FazhiError:
        raise
    except Exception as exc:  # every template failure, whatever its class, located: never a traceback
        raise TemplateError(_template_problem(exc, env, top)) from None
    return markup.parse(text, top)


def _render(template: jinja2.Template, context: dict) -> str:
    """The template's output, refused beyond LIMITS.output characters."""
    chunks, size = [], 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > LIMITS.output:
            raise TemplateLimitError(f"模板输出过长（超过 {LIMITS.output:,} 字）：是否有过大的循环？")
        chunks.append(chunk)
    return "".join(chunks)


def _template_problem(exc: BaseException, env: BoundedSandbox, top: str) -> Problem:
    """A template failure as a located Chinese problem; `top` is the template rendered."""
    loader = env.loader
    assert isinstance(loader, FolderLoader)  # environment() makes every one with it
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(
            f"模板语法错误：{_syntax_message(exc.message or '')}", exc.filename or loader.last or top, exc.lineno
        )
    file, line = _template_frame(exc, loader.served)
    if file is None and isinstance(exc, (RecursionError, MemoryError)):  # while compiling the last one loaded
        return Problem("模板的嵌套层数过多（括号、if、for、宏等），无法编译", loader.last or top)
    return Problem(_failure_message(exc), file or top, line)


_SYNTAX = (  # Jinja's syntax messages, in Chinese; the original stays in parentheses
    (lazy(r"No filter named '([^']*)'"), "没有名为「{0}」的过滤器"),
    (lazy(r"No test named '([^']*)'"), "没有名为「{0}」的测试"),
    (lazy(r"Encountered unknown tag '([^']*)'"), "未知的标签「{0}」（是否缺少 endif、endfor 或拼错了？）"),
    (lazy(r"Unexpected end of template"), "模板意外结束：是否缺少 {{% endif %}}、{{% endfor %}} 或 {{% endmacro %}}？"),
    (lazy(r"unexpected '([^']*)'"), "此处不应出现「{0}」"),
    (lazy(r"unexpected end of template"), "模板意外结束：是否缺少「}}}}」或「%}}」？"),
    (lazy(r"expected token '([^']*)'"), "此处应为「{0}」"),
    (lazy(r"Expected an expression"), "此处缺少表达式"),
    (lazy(r"unexpected char '(.)'"), "此处不应出现字符「{0}」"),
)


def _syntax_message(message: str) -> str:
    for pattern, chinese in _SYNTAX:
        found = pattern.search(message)
        if found:
            return f"{chinese.format(*found.groups())}（{message}）"
    return message


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplatesNotFound):
        return f"找不到模板：{'、'.join(map(str, exc.templates))}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return str(exc.message) if str(exc.message) != str(exc.name) else f"找不到模板「{exc.name}」"
    if isinstance(exc, jinja2.UndefinedError):
        return f"模板使用了未定义的变量：{exc.message}"
    if isinstance(exc, TemplateLimitError):
        return f"模板超出限制：{exc}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"模板执行了不允许的操作：{exc}"
    if isinstance(exc, RecursionError):
        return "模板递归过深：是否有模板包含（include、import、extends）了自身，或宏无限地调用自己？"
    if isinstance(exc, OverflowError):
        return "模板中的数值过大（超出数值范围）"
    if isinstance(exc, MemoryError):
        return "模板占用的内存过多：是否生成了过长的文字或列表？"
    if isinstance(exc, UnicodeError):
        return f"模板中的文字编码有误：{exc}"
    if isinstance(exc, jinja2.TemplateError):
        return f"模板运行出错：{exc.message or type(exc).__name__}"
    for kind, meaning in _PYTHON_ERRORS:
        if isinstance(exc, kind):
            return f"模板运行出错：{meaning}（{type(exc).__name__}: {exc}）"
    return f"模板运行出错：{type(exc).__name__}: {exc}"


_PYTHON_ERRORS = (
    (ZeroDivisionError, "除数为零"),
    (TypeError, "数据类型不匹配"),
    (KeyError, "没有这个键"),
    (IndexError, "下标超出范围"),
    (AttributeError, "没有这个属性"),
    (ValueError, "值无效"),
)


def _template_frame(exc: BaseException, served: set[str]) -> tuple[str | None, int | None]:
    """The template file and line where a render error happened (Jinja rewrites frames)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in served or filename == "<template>":
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_PLAIN = frozenset({int, float, bool, type(None), dt.date})


def protect(value):
    """Spec data with every string made markup-safe (markup.protect); unchanged objects are shared."""
    kind = type(value)
    if kind is str:
        return markup.protect(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        items = [protect(item) for item in value]
        return kind(items) if _changed(items, value) else value
    if kind is dict:
        items = dict(zip(value, protect(list(value.values()))))
        return items if _changed(items.values(), value.values()) else value
    if isinstance(value, BaseModel):
        fields = value.__dict__
        new = protect(list(fields.values()))
        if new is fields or not _changed(new, fields.values()):
            return value
        return value.model_copy(update={k: v for k, v, old in zip(fields, new, fields.values()) if v is not old})
    if isinstance(value, str):  # a str subclass
        return markup.protect(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
        items = [protect(item) for item in value]
        return value._make(items) if _changed(items, value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        old = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        new = protect(list(old.values()))
        return dataclasses.replace(value, **dict(zip(old, new))) if _changed(new, old.values()) else value
    return value


def _changed(new, old) -> bool:
    return any(a is not b for a, b in zip(new, old))
