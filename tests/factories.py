"""Test data builders. Passwords are hashed once per session: Argon2 is slow on purpose."""
from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from tender.auth.models import User
from tender.auth.roles import Role
from tender.bidders.models import Company, CompanyFile, Shareholder
from tender.db import CHINA, utcnow
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Tender, TenderDocument
from tender.notices.procedures import Procedure, SaleMode
from tender.notices.workdays import is_workday

PASSWORD = "correct-horse-battery"
PASSPHRASE = "kaibiao-kouling-2026"  # every test officer's 开标口令
_seq = itertools.count(1)
_officer_slot = itertools.count()
OFFICER_KEYS = 6  # distinct key pairs made once per session: Argon2id is slow on purpose


@cache
def _hash() -> str:
    user = User()
    user.set_password(PASSWORD)
    return user.password_hash


def credit_code(n: int) -> str:
    """A valid 统一社会信用代码, different for each n."""
    from scoring.collusion.validators import uscc_check_char

    body = f"91330106MA{n:07d}"
    return body + uscc_check_char(body)


def id_number(n: int, year: int = 1950) -> str:
    """A valid 居民身份证号码, different for each n (and for each `year` series)."""
    from scoring.collusion.validators import id_check_char

    born = date(year, 1, 1) + timedelta(days=n)
    body = f"330106{born:%Y%m%d}{n % 1000:03d}"
    return body + id_check_char(body)


def make_company(name: str | None = None, complete: bool = True, **kw) -> Company:
    """A company; `complete` fills the registry record so it may sign up to a 前期物业 tender."""
    company = Company(name=name or f"测试物业服务有限公司{next(_seq)}", contact_name="联系人")
    db.session.add(company)
    if complete:
        complete_company(company)
    for key, value in kw.items():
        setattr(company, key, value)
    db.session.flush()
    return company


def complete_company(company: Company) -> Company:
    """Fill the registry record directly (no audit entries): valid codes, scope 物业管理, a licence row."""
    n = next(_seq)
    company.credit_code, company.legal_rep_name, company.legal_rep_id = credit_code(n), f"法人{n}", id_number(n)
    company.registered_capital, company.established_on = Decimal("500"), date(2010, 5, 1)
    company.address, company.business_scope = f"测试市测试路 {n} 号", "物业管理；停车场服务；保洁服务"
    company.contact_phone = company.contact_phone or f"0571-{n:08d}"
    company.contact_email = company.contact_email or f"c{n}@test.local"
    company.shareholders.append(Shareholder(name=f"股东{n}", identifier=id_number(n, 1975), share=Decimal("100")))
    company.files.append(CompanyFile(kind="license", title="营业执照", storage_key=f"test/{n}.pdf",
                                     filename="营业执照.pdf", size=1, content_type="application/pdf",
                                     sha256="0" * 64))
    db.session.flush()
    return company


def make_user(role: Role = Role.STAFF, company: Company | None = None, **kw) -> User:
    n = next(_seq)
    if role is Role.BIDDER and company is None:
        company = make_company()
    user = User(email=kw.pop("email", f"user{n}@test.local"), name=kw.pop("name", f"用户{n}"), role=role,
                company=company, password_hash=_hash(), **kw)
    db.session.add(user)
    db.session.flush()
    return user


@cache
def _locked_key(slot: int, passphrase: str):
    from tender.opening.officer_keys import kdf_params
    from tender.sealing.passphrase import new_locked_key

    return new_locked_key(passphrase, kdf_params())


def make_officer(role: Role = Role.OPENER, passphrase: str = PASSPHRASE, **kw) -> User:
    """An opening officer (开标人) with a key locked by `passphrase`, as the 开标密钥 page would make it."""
    from tender.opening.models import OfficerKey

    user = make_user(role, **kw)
    key = OfficerKey(user_id=user.id)
    key.store(_locked_key(next(_officer_slot) % OFFICER_KEYS, passphrase))
    db.session.add(key)
    db.session.flush()
    return user


def make_officers(n: int = 3) -> list[User]:
    return [make_officer() for _ in range(n)]


def workday_after(day, days: int):
    target = day + timedelta(days=days)
    while not is_workday(target):
        target += timedelta(days=1)
    return target


def valid_dates(procedure: Procedure = Procedure.OPEN, start=None) -> dict:
    """A schedule that satisfies every rule for the procedure, starting today in China."""
    start = start or datetime.now(CHINA).date()
    deadline = workday_after(start, 25 if procedure is not Procedure.QUOTES else 7)
    return dict(
        docs_from=datetime.combine(start, time(9), CHINA),
        docs_to=datetime.combine(start + timedelta(days=7), time(17), CHINA),
        question_deadline=datetime.combine(start + timedelta(days=2 if procedure is Procedure.QUOTES else 8),
                                           time(17), CHINA),
        bid_deadline=datetime.combine(deadline, time(9, 30), CHINA),
        validity_days=90,
        planned_award=deadline + timedelta(days=10),
    )


def make_tender(creator: User, procedure: Procedure = Procedure.OPEN, status=TenderStatus.DRAFT,
                **kw) -> Tender:
    fields = dict(
        reference=f"T-{next(_seq):05d}", title=kw.pop("title", "测试花园前期物业管理服务"), procedure=procedure,
        service_type="前期物业管理", tenderer="测试置业有限公司", location="测试市测试区一号",
        floor_area=Decimal("52000.00"), sale_mode=SaleMode.UNKNOWN, notice="招标公告正文。",
        created_by_id=creator.id, status=status,
    )
    fields.update(valid_dates(procedure))
    fields.update(kw)
    if status is not TenderStatus.DRAFT:  # every later state was published once
        fields.setdefault("published_at", fields.get("docs_from") or utcnow())
    method = fields.pop("method", True)  # method=False: a tender without a scoring method
    tender = Tender(**fields)
    db.session.add(tender)
    db.session.flush()
    if method:
        add_method(tender, creator)
    return tender


def add_method(tender: Tender, creator: User, key: str | None = None):
    """A valid scoring method from the procedure's first template, stored as staff would choose it.

    Written directly (not through `choose_template`) so a factory-made tender in any state gets one.
    """
    from scoring.evaluation import TEMPLATES, serial
    from tender.methods.models import TenderMethod
    from tender.methods.operations import templates_for

    key = key or next(iter(templates_for(tender)))
    row = TenderMethod(tender_id=tender.id, template=key, body=serial.dumps(TEMPLATES[key][1]()),
                       created_by_id=creator.id)
    db.session.add(row)
    db.session.flush()
    return row


def add_document(tender: Tender, uploader: User, data: bytes | None = None) -> TenderDocument:
    from tender.files import store_bytes

    saved = store_bytes("招标文件.pdf", data or minimal_pdf())
    document = TenderDocument(tender=tender, title="招标文件", uploaded_by_id=uploader.id, **saved.columns())
    db.session.add(document)
    db.session.flush()
    return document


def docx_bytes(*paragraphs: str) -> bytes:
    """A real .docx written by python-docx, with the given paragraphs."""
    import io

    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_text(data: bytes) -> str:
    """A PDF's text as PDFium reads it, without line breaks: what a reader would search."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf).replace("\r", "").replace("\n", "")
    finally:
        pdf.close()


def minimal_pdf(comment: bytes = b"") -> bytes:
    """A tiny valid one-page PDF, written by hand so tests need no PDF library.

    `comment` goes into a comment line after the header: padding for size, a marker to search for.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n" + (b"%" + comment.replace(b"\n", b" ") + b"\n" if comment else b""))
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
