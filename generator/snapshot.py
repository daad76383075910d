"""The built-in YAML data files parsed ahead of time (generator/data/parsed.json), so that even a run
with an empty cache needs no YAML parser for them (importing PyYAML and parsing them cost about a
sixth of a `fazhi check`).

The YAML files stay the source: `python -m generator.snapshot` writes the snapshot again after one
changes (tests/test_snapshot.py fails while it is stale). An entry is used only while its file has the
size and CRC-32 it was made from; any other file, or a changed one, is parsed as before. JSON holds
what these files hold (a file whose data would not come back unchanged from JSON is left out).
"""

from __future__ import annotations

import functools
import json
import zlib
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
SNAPSHOT = PACKAGE / "data" / "parsed.json"


@functools.lru_cache(maxsize=1)
def _entries() -> dict:
    try:
        entries = json.loads(SNAPSHOT.read_bytes())
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _entry(path: Path, contents: bytes) -> dict | None:
    """The snapshot's entry for a built-in file with these bytes, or None."""
    try:
        name = path.resolve().relative_to(PACKAGE).as_posix()
    except (OSError, ValueError):
        return None
    entry = _entries().get(name)
    if not isinstance(entry, dict) or entry.get("size") != len(contents) or entry.get("crc") != zlib.crc32(contents):
        return None
    return entry


def data(path: Path, contents: bytes) -> Any | None:
    """The file's plain data as resources.parse_yaml gives it (a fresh copy), or None."""
    entry = _entry(path, contents)
    return None if entry is None else json.loads(entry["data"])


def marked(path: Path, contents: bytes) -> tuple | None:
    """(data, marks, text) as resources.load_marked keeps them, or None."""
    entry = _entry(path, contents)
    if entry is None or "marks" not in entry:
        return None
    marks = {tuple(where): (line, column) for where, line, column in entry["marks"]}
    return json.loads(entry["marked"]), marks, contents.decode("utf-8")


def _as_json(value: Any) -> str | None:
    """The value as JSON text, or None when JSON would not give it back unchanged (int keys, dates)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if repr(json.loads(text)) == repr(value) else None


def build() -> dict:
    """The snapshot of every YAML file in the package, as it is now."""
    from generator.resources import parse_yaml
    from generator.spec.loading import load_yaml

    out = {}
    for path in sorted(PACKAGE.rglob("*.yaml")):
        contents = path.read_bytes()
        plain = _as_json(parse_yaml(contents.decode("utf-8")))
        if plain is None:
            continue
        entry: dict[str, Any] = {"size": len(contents), "crc": zlib.crc32(contents), "data": plain}
        loaded = load_yaml(path)
        with_marks = _as_json(loaded.data)
        marks = [[list(where), *mark] for where, mark in loaded.marks.items()]
        if with_marks is not None and loaded.text == contents.decode("utf-8") and _as_json(marks) is not None:
            entry.update(marked=with_marks, marks=marks)
        out[path.relative_to(PACKAGE).as_posix()] = entry
    return out


def main() -> None:
    """Write generator/data/parsed.json from the YAML files."""
    from generator.write.atomic import write_atomic

    entries = build()
    write_atomic(SNAPSHOT, (json.dumps(entries, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode())
    print(f"{SNAPSHOT}: {len(entries)} files")


if __name__ == "__main__":
    main()
