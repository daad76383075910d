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

ENTRIES: (size, CRC-32 of the YAML file, data(), and the line marks of data()'s fields, marks()).
DERIVED: what a stage derives from a built-in file, by name: (size and CRC-32 of the YAML file,
CRC-32 of the code that derives it, value()).
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
    return entry[2](), entry[3](), contents.decode("utf-8")


def derived(name: str, path: Path, code: Path) -> Any | None:
    """What `code` derives from the built-in file at `path` (see _derivations), while both are as
    they were when the snapshot was written; else None."""
    from generator.data.parsed import DERIVED

    entry = DERIVED.get(name)
    if entry is None:
        return None
    try:
        contents, source = path.read_bytes(), code.read_bytes()
    except OSError:
        return None
    if entry[:3] != (len(contents), zlib.crc32(contents), zlib.crc32(source)):
        return None
    return entry[3]()


def _derivations():
    """(name, YAML file, deriving code, value) of what is derived from built-in files ahead of time."""
    from generator.lexicon import regex_subset
    from generator.read import noise
    from generator.resources import NOISE, parse_yaml

    code = Path(regex_subset.__file__)
    yield "noise-guards", NOISE, code, noise.guards_by_key(parse_yaml(NOISE.read_text("utf-8")))


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
        # The marks alone: data() gives the same data (a file read differently with marks has none here)
        marks = _literal(loaded.marks) if repr(loaded.data) == plain else None
        if loaded.text != contents.decode("utf-8"):
            marks = None
        name = path.relative_to(PACKAGE).as_posix()
        marked_ = "None" if marks is None else f"lambda: {marks}"
        lines.append(f"{name!r}: ({len(contents)}, {zlib.crc32(contents)}, lambda: {plain}, {marked_}),\n")
    lines.append("}\nDERIVED = {\n")
    for name, path, code, value in _derivations():
        contents, literal = path.read_bytes(), _literal(value)
        if literal is not None:
            crcs = f"{len(contents)}, {zlib.crc32(contents)}, {zlib.crc32(code.read_bytes())}"
            lines.append(f"{name!r}: ({crcs}, lambda: {literal}),\n")
    return "".join(lines) + "}\n"


def main() -> None:
    """Write generator/data/parsed.py from the YAML files."""
    from generator.write.atomic import write_atomic

    text = source()
    write_atomic(SNAPSHOT, text.encode("utf-8"))
    print(f"wrote {SNAPSHOT}")


if __name__ == "__main__":
    main()
