"""A deterministic corpus of hostile uploads: empty, truncated, corrupt, encrypted, mislabelled, bombs.

`write_corpus(folder)` writes every file once (numbered, so odd upload names never touch
the file system) and returns what to upload: the name the client claims, where the bytes
are, the category, and whether the file is a decompression bomb. Random bytes come from
a seeded generator, so each run feeds exactly the same files.
"""
from __future__ import annotations

import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.robustness.pdf_bytes import build_pdf, raw_pdf
from tests.robustness.zip_bytes import (
    CONTENT_TYPES,
    DOC_HEAD,
    DOC_TAIL,
    RELS,
    document_xml,
    docx_parts,
    lie_about_sizes,
    make_docx,
    make_zip,
    paragraph,
    set_method,
    write_bomb_docx,
)

BOMB_EXPANDED = 1100 * 1024 * 1024  # > 1 GB of document.xml from about 1 MB on disk
CUTS = 40  # cut points for each truncated file


@dataclass(frozen=True)
class HostileFile:
    name: str  # the file name the client sends (may hold NUL, "../", 1,000 characters)
    path: Path
    category: str
    bomb: bool = False

    def read(self) -> bytes:
        return self.path.read_bytes()


def sample_lines(n: int = 60) -> list[str]:
    return [f"Property management service plan, section {i // 10 + 1}, clause {i % 10 + 1}: cleaning and security."
            for i in range(n)]


def good_pdf(tag: str = "") -> bytes:
    """A readable two-page PDF; `tag` makes its bytes differ from every other file (no double-submit shortcut)."""
    lines = sample_lines()
    return build_pdf([lines[:30], lines[30:] + [tag]])


def good_docx(tag: str = "") -> bytes:
    return make_docx([f"第{i + 1}条 物业服务方案：保洁、绿化、秩序维护，每日巡查并记录。" for i in range(60)] + [tag])


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def _cut_points(size: int) -> list[int]:
    """Cuts spread over the file, plus the places parsers care most about: the start and the last bytes."""
    points = {1, 4, 5, 8, 16, 64, size - 1, size - 2, size - 8, size - 30, size - 60}
    points |= {size * k // CUTS for k in range(1, CUTS)}
    return sorted(p for p in points if 0 < p < size)[:CUTS]


def _empty() -> Iterator[tuple[str, bytes, str]]:
    for name in ("empty.pdf", "empty.docx", "empty.txt", "empty.png", "empty.jpg", "empty"):
        yield name, b"", "zero-byte"


def _truncated() -> Iterator[tuple[str, bytes, str]]:
    for kind, data in (("pdf", good_pdf()), ("docx", good_docx())):
        for cut in _cut_points(len(data)):
            yield f"truncated-{cut:06d}.{kind}", data[:cut], f"truncated-{kind}"


def _garbage_pdfs(rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    yield "header-only.pdf", b"%PDF-2.0", "pdf-garbage"  # "%PDF-" alone is the 5-byte truncation
    yield "header-line.pdf", b"%PDF-1.7\n", "pdf-garbage"
    yield "header-eof.pdf", b"%PDF-1.7\n%%EOF\n", "pdf-garbage"
    for size in (16, 512, 4096, 65536, 1 << 20):
        yield f"garbage-{size}.pdf", b"%PDF-1.7\n" + rng.randbytes(size), "pdf-garbage"
    yield "text-body.pdf", b"%PDF-1.4\n" + "这不是 PDF，只是文字。\n".encode() * 200, "pdf-garbage"
    yield "html-body.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "pdf-garbage"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    yield "no-pages.pdf", raw_pdf({1: catalog}), "pdf-structure"
    yield "pages-loop.pdf", raw_pdf({1: catalog, 2: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}), "pdf-structure"
    yield "count-huge.pdf", raw_pdf({1: catalog, 2: b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
                                     3: page}), "pdf-structure"
    yield "length-huge.pdf", raw_pdf({1: catalog, 2: pages, 3: page[:-2] + b"/Contents 4 0 R >>",
                                      4: b"<< /Length 999999999 >>\nstream\nBT ET\nendstream"}), "pdf-structure"
    yield "flate-bad.pdf", raw_pdf({1: catalog, 2: pages, 3: page[:-2] + b"/Contents 4 0 R >>",
                                    4: b"<< /Length 64 /Filter /FlateDecode >>\nstream\n" + rng.randbytes(64)
                                    + b"\nendstream"}), "pdf-structure"
    yield "root-missing.pdf", raw_pdf({2: pages, 3: page}), "pdf-structure"
    xref_broken = bytearray(good_pdf())
    xref_broken[xref_broken.rfind(b"startxref") + 10:] = b"99999999\n%%EOF\n"
    yield "startxref-outside.pdf", bytes(xref_broken), "pdf-structure"
    yield "js-open-action.pdf", raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", 2: pages,
                                         3: page, 4: b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"}),\
        "pdf-structure"


def _encrypted() -> Iterator[tuple[str, bytes, str]]:
    lines = sample_lines(30)
    yield "encrypted-user-password.pdf", build_pdf([lines], user=b"secret"), "encrypted"
    yield "encrypted-long-password.pdf", build_pdf([lines], user=b"x" * 32, owner=b"y" * 32), "encrypted"
    yield "encrypted-owner-only.pdf", build_pdf([lines], user=b""), "encrypted"
    enc = b"<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32 + b"> >>"
    yield "encrypted-aes-garbage.pdf", raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                                2: b"<< /Type /Pages /Kids [] /Count 0 >>", 3: enc},
                                               b" /Encrypt 3 0 R"), "encrypted"
    yield "encrypt-missing-object.pdf", raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                                 2: b"<< /Type /Pages /Kids [] /Count 0 >>"},
                                                b" /Encrypt 9 0 R"), "encrypted"
    yield "encrypted-unknown-filter.pdf", raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                                                   2: b"<< /Type /Pages /Kids [] /Count 0 >>",
                                                   3: b"<< /Filter /Adobe.PubSec /V 5 /R 6 >>"},
                                                  b" /Encrypt 3 0 R"), "encrypted"
    encrypted_zip = set_method(good_docx(), zipfile.ZIP_DEFLATED, flag_bits=0x1)
    yield "zip-encryption-flag.docx", encrypted_zip, "encrypted"


def _bad_docx(rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    head = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)]
    yield "no-document-xml.docx", make_zip(head), "docx-structure"
    yield "only-document-xml.docx", make_zip([("word/document.xml", document_xml(["正文"]))]), "docx-structure"
    yield "empty-zip.docx", make_zip([]), "docx-structure"
    yield "rels-point-nowhere.docx", make_zip([head[0], ("_rels/.rels", RELS.replace("word/document.xml", "x.xml")),
                                               ("word/document.xml", document_xml(["正文"]))]), "docx-structure"
    yield "no-rels.docx", make_zip([head[0], ("word/document.xml", document_xml(["正文"]))]), "docx-structure"
    yield "duplicate-entries.docx", make_zip(docx_parts(document_xml(["一"])) + [("word/document.xml", "<x/>")]),\
        "docx-structure"
    corrupt_bodies = {
        "unclosed-tag": DOC_HEAD + "<w:p><w:r><w:t>未闭合",
        "not-xml": "这根本不是 XML",
        "empty-body": "",
        "wrong-root": "<html><body><script>alert(1)</script></body></html>",
        "bad-utf8": (DOC_HEAD + paragraph("X")).encode() + b"\xff\xfe\xfa" + DOC_TAIL.encode(),
        "nul-in-xml": DOC_HEAD + paragraph("A\x00B") + DOC_TAIL,
        "undeclared-prefix": "<w:document><w:body>" + paragraph("前缀") + DOC_TAIL,
        "billion-laughs": ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">'
                           + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
                           + "]>" + DOC_HEAD.split("?>", 1)[1] + paragraph("&lol9;") + DOC_TAIL),
        "external-entity": ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                            + DOC_HEAD.split("?>", 1)[1] + paragraph("&xxe;") + DOC_TAIL),
        "deep-nesting": DOC_HEAD + "<w:p>" * 20000 + "</w:p>" * 20000 + DOC_TAIL,
        "binary": rng.randbytes(4096),
    }
    for label, body in corrupt_bodies.items():
        yield f"corrupt-{label}.docx", make_zip(docx_parts(body)), "docx-corrupt-xml"
    good = good_docx()
    for method, label in ((zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "lzma"), (99, "aes"), (12345, "unknown")):
        yield f"method-{label}.docx", set_method(good, method), "docx-method"
    yield "stored-garbage.docx", make_zip(docx_parts(rng.randbytes(8192)), zipfile.ZIP_STORED), "docx-corrupt-xml"
    flipped = bytearray(good)
    for at in range(200, len(flipped) - 200, 97):
        flipped[at] ^= 0x55
    yield "bit-flipped.docx", bytes(flipped), "docx-corrupt-xml"
    yield "many-entries.docx", make_zip(docx_parts(document_xml(["正文"]))
                                        + [(f"word/media/{i}.bin", b"x") for i in range(5000)]), "docx-structure"


def _traversal_and_nesting() -> Iterator[tuple[str, bytes, str]]:
    body = document_xml(["正文"])
    for bad in ("../../../../tmp/evil.txt", "/etc/cron.d/evil", "C:\\Windows\\evil.dll", "word/../../evil.xml",
                "word/\x00evil.xml", "..\\..\\evil.xml"):
        yield "traversal.docx", make_zip(docx_parts(body) + [(bad, b"owned")]), "zip-traversal"
    inner = make_zip([("inner.zip", make_zip([("deepest.txt", "x" * 10000)]))])
    yield "nested-zip-entry.docx", make_zip(docx_parts(body) + [("word/embeddings/a.zip", inner)]), "nested-zip"
    yield "document-is-zip.docx", make_zip(docx_parts(good_docx())), "nested-zip"
    yield "zip-in-zip.docx", make_zip([("a.docx", good_docx())]), "nested-zip"
    level = good_docx()
    for _ in range(5):
        level = make_zip([("word/document.xml", level), ("[Content_Types].xml", CONTENT_TYPES)])
    yield "nested-5-levels.docx", level, "nested-zip"


def _mislabelled(rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    contents = {
        "png": tiny_png(),
        "exe": b"MZ\x90\x00\x03\x00\x00\x00" + rng.randbytes(2048),
        "elf": b"\x7fELF\x02\x01\x01\x00" + rng.randbytes(2048),
        "html": b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        "docx": good_docx("mislabelled"),
        "pdf": good_pdf("mislabelled"),
        "text": "投标文件正文，只是文字。\n".encode() * 50,
        "ole-doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4096),
        "gzip": b"\x1f\x8b\x08\x00" + rng.randbytes(512),
        "rar": b"Rar!\x1a\x07\x00" + rng.randbytes(512),
        "jpeg-soi-only": b"\xff\xd8\xff\xe0",
        "png-no-iend": tiny_png()[:-12],
    }
    for extension in ("pdf", "docx", "txt", "png", "jpg"):
        for label, data in contents.items():
            if label != extension:
                data = good_docx(f"is-docx.{extension}") if label == "docx" else _distinct(data, extension)
                yield f"is-{label}.{extension}", data, "mislabelled"
    for name in ("plan.exe", "plan.html", "plan.svg", "plan.js", "plan.doc", "plan.wps", "plan.pdf.exe",
                 "plan", "plan.PDF", "plan.Docx", "plan.pdf ", "plan.pdf.", "plan.zip"):
        data = good_docx(name) if "docx" in name.lower() or name.endswith(".zip") else good_pdf(name)
        yield name, data, "wrong-extension"


def _distinct(data: bytes, tag: str) -> bytes:
    """The same content under another name gets other bytes, so each upload is judged on its own."""
    if data.startswith(b"PK"):
        return data  # a zip keeps its meaning only as written; the docx variants are built distinct
    return data + f"\n{tag}\n".encode()


def _names() -> Iterator[tuple[str, bytes, str]]:
    pdf = good_pdf()
    names = ["nul\x00byte.pdf", "\x00.pdf", "a" * 300 + ".pdf", "长" * 1000 + ".pdf", "x" * 5000 + ".pdf",
             "../../../etc/passwd.pdf", "..\\..\\boot.pdf", "C:\\secret\\plan.pdf", "/abs/plan.pdf",
             "line\nbreak.pdf", "tab\tname.pdf", "rtl\u202egnp.pdf", "<script>alert(1)</script>.pdf",
             "\"'><img src=x onerror=alert(1)>.pdf", "..pdf", ".pdf", "   .pdf", "🏢投标文件.pdf",
             "CON.pdf", "a/b/c.pdf", "e\u0301tude.pdf", "%2e%2e%2fplan.pdf", "plan.pdf\x00.exe"]
    for index, name in enumerate(names):
        yield name, pdf + f"\n%{index}\n".encode(), "odd-name"  # distinct bytes: no de-duplication


def _texts(rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    yield "gbk.txt", "投标文件正文，GBK 编码。".encode("gbk") * 40, "text"
    yield "utf16.txt", "投标文件正文".encode("utf-16"), "text"
    yield "bom-only.txt", b"\xef\xbb\xbf", "text"
    yield "nul-text.txt", b"abc\x00def" * 100, "text"
    yield "script.txt", b"<script>alert(1)</script>\n" * 10, "text"
    yield "one-long-line.txt", ("物业" * 1_000_000).encode(), "text"
    yield "random.txt", rng.randbytes(10000), "text"
    yield "control-chars.txt", bytes(range(1, 32)) * 100, "text"


def _bombs(folder: Path) -> Iterator[HostileFile]:
    """Decompression bombs: big expansions from small files, and one that lies about its size."""
    big = folder / "bomb-1gb.docx"
    write_bomb_docx(big, BOMB_EXPANDED)
    yield HostileFile("标书-bomb.docx", big, "bomb", bomb=True)
    liar = folder / "bomb-lying-size.docx"
    liar_source = folder / "bomb-lying-source.docx"
    write_bomb_docx(liar_source, 200 * 1024 * 1024)
    liar.write_bytes(lie_about_sizes(liar_source.read_bytes()))
    liar_source.unlink()
    yield HostileFile("bomb-lying-size.docx", liar, "bomb", bomb=True)
    ratio = folder / "bomb-ratio.docx"
    ratio.write_bytes(make_zip(docx_parts(DOC_HEAD + paragraph("A" * (300 * 1024 * 1024)) + DOC_TAIL)))
    yield HostileFile("bomb-one-paragraph.docx", ratio, "bomb", bomb=True)


def _small(rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    for source in (_empty(), _truncated(), _garbage_pdfs(rng), _encrypted(), _bad_docx(rng),
                   _traversal_and_nesting(), _mislabelled(rng), _names(), _texts(rng)):
        yield from source


def write_corpus(folder: Path) -> list[HostileFile]:
    """Write the corpus into `folder` (created if needed) and list it; same bytes every time."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261202)
    files = []
    for index, (name, data, category) in enumerate(_small(rng)):
        path = folder / f"{index:04d}.bin"
        path.write_bytes(data)
        files.append(HostileFile(name, path, category))
    files.extend(_bombs(folder))
    return files
