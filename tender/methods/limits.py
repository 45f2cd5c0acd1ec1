"""Lengths of the editor's free-text fields (stored inside the method's JSON, so no column sets them)."""
TITLE = 100
REQUIREMENT = 300
DESCRIPTOR = 200
NUMBER = 12  # characters in a number field
REASON = 500  # an amendment's reason, shown in the clarification (Clarification.title/body)
