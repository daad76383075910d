"""The built-in YAML data files parsed ahead of time (generator/data/parsed.py), so that a run needs
neither a YAML nor a JSON parser for them, even with an empty cache: the entries are Python literals,
which the interpreter loads from the module's bytecode (importing `json` and parsing a JSON snapshot
cost 22 M instructions, 5 % of a `fazhi check`).

The YAML files stay the source: `python -m generator.snapshot` writes the module again after one
changes (tests/test_snapshot.py fails while it is stale). An entry is used only while its file has the
size and CRC-32 it was made from; any other file, or a changed one, is parsed as before. Each entry's
data is built by a function, so every call gives a fresh copy; a file whose data a literal would not
give back unchanged (dates) is left out.
"""

from __future__ import annotations

import ast
import zlib
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
SNAPSHOT = PACKAGE / "data" / "parsed.py"
HEADER = '''"""The package's YAML data files, parsed: written by `python -m generator.snapshot`, never by hand.

Entry: (size, CRC-32 of the YAML file, data(), and for files read with line marks (data, marks)()).
"""
# fmt: off
ENTRIES = {
'''


def _entry(path: Path, contents: bytes) -> tuple | None:
    """The snapshot's entry for a built-in file with these bytes, or None."""
    from generator.data.parsed import ENTRIES

    try:
        name = path.resolve().relative_to(PACKAGE).as_posix()
    except (OSError, ValueError):
        return None
    entry = ENTRIES.get(name)
    if entry is None or entry[0] != len(contents) or entry[1] != zlib.crc32(contents):
        return None
    return entry


def data(path: Path, contents: bytes) -> Any | None:
    """The file's plain data as resources.parse_yaml gives it (a fresh copy), or None."""
    entry = _entry(path, contents)
    return None if entry is None else entry[2]()


def marked(path: Path, contents: bytes) -> tuple | None:
    """(data, marks, text) as resources.load_marked keeps them, or None."""
    entry = _entry(path, contents)
    if entry is None or entry[3] is None:
        return None
    plain, marks = entry[3]()
    return plain, marks, contents.decode("utf-8")


def _literal(value: Any) -> str | None:
    """The value as a Python literal, or None when the literal would not give it back unchanged."""
    text = repr(value)
    try:
        return text if repr(ast.literal_eval(text)) == text else None
    except (ValueError, SyntaxError):
        return None


def source() -> str:
    """The snapshot module's text for every YAML file in the package, as they are now."""
    from generator.resources import parse_yaml
    from generator.spec.loading import load_yaml

    lines = [HEADER]
    for path in sorted(PACKAGE.rglob("*.yaml")):
        contents = path.read_bytes()
        plain = _literal(parse_yaml(contents.decode("utf-8")))
        if plain is None:
            continue
        loaded = load_yaml(path)
        with_marks = _literal((loaded.data, loaded.marks))
        if loaded.text != contents.decode("utf-8"):
            with_marks = None
        name = path.relative_to(PACKAGE).as_posix()
        marked_ = "None" if with_marks is None else f"lambda: {with_marks}"
        lines.append(f"{name!r}: ({len(contents)}, {zlib.crc32(contents)}, lambda: {plain}, {marked_}),\n")
    return "".join(lines) + "}\n"


def main() -> None:
    """Write generator/data/parsed.py from the YAML files."""
    from generator.write.atomic import write_atomic

    text = source()
    write_atomic(SNAPSHOT, text.encode("utf-8"))
    print(f"{SNAPSHOT}: {text.count(chr(10)) - HEADER.count(chr(10)) - 1} files")


if __name__ == "__main__":
    main()
