"""An opened tender ready for scoring, made through the operations: four really sealed bids unsealed by two
officers (the record job builds the 开标记录 with the prices), a committee of five drawn from a pool of
seven, every member declared no conflict, the checks done and shown to the panel, the first member chair."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scoring.evaluation.method import Count, Tiers
from tender.auth.models import User
from tender.auth.roles import Role
from tender.committee import operations as committee_ops
from tender.evaluation import operations as ops
from tender.extensions import db
from tender.findings.models import FindingsRun, RunState
from tender.findings.operations import record_shown_to_panel, run_of
from tender.notices.models import Tender
from tender.unit_of_work import perform
from tests import worlds
from tests.committee.helpers import make_pool
from tests.factories import make_user
from tests.opening.bidding import add_bids
from tests.opening.sealed import publish
from tests.opening.test_record import unseal


@dataclass
class Panel:
    tender: object
    staff: User
    members: list[User]
    chair: User
    bidders: list  # opening entries: bid_id, company_name, annual_total

    def ids(self) -> tuple:
        return self.tender.id, self.staff.id, [m.id for m in self.members], self.chair.id

    @classmethod
    def load(cls, ids: tuple) -> Panel:
        tender_id, staff_id, member_ids, chair_id = ids
        tender = db.session.get(Tender, tender_id)
        return cls(tender, db.session.get(User, staff_id), [db.session.get(User, m) for m in member_ids],
                   db.session.get(User, chair_id), list(tender.opening_record.entries))

    def method(self):
        from tender.methods.operations import method_of

        return method_of(self.tender)


def opened_for_scoring(bids: int = 4, size: int = 5, show: bool = True, chair: bool = True,
                       declare: bool = True, prices: list[dict] | None = None) -> Panel:
    """Built once per session for each set of arguments, then restored (tests/worlds.py).

    `prices`: each bid's price form (annual_total, fees, staffing), as `tests.opening.bidding.add_bids` takes."""
    return worlds.cached(("opened_for_scoring", bids, size, show, chair, declare, repr(prices)),
                         lambda: _opened_for_scoring(bids, size, show, chair, declare, prices), Panel.ids, Panel.load)


def _opened_for_scoring(bids: int, size: int, show: bool, chair: bool, declare: bool, prices) -> Panel:
    tender, officers = publish(bids=0 if prices else bids)
    if prices:
        add_bids(tender, bids, prices=prices)
    unseal(tender, officers)
    db.session.expire_all()
    staff = make_user(Role.STAFF)
    make_pool(staff, size + 2)
    db.session.commit()
    draw = perform(committee_ops.draw_tender_committee, tender, staff, size, reserves=2, seed="panel-test")
    members = [db.session.get(User, m) for m in sorted(draw.member_ids())]
    for member in members if declare else ():
        perform(committee_ops.declare_conflict, tender, member, False)
    if show:
        show_findings(tender, staff)
    if chair and declare:
        perform(ops.appoint_chair, tender, staff, members[0])
    return Panel(tender, staff, members, members[0], list(tender.opening_record.entries))


def show_findings(tender, staff) -> None:
    """The checks as finished (their content is tests/findings'), then staff record showing them."""
    run = run_of(tender)
    if run is None:
        run = FindingsRun(tender_id=tender.id, counts={"findings": 0}, pairs=[], history=[])
        db.session.add(run)
    run.state = RunState.DONE
    db.session.commit()
    perform(record_shown_to_panel, tender, staff)


def top(leaf) -> Decimal:
    return max(t.points for t in leaf.scale.tiers) if isinstance(leaf.scale, Tiers) else leaf.max_points


def count_for(leaf, points: Decimal) -> int:
    """The smallest count that earns `points` on a counted item (capped at its maximum)."""
    return int(-(-Decimal(points) // leaf.scale.points_each))


def fill(sheet, expert, mark=top, reason="依据投标文件"):
    """Every cell of the sheet, each `mark(leaf)` (full marks by default), written as the autosave does;
    a counted item gets the count that earns that mark."""
    method = ops.method_of(sheet.tender)
    for cell in list(sheet.cells):
        leaf = method.criterion(cell.criterion)
        value = mark(leaf) if callable(mark) else mark.get((cell.bid_id, cell.criterion), top(leaf))
        if isinstance(leaf.scale, Count):
            perform(ops.save_score_cell, sheet, expert, cell.bid_id, cell.criterion, None, reason, cell.version,
                    count=count_for(leaf, value))
        else:
            perform(ops.save_score_cell, sheet, expert, cell.bid_id, cell.criterion, value, reason, cell.version)
