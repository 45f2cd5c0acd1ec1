"""Copy-detection benchmark: generated bids, labelled pairs, accuracy and speed."""
