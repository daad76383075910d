"""Structural checks of an OFD package from GB/T 33190-2016 (sections 7.4–7.6, 9, 11, 12), with lxml.

No licensed copy of the standard's XML schemas may be shipped in the tests, so the rules the
writer relies on are written out here from the standard's element definitions: each part's root
and namespace, the order of children, required attributes and their types, every location
resolving inside the package, IDs unique in the document and not above MaxUnitID, fonts referenced
by ID, DeltaX holding one advance fewer than its TextCode has characters, boxes inside the page, and
(for text without a CTM) the last character starting inside its box.
`problems(data)` lists what is wrong; [] for a sound package.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from io import BytesIO

from lxml import etree

NS = "http://www.ofdspec.org/2016"
Q = f"{{{NS}}}"
DOCINFO_ORDER = [
    "DocID",
    "Title",
    "Author",
    "Subject",
    "Abstract",
    "CreationDate",
    "ModDate",
    "DocUsage",
    "Cover",
    "Keywords",
    "Creator",
    "CreatorVersion",
    "CustomDatas",
]
DOCBODY_ORDER = ["DocInfo", "DocRoot", "Versions", "Signatures"]
COMMON_ORDER = ["MaxUnitID", "PageArea", "PublicRes", "DocumentRes", "TemplatePage", "DefaultCS"]
DOCUMENT_ORDER = [
    "CommonData",
    "Pages",
    "Outlines",
    "Permissions",
    "Actions",
    "VPreferences",
    "Bookmarks",
    "Annotations",
    "CustomTags",
    "Attachments",
    "Extensions",
]
PAGE_ORDER = ["Template", "PageRes", "Area", "Content", "Actions"]
TEXT_ORDER = ["Actions", "Clips", "FillColor", "StrokeColor", "CGTransform", "TextCode"]
PATH_ORDER = ["Actions", "Clips", "StrokeColor", "FillColor", "AbbreviatedData"]
NUMBER = r"-?\d+(\.\d+)?"
BOX = re.compile(rf"^{NUMBER} {NUMBER} \d+(\.\d+)? \d+(\.\d+)?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EPS = 0.01


def problems(data: bytes) -> list[str]:
    """Everything structurally wrong with an OFD package."""
    out: list[str] = []
    package = zipfile.ZipFile(BytesIO(data))
    names = set(package.namelist())
    if "OFD.xml" not in names:
        return ["no OFD.xml at the package root"]

    def parse(path: str):
        if path not in names:
            out.append(f"{path}: referenced but missing")
            return None
        return etree.fromstring(package.read(path))

    root = parse("OFD.xml")
    _root(root, "OFD", out, "OFD.xml")
    if root.get("Version") != "1.0" or root.get("DocType") != "OFD":
        out.append("OFD.xml: Version must be 1.0 and DocType OFD")
    bodies = root.findall(Q + "DocBody")
    if not bodies:
        out.append("OFD.xml: no DocBody")
    for body in bodies:
        _order(body, DOCBODY_ORDER, out, "DocBody", required=["DocInfo", "DocRoot"])
        info = body.find(Q + "DocInfo")
        if info is not None:
            _order(info, DOCINFO_ORDER, out, "DocInfo", required=["DocID"])
            for tag in ("CreationDate", "ModDate"):
                found = info.find(Q + tag)
                if found is not None and not DATE.match(found.text or ""):
                    out.append(f"DocInfo/{tag} is not an xs:date")
        doc_root = (body.findtext(Q + "DocRoot") or "").strip()
        document = parse(_loc("", doc_root))
        if document is not None:
            _document(document, posixpath.dirname(_loc("", doc_root)), parse, names, out)
    return out


def _document(document, base: str, parse, names: set, out: list[str]) -> None:
    _root(document, "Document", out, "Document.xml")
    _order(document, DOCUMENT_ORDER, out, "Document", required=["CommonData", "Pages"])
    common = document.find(Q + "CommonData")
    if common is None:
        return
    _order(common, COMMON_ORDER, out, "CommonData", required=["MaxUnitID", "PageArea"])
    max_id = int(common.findtext(Q + "MaxUnitID") or 0)
    area = _physical(common.find(Q + "PageArea"), out, "CommonData/PageArea")
    ids: list[int] = []
    fonts: set[str] = set()
    for res_loc in common.findall(Q + "PublicRes") + common.findall(Q + "DocumentRes"):
        res_path = _loc(base, res_loc.text or "")
        res = parse(res_path)
        if res is not None:
            fonts |= _res(res, posixpath.dirname(res_path), names, ids, out)
    pages = document.find(Q + "Pages")
    for page in pages if pages is not None else []:
        ids.append(_id(page, out, "Pages/Page"))
        content_path = _loc(base, page.get("BaseLoc") or "")
        content = parse(content_path)
        if content is not None:
            _page(content, area, fonts, ids, out, content_path)
    seen = set()
    for value in ids:
        if value in seen:
            out.append(f"ID {value} used twice")
        seen.add(value)
        if value > max_id:
            out.append(f"ID {value} above MaxUnitID {max_id}")


def _res(res, base: str, names: set, ids: list, out: list[str]) -> set[str]:
    """The font IDs a resource file declares; its font files must exist."""
    _root(res, "Res", out, "Res")
    folder = _loc(base, res.get("BaseLoc") or "")
    declared = set()
    for font in res.iter(Q + "Font"):
        ids.append(_id(font, out, "Font"))
        declared.add(font.get("ID"))
        if not font.get("FontName"):
            out.append(f"Font {font.get('ID')}: no FontName")
        file = font.findtext(Q + "FontFile")
        if file is not None and _loc(folder, file) not in names:
            out.append(f"Font {font.get('ID')}: FontFile {file} missing")
    return declared


def _page(content, area, fonts: set, ids: list, out: list[str], where: str) -> None:
    _root(content, "Page", out, where)
    _order(content, PAGE_ORDER, out, where)
    own = content.find(Q + "Area")
    width, height = _physical(own, out, where + " Area") if own is not None else area
    for layer in content.iterfind(f"{Q}Content/{Q}Layer"):
        ids.append(_id(layer, out, where + " Layer"))
        for obj in layer:
            ids.append(_id(obj, out, where + " " + etree.QName(obj).localname))
            box = obj.get("Boundary") or ""
            if not BOX.match(box):
                out.append(f"{where}: Boundary 「{box}」 is not x y w h")
                continue
            x, y, w, h = (float(v) for v in box.split())
            if x < -EPS or y < -EPS or x + w > width + EPS or y + h > height + EPS:
                out.append(f"{where}: object {obj.get('ID')} outside the page ({box})")
            if obj.tag == Q + "TextObject":
                _text(obj, fonts, w, out, where)
            elif obj.tag == Q + "PathObject":
                _order(obj, PATH_ORDER, out, where + " PathObject", required=["AbbreviatedData"])
            else:
                out.append(f"{where}: unexpected {obj.tag}")


def _text(obj, fonts: set, width: float, out: list[str], where: str) -> None:
    _order(obj, TEXT_ORDER, out, where + " TextObject", required=["TextCode"])
    if obj.get("Font") not in fonts:
        out.append(f"{where}: TextObject {obj.get('ID')} uses undeclared font {obj.get('Font')}")
    if float(obj.get("Size") or 0) <= 0:
        out.append(f"{where}: TextObject {obj.get('ID')} has no positive Size")
    for index, code in enumerate(obj.iterfind(Q + "TextCode")):
        if index == 0 and (code.get("X") is None or code.get("Y") is None):
            out.append(f"{where}: the first TextCode of {obj.get('ID')} lacks X or Y")
        deltas = _deltas(code.get("DeltaX") or "")
        text = code.text or ""
        if code.get("DeltaX") is not None and len(deltas) != len(text) - 1:
            out.append(f"{where}: TextCode 「{text}」 has {len(deltas)} DeltaX for {len(text)} characters")
        if obj.get("CTM") is None and float(code.get("X") or 0) + sum(deltas) > width + EPS:
            out.append(f"{where}: TextCode 「{text}」 starts its last character outside its Boundary")


def _deltas(value: str) -> list[float]:
    items, out, i = value.split(), [], 0
    while i < len(items):
        if items[i] == "g":
            out += [float(items[i + 2])] * int(items[i + 1])
            i += 3
        else:
            out.append(float(items[i]))
            i += 1
    return out


def _root(element, name: str, out: list[str], where: str) -> None:
    if element.tag != Q + name:
        out.append(f"{where}: root is {element.tag}, not ofd:{name}")


def _order(element, order: list[str], out: list[str], where: str, required=()) -> None:
    """Children in the standard's sequence, only known ones, the required ones present."""
    names = [etree.QName(child).localname for child in element if isinstance(child.tag, str)]
    for name in names:
        if name not in order:
            out.append(f"{where}: unexpected child {name}")
    positions = [order.index(n) for n in names if n in order]
    if positions != sorted(positions):
        out.append(f"{where}: children out of order {names}")
    for name in required:
        if name not in names:
            out.append(f"{where}: missing {name}")


def _physical(area, out: list[str], where: str) -> tuple[float, float]:
    box = area.findtext(Q + "PhysicalBox") if area is not None else None
    if not box or not BOX.match(box.strip()):
        out.append(f"{where}: no PhysicalBox")
        return 210.0, 297.0
    _, _, width, height = (float(v) for v in box.split())
    return width, height


def _id(element, out: list[str], where: str) -> int:
    value = element.get("ID") or ""
    if not value.isdigit() or int(value) == 0:
        out.append(f"{where}: ID 「{value}」 is not a positive integer")
        return 0
    return int(value)


def _loc(base: str, loc: str) -> str:
    loc = loc.strip()
    return posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc))
