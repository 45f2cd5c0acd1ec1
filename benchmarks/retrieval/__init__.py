"""Retrieval benchmark: one 300-page bid against thousands of stored documents (issue 5, acceptance 4)."""
