"""Write small .pdf and .docx files for tests, without LibreOffice or embedded fonts.

The PDF uses a Type0 font with Identity-H encoding (CID = Unicode code point) and a
ToUnicode CMap mapping every CID to itself; text extraction needs no glyphs, so no
font file is embedded and the generated files are tiny and deterministic.
"""

from pathlib import Path

_CMAP_HEAD = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
_CMAP_TAIL = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _tounicode() -> bytes:
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    body = []
    for i in range(0, len(ranges), 100):
        chunk = ranges[i : i + 100]
        body.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange\n")
    return (_CMAP_HEAD + "".join(body) + _CMAP_TAIL).encode("ascii")


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def write_pdf(path: Path, pages: list[list[str]], metadata: dict[str, str] | None = None,
              drawing: bytes = b"") -> Path:
    """Write ``pages`` (each a list of lines, BMP characters only) as a PDF file.

    ``drawing``: raw content-stream operators added to every page (paths, positioned text in /F1).
    """
    objects: list[bytes] = []  # object i + 1
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled below
    objects.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
    )
    objects.append(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    objects.append(_stream(_tounicode()))
    kids = []
    for lines in pages:
        ops = [b"BT /F1 10 Tf 14 TL 40 800 Td"]
        for line in lines:
            ops.append(b"<" + line.encode("utf-16-be").hex().encode("ascii") + b"> Tj T*")
        ops.append(b"ET")
        if drawing:
            ops.append(drawing)
        objects.append(_stream(b"\n".join(ops)))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = None
    if metadata:
        fields = b" ".join(
            b"/%s <%s>" % (k.encode(), (b"\xfe\xff" + v.encode("utf-16-be")).hex().encode())
            for k, v in metadata.items()
        )
        objects.append(b"<< " + fields + b" >>")
        info = len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, blocks: list, core: dict[str, str] | None = None) -> Path:
    """Write paragraphs (str) and tables (list of rows of str) in order as a .docx file."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    for key, value in (core or {}).items():
        setattr(document.core_properties, key, value)
    document.save(str(path))
    return path
