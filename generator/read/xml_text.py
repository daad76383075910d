"""WordprocessingML read as text with `str` methods: an attribute's value, an element's attributes
or content. Each function finds exactly what the regular expression in its docstring finds (`w:`
standing for the prefix), without a pattern to compile per element and attribute."""

from __future__ import annotations

from collections.abc import Iterator


def qualified(prefix: str, name: str) -> str:
    """prefix:name, or name alone for the default namespace."""
    return f"{prefix}:{name}" if prefix else name


def attr(attrs: str, name: str, prefix: str) -> str | None:
    """`w:name\\s*=\\s*["']([^"']*)` searched in an element's attribute text: the value, or None."""
    return _value(attrs, qualified(prefix, name), 0, len(attrs))


def tag_attr(text: str, tag: str, name: str, prefix: str, space: bool = True) -> str | None:
    """`<w:tag\\s[^>]*?w:name\\s*=\\s*["']([^"']*)` (with space=False `<w:tag\\b[^>]*?…`): the value, or None."""
    opening, key = "<" + qualified(prefix, tag), qualified(prefix, name)
    at = text.find(opening)
    while at >= 0:
        after = at + len(opening)
        if after < len(text) and (text[after].isspace() if space else not _word(text[after])):
            stop = text.find(">", after)
            value = _value(text, key, after + space, len(text) if stop < 0 else stop)
            if value is not None:
                return value
        at = text.find(opening, at + 1)
    return None


def attr_values(text: str, name: str, prefix: str, start: int, stop: int) -> list[str]:
    """The values of every `w:name\\s*=\\s*["']([^"']*)` that starts in text[start:stop]."""
    key, found = qualified(prefix, name), []
    at = text.find(key, start, stop)
    while at >= 0:
        value = _value(text, key, at, at + len(key))
        if value is not None:
            found.append(value)
        at = text.find(key, at + 1, stop)
    return found


def start_tag(text: str, tag: str, prefix: str) -> str | None:
    """`<w:tag\\b([^>]*)/?>`: the attribute text (a closing / kept), or None."""
    opening = "<" + qualified(prefix, tag)
    at = text.find(opening)
    while at >= 0:
        after = at + len(opening)
        if after < len(text) and not _word(text[after]):
            stop = text.find(">", after)
            return None if stop < 0 else text[after:stop]
        at = text.find(opening, at + 1)
    return None


def content(text: str, tag: str, prefix: str, start: int = 0, stop: int | None = None) -> str | None:
    """`<w:tag>(.*?)</w:tag>` (re.S) searched in text[start:stop]: the content, or None."""
    name = qualified(prefix, tag)
    stop = len(text) if stop is None else stop
    at = text.find(f"<{name}>", start, stop)
    if at < 0:
        return None
    at += len(name) + 2
    end = text.find(f"</{name}>", at, stop)
    return None if end < 0 else text[at:end]


def elements(text: str, tag: str, prefix: str, start: int, stop: int) -> Iterator[tuple[int, int, int]]:
    """`<w:tag(?=[\\s>])[^>]*>(.*?)</w:tag>` (re.S) found one after another in text[start:stop]
    (pos/endpos): (where the match starts, where its content starts, where its content ends)."""
    name = qualified(prefix, tag)
    opening, closing = "<" + name, f"</{name}>"
    at = text.find(opening, start, stop)
    while at >= 0:
        after = at + len(opening)
        if after < stop and (text[after] == ">" or text[after].isspace()):
            inner = text.find(">", after, stop) + 1
            end = text.find(closing, inner, stop) if inner else -1
            if end < 0:  # no later start tag can find its ">" or its end tag either
                return
            yield at, inner, end
            at = text.find(opening, end + len(closing), stop)
        else:
            at = text.find(opening, at + 1, stop)


def _value(text: str, key: str, start: int, stop: int) -> str | None:
    """The value of the first `key\\s*=\\s*["']` starting in text[start:stop], up to the next quote."""
    at = text.find(key, start, stop)
    while at >= 0:
        i = _spaces(text, at + len(key))
        if text.startswith("=", i):
            i = _spaces(text, i + 1)
            if text.startswith(('"', "'"), i):
                return text[i + 1 : _quote(text, i + 1)]
        at = text.find(key, at + 1, stop)
    return None


def _spaces(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _quote(text: str, i: int) -> int:
    """Where the next quote of either kind is (the end of the text if none)."""
    ends = [end for end in (text.find('"', i), text.find("'", i)) if end >= 0]
    return min(ends) if ends else len(text)


def _word(char: str) -> bool:
    """A character `\\w` matches (a word boundary `\\b` is where one ends)."""
    return char.isalnum() or char == "_"
