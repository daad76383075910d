"""Rule modules; importing this package registers every rule."""

from generator.checks.rules import annex
from generator.checks.rules import coverage
from generator.checks.rules import dates
from generator.checks.rules import docnum
from generator.checks.rules import figures
from generator.checks.rules import layout
from generator.checks.rules import layout_headings
from generator.checks.rules import leftovers
from generator.checks.rules import numbering
from generator.checks.rules import numbers
from generator.checks.rules import parts
from generator.checks.rules import punct
from generator.checks.rules import head
from generator.checks.rules import punct_pairs
from generator.checks.rules import reading
from generator.checks.rules import signer
from generator.checks.rules import titles
from generator.checks.rules import writing  # noqa: F401
