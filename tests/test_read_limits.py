"""read/limits.py: the paragraph limit of document.xml, counted only when the bytes could exceed it."""

from __future__ import annotations

import pytest

from generator.errors import DraftError
from generator.read.limits import MAX_PARAGRAPHS, check_body


def test_a_body_with_too_many_paragraphs_is_refused():
    with pytest.raises(DraftError, match="草稿过大"):
        check_body(b"<w:p>" * (MAX_PARAGRAPHS + 1), "x.docx")
    with pytest.raises(DraftError, match="草稿过大"):
        check_body(b"<w:p>" * MAX_PARAGRAPHS + b"<w:p w:x='1'/>", "x.docx")


def test_a_body_within_the_limit_is_returned():
    for raw in (b"<w:p>" * MAX_PARAGRAPHS, b"<w:p>" * MAX_PARAGRAPHS + b"<w:pPr>" * 100, b"<w:body/>"):
        assert check_body(raw, "x.docx") is raw
