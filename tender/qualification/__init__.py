"""Qualification review (资格审查/资格预审): per-tender checklist, bidder answers, staff review, shortlist."""
