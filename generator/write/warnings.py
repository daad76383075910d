"""What rendering tells the clerk without stopping: layout the spec asks for but GB/T 9704 does not allow."""

from __future__ import annotations


def render_warnings(spec, spec_path: str) -> list[str]:
    """Located Chinese warnings for a validated spec."""
    out = []
    if getattr(spec, "doc_number", None) and not getattr(spec, "signer", None):
        from generator.spec.loading import load_yaml

        loaded = load_yaml(spec_path)
        out.append(
            str(
                loaded.problem(
                    ("doc_number",),
                    "上行文（向上级机关的报告）有发文字号时应标注签发人"
                    "（GB/T 9704-2012 7.2.5），现在只有左侧的发文字号：请填写 signer",
                )
            )
        )
    out += _joint_signature(spec, spec_path)
    return out


def _joint_signature(spec, spec_path: str) -> list[str]:
    """联合行文 (several issuers in the 版头) signed by fewer organs than issue it (7.3.5.2)."""
    notice = getattr(spec, "notice", None)
    header = getattr(notice, "header", None)
    issuers = list(getattr(header, "issuers", None) or [])
    if notice is None or len(issuers) < 2 or len(notice.signature) >= len(issuers):
        return []
    from generator.spec.loading import load_yaml

    loaded = load_yaml(spec_path)
    where = ("notice", "signature") if notice.signature else ("notice", "header", "issuers")
    names = "、".join(issuers)
    return [
        str(
            loaded.problem(
                where,
                f"联合行文（版头有{len(issuers)}个发文机关：{names}）应由各发文机关依次署名"
                f"（GB/T 9704-2012 7.3.5.2），现在署名只有{len(notice.signature)}个："
                "请把 notice.signature 写成列表，主办机关在前",
            )
        )
    ]
