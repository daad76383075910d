"""Rule modules; importing this package registers every rule."""
from . import coverage, dates, docnum, layout, leftovers, numbering, parts, punct  # noqa: F401
