"""Sealed envelopes open only with the tender's private key, in their own context, in order and complete."""
from __future__ import annotations

import io
import os

import pytest

from tender.sealing.envelope import (
    SEGMENT,
    EnvelopeError,
    new_keypair,
    open_sealed,
    public_of,
    read_records,
    seal,
    write_records,
)

TEXT = "本公司承诺业主满意率不低于百分之九十，急修十五分钟到场。".encode()


@pytest.fixture(scope="module")
def keys():
    return new_keypair()


def test_a_record_opens_with_the_private_key_and_shows_no_plaintext(keys):
    private, public = keys
    record = seal(public, TEXT, b"bid-file-1")
    assert TEXT not in record and TEXT[:12] not in record
    assert open_sealed(private, record, b"bid-file-1") == TEXT
    assert public_of(private) == public


def test_the_same_bytes_seal_differently_each_time(keys):
    _, public = keys
    assert seal(public, TEXT, b"c") != seal(public, TEXT, b"c")


@pytest.mark.parametrize("context, index", [(b"bid-file-2", 0), (b"bid-file-1", 1)])
def test_a_record_moved_to_another_file_or_position_does_not_open(keys, context, index):
    private, public = keys
    record = seal(public, TEXT, b"bid-file-1", 0)
    with pytest.raises(EnvelopeError):
        open_sealed(private, record, context, index)


def test_another_tenders_key_does_not_open(keys):
    _, public = keys
    other_private, _ = new_keypair()
    with pytest.raises(EnvelopeError):
        open_sealed(other_private, seal(public, TEXT, b"c"), b"c")


def test_a_flipped_bit_is_found(keys):
    private, public = keys
    record = bytearray(seal(public, TEXT, b"c"))
    record[-20] ^= 1
    with pytest.raises(EnvelopeError):
        open_sealed(private, bytes(record), b"c")


def _sealed_stream(public, chunks, context=b"upload-7"):
    out = io.BytesIO()
    count = write_records(out, public, context, 0, chunks[:1])
    count += write_records(out, public, context, count, chunks[1:])  # a resumed upload: a second request
    return out.getvalue(), count


def test_a_stream_in_two_requests_reads_back_whole_and_in_order(keys):
    private, public = keys
    chunks = [os.urandom(SEGMENT + 5), b"tail" * 10, os.urandom(3)]
    blob, count = _sealed_stream(public, chunks)
    assert count == 4  # the first chunk spans two segments
    assert b"".join(read_records(io.BytesIO(blob), private, b"upload-7", count)) == b"".join(chunks)


def test_a_truncated_or_extended_stream_is_refused(keys):
    private, public = keys
    blob, count = _sealed_stream(public, [b"a" * 100, b"b" * 100])
    with pytest.raises(EnvelopeError, match="ends after"):
        list(read_records(io.BytesIO(blob), private, b"upload-7", count + 1))
    with pytest.raises(EnvelopeError, match="after the last"):
        list(read_records(io.BytesIO(blob + b"x"), private, b"upload-7", count))
    with pytest.raises(EnvelopeError, match="cut short"):
        list(read_records(io.BytesIO(blob[:-3]), private, b"upload-7", count))
