"""Decompression-bomb guard for zip-based files (.docx, .xlsx): check the directory, then read with a cap.

A zip's central directory declares each member's expanded size. An 11 MB .docx whose
``document.xml`` declares 2.5 GB is refused from the directory alone, before a byte is
inflated. A directory can lie, so every read also goes through :class:`CappedReader`,
which counts the bytes actually inflated and stops at the member's limit.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass

from scoring.extraction.errors import ExtractionError

MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """Expanded-size limits; a text-heavy 35 MB bid has a ~100 MB document.xml and ratio ~3-10."""

    max_member_bytes: int = 512 * MB
    max_total_bytes: int = 1024 * MB
    max_ratio: float = 100.0  # expanded / compressed, checked for members above ratio_floor_bytes
    ratio_floor_bytes: int = 1 * MB  # small members (a 40 KB styles.xml of spaces) may compress better
    max_members: int = 10_000


DEFAULT_LIMITS = ArchiveLimits()


class ArchiveTooLarge(ExtractionError):
    """The archive would expand beyond a limit: a decompression bomb or an unreasonably large file."""

    default_reason = "too_large"


def _mb(n: int) -> str:
    return f"{n / MB:,.0f} MB"


def check_archive(archive: zipfile.ZipFile, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """Refuse an archive by its declared sizes; reads no member."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ArchiveTooLarge(f"压缩包内文件数 {len(members):,} 超过上限 {limits.max_members:,}，已拒绝处理。")
    total = 0
    for info in members:
        if info.file_size > limits.max_member_bytes:
            raise ArchiveTooLarge(f"文件内部的“{info.filename}”解压后为 {_mb(info.file_size)}，超过单个部件 "
                                  f"{_mb(limits.max_member_bytes)} 的上限，可能是恶意构造的压缩炸弹，已拒绝处理。")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise ArchiveTooLarge(f"文件内部的“{info.filename}”压缩比为 {ratio:,.0f} 倍，超过 {limits.max_ratio:,.0f} "
                                  "倍的上限，可能是恶意构造的压缩炸弹，已拒绝处理。")
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ArchiveTooLarge(f"文件解压后共 {_mb(total)}，超过 {_mb(limits.max_total_bytes)} 的上限，"
                              "可能是恶意构造的压缩炸弹，已拒绝处理。")


class CappedReader:
    """A member's stream that refuses to inflate more than ``cap`` bytes, whatever the directory says."""

    def __init__(self, archive: zipfile.ZipFile, name: str, cap: int):
        self._stream = archive.open(name)
        self._name, self._cap, self._read = name, cap, 0

    def read(self, n: int = -1) -> bytes:
        room = self._cap + 1 - self._read  # one byte more than allowed, to notice the overrun
        if n == 0:
            return b""
        data = self._stream.read(room if n is None or n < 0 else min(n, room))
        self._read += len(data)
        if self._read > self._cap:
            raise ArchiveTooLarge(f"文件内部的“{self._name}”解压后超过 {_mb(self._cap)} 的上限"
                                  "（压缩包目录中的大小不实），已拒绝处理。")
        return data

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> CappedReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_capped(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """A small member (relationships, properties) whole, at most ``cap`` bytes."""
    with CappedReader(archive, name, cap) as reader:
        return reader.read()
