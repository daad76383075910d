"""The template sandbox with bounds: a template is code, so what it may cost is limited.

Jinja's sandbox stops attribute tricks but not cost: `'x' * 10**9`, `range(10**5)` nested
twice, `"%999999999d" | format(1)` or a string doubled in a loop take gigabytes or hours.
Here every operator that can multiply size (* ** + %), every call and filter, every `~` and
every `{{ }}` output checks what it is about to produce against LIMITS and the render's
clock; `range` is bounded and ticks the clock as it is iterated, and in the main thread an
alarm stops loops that call nothing at all. A bound that is hit raises TemplateLimitError
(a SecurityError: the caller reports it with the template's file and line).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import signal
import threading
import time
import types
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.lexicon import lazy


@dataclass
class Limits:
    """What one render may cost. A 5 MB spec, the largest accepted, renders in 0.1 s with a volume
    of 14.5 million and 1.7 million characters of output: the limits leave room, not loopholes."""

    seconds: float = 10.0  # wall clock of one render
    string: int = 10_000_000  # characters (or items) of any one value a template computes
    output: int = 20_000_000  # characters of markup one render produces
    volume: int = 100_000_000  # characters (or items) all checked operations of a render produce
    number_bits: int = 100_000  # bits of an integer a template computes (10**30000)
    range: int = 100_000  # items of one range()
    template_bytes: int = 1_000_000  # size of one template file


LIMITS = Limits()


class TemplateLimitError(SecurityError):
    """A template exceeded one of LIMITS; the message says which, in Chinese."""


class TemplateTimeout(TemplateLimitError):
    """A render ran past LIMITS.seconds."""


class _Render:
    """The running render's deadline and the volume its checked operations have produced."""

    __slots__ = ("deadline", "volume")

    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds
        self.volume = 0


_RENDER: contextvars.ContextVar[_Render | None] = contextvars.ContextVar("fazhi_render", default=None)


def tick() -> None:
    """TemplateTimeout when the current render is past its deadline."""
    render = _RENDER.get()
    if render is not None and time.monotonic() > render.deadline:
        raise TemplateTimeout(f"模板运行超过 {LIMITS.seconds:g} 秒：是否有过大的循环或递归？")


@contextlib.contextmanager
def bounded_render(seconds: float):
    """A deadline and a volume budget for the renders inside; in the main thread also an alarm."""
    token = _RENDER.set(_Render(seconds))
    alarm = (
        threading.current_thread() is threading.main_thread()
        and hasattr(signal, "setitimer")
        and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    )
    if alarm:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds + 0.5)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
        _RENDER.reset(token)


def _on_alarm(signum, frame) -> None:
    raise TemplateTimeout(f"模板运行超过 {LIMITS.seconds:g} 秒：是否有过大的循环或递归？")


def sized(value):
    """The value, unless the render is past its deadline, the value longer than LIMITS.string or
    the render's volume spent. Every hook ends here, so this is also the clock's tick."""
    render = _RENDER.get()
    if render is not None and time.monotonic() > render.deadline:
        raise TemplateTimeout(f"模板运行超过 {LIMITS.seconds:g} 秒：是否有过大的循环或递归？")
    if isinstance(value, (str, list, tuple, dict, set, bytes)):
        size = len(value)
        if size > LIMITS.string:
            raise TemplateLimitError(f"模板生成的内容过长（{size:,} 字或项，上限 {LIMITS.string:,}）")
        if render is not None:
            render.volume += size
            if render.volume > LIMITS.volume:
                raise TemplateLimitError(f"模板生成的内容总量过大（超过 {LIMITS.volume:,} 字或项）：是否有过大的循环？")
    return value


def _refuse_size(size: int, what: str) -> None:
    if size > LIMITS.string:
        raise TemplateLimitError(f"{what}的结果过长（约 {size:,} 字或项，上限 {LIMITS.string:,}）")


def _length(value) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _check_binop(operator: str, left, right) -> None:
    """Refuse an operation whose result would exceed LIMITS before computing it."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int):
                _refuse_size(len(seq) * max(times, 0), "乘法「*」")
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() + right.bit_length() > LIMITS.number_bits
        ):
            raise TemplateLimitError("乘法「*」的结果数值过大")
    elif operator == "+":
        if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, (str, bytes, list, tuple)):
            _refuse_size(len(left) + len(right), "加法「+」")
    elif operator == "**":
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and left.bit_length() * right > LIMITS.number_bits
        ):
            raise TemplateLimitError(f"乘方「**」的结果数值过大（约 {int(left.bit_length() * right * 0.30103):,} 位）")
    elif operator == "%" and isinstance(left, str):
        check_printf(left, right)


# A printf conversion's width and precision, and a format-spec field's digits.
_PRINTF = lazy(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC = lazy(r"\{[^{}]*:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
MAX_WIDTH = 10_000


def check_printf(fmt: str, args) -> None:
    """Refuse `%` formatting with a width or precision beyond MAX_WIDTH."""
    values = args if isinstance(args, tuple) else (args,)
    for match in _PRINTF.finditer(fmt):
        for number in match.groups():
            if (
                number == "*"
                and any(isinstance(v, int) and abs(v) > MAX_WIDTH for v in values)
                or number not in (None, "*")
                and int(number) > MAX_WIDTH
            ):
                raise TemplateLimitError(f"格式「{match.group()}」的宽度或精度过大（上限 {MAX_WIDTH:,}）")


def check_format(fmt: str, args, kwargs) -> None:
    """Refuse str.format with a field width or precision beyond MAX_WIDTH."""
    for match in _FORMAT_SPEC.finditer(fmt):
        spec = match.group(1)
        nested = "{" in spec and any(
            isinstance(v, int) and abs(v) > MAX_WIDTH for v in list(args) + list(kwargs.values())
        )
        if nested or any(int(d) > MAX_WIDTH for d in re.findall(r"\d+", spec)):
            raise TemplateLimitError(f"格式「{match.group()}」的宽度或精度过大（上限 {MAX_WIDTH:,}）")


def _check_width(width, what: str) -> None:
    if isinstance(width, int) and width > LIMITS.string:
        raise TemplateLimitError(f"{what}的宽度 {width:,} 过大（上限 {LIMITS.string:,}）")


def _check_replace(text, old, new, count=None, *_) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = len(text) + 1 if old == "" else text.count(old)
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        _refuse_size(len(text) + hits * len(new), "替换（replace）")


def _check_join(items, separator="", *_) -> None:
    if isinstance(separator, str):
        _refuse_size(len(separator) * _length(items), "连接（join）")


def _check_indent(text, width=4, *_) -> None:
    _check_width(width, "缩进（indent）")
    if isinstance(width, str) and isinstance(text, str):
        _refuse_size(len(text) + len(width) * (text.count("\n") + 1), "缩进（indent）")


def _check_wordwrap(text, width=79, break_long=True, wrapstring=None, *_) -> None:
    if isinstance(text, str) and isinstance(width, int) and isinstance(wrapstring, str):
        _refuse_size(len(text) + len(wrapstring) * (len(text) // max(width, 1) + 1), "换行（wordwrap）")


_FILTER_CHECKS = {
    "center": lambda value, width=80, *_: _check_width(width, "居中（center）"),
    "indent": _check_indent,
    "replace": _check_replace,
    "join": _check_join,
    "format": lambda value, *args, **kwargs: check_printf(value, args or kwargs) if isinstance(value, str) else None,
    "wordwrap": _check_wordwrap,
}


def _check_method(obj, args, kwargs) -> None:
    """Refuse a str method call (center, replace, format, …) whose result would be too large."""
    if type(obj) is types.FunctionType:  # the sandbox wraps str.format at access
        obj = getattr(obj, "__wrapped__", None)
    if type(obj) is not types.BuiltinMethodType or not isinstance(obj.__self__, str):
        return  # macros, filters' functions, methods of other types: nothing to pre-check
    owner, name = obj.__self__, obj.__name__
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_width(args[0] if args else kwargs.get("width"), name)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _refuse_size(len(owner) + owner.count("\t") * size, name)
    elif name == "replace":
        _check_replace(owner, *args, **kwargs)
    elif name == "join" and args:
        _check_join(args[0], owner)
    elif name in ("format", "format_map"):
        check_format(owner, args, kwargs)


def bounded_filter(name: str, func):
    """A filter that ticks the clock, pre-checks what can explode and checks the result's size."""
    check = _FILTER_CHECKS.get(name)
    skip = 1 if hasattr(func, "jinja_pass_arg") else 0  # the context or environment comes first

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if check is not None:
            check(*args[skip:], **kwargs)
        return sized(func(*args, **kwargs))

    return wrapper


class BoundedRange:
    """range() that is limited in length and ticks the clock while it is iterated."""

    __slots__ = ("_range",)

    def __init__(self, rng: range):
        self._range = rng

    def __iter__(self):
        return _ticking(iter(self._range))

    def __reversed__(self):
        return _ticking(reversed(self._range))

    def __len__(self) -> int:
        return len(self._range)

    def __contains__(self, item) -> bool:
        return item in self._range

    def __getitem__(self, index):
        item = self._range[index]
        return BoundedRange(item) if isinstance(item, range) else item

    def __repr__(self) -> str:
        return repr(self._range)


def _ticking(iterator):
    for count, item in enumerate(iterator):
        if not count & 1023:
            tick()
        yield item


def bounded_range(*args) -> BoundedRange:
    """range(), refused beyond LIMITS.range items."""
    rng = range(*args)
    try:
        size = len(rng)
    except OverflowError:
        size = LIMITS.range + 1
    if size > LIMITS.range:
        raise TemplateLimitError(f"range() 的范围过大（上限 {LIMITS.range:,} 项）")
    return BoundedRange(rng)


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100):  # noqa: A002 - Jinja's names
    """lipsum(), refused beyond 100 paragraphs of 1,000 words."""
    from jinja2.utils import generate_lorem_ipsum

    if not all(isinstance(v, int) for v in (n, min, max)) or n > 100 or max > 1000:
        raise TemplateLimitError("lipsum() 的段落或词数过多（上限 100 段、每段 1,000 词）")
    return generate_lorem_ipsum(n, html, min, max)


class _CodeGenerator(CodeGenerator):
    """Compiles `a ~ b` and `s[i:j]` through a size check (Jinja has no hook for either)."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_Getitem(self, node, frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            return super().visit_Getitem(node, frame)
        self.write("environment.checked(")
        super().visit_Getitem(node, frame)
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with every size-multiplying operation bounded."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CodeGenerator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, finalize=self.checked_output, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}
        self.globals.update(range=bounded_range, lipsum=bounded_lipsum)
        self.filters = {name: bounded_filter(name, f) for name, f in self.filters.items()}

    def add_filters(self, **filters) -> None:
        """Register filters, bounded like the built-in ones."""
        self.filters.update({name: bounded_filter(name, f) for name, f in filters.items()})

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        """Jinja's answer, remembered: it depends only on the object's type and the name (private
        names, internal attributes of functions/frames/…, mutating methods of list/dict/set), and
        a report's template asks the same few thousand times per render."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def call_binop(self, context, operator, left, right):
        _check_binop(operator, left, right)
        return sized(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        _check_method(__obj, args, kwargs)
        return sized(super().call(__context, __obj, *args, **kwargs))

    checked = staticmethod(sized)  # the result of `~` or a slice
    checked_output = staticmethod(sized)  # every `{{ }}` value on its way out
