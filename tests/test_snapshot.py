"""generator/data/parsed.json: the built-in YAML files parsed ahead, used only while they are unchanged."""

from __future__ import annotations

import json

from generator import resources, snapshot


def test_the_snapshot_is_the_yaml_files_as_they_are():
    stored = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    assert stored == snapshot.build(), "a YAML file changed: run `python -m generator.snapshot`"


def test_every_data_file_a_check_reads_is_in_it():
    stored = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    for name in ("data/noise.yaml", "data/units.yaml", "data/layout.yaml", "kinds/annual_report/parts.yaml"):
        assert "data" in stored[name]
    for name in ("data/profiles/format.yaml", "kinds/annual_report/profile.yaml"):
        assert "marks" in stored[name]


def test_an_entry_gives_what_the_parser_gives():
    from generator.spec.loading import load_yaml

    path = resources.PROFILES / "format.yaml"
    contents = path.read_bytes()
    assert snapshot.data(path, contents) == resources.parse_yaml(contents.decode("utf-8"))
    parsed = load_yaml(path)
    assert snapshot.marked(path, contents) == (parsed.data, parsed.marks, parsed.text)


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
