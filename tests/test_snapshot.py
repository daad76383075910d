"""generator/data/parsed.py: the built-in YAML files parsed ahead, used only while they are unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import resources, snapshot
from generator.data.parsed import ENTRIES


def test_the_snapshot_is_the_yaml_files_as_they_are():
    stored = snapshot.SNAPSHOT.read_text(encoding="utf-8")
    assert stored == snapshot.source(), "a YAML file changed: run `python -m generator.snapshot`"


def test_every_data_file_a_check_reads_is_in_it():
    for name in ("data/noise.yaml", "data/units.yaml", "data/layout.yaml", "kinds/annual_report/parts.yaml"):
        assert ENTRIES[name][2]() is not None
    for name in ("data/profiles/format.yaml", "kinds/annual_report/profile.yaml"):
        assert ENTRIES[name][3] is not None


def test_every_entry_gives_what_the_parser_gives():
    from generator.spec.loading import load_yaml

    for name in ENTRIES:
        path = resources.PACKAGE / name
        contents = path.read_bytes()
        assert snapshot.data(path, contents) == resources.parse_yaml(contents.decode("utf-8")), name
        parsed = load_yaml(path)
        found = snapshot.marked(path, contents)  # None for a file the marking loader reads otherwise
        assert found == (parsed.data, parsed.marks, parsed.text) or (found is None and name == "data/fixes.yaml"), name


def test_a_changed_file_is_not_taken_from_it(tmp_path):
    path = resources.NOISE
    contents = path.read_bytes()
    assert snapshot.data(path, contents + b"\n") is None  # another size
    assert snapshot.data(path, contents.replace(b"drop", b"dorp")) is None  # same size, another CRC
    assert snapshot.data(tmp_path / "noise.yaml", contents) is None  # not a file of the package


def test_a_fresh_copy_each_time():
    path = resources.NOISE
    first = snapshot.data(path, path.read_bytes())
    first["drop"].clear()
    assert snapshot.data(path, path.read_bytes())["drop"]
    plain, marks, _ = snapshot.marked(
        resources.PROFILES / "format.yaml", (resources.PROFILES / "format.yaml").read_bytes()
    )
    marks.clear()
    assert snapshot.marked(resources.PROFILES / "format.yaml", (resources.PROFILES / "format.yaml").read_bytes())[1]


def test_what_a_literal_cannot_hold_is_left_out():
    assert snapshot._literal({"年": [1, "二", (3, 4)], 5: None}) is not None
    assert snapshot._literal({"date": dt.date(2024, 3, 31)}) is None
    assert snapshot._literal(float("nan")) is None


def test_derived_data_is_what_the_stage_derives_and_only_while_its_sources_are_unchanged(tmp_path):
    from generator.lexicon import regex_subset
    from generator.read import noise

    code = Path(regex_subset.__file__)
    shipped = snapshot.derived("noise-guards", resources.NOISE, code)
    assert shipped == noise.guards_by_key(resources.read_data(resources.NOISE))
    edited = tmp_path / "regex_subset.py"
    edited.write_bytes(code.read_bytes() + b"\n# changed\n")
    assert snapshot.derived("noise-guards", resources.NOISE, edited) is None  # the deriving code changed
    copy = tmp_path / "noise.yaml"
    copy.write_bytes(resources.NOISE.read_bytes().replace(b"drop", b"dorp"))
    assert snapshot.derived("noise-guards", copy, code) is None  # the file changed
    assert snapshot.derived("no-such-thing", resources.NOISE, code) is None
