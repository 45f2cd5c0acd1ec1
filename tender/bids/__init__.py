"""Sealed bids: who may bid, resumable sealed uploads, the price form, receipts, withdrawal and replacement."""
