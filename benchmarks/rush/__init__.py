"""Deadline rush (issue 10, acceptance 6): many bidders upload large sealed bids in the last minute."""
