"""Hand-written PDFs for the hostile corpus: a valid one with text, and genuinely encrypted ones.

No PDF library writes encrypted files here (pikepdf is not a dependency), so the
standard security handler (RC4, revision 2, PDF 1.7 section 7.6.3) is done by hand:
pdfium must really decrypt, or really refuse without the password.
"""
from __future__ import annotations

import hashlib

# PDF 1.7, 7.6.3.3 algorithm 2: the padding string.
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = hashlib.md5(b"tender hostile corpus").digest()


def rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: bytes) -> bytes:
    return (password + PAD)[:32]


def _security(user: bytes, owner: bytes, permissions: int = -4) -> tuple[bytes, bytes, bytes]:
    """(O, U, file key) for revision 2 with a 40-bit key."""
    o_value = rc4(hashlib.md5(_padded(owner)).digest()[:5], _padded(user))
    key = hashlib.md5(_padded(user) + o_value + permissions.to_bytes(4, "little", signed=True) + FILE_ID).digest()[:5]
    return o_value, rc4(key, PAD), key


def _object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]


def text_stream(lines: list[str]) -> bytes:
    body = ["BT /F1 12 Tf 20 760 Td 14 TL"]
    body += [f"({line}) '" for line in lines]
    body.append("ET")
    return "\n".join(body).encode("latin-1")


def build_pdf(pages: list[list[str]], user: bytes | None = None, owner: bytes = b"owner") -> bytes:
    """A PDF with one text stream per page (ASCII text, Helvetica); encrypted when `user` is given."""
    security = _security(user, owner) if user is not None else None
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for i, lines in enumerate(pages):
        page_no, content_no = 4 + 2 * i, 5 + 2 * i
        objects[page_no] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_no} 0 R >>").encode()
        stream = text_stream(lines)
        if security:
            stream = rc4(_object_key(security[2], content_no), stream)
        objects[content_no] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
    trailer_extra = b""
    if security:
        enc_no = max(objects) + 1
        objects[enc_no] = (b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + security[0].hex().encode()
                           + b"> /U <" + security[1].hex().encode() + b"> >>")
        trailer_extra = f" /Encrypt {enc_no} 0 R".encode()
    return _assemble(objects, trailer_extra)


def _assemble(objects: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() if n in offsets else b"0000000000 65535 f \n"
                    for n in range(1, size))
    out += (f"trailer\n<< /Size {size} /Root 1 0 R /ID [<{FILE_ID.hex()}> <{FILE_ID.hex()}>]".encode()
            + trailer_extra + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def raw_pdf(objects: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    """A structurally complete PDF around arbitrary (possibly hostile) object bodies."""
    return _assemble(objects, trailer_extra)
