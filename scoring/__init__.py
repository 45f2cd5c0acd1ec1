"""Pure scoring engine: numbers, texts and frozen dataclasses in, results out (no web, no database)."""
