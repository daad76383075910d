"""Which kind a document is, and where its statutory parts are (厅字〔2019〕28号第二十四条)."""

from __future__ import annotations

import bisect
import itertools

from generator.lexicon import dates, lazy, statutory
from generator.kinds import DEFAULT_KIND, KINDS, REPORT_TITLE, recognise_why
from generator.resources import load_data
from generator.tree import Document, Heading, Paragraph

from generator.kinds.words import Words, WordsByKey

_YEAR_PREFIX = lazy(rf"^(?:关于)?\s*(?:{dates.YEAR}|{dates.CN_YEAR})\s*年度?\s*(?:的|全[市区县省])?")
_CLAUSE_MARK = lazy(r"[，,。；;：:]")
_REPORT_OPENING = lazy(statutory.REPORT_OPENING)
_OWNER_MARK = lazy(statutory.OWNER_MARK)
_PLAN_NOTICE = lazy(statutory.PLAN_NOTICE)


class PartHit:
    """Where a statutory part was found (the default: not found)."""

    __slots__ = ("found", "heading", "line", "index", "level", "implicit", "within")

    # A plain class: a dataclass costs a millisecond of every start-up to create.
    def __init__(
        self,
        found: bool = False,
        heading: str | None = None,
        line: int | None = None,
        index: int | None = None,  # position among the body's blocks
        level: int | None = None,
        implicit: bool = False,  # part 1 not named, inferred from headings before part 2
        within: Heading | None = None,  # found only as a sub-heading of this part heading (parts.nested)
    ) -> None:
        self.found = found
        self.heading = heading
        self.line = line
        self.index = index
        self.level = level
        self.implicit = implicit
        self.within = within

    def __repr__(self) -> str:
        return f"PartHit({self.found!r}, {self.heading!r}, line={self.line!r}, index={self.index!r})"

    def as_dict(self) -> dict:
        return {"found": self.found, "heading": self.heading, "line": self.line}


def detect_kind(doc: Document, cache: dict | None = None) -> tuple[str, str]:
    """(kind, why) from the whole document: the first document's title (not an attachment's),
    the last signature, the opening and the part headings. `cache`: see match_parts."""
    from generator.read.sender import department_sign

    docs = list(doc.all_documents())
    signatures = [s for d in docs for s in d.signatures]
    found = sender_of(doc, cache)
    department = f"{found.where}中的「{found.full}」" if found and found.department else ""
    signs = _report_signs(docs, cache)
    title = _kind_title(docs, signs)
    if not title and not signs:
        notice = _plan_notice(docs)
        if notice:
            return "work-plan", f"开头写「{notice}」"
    kind, why = recognise_why(title, signatures[-1] if signatures else "", signs, department)
    if kind == DEFAULT_KIND and not signs and not department:
        owned = sum(1 for d in docs for b in d.blocks if type(b) is Heading and _OWNER_MARK.search(b.body or b.title))
        if owned >= 1:
            return "work-plan", f"{owned}项任务后写有牵头单位或责任单位"
    if kind == DEFAULT_KIND and not found and (sign := department_sign(doc)):
        return recognise_why(title, signatures[-1] if signatures else "", signs, f"没有写发文单位，正文中的「{sign}」")
    return kind, why


SENDER = "sender"  # the key of the sender in a document's cache (match_parts' keys are tuples)


def sender_of(doc: Document, cache: dict | None = None):
    """read.sender.sender(doc), kept in `cache` (one document's) when one is given."""
    from generator.read.sender import sender

    if cache is None:
        return sender(doc)
    if SENDER not in cache:
        cache[SENDER] = sender(doc)
    return cache[SENDER]


def _kind_title(docs: list[Document], signs: list[str]) -> str:
    """The title that says the kind: the first document's, else (when it names no kind) the first
    title after it that names one (a 工作要点 under an untitled 印发通知); never an attachment's."""
    first = docs[0].title.replace("\n", "")
    if first or signs:
        return first
    for d in docs[1:]:
        title = d.title.replace("\n", "")
        if title and not d.label and (recognise_why(title)[0] != DEFAULT_KIND or REPORT_TITLE.search(title)):
            return title
    return first


def _plan_notice(docs: list[Document]) -> str:
    """「现将《…工作要点》印发给你们」 in the first paragraphs: a 印发通知 without its title line."""
    for d in docs[:1]:
        for block in d.blocks[:4]:
            if type(block) is Paragraph:
                match = _PLAN_NOTICE.search(block.text)
                if match:
                    return match.group(0)
    return ""


def _report_signs(docs: list[Document], cache: dict | None) -> list[str]:
    """What says "a report" besides the title: the 「现将…报告如下」 opening, statutory part headings."""
    signs = []
    for d in docs:
        opening = next((b for b in d.blocks if not isinstance(b, Paragraph) or _REPORT_OPENING.search(b.text)), None)
        if isinstance(opening, Paragraph):
            signs.append("开头写「现将……报告如下」")
            break
    parts_data = parts_of(DEFAULT_KIND)
    assert parts_data is not None  # the default kind is the annual report, which has parts
    found: set[str] = set()
    for d in docs:
        for heading in d.blocks:
            if type(heading) is Heading and heading.level == 1:
                found |= match_parts(normal_title(heading), parts_data, cache)
    if len(found) >= 2 and found & {"1", "2", "3"}:
        signs.append(f"有{len(found)}个法定部分的标题")
    return signs


_PARTS: dict[str, dict | None] = {}


def parts_of(kind: str) -> dict | None:
    """The kind's required-parts data (parts.yaml), None for a kind without statutory parts."""
    if kind not in _PARTS:
        path = KINDS[kind].parts_path
        _PARTS[kind] = load_data(path) if path else None
    return _PARTS[kind]


def normal_title(heading: Heading) -> str:
    """The title without a leading year (「2022年」「关于2022年度的」) and closing punctuation."""
    title = heading.title.strip()
    if title[:1] in "关20一二〇零":
        title = _YEAR_PREFIX.sub("", title)
    return title.rstrip("。：:；;， ")


_PATTERNS: dict[int, tuple] = {}


def _part_patterns(parts_data: dict) -> dict[str, Words]:
    """One matcher per statutory part, made once per parts file."""
    return _part_matchers(parts_data)[1]


def _part_matchers(parts_data: dict) -> tuple:
    """(parts_data, its matcher per part, all of them at once), made once per parts file."""
    key = id(parts_data)
    if key not in _PATTERNS:
        named = {k: Words(part["patterns"]) for k, part in parts_data["parts"].items()}
        _PATTERNS[key] = (parts_data, named, WordsByKey(named))
    return _PATTERNS[key]


_TAIL = r"(?:情况|职责|安排|打算|思路|举措|成效|原因|问题|不足|事项|计划|要点|进展)+"
_TAIL_WORDS = lazy(rf"^[^，,。；;：:]{{0,14}}?{_TAIL}")
_TAIL_NOW = lazy(_TAIL)
_PLAN_PART = lazy(rf"^(?:{statutory.PLAN_PART_NAME})")
LATE_NAME = 24  # a part's name may start this far into a heading when words that end a title follow it


def part_title_end(text: str, window: int = 40) -> int:
    """Where a statutory part's name that opens `text` ends (0 if none does): 「存在的不足和原因法治
    意识…」→ 8. For run-on text whose heading ran into its body; a leading year is allowed."""
    head = text[:window]
    lead = _YEAR_PREFIX.match(head)
    skip = lead.end() if lead else 0
    end = 0
    parts_data = parts_of(DEFAULT_KIND)
    assert parts_data is not None  # the default kind is the annual report, which has parts
    for part in parts_data["parts"].values():
        for source in part["patterns"]:
            for match in lazy(source).finditer(head):  # each alone: an alternation hides overlaps
                if match.end() <= end:
                    continue
                late = match.start() <= skip + LATE_NAME and _TAIL_NOW.match(head, match.end())
                if match.start() <= skip + 6 or (late and not _CLAUSE_MARK.search(head, 0, match.start())):
                    end = match.end()
    plan = _PLAN_PART.match(head, skip)
    if plan and plan.end() > end:
        end = plan.end()
    if end:
        tail = _TAIL_WORDS.match(head[end:])
        if tail:
            end += tail.end()
    return end


def match_parts(title: str, parts_data: dict, cache: dict | None = None) -> set[str]:
    """The parts a (normalised) heading title names; part 1 yields to any other part it shares it with.

    `cache` (a dict kept for one document) saves matching a title twice: kind detection and
    part detection look at the same headings.
    """
    key = (id(parts_data), title)
    if cache is not None and key in cache:
        return cache[key]
    matched = _part_matchers(parts_data)[2].keys(title)
    if len(matched) > 1:
        matched.discard("1")
    if cache is not None:
        cache[key] = matched
    return matched


def detect_parts(body: Document, parts_data: dict, cache: dict | None = None) -> dict[str, PartHit]:
    """Where each statutory part is: a top-level heading, else (any_level parts) a sub-heading."""
    hits = {key: PartHit() for key in parts_data["parts"]}
    blocks = body.blocks
    top = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    if not top:  # no numbered parts: short unnumbered lines may be the part headings
        top = [
            (i, Heading(1, b.text, line=b.line))
            for i, b in enumerate(blocks)
            if isinstance(b, Paragraph) and len(b.text) <= 40 and "。" not in b.text
        ]
    unmatched: list[tuple[int, Heading]] = []
    for i, head in top:
        keys = match_parts(normal_title(head), parts_data, cache)
        if not keys and head.title.strip():
            unmatched.append((i, head))
        for key in keys:
            if not hits[key].found:
                hits[key] = PartHit(True, head.title, head.line or None, i, head.level)
    for key, part in parts_data["parts"].items():
        if not hits[key].found and part.get("any_level"):
            hits[key] = _nested_hit(key, blocks, top, parts_data) or hits[key]
    if not hits["1"].found and unmatched:
        later = [index for k in ("2", "4", "5") if hits[k].found and (index := hits[k].index) is not None]
        limit = min(later) if later else len(blocks)
        before = [(i, h) for i, h in unmatched if i < limit and _may_be_implicit(normal_title(h), parts_data)]
        if before:
            i, head = before[0]
            hits["1"] = PartHit(True, head.title, head.line or None, i, head.level, implicit=True)
    return hits


def _may_be_implicit(title: str, parts_data: dict) -> bool:
    """Can an unnamed heading be the implicit part 1: not an extra lead part, not a cut-off word."""
    extra = parts_data.get("extra")
    if extra and lazy("|".join(f"(?:{p})" for p in extra)).search(title):
        return False
    return len(title) >= 2


def _nested_hit(key: str, blocks: list, top: list, parts_data: dict) -> PartHit | None:
    """The first sub-heading naming the part, with the part heading it stands under."""
    words = _part_patterns(parts_data)[key]
    candidates = _titles_holding(words, blocks)
    tops = [i for i, _ in top]
    for i in range(len(blocks)) if candidates is None else sorted(candidates):  # in document order
        block = blocks[i]
        if type(block) is not Heading or (
            not block.runin
            and block.title.endswith(("。", "；"))
            and not (i + 1 < len(blocks) and type(blocks[i + 1]) is Paragraph)
        ):
            continue  # a numbered sentence (「（一）第一责任人职责落实还不到位。」) is no part title; a titled section is
        title = normal_title(block)
        if words.search(title) and key in match_parts(title, parts_data):
            if not _named_beyond_generic(key, title, blocks, i, parts_data):
                continue
            k = bisect.bisect_left(tops, i) - 1
            within = top[k][1] if k >= 0 and top[k][1].level < block.level else None
            return PartHit(True, block.title, block.line or None, i, block.level, within=within)
    return None


def _titles_holding(words: Words, blocks: list) -> set[int] | None:
    """The blocks whose heading title holds a literal one of `words`' matches needs (None: any may match).
    A normalised title is a piece of the raw one, so no other heading can name the part."""
    needles = words.needles()
    if needles is None:
        return None
    indices = [i for i, b in enumerate(blocks) if type(b) is Heading]
    titles = [blocks[i].title for i in indices]
    joined = "\n".join(titles)  # one find per needle over all the titles
    starts = None  # where each title starts, needed only when a title holds a line break itself
    if joined.count("\n") != len(titles) - 1:
        starts = list(itertools.accumulate((len(title) + 1 for title in titles[:-1]), initial=0))
    found = set()
    for needle in needles:
        at = joined.find(needle)
        while at >= 0:  # seldom: which title holds it, counted in C
            k = joined.count("\n", 0, at) if starts is None else bisect.bisect_right(starts, at) - 1
            found.add(indices[k])
            at = joined.find(needle, at + 1)
    return found


def _named_beyond_generic(key: str, title: str, blocks: list, i: int, parts_data: dict) -> bool:
    """A sub-heading named only in generic words (parts.yaml `generic`) is the part only when its text names it too."""
    part = parts_data["parts"][key]
    generic = part.get("generic")
    if not generic:
        return True
    specific = [p for p in part["patterns"] if p not in generic]
    pattern = lazy("|".join(f"(?:{p})" for p in specific))
    if pattern.search(title):
        return True
    heading = blocks[i]
    texts = [heading.body]
    for block in blocks[i + 1 :]:
        if type(block) is Heading and block.level <= heading.level:
            break
        if type(block) is Paragraph:
            texts.append(block.text)
        elif type(block) is Heading:
            texts.append(f"{block.title}\n{block.body}")
    return bool(pattern.search("\n".join(texts)))
