"""Findings at the opening: each tender's bids checked by themselves for copying, reuse and 第四十条 signals.

When the last bid file of an opened tender is extracted, one job compares every pair of bids,
looks each bid up in the history of earlier bids, runs the non-prose checks
(`scoring.collusion.tender_checks`) and stores what it found as `Finding` rows. Staff and the
panel see them on one page, ranked, before the panel scores (`operations.findings_shown`).
"""
