"""Structure checks of a tagged PDF, beyond what the pdfua package checks (pikepdf)."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}
CELLS = {"/TD", "/TH"}


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in the tree's order (the reading order)."""
    out: list[pikepdf.Dictionary] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for k in node:
                walk(k)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            out.append(node)
            walk(node.get("/K"))

    walk(pdf.Root.StructTreeRoot.K)
    return out


def structure_problems(data: bytes) -> list[str]:
    """What keeps a PDF from being tagged as PDF/UA asks: the catalog's flags; content neither tagged nor an
    artifact; figures without alternative text; headings that skip a level; cells outside rows; link
    annotations without a structure parent or a description; MCIDs the parent tree does not map."""
    pdf = pikepdf.open(io.BytesIO(data))
    out = []
    if "/StructTreeRoot" not in pdf.Root:
        return ["no structure tree"]
    if not pdf.Root.get("/MarkInfo", {}).get("/Marked", False):
        out.append("not marked as tagged")
    if not str(pdf.Root.get("/Lang", "")):
        out.append("no document language")
    els = elements(pdf)
    level = 0
    for el in els:
        role = str(el.S)
        if role == "/Figure" and not str(el.get("/Alt", "")).strip():
            out.append("a Figure without /Alt")
        if role in ("/H1", "/H2", "/H3"):
            n = int(role[2])
            if n > level + 1:
                out.append(f"heading level skipped: H{level} to H{n}")
            level = n
        if role in CELLS and str(el.P.S) != "/TR":
            out.append(f"a {role[1:]} outside a row")
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for i, page in enumerate(pdf.pages, start=1):
        depth, mcids = 0, 0
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name in ("BDC", "BMC"):
                depth += 1
                if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcids += 1
            elif name == "EMC":
                depth -= 1
            elif depth == 0 and name in PAINTING:
                out.append(f"page {i}: '{name}' outside any tag or artifact")
                break
        if mcids:
            key = int(page.obj.get("/StructParents", -1))
            if key not in parents or len(parents[key]) != mcids:
                out.append(f"page {i}: the parent tree does not map its {mcids} marked contents")
        for annot in page.obj.get("/Annots", []):
            described = "/StructParent" in annot and str(annot.get("/Contents", "")).strip()
            if annot.get("/Subtype") == pikepdf.Name.Link and not described:
                out.append(f"page {i}: a link without a structure parent or a description")
    return out


def _marked_text(page) -> dict[int, str]:
    """The text drawn inside each of a page's marked-content sequences, by MCID (pypdf's text extraction,
    told where each sequence begins and ends)."""
    stack: list[int | None] = []
    out: dict[int, list[str]] = {}

    def before(op: bytes, args: list, cm: object, tm: object) -> None:
        if op == b"BDC":
            props = args[1] if len(args) > 1 else None
            stack.append(int(props["/MCID"]) if isinstance(props, dict) and "/MCID" in props else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t: str, *_: object) -> None:
        # Text in an artifact nested in a marked sequence is not the sequence's.
        if stack and stack[-1] is not None:
            out.setdefault(stack[-1], []).append(t)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {m: "".join(parts) for m, parts in out.items()}


def reading_order(data: bytes) -> list[tuple[str, str]]:
    """(role, text) for every structure element that holds drawn content, in the structure tree's order,
    its text the marked content's, or a figure's alternative text (as a screen reader meets the
    document)."""
    pdf = pikepdf.open(io.BytesIO(data))
    reader = PdfReader(io.BytesIO(data))
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    texts: dict[int, dict[int, str]] = {}

    def marked(page: int, mcid: int) -> str:
        if page not in texts:
            texts[page] = _marked_text(reader.pages[page])
        return texts[page].get(mcid, "")

    out: list[tuple[str, str]] = []

    def walk(el: pikepdf.Dictionary) -> None:
        kids = el.get("/K", pikepdf.Array())
        kids = kids if isinstance(kids, pikepdf.Array) else pikepdf.Array([kids])
        own: list[str] = []
        for k in kids:
            if isinstance(k, int):
                own.append(marked(pages[el.Pg.objgen], int(k)))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.MCR:
                own.append(marked(pages[k.Pg.objgen], int(k.MCID)))
            elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                if own:
                    out.append((str(el.S)[1:], " ".join(" ".join(own).split())))
                    own = []
                walk(k)
        if own:
            text = str(el.Alt) if "/Alt" in el else " ".join(own)
            out.append((str(el.S)[1:], " ".join(text.split())))

    for k in pdf.Root.StructTreeRoot.K:
        walk(k)
    return out
