"""Benchmark of the findings at the opening (issue 11, acceptance 4)."""
