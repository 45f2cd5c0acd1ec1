"""Copy detection in the application: the fingerprint store, the legal library, the compare page."""
