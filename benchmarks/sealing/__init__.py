"""Sealing throughput: `envelope.write_records` against a plain write of the same bytes."""
