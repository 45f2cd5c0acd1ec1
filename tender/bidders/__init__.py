"""Bidder companies: the registry that bids and qualification stand on."""
