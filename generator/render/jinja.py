"""The one Jinja environment: sandboxed, StrictUndefined, errors located in template or spec."""
from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.render import markup
from generator.resources import templates_dir
from generator.errors import Problem, SpecError, TemplateError
from generator.numbering import cn_numeral, ordinal_point
from generator.tree import Document, cn_date, sentence


@functools.lru_cache(maxsize=8)
def environment(user_dir: str | None = None) -> ImmutableSandboxedEnvironment:
    """The Jinja environment; a user's template folder shadows the built-in one."""
    dirs = ([user_dir] if user_dir else []) + [str(templates_dir())]
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(dirs),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(cn_date=cn_date, cn_numeral=cn_numeral, ordinal=ordinal_point,
                       sentence=sentence, clause=clause, escape_line=escape_line)
    return env


def clause(text: str) -> str:
    """Drop trailing sentence punctuation so a point can be joined with 「；」."""
    return text.rstrip().rstrip("。；;，,")


def escape_line(text: str) -> str:
    """Make a paragraph that starts with a markup character literal."""
    return "\\" + text if text[:1] in "#@|\\" else text


def render_document(name: str, context: dict, user_dir: str | None = None) -> Document:
    """Render the template `name` with `context` and parse the markup into a tree."""
    env = environment(str(user_dir) if user_dir else None)
    try:
        template = env.get_template(name)
        text = template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(Problem(f"模板语法错误：{exc.message}", exc.filename or name, exc.lineno)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(Problem(f"找不到模板「{exc.name}」")) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc)
        raise TemplateError(Problem(f"模板使用了未定义的变量：{exc.message}", file or name, line)) from None
    except jinja2.exceptions.SecurityError as exc:
        file, line = _template_frame(exc)
        raise TemplateError(Problem(f"模板执行了不允许的操作：{exc}", file or name, line)) from None
    return markup.parse(text, name)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line where a render error happened (Jinja rewrites frames)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename == "<template>":
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_UNDEFINED_NAME = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def expand_text(text: str, context: dict, where: Problem) -> str:
    """Render a spec string that uses {{ figures.x }}; errors point at the spec field."""
    env = environment(None)
    try:
        return env.from_string(text).render(context)
    except jinja2.TemplateSyntaxError as exc:
        message = f"文字中的 {{{{ }}}} 写法有误：{exc.message}"
    except jinja2.UndefinedError as exc:
        found = _UNDEFINED_NAME.search(exc.message or "")
        name = next((g for g in found.groups() if g), "") if found else ""
        known = sorted(context.get("figures", {}))
        message = f"文字引用了未定义的数字「{name}」"
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            message += f"，是否想写「{close[0]}」？"
        elif known:
            message += f"；已定义的数字：{'、'.join(known)}"
        else:
            message += "；请在 figures 中定义它"
    except jinja2.exceptions.SecurityError as exc:
        message = f"文字中的表达式不被允许：{exc}"
    raise SpecError(Problem(message, where.file, where.line, where.column, where.field))
