"""Issue 10, acceptance 2: before the opening, everything the server keeps yields no bid content, price or key.

A tender is published with three officers; a bid's bytes and a price form are sealed to
its public key with `envelope.write_records` and `envelope.seal`, as the bid intake does,
into the storage folder. Then every byte of the database (SQLite: the file with its WAL;
PostgreSQL: every table dumped through SQL), the storage folder, the instance folder and
the files written to the temporary folder during the test are searched for the plaintext,
the price, the tender's private key, the key-encryption key, the officers' private keys,
shares and passphrase: before the opening, and again while one of two shares is held.
The needles are only known after the opening (the test rebuilds them from the officers'
passphrases), so the search runs on copies taken before. A positive control checks the
search finds what is there (the public key, the sealed file's own bytes).
"""
from __future__ import annotations

import secrets
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from Crypto.Protocol.SecretSharing import Shamir

from tender.extensions import db
from tender.opening.keys import opened_private_key
from tender.opening.operations import share_context, unseal_tender
from tender.sealing import envelope
from tender.sealing.passphrase import unlock
from tender.sealing.shares import SHARE
from tender.unit_of_work import perform
from tests.at_rest import database_bytes, folder_bytes
from tests.factories import PASSPHRASE
from tests.opening.sealed import after_deadline, publish


def everything(app, started: float) -> dict[str, bytes]:
    db.session.commit()  # what the database holds, not what the session has pending
    return {"database": database_bytes(), "storage": folder_bytes(Path(app.config["STORAGE_PATH"])),
            "instance": folder_bytes(Path(app.instance_path)),
            "temp": folder_bytes(Path(tempfile.gettempdir()), since=started)}


def found(needles: dict[str, bytes], places: dict[str, bytes]) -> list[str]:
    return [f"{name} in {where}" for name, needle in needles.items() for where, blob in places.items()
            if needle in blob]


def rebuilt_secrets(seal, officers) -> dict[str, bytes]:
    """After the opening: the KEK, the officers' private keys and shares, rebuilt from their passphrases."""
    out, halves = {}, ([], [])
    for share in seal.shares:
        officer = next(o for o in officers if o.id == share.officer_id)
        private = unlock(share.officer_key.locked, PASSPHRASE)
        plain = envelope.open_sealed(private, share.sealed_share, share_context(officer.id, seal.public_key))
        index, a, b = SHARE.unpack(plain)
        halves[0].append((index, a))
        halves[1].append((index, b))
        out |= {f"officer {officer.id} private key": private, f"officer {officer.id} share": plain,
                f"officer {officer.id} share half": a}
    k = seal.threshold
    kek = Shamir.combine(halves[0][:k]) + Shamir.combine(halves[1][:k])
    return out | {"KEK": kek, "KEK first half": kek[:16], "KEK second half": kek[16:], "KEK hex": kek.hex().encode()}


def test_no_plaintext_price_or_key_is_recoverable_before_the_opening(app):
    started = time.time() - 1
    tender, officers = publish()
    seal = tender.seal
    marker = secrets.token_hex(16).encode()
    bid = b"".join(b"%s page %06d: service plan text. " % (marker, i) for i in range(60_000))  # ~3.5 MB
    total = f"98765{secrets.randbelow(10**4):04d}.21".encode()
    price = b'{"annual_total": "%s", "fee_per_m2_month": "2.85"}' % total
    bids = Path(app.config["STORAGE_PATH"]) / "bids"
    bids.mkdir(parents=True, exist_ok=True)
    with open(bids / "bid-1.tbr", "wb") as out:
        chunks = (bid[i:i + 65536] for i in range(0, len(bid), 65536))  # as an upload streams in
        records = envelope.write_records(out, seal.public_key, b"bid:1:tech", 0, chunks)
    (bids / "bid-1.price").write_bytes(envelope.seal(seal.public_key, price, b"bid:1:price"))
    assert records > 1

    before = everything(app, started)
    a, b, _ = officers
    now = after_deadline(tender)
    assert not perform(unseal_tender, tender, a, {a: PASSPHRASE}, now).opened
    during = everything(app, started)
    assert perform(unseal_tender, tender, b, {b: PASSPHRASE}, now + timedelta(minutes=1)).opened

    private = opened_private_key(seal)
    needles = {"bid plaintext": marker, "price": total, "tender private key": private,
               "tender private key hex": private.hex().encode(), "passphrase": PASSPHRASE.encode(),
               **rebuilt_secrets(seal, officers)}
    assert found(needles, before) == []
    assert found(needles, during) == []
    # The search itself works: it finds what is there.
    assert "public key in database" in found({"public key": seal.public_key}, before)
    assert "sealed bid in storage" in found({"sealed bid": (bids / "bid-1.tbr").read_bytes()[-4096:]}, before)
    # And what was sealed opens after the opening, whole.
    with open(bids / "bid-1.tbr", "rb") as source:
        assert b"".join(envelope.read_records(source, private, b"bid:1:tech", records)) == bid
    assert envelope.open_sealed(private, (bids / "bid-1.price").read_bytes(), b"bid:1:price") == price
