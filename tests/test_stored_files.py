"""Stored files: random keys, sent only when the owner's can_read allows; the sealing primitive under bid keys."""
from __future__ import annotations

import hashlib

import pytest
from werkzeug.exceptions import NotFound

from tender.auth.roles import Role
from tender.errors import DomainError
from tender.extensions import db
from tender.files import StoredFileMixin, store_bytes
from tender.sealed_files import seal, unseal
from tests.factories import docx_bytes, make_user, minimal_pdf


def stored_file_models() -> list[type]:
    import tender.models  # noqa: F401 - every model, even when this file runs alone

    return [m.class_ for m in db.Model.registry.mappers if issubclass(m.class_, StoredFileMixin)]


def test_every_model_that_stores_files_says_who_may_read_them():
    models = stored_file_models()
    assert {m.__name__ for m in models} >= {"TenderDocument", "CompanyFile", "SimilarityDocument"}
    assert [m.__name__ for m in models if m.can_read is StoredFileMixin.can_read] == []


def test_storage_keys_are_random_and_say_nothing_about_the_content(app):
    data = minimal_pdf()
    first, second = store_bytes("a.pdf", data), store_bytes("a.pdf", data)
    digest = hashlib.sha256(data).hexdigest()
    assert first.storage_key != second.storage_key
    assert digest not in first.storage_key and first.sha256 == digest


def test_a_file_its_owner_does_not_let_the_user_read_is_not_found(app):
    from tests.factories import make_company

    company = make_company()
    owner, outsider = make_user(Role.BIDDER, company=company), make_user(Role.BIDDER)
    from tender.bidders.models import CompanyFile

    saved = store_bytes("执照.pdf", minimal_pdf())
    row = CompanyFile(company=company, kind="licence", title="营业执照", uploaded_by_id=owner.id, **saved.columns())
    db.session.add(row)
    db.session.flush()
    with app.test_request_context():
        assert row.send(owner).status_code == 200
        with pytest.raises(NotFound):
            row.send(outsider)


def test_a_sealed_blob_is_ciphertext_and_opens_only_with_its_wrapped_key(app):
    """The primitive that wraps every tender and bid key (tender/opening/keys.py, tender/bids/keys.py)."""
    data = docx_bytes("投标报价：壹佰贰拾万元整。服务承诺：业主满意率不低于百分之九十。")
    ciphertext, wrapped = seal(data)
    again, _ = seal(data)
    assert data not in ciphertext and b"word/document.xml" not in ciphertext and ciphertext != again
    assert unseal(ciphertext, wrapped) == data
    with pytest.raises(DomainError, match="无法解密"):
        unseal(again, wrapped)  # another file's data key


def test_a_sealed_blob_does_not_open_under_another_sealing_key_or_when_tampered(app):
    ciphertext, wrapped = seal(minimal_pdf())
    app.config["SEALING_KEY"] = "another key entirely"
    try:
        with pytest.raises(DomainError, match="无法解密"):
            unseal(ciphertext, wrapped)
    finally:
        app.config.pop("SEALING_KEY")
    tampered = bytearray(ciphertext)
    tampered[-1] ^= 1
    with pytest.raises(DomainError, match="无法解密"):
        unseal(bytes(tampered), wrapped)
