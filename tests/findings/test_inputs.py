"""What the application hands the non-prose checks: identities and key people from the bidder registry.

Each row is a bid text pair, a check the registry must make possible, and a negative: a
rival's phone and name inside a bid (第四十条（五）), the same registered 项目经理 named in two
bids (第四十条（三）), and a registered person neither bid names (no finding: the article is
about the people a bid names).
"""
from __future__ import annotations

import pytest

from scoring.collusion.tender_checks import BidInput, check_tender
from tender.bidders.models import KeyStaff
from tender.bids.models import Bid, BidStatus
from tender.extensions import db
from tender.findings.inputs import BidText, identity, key_people, known
from tests.factories import id_number, make_company, make_tender, make_user

PLAIN = "我司承诺按招标文件要求配置保洁、秩序维护和工程维修人员，服务期内不擅自更换。"


def _bids(texts_a: str, texts_b: str):
    tender = make_tender(make_user())
    a, b = make_company("甲城物业服务有限公司"), make_company("乙川物业服务有限公司")
    manager = id_number(901)
    a.key_staff.append(KeyStaff(name="陈志强", id_number=manager, certificates="WY-2019-0088", role="项目经理"))
    b.key_staff.append(KeyStaff(name="林海", id_number=id_number(902), certificates="WY-2020-0120", role="项目经理"))
    bids = [Bid(tender_id=tender.id, company_id=c.id, status=BidStatus.SUBMITTED) for c in (a, b)]
    db.session.add_all(bids)
    db.session.flush()
    pages = {a.id: texts_a.format(a=a, b=b, manager=manager), b.id: texts_b.format(a=a, b=b, manager=manager)}
    inputs = []
    for bid in bids:
        text = BidText(bid, (pages[bid.company_id],), (("技术标", 1, 1),), ())
        inputs.append(BidInput(bid_id=bid.id, identity=identity(bid), pages=text.pages, key_people=key_people(text)))
    return tender, bids, check_tender(inputs, known(tender))


CASES = [
    # (A's text, B's text, expected (kind, the pair's bids)); an empty list is a negative
    (PLAIN, PLAIN + "如有疑问请致电{a.contact_phone}，联系人为{a.name}客服部。", [("identifier", "ab")]),
    (PLAIN, PLAIN + "联系人为本公司客服部。", []),
    # A's registered manager, with the registry's ID number, named in B's bid as B's own: one finding, (三)
    ("项目经理：陈志强，身份证号：{manager}。" + PLAIN, "项目经理：陈志强，身份证号：{manager}。" + PLAIN,
     [("key_person", "ab")]),
    ("项目经理：陈志强，身份证号：{manager}。" + PLAIN, "项目经理：林海。" + PLAIN, []),
]


@pytest.mark.parametrize("text_a, text_b, expected", CASES,
                         ids=["rival-phone-and-name", "no-rival", "same-manager", "different-managers"])
def test_the_registry_feeds_the_checks(app, text_a, text_b, expected):
    _, (bid_a, bid_b), found = _bids(text_a, text_b)
    ids = {"a": bid_a.id, "b": bid_b.id}
    got = [(f.kind, tuple(sorted(f.bid_ids))) for f in found if f.kind in ("identifier", "key_person")]
    assert sorted(got) == sorted((kind, tuple(sorted(ids[k] for k in who))) for kind, who in expected)


def test_only_present_related_decisions_between_two_companies_are_read(app):
    from tender.auth.roles import Role
    from tender.bidders.models import RelatedDecision, RelatedFinding
    from tender.findings.inputs import related_decisions
    from tests.factories import make_company, make_tender, make_user

    tender = make_tender(make_user(Role.STAFF))
    a, b, c = make_company(), make_company(), make_company()
    rows = [dict(key="k1", rule="same_legal_rep", company_a_id=a.id, company_b_id=b.id,
                 decision=RelatedDecision.RELATED.value),
            dict(key="k2", rule="same_contact", company_a_id=a.id, company_b_id=c.id,
                 decision=RelatedDecision.CLEARED.value),
            dict(key="k3", rule="same_contact", company_a_id=b.id, company_b_id=c.id),  # undecided
            dict(key="k4", rule="same_contact", company_a_id=b.id, company_b_id=c.id, present=False,
                 decision=RelatedDecision.RELATED.value),
            dict(key="k5", rule="same_contact", company_a_id=c.id, company_b_id=None,  # with the tenderer
                 decision=RelatedDecision.RELATED.value)]
    for row in rows:
        db.session.add(RelatedFinding(tender_id=tender.id, evidence="证据", **row))
    db.session.flush()
    assert [(x, y) for x, y, _, _ in related_decisions(tender)] == [(a.id, b.id)]
