"""In-app inbox and the e-mail outbox."""
