"""Title lines as GB/T 9704 7.3.1 wants them: broken between words, in a 梯形 or 菱形 shape.

A 二号 line holds about 20 characters. The breaker measures each candidate line, breaks only
at word boundaries (generator/data/title-words.yaml), never ends a line with 的/和/关于 or starts
one with 的, avoids very short lines, and prefers, among the fewest lines that fit, the layout
whose shape is a trapezoid or a diamond. Explicit line breaks in a title are kept.
"""

from __future__ import annotations

import functools
import itertools

from generator.lexicon import lazy
from generator.lexicon.chars import is_wide, width
from generator.resources import DATA, load_data

WORDS_FILE = DATA / "title-words.yaml"
# Digits stay with the 年/年度/月/日 that follows them: 「2024 / 年度」 splits a word.
_ASCII = lazy(r"[\x21-\x7e]+(?:年度|年|月|日|号)?")
_PUNCT = set("，。、；：！？（）《》〈〉“”‘’〔〕【】—…·")


def char_width(ch: str) -> float:
    """Width of one character in ems of its own size: wide (lexicon.chars.is_wide) 1, others half."""
    return 1.0 if is_wide(ch) else 0.5


def text_width(text: str) -> float:
    """Width of a text in ems."""
    return width(text) / 2


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    data = load_data(WORDS_FILE)
    return {
        "words": tuple(sorted(set(data["words"]), key=len, reverse=True)),
        "before": tuple(data["break_before"]),
        "after": tuple(data["break_after"]),
        "no_end": tuple(data["no_line_end"]),
        "no_start": tuple(data["no_line_start"]),
        "min_line": float(data["min_line"]),
        "organ_tails": tuple(data["organ_tails"]),
    }


@functools.lru_cache(maxsize=256)
def boundaries(text: str) -> dict[int, float]:
    """Positions where the text may break (0 < p < len), each with a cost (0 = preferred)."""
    data = _words()
    inside: set[int] = set()
    edges: set[int] = set()
    for word in data["words"]:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            inside.update(range(start + 1, end))
            edges.update((start, end))
            start = text.find(word, start + 1)
    for match in _ASCII.finditer(text):
        inside.update(range(match.start() + 1, match.end()))
        edges.update((match.start(), match.end()))
    out = {}
    for p in range(1, len(text)):
        if p in inside and not (text[p - 1] in _PUNCT or text[p] in _PUNCT):
            continue
        if not (p in edges or text[p - 1] in _PUNCT or text[p] in _PUNCT):
            continue
        head, tail = text[:p], text[p:]
        if head.endswith(data["no_end"]) or tail.startswith(data["no_start"]):
            continue
        if tail.startswith(data["organ_tails"]) and text[p - 1] not in _PUNCT:
            continue  # inside an organ's name
        preferred = tail.startswith(data["before"]) or head.endswith(data["after"])
        out[p] = 0.0 if preferred else 2.0
    return out


def _shape_cost(widths: list[float]) -> float:
    """0 for a 正梯形 or 菱形, more for an inverted trapezoid, much more for an hourglass."""
    if len(widths) == 1:
        return 0.0
    if len(widths) == 2:
        top, bottom = widths
        if top <= bottom:
            return max(0.0, bottom - top - 6) * 0.5
        return 1.5 + (top - bottom) * 0.5
    peak = widths.index(max(widths))
    rising = all(a <= b for a, b in zip(widths[:peak], widths[1 : peak + 1]))
    falling = all(a >= b for a, b in zip(widths[peak:], widths[peak + 1 :]))
    if rising and falling:  # 梯形 or 菱形
        return 0.5 * (widths[0] > widths[-1]) + 0.1 * (max(widths) - min(widths))
    return 6.0


def break_title(title: str, capacity: float, measure=text_width) -> list[str]:
    """The title's lines; `capacity` is how many ems of the title's size fit on a line and
    `measure` a line's width in those ems (the line model's, paging.title_measure, in the writer).

    Explicit line breaks are kept; a written line too long for one line is broken in its turn.
    """
    return [line for written in title.split("\n") for line in _best(written, capacity, measure)]


@functools.lru_cache(maxsize=256)
def _best(title: str, capacity: float, measure=text_width) -> tuple[str, ...]:
    total = measure(title)
    if total <= capacity:
        return (title,)
    points = boundaries(title)
    shortest = _words()["min_line"]
    fewest = int(total // capacity) + 1  # min_line and the shape cost stay in characters-ish ems
    for count in range(fewest, min(fewest + 2, 6) + 1):
        best, best_cost = None, None
        for cut in itertools.combinations(sorted(points), count - 1):
            lines = [title[a:b] for a, b in zip((0,) + cut, cut + (len(title),))]
            widths = [measure(line) for line in lines]
            if max(widths) > capacity or min(widths) < shortest:
                continue
            cost = sum(points[p] for p in cut) + _shape_cost(widths)
            if best_cost is None or cost < best_cost:
                best, best_cost = lines, cost
        if best:
            return tuple(best)
    return tuple(_fallback(title, capacity, measure))


def _fallback(title: str, capacity: float, measure=text_width) -> list[str]:
    """No word-boundary layout fits (a very long unknown name): fill lines greedily."""
    lines, line = [], ""
    for ch in title:
        if line and measure(line + ch) > capacity:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def bad_breaks(lines: list[str]) -> list[tuple[int, str]]:
    """(line index, reason) for each break after a line: inside a word, or after 的/和/关于."""
    data = _words()
    text = "".join(lines)
    ok = boundaries(text)
    out, position = [], 0
    for index, line in enumerate(lines[:-1]):
        position += len(line)
        if line.endswith(data["no_end"]):
            end = next(w for w in data["no_end"] if line.endswith(w))
            out.append((index, f"第{index + 1}行以「{end}」结尾"))
        elif position not in ok and not lines[index + 1].startswith(data["no_start"]):
            out.append((index, f"第{index + 1}行在词语中间回行（「{line[-2:]}／{lines[index + 1][:2]}」）"))
        elif lines[index + 1].startswith(data["no_start"]):
            out.append((index, f"第{index + 2}行以「{lines[index + 1][0]}」开头"))
    return out
