"""The one exception extraction raises: its message is shown to staff, so it never names a server path."""

# Reasons a job may retry: the file is fine, the server lacked a tool or time.
RETRYABLE = frozenset({"ocr_missing", "converter_missing", "timeout", "ocr_failed"})


class ExtractionError(Exception):
    """A file could not be read as text; ``message`` is meant for the user (Chinese).

    ``path`` is kept apart from the message: the command line prints it, the
    application does not show where its files are stored. ``reason`` is a short code
    ("corrupt", "encrypted", "unsupported", "too_large", "ocr_missing", "timeout", ...)
    for a job to decide whether retrying can help (:attr:`retryable`).
    """

    default_reason = "corrupt"

    def __init__(self, message: str, path: object = None, reason: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.reason = reason or self.default_reason

    @property
    def retryable(self) -> bool:
        return self.reason in RETRYABLE
