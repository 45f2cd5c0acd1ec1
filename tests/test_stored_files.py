"""Stored files: random keys, sent only when the owner's can_read allows; sealed files are ciphertext until unsealed."""
from __future__ import annotations

import hashlib

import pytest
from werkzeug.exceptions import NotFound

from tender.auth.roles import Role
from tender.errors import DomainError
from tender.extensions import db
from tender.files import StoredFileMixin, storage_root, store_bytes
from tender.sealed_files import SealedFileMixin, store_sealed
from tests.factories import docx_bytes, make_user, minimal_pdf


def stored_file_models() -> list[type]:
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


class Sealed(SealedFileMixin):
    """An unmapped owner for the mixin: bids (the first mapped owner) come with sealed intake."""

    def __init__(self, saved, wrapped, opened=False):
        for name, value in saved.columns().items():
            setattr(self, name, value)
        self.wrapped_key, self.opened = wrapped, opened

    @property
    def unsealed(self) -> bool:
        return self.opened

    def can_read(self, user) -> bool:
        return user.is_staff


def test_a_sealed_file_is_ciphertext_on_disk(app):
    data = docx_bytes("投标报价：壹佰贰拾万元整。服务承诺：业主满意率不低于百分之九十。")
    saved, wrapped = store_sealed("技术标.docx", data)
    on_disk = (storage_root() / saved.storage_key).read_bytes()
    assert saved.sha256 == hashlib.sha256(data).hexdigest() and saved.size == len(data)
    assert data not in on_disk and b"word/document.xml" not in on_disk
    assert hashlib.sha256(on_disk).hexdigest() != saved.sha256


def test_nobody_reads_a_sealed_file_before_it_is_unsealed(app):
    data = minimal_pdf()
    sealed = Sealed(*store_sealed("报价.pdf", data))
    admin = make_user(Role.ADMIN)
    with pytest.raises(DomainError, match="密封"):
        sealed.read_bytes()
    with app.test_request_context(), pytest.raises(NotFound):
        sealed.send(admin)
    sealed.opened = True
    assert sealed.read_bytes() == data
    with app.test_request_context():
        assert sealed.send(admin).status_code == 200


def test_a_sealed_file_does_not_open_under_another_key_or_when_tampered(app):
    data = minimal_pdf()
    saved, wrapped = store_sealed("报价.pdf", data)
    sealed = Sealed(saved, wrapped, opened=True)
    app.config["SEALING_KEY"] = "another key entirely"
    try:
        with pytest.raises(DomainError, match="无法解密"):
            sealed.read_bytes()
    finally:
        app.config.pop("SEALING_KEY")
    path = storage_root() / saved.storage_key
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(DomainError, match="无法解密"):
        sealed.read_bytes()


def test_sealed_uploads_are_checked_like_any_other(app):
    with pytest.raises(DomainError, match="不是有效的"):
        store_sealed("报价.pdf", b"%PDF-1.7 not really a pdf")
