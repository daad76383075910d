"""Where the package's data lives: one place for every built-in file path."""

from __future__ import annotations

import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
KINDS = PACKAGE / "kinds"
LAYOUT = DATA / "layout.yaml"
NOISE = DATA / "noise.yaml"
FONTS_CONF = DATA / "fonts.conf"
PROFILES = DATA / "profiles"
AREAS = DATA / "areas"


def templates_dir() -> Path:
    """Templates inside the installed wheel, else the checkout's top-level templates/."""
    inside = PACKAGE / "templates"
    return inside if inside.is_dir() else PACKAGE.parent / "templates"


@functools.lru_cache(maxsize=16)
def load_data(path: Path) -> dict:
    """A built-in YAML data file (parts, areas, profiles), parsed once; not to be changed."""
    return read_data(path)


def read_data(path: Path):
    """A built-in YAML data file's contents, a fresh copy each call: as shipped, from the parsed
    snapshot (generator.snapshot); changed, from the user cache (marshal) while it stays so."""
    from generator import cache, snapshot

    path = Path(path)
    try:
        found = snapshot.data(path, path.read_bytes())
    except OSError:
        found = None  # cache.by_file says what is wrong with the file
    if found is not None:
        return found
    return cache.by_file(
        "data",
        path,
        lambda: parse_yaml(path.read_text(encoding="utf-8")),
        PACKAGE / "resources.py",
        valid=lambda value: isinstance(value, (dict, list)),
    )


def load_marked(path: Path):
    """A YAML file with the line marks of its fields (spec.marks.Loaded): a built-in file's from the
    parsed snapshot, or from the user cache while it is changed; anyone else's parsed every time."""
    from generator import cache, snapshot
    from generator.safe_io import resolved
    from generator.spec.marks import Loaded

    path = Path(path)

    def parse() -> tuple:
        from generator.spec.loading import load_yaml

        loaded = load_yaml(path)
        return loaded.data, loaded.marks, loaded.text

    if not resolved(path).is_relative_to(PACKAGE):
        return Loaded(*_located(parse(), path))
    try:
        found = snapshot.marked(path, path.read_bytes())
    except OSError:
        found = None
    if found is None:
        loader = (PACKAGE / "spec" / "loading.py", PACKAGE / "spec" / "yaml_guard.py")
        found = cache.by_file("marked", path, parse, *loader, valid=_marked_shape)
    return Loaded(*_located(found, path))


def _located(found: tuple, path: Path) -> tuple:
    """(data, file, marks, text) for spec.marks.Loaded."""
    data, marks, text = found
    return data, str(path), marks, text


def parse_yaml(text: str):
    """Plain data from YAML text; libyaml's loader is 8x faster than yaml.safe_load's pure Python."""
    import yaml  # here, so that `fazhi --help` need not import it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _marked_shape(value) -> bool:
    """What load_marked's cache entry must hold: (data, marks, text)."""
    return isinstance(value, tuple) and len(value) == 3 and isinstance(value[2], str)
