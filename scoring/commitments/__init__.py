"""Bid commitments (管理指标承诺): the shared vocabulary, extraction from bid text, and checks against measurements."""
