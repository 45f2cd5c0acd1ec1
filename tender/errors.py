"""Domain exceptions carry the Chinese message a user sees."""


class DomainError(Exception):
    """A broken business rule; the view shows `message` and nothing is saved."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    pass


def clean_text(value: str | None, *, field: str, label: str, limit: int, required: bool = True) -> str:
    """Free text a user wrote, stripped; refused, naming `label`, when missing or over `limit` characters."""
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"请填写{label}。", field=field)
    if len(value) > limit:
        raise DomainError(f"{label}不能超过 {limit} 个字符。", field=field)
    return value
