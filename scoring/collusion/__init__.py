"""Pure checks for the other signals of 《招标投标法实施条例》第四十条 (deemed collusion).

Each check returns frozen findings carrying the evidence and the article case; a finding
is a flag for the evaluation committee, never a verdict.
"""
