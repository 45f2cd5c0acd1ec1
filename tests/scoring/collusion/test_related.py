"""Every related-bidder rule, table-driven, each with a negative case."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.collusion.related import Affiliate, Holding, Party, Person, find_related

ID_1, ID_2, ID_3 = "11010519491231002X", "110101199003071234", "330106198501015678"
A = Party(1, "甲物业", credit_code="CODE-A", legal_rep_name="张三", legal_rep_id=ID_1,
          phone="0571-1111", email="a@a.cn", address="杭州市一路 1 号")
B = Party(2, "乙物业", credit_code="CODE-B", legal_rep_name="李四", legal_rep_id=ID_2,
          phone="0571-2222", email="b@b.cn", address="杭州市二路 2 号")
C = Party(3, "丙投资", credit_code="CODE-C")


def share(key, name, pct):
    return Holding(key, name, Decimal(pct))


CASES = [
    # id, parties, registry, affiliates, expected rules
    ("same legal rep", [A, replace(B, legal_rep_id=ID_1, legal_rep_name="张三")], [], [], ["same_legal_rep"]),
    ("different legal reps", [A, B], [], [], []),
    ("direct control", [A, replace(B, shareholders=(share("CODE-A", "甲物业", "51"),))], [], [], ["control"]),
    ("exactly 50% is not control", [A, replace(B, shareholders=(share("CODE-A", "甲物业", "50"),))], [], [], []),
    ("two-step chain", [A, replace(B, shareholders=(share("CODE-C", "丙投资", "55"),))],
     [replace(C, shareholders=(share("CODE-A", "甲物业", "60"),))], [], ["control"]),
    ("chain broken below threshold", [A, replace(B, shareholders=(share("CODE-C", "丙投资", "55"),))],
     [replace(C, shareholders=(share("CODE-A", "甲物业", "40"),))], [], []),
    ("common controller", [replace(A, shareholders=(share(ID_3, "王五", "70"),)),
                           replace(B, shareholders=(share(ID_3, "王五", "80"),))], [], [], ["common_control"]),
    ("common minority holder", [replace(A, shareholders=(share(ID_3, "王五", "30"),)),
                                replace(B, shareholders=(share(ID_3, "王五", "30"),))], [], [], []),
    ("officer in both", [replace(A, officers=(Person(ID_3, "王五", "监事"),)),
                         replace(B, officers=(Person(ID_3, "王五", "财务负责人"),))], [], [], ["officer_overlap"]),
    ("legal rep is officer elsewhere", [A, replace(B, officers=(Person(ID_1, "张三", "董事"),))], [], [],
     ["officer_overlap"]),
    ("officers with the same name only", [replace(A, officers=(Person(ID_3, "王五", "监事"),)),
                                          replace(B, officers=(Person(ID_2[:-1] + "5", "王五", "监事"),))],
     [], [], []),
    ("same project manager", [replace(A, key_staff=(Person(ID_3, "王五", "项目经理"),)),
                              replace(B, key_staff=(Person(ID_3, "王五", "项目经理"),))], [], [],
     ["key_staff_overlap"]),
    ("same phone", [A, replace(B, phone="0571 1111")], [], [], ["same_contact"]),
    ("same e-mail", [A, replace(B, email="A@A.CN")], [], [], ["same_contact"]),
    ("same address", [A, replace(B, address="杭州市一路1号")], [], [], ["same_contact"]),
    ("empty contacts never match", [replace(A, phone="", email="", address=""),
                                    replace(B, phone="", email="", address="")], [], [], []),
    ("developer affiliate holds shares", [replace(A, shareholders=(share("CODE-D", "云栖控股", "10"),)), B], [],
     [Affiliate("云栖控股", "CODE-D")], ["developer_interest"]),
    ("developer affiliate is the bidder", [A, B], [], [Affiliate("甲物业", "CODE-A")], ["developer_interest"]),
    ("developer affiliate shares legal rep", [A, B], [], [Affiliate("云栖控股", "CODE-D", ID_2)],
     ["developer_interest"]),
    ("developer affiliate unrelated", [A, B], [], [Affiliate("云栖控股", "CODE-D", ID_3)], []),
]


@pytest.mark.parametrize("parties, registry, affiliates, expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule(parties, registry, affiliates, expected):
    findings = find_related(parties, registry=registry, affiliates=affiliates)
    assert sorted(f.rule for f in findings) == sorted(expected)
    for finding in findings:
        assert finding.evidence and finding.label


def test_chain_evidence_names_every_step():
    b = replace(B, shareholders=(share("CODE-C", "丙投资", "55"),))
    c = replace(C, shareholders=(share("CODE-A", "甲物业", "60"),))
    (finding,) = find_related([A, b], registry=[c])
    assert finding.company_ids == (1, 2)
    assert "甲物业 持有 丙投资 60%" in finding.evidence and "丙投资 持有 乙物业 55%" in finding.evidence


def test_threshold_is_configurable():
    b = replace(B, shareholders=(share("CODE-A", "甲物业", "35"),))
    assert find_related([A, b]) == []
    assert [f.rule for f in find_related([A, b], control_threshold=Decimal("30"))] == ["control"]


def test_ownership_cycle_terminates():
    a = replace(A, shareholders=(share("CODE-B", "乙物业", "60"),))
    b = replace(B, shareholders=(share("CODE-A", "甲物业", "60"),))
    assert [f.rule for f in find_related([a, b])] == ["control"]


def test_finding_keys_are_stable_and_distinct():
    a = replace(A, officers=(Person(ID_3, "王五", "监事"),))
    b = replace(B, legal_rep_id=ID_1, officers=(Person(ID_3, "王五", "董事"),), phone=A.phone)
    first, second = find_related([a, b]), find_related([b, a])
    assert [f.key for f in first] == [f.key for f in second]
    assert len({f.key for f in first}) == len(first) == 3


def test_id_numbers_are_masked_in_evidence():
    (finding,) = find_related([A, replace(B, legal_rep_id=ID_1)])
    assert ID_1 not in finding.evidence
