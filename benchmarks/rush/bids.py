"""Each bidder's bid, made on disk before the rush: three PDFs of distinct seeded random filler, and a price.

The filler is a PDF comment (no line breaks in it), so every file is a real one-page PDF
that the intake's content check accepts, and no two bidders' bytes agree anywhere but in
the PDF skeleton. The files are written once and read back chunk by chunk as a browser
reads the chosen file; their SHA-256 is what the bidder expects on its receipt.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

MIB = 1 << 20
PARTS = (("business", "商务标.pdf", 0.5), ("technical", "技术标.pdf", 0.4), ("price", "报价文件.pdf", 0.1))
NO_NEWLINES = bytes.maketrans(b"\r\n", b"  ")
RESIDENTIAL_AREA, SHOP_AREA, SHOP_FEE = 30000, 2550, Decimal("6.00")


@dataclass
class BidFileSpec:
    part: str
    filename: str
    path: Path
    size: int
    sha256: str


@dataclass
class BidderSpec:
    number: int
    email: str
    company_id: int
    files: list[BidFileSpec] = field(default_factory=list)
    fee: Decimal = Decimal("2.50")

    @property
    def price(self) -> dict[str, str]:
        """The 报价一览表 fields; the annual total agrees with fee × area × 12, and differs per bidder."""
        total = (self.fee * RESIDENTIAL_AREA + SHOP_FEE * SHOP_AREA) * 12
        return {"annual_total": f"{total:.2f}",
                "fees": f"住宅 | {self.fee:.2f} | {RESIDENTIAL_AREA}\n商业 | {SHOP_FEE:.2f} | {SHOP_AREA}",
                "staffing": "项目经理 | 1 | 12000\n保安 | 8 | 4200"}

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


def write_pdf(path: Path, size: int, seed: int, marker: bytes) -> str:
    """A valid one-page PDF of exactly `size` bytes; returns its SHA-256."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    head = b"%PDF-1.7\n%" + marker + b" "

    def tail(start: int) -> bytes:
        out, offsets = bytearray(b"\n"), []
        for i, body in enumerate(objects, 1):
            offsets.append(start + len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = start + len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref:010d}\n%%EOF\n".encode()
        return bytes(out)

    filler = size - len(head) - len(tail(0))  # fixed-width startxref: the tail's length does not depend on start
    if filler < 0:
        raise ValueError(f"{size} bytes is too small for a PDF")
    rng, digest = random.Random(seed), hashlib.sha256()
    with open(path, "wb") as out:
        for piece in (head,) + tuple(_filler(rng, filler)) + (tail(len(head) + filler),):
            out.write(piece)
            digest.update(piece)
    assert path.stat().st_size == size
    return digest.hexdigest()


def _filler(rng: random.Random, n: int):
    while n > 0:
        step = min(n, MIB)
        yield rng.randbytes(step).translate(NO_NEWLINES)
        n -= step


def make_bid(folder: Path, number: int, total: int) -> list[BidFileSpec]:
    """Bidder `number`'s three files, `total` bytes in all (half, two fifths, one tenth)."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(total * share) for _, _, share in PARTS]
    sizes[0] += total - sum(sizes)
    specs = []
    for (part, filename, _), size in zip(PARTS, sizes, strict=True):
        path = folder / f"{number:03d}-{part}.pdf"
        marker = f"BIDDER-{number:03d}-{part.upper()}".encode()
        sha = write_pdf(path, size, seed=number * 10 + len(specs), marker=marker)
        specs.append(BidFileSpec(part, filename, path, size, sha))
    return specs


def chunk_end(offset: int, size: int, chunk: int, chunk_max: int) -> int:
    """Where the chunk starting at `offset` ends: as the upload script does, the last chunk takes a small remainder."""
    end = min(offset + chunk, size)
    return size if size - end < chunk / 4 and size - offset <= chunk_max else end


def chunks(path: Path, chunk: int, chunk_max: int):
    """(offset, bytes) of the file in protocol-sized chunks, read as the browser slices the chosen file."""
    size = path.stat().st_size
    with open(path, "rb") as source:
        offset = 0
        while offset < size:
            data = source.read(chunk_end(offset, size, chunk, chunk_max) - offset)
            yield offset, data
            offset += len(data)
