"""Extraction benchmark (issue 10, acceptance 7): a 300-page text PDF against ``pdftotext -layout``, OCR per page."""
