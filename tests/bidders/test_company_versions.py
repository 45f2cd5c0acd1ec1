"""One company saved from two tabs (issue 8, defect 10): the stale save is refused, nothing is lost."""
from __future__ import annotations

import re
import threading

import pytest

from tender.auth.roles import Role
from tender.bidders import operations as ops
from tender.bidders.models import Company
from tender.errors import DomainError
from tender.extensions import db
from tender.unit_of_work import perform
from tests.bidders.test_registry import profile
from tests.factories import id_number, make_company, make_user


@pytest.fixture
def bidder(app):
    user = make_user(Role.BIDDER, company=make_company(complete=False), company_admin=True)
    db.session.commit()
    perform(ops.save_company, user.company, user, **profile())
    return user


def form_data(version: str, **changes) -> dict:
    data = {k: v for k, v in profile().items() if k not in ("shareholders", "officers", "key_staff")}
    data.update(established_on="2012-03-04", registered_capital="1000",
                shareholders=f"王五 | {id_number(5)} | 100%", officers="", key_staff="", version=version)
    data.update(changes)
    return data


def hidden_version(page: str) -> str:
    return re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', page).group(1)


def test_second_tab_is_refused_and_keeps_its_input(bidder, login):
    client = login(bidder)
    version = hidden_version(client.get("/company/edit").get_data(as_text=True))
    first = client.post("/company/edit", data=form_data(version, address="第一个标签页的地址"))
    assert first.status_code == 302
    second = client.post("/company/edit", data=form_data(version, address="第二个标签页的地址"))
    page = second.get_data(as_text=True)
    assert second.status_code == 200
    assert "本次未保存" in page and "第二个标签页的地址" in page
    db.session.expire_all()
    assert db.session.get(Company, bidder.company_id).address == "第一个标签页的地址"
    # Having seen the message, saving again from the same page is a deliberate overwrite.
    third = client.post("/company/edit", data=form_data(hidden_version(page), address="第二个标签页的地址"))
    assert third.status_code == 302
    db.session.expire_all()
    assert db.session.get(Company, bidder.company_id).address == "第二个标签页的地址"


def test_stale_save_through_the_operation_changes_nothing(bidder):
    company = bidder.company
    loaded = company.version
    perform(ops.save_company, company, bidder, expected_version=loaded, **profile(address="甲"))
    versions = company.registry_version
    with pytest.raises(DomainError, match="本次未保存"):
        perform(ops.save_company, company, bidder, expected_version=loaded, **profile(address="乙"))
    db.session.expire_all()
    assert company.address == "甲" and company.registry_version == versions


def test_two_saves_at_the_same_moment_give_one_save_and_one_message(app, bidder):
    """Two threads, each its own session, both loaded the same version before either saved."""
    company_id, user_id, loaded = bidder.company_id, bidder.id, bidder.company.version
    db.session.commit()
    barrier, results = threading.Barrier(2), {}

    def save(address: str):
        from tender.auth.models import User

        with app.app_context():
            user = db.session.get(User, user_id)
            company = db.session.get(Company, company_id)
            company.shareholders, company.officers, company.key_staff  # noqa: B018 - load before the race
            barrier.wait(timeout=10)
            try:
                perform(ops.save_company, company, user, expected_version=loaded, **profile(address=address))
                results[address] = "saved"
            except DomainError as e:
                results[address] = e.message
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(a,)) for a in ("甲地址", "乙地址")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results.values(), key=len)[0] == "saved"
    assert list(results.values()).count("saved") == 1, results
    refused = next(v for v in results.values() if v != "saved")
    assert "修改" in refused
    db.session.expire_all()
    company = db.session.get(Company, company_id)
    winner = next(a for a, r in results.items() if r == "saved")
    assert company.address == winner and company.registry_version == 2
