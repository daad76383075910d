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
    """A built-in YAML data file (parts, areas, profiles), parsed once."""
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def parse_yaml(text: str):
    """Plain data from YAML text; libyaml's loader is 8x faster than yaml.safe_load's pure Python."""
    import yaml  # here, so that `fazhi --help` need not import it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
