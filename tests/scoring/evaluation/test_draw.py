"""Committee draw: composition rules, exclusion of related experts, reserves, recusal and replay."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.evaluation.draw import (
    CompositionRule,
    DrawError,
    DrawRequest,
    Expert,
    check_composition,
    draw_committee,
    recuse,
    replay_draw,
    verify_draw,
)

BIDDERS = ("甲物业", "乙物业", "丙物业")
TENDERER = "某置业公司"


def _pool(n=14):
    experts = [Expert(f"X{i:02}", f"专家{i}", "物业管理" if i % 2 else "设施设备", f"高校{i % 4}") for i in range(n)]
    return experts + [Expert("R1", "关联甲", related_to=frozenset({"甲物业"})),
                      Expert("R2", "招标人员工", organisation=TENDERER),
                      Expert("R3", "关联招标人", related_to=frozenset({TENDERER}))]


def _request(seed="seed-1", size=5, reps=0, reserves=2, procedure="前期物业"):
    return DrawRequest(procedure, size, BIDDERS, TENDERER, seed, reps, reserves)


def test_the_same_seed_and_pool_give_the_same_committee_and_log():
    first = draw_committee(_pool(), _request())
    assert draw_committee(list(reversed(_pool())), _request()) == first
    assert len(first.members) == 5 and len(first.reserves) == 2
    assert verify_draw(_pool(), first)


def test_another_seed_gives_another_committee():
    committees = {draw_committee(_pool(), _request(seed=str(s))).members for s in range(10)}
    assert len(committees) > 1


def test_related_experts_are_excluded_and_the_log_says_why():
    committee = draw_committee(_pool(), _request())
    excluded = {e.expert: e.reason for e in committee.log if e.action == "excluded"}
    assert set(excluded) == {"R1", "R2", "R3"}
    assert "投标人甲物业" in excluded["R1"] and "任职于招标人" in excluded["R2"] and "招标人" in excluded["R3"]


def test_recusal_calls_the_next_reserve_in_order_and_replays():
    committee = draw_committee(_pool(), _request())
    leaving, first_reserve, second = committee.members[2], committee.reserves[0], committee.reserves[1]
    after = recuse(committee, leaving, "申报：近亲属在投标人处任职")
    assert after.members[2] == first_reserve and after.reserves == (second,)
    assert [e.action for e in after.log[-2:]] == ["recused", "called"]
    assert replay_draw(_pool(), committee.request, [(leaving, "申报：近亲属在投标人处任职")]) == after
    assert verify_draw(_pool(), after)
    assert not verify_draw([e for e in _pool() if e.id != after.members[0]], after)


def test_recusal_without_reserves_left_is_refused():
    committee = draw_committee(_pool(), _request(reserves=1))
    committee = recuse(committee, committee.members[0], "利害关系")
    with pytest.raises(DrawError, match="备选专家已用完"):
        recuse(committee, committee.members[0], "利害关系")


def test_a_tampered_committee_does_not_verify():
    committee = draw_committee(_pool(), _request())
    forged = committee.__class__(committee.request, committee.reserves[:1] + committee.members[1:],
                                 committee.members[:1] + committee.reserves[1:], committee.log)
    assert not verify_draw(_pool(), forged)


@pytest.mark.parametrize("procedure, size, reps, message", [
    ("前期物业", 4, 0, "至少5人"),
    ("前期物业", 6, 0, "单数"),
    ("前期物业", 5, 2, "不足委员会5人的3分之2"),
    ("三家比价", 2, 0, "至少3人"),
    ("拍卖", 5, 0, "未知的招标方式"),
])
def test_composition_rules_have_chinese_messages(procedure, size, reps, message):
    with pytest.raises(DrawError, match=message):
        check_composition(procedure, size, reps)


def test_seven_with_two_representatives_and_three_quotes_with_four_pass():
    assert check_composition("前期物业", 7, 2).minimum == 5
    assert check_composition("三家比价", 4).minimum == 3


def test_a_pool_too_small_after_exclusions_is_refused():
    with pytest.raises(DrawError, match="专家库可抽取专家4人"):
        draw_committee(_pool(4), _request())
    with pytest.raises(DrawError, match="回避须说明理由"):
        recuse(draw_committee(_pool(), _request()), "X01", " ")


def test_duplicate_expert_ids_are_refused():
    with pytest.raises(DrawError, match="重复"):
        draw_committee(_pool() + [Expert("X01", "重名")], _request())


pools = st.lists(
    st.builds(Expert, id=st.text("abcdefgh", min_size=3, max_size=6), name=st.just("专家"),
              organisation=st.sampled_from(["", "高校", *BIDDERS, TENDERER]),
              related_to=st.frozensets(st.sampled_from([*BIDDERS, TENDERER, "其他公司"]), max_size=2)),
    min_size=7, max_size=25, unique_by=lambda e: e.id)


@settings(max_examples=50, deadline=None)
@given(pools, st.text(min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_related_experts_are_never_drawn_and_order_never_matters(pool, seed, rnd):
    request = _request(seed=seed)
    try:
        committee = draw_committee(pool, request)
    except DrawError:
        return
    related = {e.id for e in pool if e.organisation in (*BIDDERS, TENDERER)
               or e.related_to & {*BIDDERS, TENDERER}}
    assert not related & {*committee.members, *committee.reserves}
    shuffled = list(pool)
    rnd.shuffle(shuffled)
    assert draw_committee(shuffled, request) == committee


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 4), st.text(min_size=1, max_size=8))
def test_recusal_always_calls_the_first_reserve_into_the_same_seat(seat, seed):
    committee = draw_committee(_pool(), _request(seed=seed))
    after = recuse(committee, committee.members[seat], "申报回避")
    assert after.members[seat] == committee.reserves[0]
    assert set(after.members) - {committee.reserves[0]} == set(committee.members) - {committee.members[seat]}


def test_a_stricter_local_rule_can_replace_the_default():
    strict = CompositionRule(5, True, Fraction(4, 5), "地方规定：专家不少于五分之四")
    with pytest.raises(DrawError, match="5分之4"):
        draw_committee(_pool(), DrawRequest("前期物业", 5, BIDDERS, TENDERER, "s", 2, 2, strict))
    assert len(draw_committee(_pool(), DrawRequest("前期物业", 5, BIDDERS, TENDERER, "s", 1, 2, strict)).members) == 4
