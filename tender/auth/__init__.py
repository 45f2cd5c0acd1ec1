"""Accounts, roles and the per-route access rules."""
