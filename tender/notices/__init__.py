"""Tenders: publication, documents, the legal calendar, clarifications."""
