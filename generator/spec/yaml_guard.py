"""YAML before and after parsing: refuse what would exhaust the parser, explain what it rejects.

`prescan` runs before the parser builds anything. Nesting deeper than MAX_DEPTH is refused
(a C composer recurses per level and can overflow its stack; libyaml's own limit is 1000,
older versions have none), and so is alias expansion beyond a budget (a 「billion laughs」
file is a few hundred bytes whose aliases expand to 10⁹ nodes). Both need the event stream,
which costs about half a parse, so it is read only when a cheap bound on the text cannot rule
them out. `yaml_problem` turns a parser error into Chinese with a line, column and hint —
including the characters YAML forbids, which the parser's reader reports (libyaml says only
「position 10990」, a byte offset: turned into the line and column here).
"""

from __future__ import annotations


import yaml

from generator.lexicon import lazy
from generator.errors import Problem, SpecError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 100  # a spec nests about 8 deep
MAX_ALIAS_NODES = 100_000  # nodes that aliases may add by repetition
MAX_ALIAS_CHARS = 10_000_000  # characters that aliases may add by repetition

_BREAK = "\n\r\x85\u2028\u2029"
# The indentation and block indicators that open a line; each block level needs one more.
# (The break is consumed, not looked behind at: a pattern that opens with a character class
# lets the engine skip ordinary text at C speed, 4× faster here.)
_LINE_PREFIX = lazy(f"[{_BREAK}][ \\t?:-]+")
_REFERENCE = lazy(r"\{\{[\w.\s]*\}\}")
# An anchor or alias starts a token: after a break, a space, an indicator or a quote (or a U+FEFF,
# which prescan sends to the event scan). 「R&D」 and 「注*」 in a sentence are neither, so a long
# report need not be scanned for alias bombs.
_NOT_TOKEN_START = f"[^{_BREAK}\\s,\\[\\]{{}}:?\\-\"']"
_ANCHOR = lazy(f"&(?<!{_NOT_TOKEN_START}&)")
_ALIAS = lazy(f"\\*(?<!{_NOT_TOKEN_START}\\*)")


def prescan(text: str, name: str) -> None:
    """SpecError for nesting beyond MAX_DEPTH or an alias bomb (a forbidden character is the
    parser's ReaderError: see yaml_problem)."""
    # libyaml skips a U+FEFF at the start of any line, where the cheap bounds below would see a
    # character of text: an anchor or an indicator after one would pass unseen.
    if "\ufeff" in text or _may_nest_deeply(text) or (_ANCHOR.search(text) and _ALIAS.search(text)):
        _scan_events(text, name)


def _may_nest_deeply(text: str) -> bool:
    """False when the text cannot nest beyond MAX_DEPTH. Flow levels need a [ or { each, block
    levels a character of indentation or an indicator each (two when a sequence sits at its
    mapping's indentation). A figure reference 「{{ figures.x }}」 opens two braces and closes
    them before anything else (no quote, bracket or comment inside), so however many a long
    report holds they add at most 2 to the depth, not 2 each."""
    references = len(_REFERENCE.findall(text))
    flow = text.count("[") + text.count("{") - 2 * references + (2 if references else 0)
    block = max(map(len, _LINE_PREFIX.findall("\n" + text)), default=1) - 1 + 2
    return flow + block > MAX_DEPTH


def forbidden_message(char: str) -> str:
    """What to say about a character YAML does not allow in a stream."""
    if char == "\x00":
        return "文件中含有空字符（NUL，U+0000）：文件可能已损坏，或并不是文本文件"
    if char in "\ufffe\uffff" or "\ud800" <= char <= "\udfff":
        return f"文件中含有无效字符 U+{ord(char):04X}：文件可能已损坏，请删除该字符"
    return f"文件中含有控制字符 U+{ord(char):04X}（多半随复制粘贴而来，看不见），请删除该字符"


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = max(text.rfind(c, 0, index) for c in "\n\r") + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


class _Budget:
    """Running totals of the event scan."""

    def __init__(self) -> None:
        self.sizes: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, characters) it stands for
        self.open: list[list] = [[0, 0, None]]  # per open collection: nodes, characters, anchor
        self.added_nodes = 0
        self.added_chars = 0


def _scan_events(text: str, name: str) -> None:
    budget = _Budget()
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(budget.open) > MAX_DEPTH:
                raise SpecError(
                    _at(event, name, f"嵌套层数过多（超过 {MAX_DEPTH} 层）：报告数据不需要这么多层列表或映射")
                )
            budget.open.append([1, 0, event.anchor])
        elif isinstance(event, yaml.CollectionEndEvent):
            nodes, chars, anchor = budget.open.pop()
            if anchor:
                budget.sizes[anchor] = (nodes, chars)
            budget.open[-1][0] += nodes
            budget.open[-1][1] += chars
        elif isinstance(event, yaml.ScalarEvent):
            budget.open[-1][0] += 1
            budget.open[-1][1] += len(event.value)
            if event.anchor:
                budget.sizes[event.anchor] = (1, len(event.value))
        elif isinstance(event, yaml.AliasEvent):
            _alias(event, budget, name)


def _alias(event, budget: _Budget, name: str) -> None:
    if any(frame[2] == event.anchor for frame in budget.open):
        raise SpecError(_at(event, name, f"别名「*{event.anchor}」引用了包含它自身的内容（循环引用）"))
    nodes, chars = budget.sizes.get(event.anchor, (1, 0))  # undefined: the composer says so
    budget.added_nodes += nodes
    budget.added_chars += chars
    budget.open[-1][0] += nodes
    budget.open[-1][1] += chars
    if budget.added_nodes > MAX_ALIAS_NODES or budget.added_chars > MAX_ALIAS_CHARS:
        raise SpecError(
            _at(
                event,
                name,
                f"别名「*{event.anchor}」层层展开后内容过多（超过 {MAX_ALIAS_NODES:,} 项"
                f"或 {MAX_ALIAS_CHARS // 10000} 万字）：请直接写出内容，不要用别名反复复制",
            )
        )


def _at(event, name: str, message: str) -> Problem:
    mark = event.start_mark
    return Problem(message, name, mark.line + 1, mark.column + 1)


def yaml_problem(exc: yaml.YAMLError, text: str, name: str) -> Problem:
    """A parser error as a located Chinese problem with a hint."""
    if isinstance(exc, yaml.reader.ReaderError):
        index = _char_index(text, exc.position) if isinstance(exc.position, int) else None
        line, column = position(text, index) if index is not None else (None, None)
        char = chr(exc.character) if isinstance(exc.character, int) else "\x00"
        return Problem(forbidden_message(char), name, line, column)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(f"YAML 语法错误：{exc}", name)
    context, problem = exc.context or "", exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and ("quoted scalar" in context and "unexpected" in problem or "expected ':'" in problem):
        mark = exc.context_mark  # where the quote opened, the line that lacks its colon
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    hint = _hint(context, problem, _char_at(text, exc.problem_mark), _line_text(text, mark))
    return Problem(f"YAML 语法错误：{hint}", name, line, column)


def _char_index(text: str, offset: int) -> int:
    """The character index of a reader error's offset: libyaml counts the UTF-8 bytes it was given."""
    if _Loader is yaml.SafeLoader:  # the pure-Python reader counts characters
        return offset
    return len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))


def _char_at(text: str, mark) -> str:
    if mark is None or mark.index >= len(text):
        return ""
    return text[mark.index]


def _line_text(text: str, mark) -> str:
    if mark is None:
        return ""
    start = max(text.rfind(c, 0, mark.index) for c in "\n\r") + 1
    end = min((i for i in (text.find("\n", mark.index), text.find("\r", mark.index)) if i >= 0), default=len(text))
    return text[start:end]


_HINTS = (  # (fragment of libyaml's or PyYAML's problem or context, Chinese explanation)
    ("unknown escape character", "双引号中的「\\」是转义符：要写反斜杠请写成「\\\\」，或改用单引号"),
    ("hexdecimal number", "双引号中的「\\x」「\\u」后应是十六进制数：要写反斜杠请写成「\\\\」，或改用单引号"),
    ("Unicode character escape", "双引号中的「\\u」转义写错了：要写反斜杠请写成「\\\\」，或改用单引号"),
    ("mapping values are not allowed", "此处不能出现「: 」：含有“: ”的文字请加引号，或检查这一行的缩进"),
    ("expected ':'", "这一行缺少冒号「: 」（半角冒号加空格），或缩进与上一行不一致；含冒号的文字请加引号"),
    ("expected key", "缩进不一致：同一层的字段应左对齐，列表项以「- 」开头"),
    ("expected '-' indicator", "列表项缩进不一致：同一列表的各项应以左对齐的「- 」开头"),
    ("block sequence entries are not allowed", "此处不能以「- 」开始列表项：请检查缩进；以「- 」开头的文字请加引号"),
    ("mapping keys are not allowed", "此处不能出现「? 」：以问号开头的文字请加引号"),
    ("expected ',' or ']'", "方括号「[ ]」没有配对，或列表中的文字含有「,」「: 」：请补上「]」或给文字加引号"),
    ("expected ',' or '}'", "花括号「{ }」没有配对，或其中的文字含有「,」「: 」：请补上「}」或给文字加引号"),
    ("undefined alias", "引用了未定义的锚点：「*名称」之前应有「&名称」；以「*」开头的文字请加引号"),
    ("expected alphabetic or numeric character", "「&」「*」后应是锚点名称：以「&」「*」开头的文字请加引号"),
    ("duplicate anchor", "锚点「&名称」重复定义：每个锚点名称只能用一次"),
    ("another document", "文件中只能有一个文档：请删除多余的「---」行"),
    ("constructor for the tag", "不支持以「!」开头的标签：以「!」开头的文字请加引号"),
    ("unhashable key", "字段名必须是文字，不能是列表或映射"),
    ("directive", "以「%」开头的行是 YAML 指令：以「%」开头的文字请加引号"),
    ("nesting depth", "嵌套层数过多：报告数据不需要这么多层列表或映射"),
    ("expected node content", "此处缺少内容：以「,」「]」「}」「#」等符号开头的文字请加引号"),
    ("expected comment or line break", "「|」「>」之后只能写缩进数字或「+」「-」：文字请从下一行开始写"),
    ("indentation indicator equal to 0", "「|」「>」后的缩进数字不能为 0"),
    ("document start", "文件开头的格式有误：第一行应为「kind: …」这样的字段"),
)


def _hint(context: str, problem: str, char: str, line: str) -> str:
    """The Chinese explanation of one parser error."""
    if "tab character" in problem or char == "\t" or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
        return "缩进不能用 Tab 键，请改用空格（YAML 只认空格缩进）"
    if "quoted scalar" in context and "unexpected" in problem:
        return "引号没有闭合：从这里开始的引号到文件末尾（或「---」行）都没有对应的结束引号"
    if "cannot start any token" in problem:
        if char in "@`":
            return f"「{char}」不能作为文字的开头：以「{char}」开头的文字请加引号"
        return f"此处的字符「{char}」不能作为开头：请给这段文字加引号"
    if "unexpected end of stream" in problem:
        return "文件意外结束：最后一部分不完整"
    for fragment, hint in _HINTS:
        if fragment in problem or fragment in context:
            return hint
    return f"无法解析（{problem or context}）"
