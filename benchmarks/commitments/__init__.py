"""Commitment-extraction benchmark (issue 14, acceptance 2): planted commitments from two independent generators."""
