"""The append-only, hash-chained audit trail the supervisor reads."""
