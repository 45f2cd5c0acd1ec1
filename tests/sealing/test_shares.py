"""The key split among opening officers and each officer's passphrase-locked key, with no app and no database."""
from __future__ import annotations

import itertools
import os

import pytest

from tender.sealing.envelope import new_keypair, open_sealed, public_of, seal
from tender.sealing.passphrase import WrongPassphrase, new_locked_key, relock, unlock
from tender.sealing.shares import SHARE, SharesError, rebuild_key, share_index, split_key


@pytest.fixture(scope="module")
def tender_key():
    private, public = new_keypair()
    return private, public


@pytest.mark.parametrize("k, n", [(1, 1), (1, 3), (2, 3), (3, 3), (3, 5)])
def test_any_k_shares_rebuild_the_key(tender_key, k, n):
    private, public = tender_key
    split = split_key(private, k, n, context=public)
    assert len(split.shares) == n and {share_index(s) for s in split.shares} == set(range(1, n + 1))
    for chosen in itertools.combinations(split.shares, k):
        assert rebuild_key(split.wrapped, list(chosen), k, public) == private
    assert rebuild_key(split.wrapped, list(split.shares), k, public) == private  # more than k: the first k are used


@pytest.mark.parametrize("k, n", [(2, 3), (3, 5)])
def test_k_minus_one_shares_do_not(tender_key, k, n):
    private, public = tender_key
    split = split_key(private, k, n, context=public)
    for chosen in itertools.combinations(split.shares, k - 1):
        with pytest.raises(SharesError, match="needed"):
            rebuild_key(split.wrapped, list(chosen), k, public)
        # Told k is smaller, Shamir interpolates a wrong key: the wrapped key's tag says so.
        with pytest.raises(SharesError, match="do not rebuild"):
            rebuild_key(split.wrapped, list(chosen), k - 1, public)


def test_the_same_share_twice_counts_once(tender_key):
    private, public = tender_key
    split = split_key(private, 2, 3, context=public)
    with pytest.raises(SharesError, match="1 distinct shares, 2 needed"):
        rebuild_key(split.wrapped, [split.shares[0], split.shares[0]], 2, public)


def test_a_damaged_share_or_another_tender_is_refused(tender_key):
    private, public = tender_key
    split = split_key(private, 2, 3, context=public)
    damaged = bytearray(split.shares[1])
    damaged[5] ^= 1
    with pytest.raises(SharesError):
        rebuild_key(split.wrapped, [split.shares[0], bytes(damaged)], 2, public)
    other = split_key(private, 2, 3, context=public)  # a second split of the same key: a different KEK
    with pytest.raises(SharesError):
        rebuild_key(split.wrapped, [split.shares[0], other.shares[1]], 2, public)
    _, another_public = new_keypair()
    with pytest.raises(SharesError):
        rebuild_key(split.wrapped, list(split.shares[:2]), 2, another_public)
    with pytest.raises(SharesError, match="bytes"):
        rebuild_key(split.wrapped, [split.shares[0][:-1], split.shares[1]], 2, public)


def test_nothing_of_the_secret_is_in_the_split(tender_key):
    private, public = tender_key
    split = split_key(private, 2, 3, context=public)
    assert all(len(s) == SHARE.size for s in split.shares)
    assert private not in split.wrapped and all(private[:16] not in s and private[16:] not in s for s in split.shares)


@pytest.mark.parametrize("k, n", [(0, 3), (4, 3), (1, 0), (2, 256)])
def test_impossible_thresholds(tender_key, k, n):
    with pytest.raises(ValueError):
        split_key(tender_key[0], k, n, context=tender_key[1])


@pytest.fixture(scope="module")
def officer_key():
    return new_locked_key("officer-passphrase-2026")


def test_the_passphrase_unlocks_the_officer_key_and_opens_a_sealed_share(officer_key):
    private = unlock(officer_key, "officer-passphrase-2026")
    assert public_of(private) == officer_key.public and private not in officer_key.wrapped
    share = os.urandom(SHARE.size)
    record = seal(officer_key.public, share, b"officer-share|1|tender")
    assert open_sealed(private, record, b"officer-share|1|tender") == share


@pytest.mark.parametrize("wrong", ["officer-passphrase-2027", "", "OFFICER-PASSPHRASE-2026",
                                   "officer-passphrase-2026 "])
def test_a_wrong_passphrase_fails(officer_key, wrong):
    with pytest.raises(WrongPassphrase):
        unlock(officer_key, wrong)


def test_a_changed_passphrase_keeps_the_key_pair(officer_key):
    changed = relock(officer_key, "officer-passphrase-2026", "a-new-passphrase-2026")
    assert changed.public == officer_key.public and changed.salt != officer_key.salt
    assert unlock(changed, "a-new-passphrase-2026") == unlock(officer_key, "officer-passphrase-2026")
    with pytest.raises(WrongPassphrase):
        unlock(changed, "officer-passphrase-2026")
    with pytest.raises(WrongPassphrase):
        relock(officer_key, "not-the-passphrase", "whatever-2026")


def test_a_wrapped_key_moved_to_another_public_key_does_not_open(officer_key):
    from dataclasses import replace

    other = new_locked_key("officer-passphrase-2026")
    with pytest.raises(WrongPassphrase):
        unlock(replace(officer_key, public=other.public), "officer-passphrase-2026")
