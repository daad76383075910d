"""Tracked changes cut out of a body's XML before the tokenizer reads it: deleted and moved-away
runs, old properties (w:…PrChange) and mc:Fallback (which repeats mc:Choice)."""

from __future__ import annotations

import functools
import re

from generator.lexicon import lazy
from generator.read.docx_package import q

_MC_PREFIX = lazy(
    r'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']http://schemas\.openxmlformats\.org/'
    r'markup-compatibility/2006["\']'
)


@functools.lru_cache(maxsize=8)
def _revision_pattern(prefix: str, mc: str) -> re.Pattern:
    """Deleted and moved-away runs, old properties, and mc:Fallback, as whole elements."""
    w = q(prefix)
    fallback = rf"|<{re.escape(mc)}:Fallback\b[^>]*>.*?</{re.escape(mc)}:Fallback>" if mc else ""
    return lazy(rf"<{w}(del|moveFrom|\w+PrChange|tblGridChange)(?=[\s>])[^>]*(?<!/)>.*?</{w}\1>" + fallback, re.S)


def without_revisions(xml: str, prefix: str, document: str) -> str | None:
    """The body XML without what is not the draft's text; None if the tokenizer cannot vouch for it."""
    alternate = "AlternateContent" in xml
    mc = ""
    if alternate:
        found = _MC_PREFIX.search(document, 0, 8192)
        if not found:
            return None
        mc = found.group(1)
    xml = _revision_pattern(prefix, mc).sub("", xml)
    return None if alternate and "Fallback" in xml else xml
