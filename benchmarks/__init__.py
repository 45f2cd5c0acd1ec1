"""Benchmarks: measured numbers, printed and recorded in benchmarks/RESULTS.md (not tests)."""
