"""Domain exceptions carry the Chinese message a user sees."""


class DomainError(Exception):
    """A broken business rule; the view shows `message` and nothing is saved."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    pass
