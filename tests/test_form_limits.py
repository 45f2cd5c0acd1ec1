"""Forms agree with columns (issue 8, defects 9 and 11).

`test_every_form_field_fits_its_column` imports every forms module under tender/,
finds every form class and checks each field's declared limit against the column
in the migrated database (reflected, so it runs against SQLite and PostgreSQL
alike), then feeds the field a value just past that limit. A new field without a
`Bounded` validator fails it. The route tests post the hostile values the issue
lists and expect a Chinese message, never a 500.
"""
from __future__ import annotations

import importlib
import io
import pkgutil
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.csrf.core import CSRFTokenField

import tender
from tender.auth.roles import Role
from tender.extensions import db
from tender.forms import INT_MAX, MAX_LINES, Bounded, Choice, Fits, Free, Lines, UploadField, numeric_bound
from tender.notices.lifecycle import TenderStatus
from tests.factories import add_document, credit_code, id_number, make_tender, make_user, minimal_pdf

TEXT_CAP = 20_000  # the most any single text field may take
FREE_CAP = 1_000  # the most a field that is not stored may take
FOREIGN = ("0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01")


def form_classes() -> list[type[FlaskForm]]:
    found = []
    for module_info in pkgutil.walk_packages(tender.__path__, "tender."):
        if module_info.name.rsplit(".", 1)[-1] != "forms":
            continue
        module = importlib.import_module(module_info.name)
        found += [obj for obj in vars(module).values() if isinstance(obj, type) and issubclass(obj, FlaskForm)
                  and obj.__module__ == module.__name__]
    return sorted(found, key=lambda c: (c.__module__, c.__name__))


def test_the_walk_finds_the_forms():
    names = {c.__name__ for c in form_classes()}
    assert {"TenderForm", "AmendForm", "CompanyForm", "AuditFilterForm", "LoginForm", "CompareForm"} <= names
    assert len(names) >= 20


def build(form_class, data: dict | None = None):
    formdata = MultiDict(data or {})
    return form_class(formdata=formdata, meta={"csrf": False})


def errors_for(app, form_class, name: str, value) -> list[str]:
    with app.test_request_context(method="POST"):
        form = build(form_class, {name: value})
        form.validate()
        return list(getattr(form, name).errors)


def live_column(inspector, column: sa.Column) -> dict:
    """The column as the migrations created it in this database."""
    table = column.table.name
    return next(c for c in inspector.get_columns(table) if c["name"] == column.name)


def check_fits(app, inspector, form_class, field, rule: Fits) -> list[str]:
    problems, name = [], field.name
    live = live_column(inspector, rule.column)
    kind = live["type"]
    where = f"{form_class.__name__}.{name} → {rule.column.table.name}.{rule.column.name}"
    if isinstance(field, (SelectField, SelectMultipleField)):
        length = getattr(kind, "length", None)
        for choice in field.choices or ():
            value = choice.value if hasattr(choice, "value") else choice[0]
            if length is not None and len(str(value)) > length:
                problems.append(f"{where}: choice {value!r} longer than {length}")
        return problems
    if isinstance(field, UploadField):
        if UploadField.MAX_NAME > (getattr(kind, "length", None) or 0):
            problems.append(f"{where}: upload names of {UploadField.MAX_NAME} do not fit")
        return problems
    if isinstance(rule.type, sa.Boolean):
        if not isinstance(field, BooleanField):
            problems.append(f"{where}: a boolean column needs a BooleanField")
        return problems
    if isinstance(kind, sa.String) and not isinstance(rule.type, (sa.Date, sa.DateTime)) \
            and not isinstance(field, (DateField, DateTimeLocalField)):
        limit = kind.length or TEXT_CAP
        if rule.max_chars is None or rule.max_chars > limit or rule.max_chars > TEXT_CAP:
            problems.append(f"{where}: allows {rule.max_chars} characters, column holds {kind.length}")
        elif not errors_for(app, form_class, name, "字" * (rule.max_chars + 1)):
            problems.append(f"{where}: {rule.max_chars + 1} characters were accepted")
        return problems
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        bound = numeric_bound(kind)
        if not isinstance(field, DecimalField) or field.places != kind.scale:
            problems.append(f"{where}: a Numeric({kind.precision}, {kind.scale}) needs a DecimalField(places=scale)")
        for value in (str(bound + Decimal(10) ** -kind.scale), str(-bound - 1), "1e20", "NaN", "Infinity", "sNaN"):
            if not errors_for(app, form_class, name, value):
                problems.append(f"{where}: {value} was accepted by a Numeric({kind.precision}, {kind.scale})")
        return problems
    if isinstance(kind, sa.Integer):
        if not isinstance(field, IntegerField):
            problems.append(f"{where}: an integer column needs an IntegerField")
        for value in (str(INT_MAX + 1), str(-INT_MAX - 2), "9" * 30):
            if not errors_for(app, form_class, name, value):
                problems.append(f"{where}: {value} was accepted by a 32-bit integer column")
        return problems
    if isinstance(kind, (sa.Date, sa.DateTime)) or isinstance(rule.type, (sa.Date, sa.DateTime)):
        for day in FOREIGN:
            value = f"{day}T00:00" if isinstance(field, DateTimeLocalField) else day
            if not errors_for(app, form_class, name, value):
                problems.append(f"{where}: {value} was accepted")
        return problems
    return [f"{where}: no check for a {kind!r} column"]


def check_lines(app, form_class, field, rule: Lines, inspector) -> list[str]:
    problems, where = [], f"{form_class.__name__}.{field.name}"
    if rule.max_lines > MAX_LINES:
        problems.append(f"{where}: {rule.max_lines} lines allowed")
    for part, column in rule.columns.items():
        live = live_column(inspector, column)["type"]
        row = {p: good_part(rule.columns[p]) for p in rule.columns}
        if isinstance(live, sa.String):
            row[part] = "字" * (live.length + 1)
        else:
            row[part] = str(numeric_bound(live) * 10)
        if not errors_for(app, form_class, field.name, " | ".join(row.values())):
            problems.append(f"{where}: an over-long {part} was accepted")
    line = " | ".join(good_part(c) for c in rule.columns.values())
    if not errors_for(app, form_class, field.name, "\n".join([line] * (rule.max_lines + 1))):
        problems.append(f"{where}: {rule.max_lines + 1} lines were accepted")
    return problems


def good_part(column) -> str:
    return "1" if isinstance(column.type, sa.Numeric) else "甲"


def field_problems(app, inspector, form_class) -> list[str]:
    problems = []
    with app.test_request_context():
        form = build(form_class)
    for field in form:
        if isinstance(field, (SubmitField, CSRFTokenField)):
            continue
        rules = [v for v in field.validators if isinstance(v, Bounded)]
        where = f"{form_class.__name__}.{field.name}"
        if len(rules) != 1:
            problems.append(f"{where}: declares {len(rules)} limits (Fits, Lines, Choice or Free); needs one")
            continue
        rule = rules[0]
        if field.type == "FileField":
            problems.append(f"{where}: uploads must use UploadField (cleaned file names)")
        if isinstance(rule, Fits):
            problems += check_fits(app, inspector, form_class, field, rule)
        elif isinstance(rule, Lines):
            problems += check_lines(app, form_class, field, rule, inspector)
        elif isinstance(rule, Free):
            if not isinstance(field, StringField) or rule.max_chars > FREE_CAP:
                problems.append(f"{where}: Free is for short text that is not stored")
            elif not errors_for(app, form_class, field.name, "x" * (rule.max_chars + 1)):
                problems.append(f"{where}: {rule.max_chars + 1} characters were accepted")
        elif isinstance(rule, Choice):
            if not isinstance(field, (SelectField, SelectMultipleField)) or field.coerce is not int:
                problems.append(f"{where}: Choice is for a list of ids (coerce=int)")
    return problems


def test_every_form_field_fits_its_column(app):
    inspector = sa.inspect(db.engine)
    problems = [p for form_class in form_classes() for p in field_problems(app, inspector, form_class)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_field_without_a_fitting_limit(app):
    """The walk above can fail: each of these fields is wrong in its own way."""
    from flask_wtf.file import FileField
    from wtforms import TextAreaField

    from tender.forms import Form
    from tender.notices.models import Tender

    class Careless(Form):
        bare = StringField("无限制")
        notes = TextAreaField("说明", validators=[Free(5000, "太长")])
        price = DecimalField("限价", places=3, validators=[Fits(Tender.max_price)])
        upload = FileField("文件", validators=[Fits(Tender.title)])
        twice = StringField("两次", validators=[Fits(Tender.title), Free(10, "搜索")])

    problems = field_problems(app, sa.inspect(db.engine), Careless)
    for name in ("bare", "notes", "price", "upload", "twice"):
        assert any(p.split(":")[0].split(" ")[0] == f"Careless.{name}" for p in problems), name
    with pytest.raises(TypeError):
        Fits(Tender.notice)  # unbounded text needs max_chars


def test_nul_is_refused_in_every_text_field(app):
    refused = []
    for form_class in form_classes():
        with app.test_request_context():
            names = [f.name for f in build(form_class) if isinstance(f, StringField)]
        for name in names:
            if "NUL" in " ".join(errors_for(app, form_class, name, "甲\x00乙")):
                refused.append(name)
            else:
                pytest.fail(f"{form_class.__name__}.{name} accepted a NUL")
    assert len(refused) > 40


# Hostile values through the real routes (defect 9), on SQLite and PostgreSQL alike.

def page_of(response) -> str:
    assert response.status_code in (200, 302), response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def bidder(app, login):
    user = make_user(Role.BIDDER, company_admin=True)
    db.session.commit()
    login(user)
    return user


def company_post(**changes) -> dict:
    post = dict(name="甲物业服务有限公司", credit_code=credit_code(901), legal_rep_name="张三",
                legal_rep_id=id_number(901), registered_capital="500", established_on="2010-05-01",
                address="测试市测试路 1 号", contact_name="李四", contact_phone="0571-12345678",
                contact_email="a@example.com", business_scope="物业管理", shareholders=f"张三 | {id_number(902)} | 100",
                officers=f"王五 | {id_number(903)} | 董事", key_staff=f"赵六 | {id_number(904)} | 物业项目经理证 A-1")
    post.update(changes)
    return post


@pytest.mark.parametrize("field, value, message", [
    ("registered_capital", "1e16", "注册资本（万元）须在 0 至 999,999,999,999.99 之间"),
    ("registered_capital", "NaN", "注册资本（万元）须为有效数字"),
    ("shareholders", f"{'甲' * 250} | {id_number(902)} | 100", "股东第 1 行的名称或姓名不能超过 200 个字符"),
    ("shareholders", f"张三 | {id_number(902)} | 1e9", "股东第 1 行的持股比例超出范围"),
    ("key_staff", f"赵六 | {id_number(904)} | {'A' * 600}", "项目经理第 1 行的证书编号不能超过 500 个字符"),
    ("officers", f"王五 | {id_number(903)} | {'董事' * 30}", "高级管理人员第 1 行的职务不能超过 20 个字符"),
    ("address", "路" * 301, "注册地址不能超过 300 个字符"),
    ("business_scope", "物业\x00管理", "NUL"),
    ("key_staff", "\n".join(f"赵{n} | {id_number(n)} | A" for n in range(1, MAX_LINES + 2)), "项目经理最多填写 200 行"),
])
def test_company_form_refuses_what_its_columns_cannot_hold(client, bidder, field, value, message):
    before = bidder.company.registry_version
    page = page_of(client.post("/company/edit", data=company_post(**{field: value})))
    assert message in page
    db.session.refresh(bidder.company)
    assert bidder.company.registry_version == before


def test_company_form_still_saves_values_at_the_limits(client, bidder):
    post = company_post(registered_capital="999999999999.99", address="路" * 300,
                        shareholders=f"{'甲' * 200} | {id_number(902)} | 100",
                        key_staff="\n".join(f"赵{n} | {id_number(n)} | {'A' * 500}" for n in range(1, MAX_LINES + 1)))
    response = client.post("/company/edit", data=post)
    assert response.status_code == 302, page_of(response)
    company = bidder.company
    db.session.refresh(company)
    assert company.registered_capital == Decimal("999999999999.99") and len(company.key_staff) == MAX_LINES


@pytest.fixture
def staff(app, login):
    user = make_user(Role.STAFF)
    db.session.commit()
    login(user)
    return user


def tender_post(**changes) -> dict:
    post = dict(title="测试项目", procedure="open", service_type="前期物业管理", tenderer="测试置业有限公司",
                location="测试市", sale_mode="unknown", validity_days="90")
    post.update(changes)
    return post


@pytest.mark.parametrize("field, value, message", [
    ("max_price", "1e20", "最高投标限价（元/年，可选）须在 0 至 999,999,999,999.99 之间"),
    ("max_price", "Infinity", "须为有效数字"),
    ("floor_area", "-1", "建筑面积（平方米）须在 0 至"),
    ("validity_days", "99999999999999999999", "投标有效期须为 1–365 日"),
    ("docs_from", "0001-01-01T00:00", "须在 1900-01-01 至 2100-12-31 之间"),
    ("planned_award", "9999-12-31", "须在 1900-01-01 至 2100-12-31 之间"),
    ("title", "项" * 201, "项目名称不能超过 200 个字符"),
    ("notice", "公" * 20_001, "招标公告不能超过 20000 个字符"),
])
def test_tender_form_refuses_what_its_columns_cannot_hold(client, staff, field, value, message):
    page = page_of(client.post("/tenders/new", data=tender_post(**{field: value})))
    assert message in page


def test_tiny_numbers_are_stored_as_the_column_rounds_them(client, staff):
    from tender.notices.models import Tender

    response = client.post("/tenders/new", data=tender_post(max_price="1e-999999999", floor_area="0.005"))
    assert response.status_code == 302, page_of(response)
    tender = db.session.scalar(sa.select(Tender))
    assert tender.max_price == Decimal("0.00") and tender.floor_area == Decimal("0.01")


def test_amendment_note_longer_than_its_column_gets_a_message(client, staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    document = add_document(tender, staff)
    db.session.commit()
    post = {"note": "改" * 600, "file": (io.BytesIO(minimal_pdf() + b"%v2"), "招标文件v2.pdf")}
    page = page_of(client.post(f"/tenders/{tender.id}/documents/{document.id}/amend", data=post,
                               content_type="multipart/form-data"))
    assert "修改说明不能超过 500 个字符（现为 600 个）" in page
    assert len(tender.documents) == 1


def test_question_with_nul_gets_a_message(client, bidder):
    from tender.notices import operations as ops
    from tender.notices.models import Question
    from tender.unit_of_work import perform

    tender = make_tender(make_user(Role.STAFF), status=TenderStatus.PUBLISHED)
    perform(ops.register_company, tender, bidder)
    response = client.post(f"/notices/{tender.id}/questions", data={"body": "请问\x00车库？"}, follow_redirects=True)
    assert "NUL" in page_of(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 0


@pytest.mark.parametrize("name, stored", [
    ("营业\x00执照.pdf", "营业执照.pdf"),
    ("../../etc/营业\t执照.pdf", "营业执照.pdf"),
    ("执" * 300 + ".pdf", "执" * 196 + ".pdf"),
])
def test_upload_names_are_cleaned_before_they_are_stored(client, bidder, name, stored):
    from tender.bidders.models import CompanyFile

    response = client.post("/company/files", data={"kind": "license", "title": "",
                                                   "file": (io.BytesIO(minimal_pdf() + b"%n"), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    names = db.session.scalars(sa.select(CompanyFile.filename).where(CompanyFile.company_id == bidder.company_id))
    assert stored in list(names)


def test_compare_job_title_stays_inside_its_column(client, staff):
    from tender.jobs.models import JobRecord

    post = {"file_a": (io.BytesIO("甲方文本。".encode() * 50), "甲" * 300 + ".txt"),
            "file_b": (io.BytesIO("乙方文本。".encode() * 50), "乙" * 300 + ".txt"), "use_library": "y"}
    response = client.post("/similarity/compare", data=post, content_type="multipart/form-data")
    assert response.status_code == 302, page_of(response)
    titles = db.session.scalars(sa.select(JobRecord.title).where(JobRecord.kind == "similarity.compare")).all()
    assert len(titles) == 1 and len(titles[0]) <= 300 and titles[0].endswith("…")


# Stalling and filling the service (defect 11).

def test_a_huge_form_post_is_refused_before_any_parsing(app, client, bidder):
    key_staff = "\n".join(f"赵六 | {id_number(n % 5000)} | A-{n}" for n in range(400_000))
    response = client.post("/company/edit", data=company_post(key_staff=key_staff))
    assert response.status_code == 413
    assert "填写的内容过多，超过了大小限制" in response.get_data(as_text=True)


def test_a_long_list_is_refused_without_an_audit_row(app, client, bidder):
    from tender.audit.models import AuditEntry

    key_staff = "\n".join(f"赵{n} | {id_number(n)} | A" for n in range(5_000))
    page = page_of(client.post("/company/edit", data=company_post(key_staff=key_staff)))
    assert "项目经理内容过长" in page or "项目经理最多填写 200 行" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_company_storage_quota_names_used_and_limit(app, client, bidder):
    app.config["COMPANY_STORAGE_QUOTA_MB"] = 1
    try:
        big = minimal_pdf() + b"%" + b"x" * (600 * 1024)
        first = client.post("/company/files", data={"kind": "certificate", "title": "证书一",
                                                     "file": (io.BytesIO(big), "a.pdf")},
                            content_type="multipart/form-data", follow_redirects=True)
        assert "文件已上传" in page_of(first)
        second = client.post("/company/files", data={"kind": "certificate", "title": "证书二",
                                                      "file": (io.BytesIO(big + b"2"), "b.pdf")},
                             content_type="multipart/form-data", follow_redirects=True)
        page = page_of(second)
        assert "贵公司的文件已占用 0.6 MB，存储上限为 1 MB" in page
        assert "已用存储空间 0.6 MB，上限 1 MB" in page
    finally:
        app.config["COMPANY_STORAGE_QUOTA_MB"] = 200
