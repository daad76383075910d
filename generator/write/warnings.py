"""What rendering tells the clerk without stopping: layout the spec asks for but GB/T 9704 does not allow."""
from __future__ import annotations


def render_warnings(spec, spec_path: str) -> list[str]:
    """Located Chinese warnings for a validated spec."""
    out = []
    if getattr(spec, "doc_number", None) and not getattr(spec, "signer", None):
        from generator.spec.loading import load_yaml

        loaded = load_yaml(spec_path)
        out.append(str(loaded.problem(("doc_number",), "上行文（向上级机关的报告）有发文字号时应标注签发人"
                                      "（GB/T 9704-2012 7.2.5），现在只有左侧的发文字号：请填写 signer")))
    return out
