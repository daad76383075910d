"""The Word vocabulary fazhi speaks: namespaces, and the style of each role a paragraph plays.

The writer gives every element of the document tree a style from STYLES; the reader maps the
same ids back to roles (ROLE_OF_STYLE), so a fazhi .docx reads back exactly.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECLS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


class STYLES:
    """Style ids by role (Word's built-in ids where Word has the role, Fz… for the rest)."""

    normal = "Normal"
    title = "Title"
    doc_number = "FzDocNumber"
    signer_name = "FzSignerName"  # character style: the 签发人's name
    recipients = "FzRecipients"
    signature = "FzSignature"  # 署名 and 成文日期
    note = "FzNote"  # 附注
    attachment_label = "FzAttachmentLabel"
    attachment_title = "FzAttachmentTitle"
    table_header = "FzTableHeader"
    table_text = "FzTableText"
    imprint = "FzImprint"  # 版记
    annex = "FzAnnex"  # 附件说明
    issuer_mark = "FzIssuerMark"  # 版头: 发文机关标志
    header_field = "FzHeaderField"  # 版头: 份号, 密级, 紧急程度
    spacer = "FzSpacer"  # empty space of an exact height (above the 版记)
    footer = "Footer"
    default_font = "DefaultParagraphFont"
    table_normal = "TableNormal"

    @staticmethod
    def heading(level: int) -> str:
        """The paragraph style of a standalone heading, levels 1-4."""
        return f"Heading{level}"

    @staticmethod
    def runin(level: int) -> str:
        """The character style of a run-in heading's sentence, levels 1-4."""
        return f"FzRunIn{level}"

    @staticmethod
    def cjk(style: str) -> str:
        """The character style that keeps “ ” ‘ ’ — … in the Chinese font inside a paragraph or run style.

        Inside a run-in heading it extends that heading's id, so readers see one heading run.
        """
        return f"{style}Cjk" if style.startswith("FzRunIn") else f"FzCjk{style}"


RUNIN_PREFIX = "FzRunIn"
BUILTIN_STYLES = frozenset(
    {
        STYLES.normal,
        STYLES.title,
        STYLES.footer,
        STYLES.default_font,
        STYLES.table_normal,
        "TableGrid",
        *(STYLES.heading(n) for n in (1, 2, 3, 4)),
    }
)
DEFAULT_STYLES = frozenset({STYLES.normal, STYLES.default_font, STYLES.table_normal})

# What the reader learns from a paragraph style: (role, heading level).
ROLE_OF_STYLE: dict[str, tuple[str, int]] = {
    STYLES.title: ("title", 0),
    STYLES.attachment_title: ("title", 0),
    # The 版头 (发文机关标志, 份号/密级/紧急程度) is not the title: the reader passes over it.
    STYLES.issuer_mark: ("header", 0),
    STYLES.header_field: ("header", 0),
    STYLES.recipients: ("recipients", 0),
    STYLES.signature: ("signature", 0),
    STYLES.note: ("note", 0),
    STYLES.doc_number: ("doc_number", 0),
    STYLES.attachment_label: ("label", 0),
    STYLES.imprint: ("imprint", 0),
    **{STYLES.heading(n): ("heading", n) for n in (1, 2, 3, 4)},
}
