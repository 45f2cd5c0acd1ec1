"""Two tabs of one expert autosave at the same moment: different cells both land; the same cell from the same
version lands once and the other write is refused as stale, carrying the value that won. Runs on SQLite and
PostgreSQL (TEST_DB), the two writes held until both reach their UPDATE."""
from __future__ import annotations

from tender.auth.models import User
from tender.evaluation import operations as ops
from tender.evaluation.models import ScoreCell, ScoreSheet
from tender.extensions import db
from tender.unit_of_work import perform
from tests.evaluation.panel import opened_for_scoring
from tests.notices.test_races import hold_first_statement, run_together


def test_two_tabs_write_at_once(app):
    panel = opened_for_scoring(chair=False)
    expert = panel.members[0]
    sheet = perform(ops.open_score_sheet, panel.tender, expert)
    method = panel.method()
    cells = [(c.id, c.bid_id, c.criterion) for c in sheet.cells[:2]]
    sheet_id, expert_id = sheet.id, expert.id
    tiers = {code: sorted(t.points for t in method.criterion(code).scale.tiers) for _, _, code in cells}

    def writes(which, version):
        """Thread i writes cell which(i) from `version`: tier i + 1 from the top, reason naming the tab."""
        def work(i):
            _, bid_id, code = cells[which(i)]
            return perform(ops.save_score_cell, db.session.get(ScoreSheet, sheet_id), db.session.get(User, expert_id),
                           bid_id, code, tiers[code][-1 - i], f"第{i + 1}个窗口", version).version
        return work

    with hold_first_statement("UPDATE SCORE_CELLS"):
        assert run_together(app, writes(lambda i: i, 0)) == [1, 1]  # different cells: both land
    db.session.expire_all()
    assert [db.session.get(ScoreCell, cid).reason for cid, _, _ in cells] == ["第1个窗口", "第2个窗口"]

    with hold_first_statement("UPDATE SCORE_CELLS"):
        same = run_together(app, writes(lambda i: 0, 1))  # the same cell, both from version 1
    won = [i for i, r in enumerate(same) if r == 2]
    lost = [r for r in same if isinstance(r, ops.StaleCell)]
    assert len(won) == 1 and len(lost) == 1, same
    db.session.expire_all()
    cell = db.session.get(ScoreCell, cells[0][0])
    code = cells[0][2]
    assert (cell.version, cell.score, cell.reason) == (2, tiers[code][-1 - won[0]], f"第{won[0] + 1}个窗口")
    assert (lost[0].score, lost[0].version) == (cell.score, 2)  # the loser's page shows the winner
