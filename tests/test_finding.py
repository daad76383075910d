"""checks.Finding (a tuple written out by hand, cheaper to create than a NamedTuple) behaves as the NamedTuple it was."""

from __future__ import annotations

import copy
import json
import pickle
from typing import NamedTuple

import pytest

from generator.checks import Finding


class Reference(NamedTuple):
    rule: str
    severity: str
    message: str
    line: int | None = None


CASES = [
    ("punct.doubled", "error", "标点重复", 3),
    ("parts.missing", "warning", "缺少第五部分", None),
    ("a", "info", "", 0),
]


@pytest.mark.parametrize("values", CASES)
def test_finding_behaves_as_a_named_tuple(values):
    finding, reference = Finding(*values), Reference(*values)
    assert finding == reference and tuple(finding) == values and hash(finding) == hash(reference)
    assert isinstance(finding, tuple) and len(finding) == 4 and list(finding) == list(reference)
    assert [finding.rule, finding.severity, finding.message, finding.line] == list(values)
    assert Finding.line.__doc__ == Reference.line.__doc__
    assert repr(finding) == repr(reference).replace("Reference", "Finding")
    assert finding._fields == reference._fields and finding._field_defaults == reference._field_defaults
    assert finding._asdict() == reference._asdict() and finding.as_dict() == reference._asdict()
    assert finding._replace(line=7) == reference._replace(line=7) and type(finding._replace()) is Finding
    with pytest.raises(ValueError):
        finding._replace(col=1)
    assert Finding._make(values) == finding and Finding(*values[:3]) == Reference(*values[:3])
    assert Finding(rule=values[0], severity=values[1], message=values[2]).line is None
    for twin in (pickle.loads(pickle.dumps(finding)), copy.copy(finding), copy.deepcopy(finding)):
        assert twin == finding and type(twin) is Finding
    assert json.dumps(finding) == json.dumps(reference)
    assert sorted([finding, Finding("z", "error", "x")]) == sorted([reference, Reference("z", "error", "x")])
    rule, severity, message, line = finding
    assert (rule, severity, message, line) == values
    match finding:
        case Finding(rule, severity, message, line):
            assert (rule, severity, message, line) == values
