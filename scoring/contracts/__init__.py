"""Contracts from the winning bid: checks of the contract's main terms against the tender and the bid (pure)."""
