"""The one exception extraction raises: its message is shown to staff, so it never names a server path."""


class ExtractionError(Exception):
    """A file could not be read as text; ``message`` is meant for the user (Chinese).

    ``path`` is kept apart from the message: the command line prints it, the
    application does not show where its files are stored.
    """

    def __init__(self, message: str, path: object = None):
        super().__init__(message)
        self.message = message
        self.path = path
