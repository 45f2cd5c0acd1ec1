"""Where the current action comes from, for the audit trail, without operations reading a request.

The web layer names the client address for the length of each request; the CLI, the
demo loader and the job worker leave the default. Operations stay callable from
anywhere, and the audit trail still says which machine a change came from.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

_address: ContextVar[str] = ContextVar("client_address", default="cli")


def client_address() -> str:
    return _address.get()


@contextmanager
def acting_from(address: str) -> Iterator[None]:
    token = _address.set(address)
    try:
        yield
    finally:
        _address.reset(token)


def enter(address: str) -> Token:
    """For the web layer's request hooks, which cannot wrap the request in a `with`."""
    return _address.set(address)


def leave(token: Token) -> None:
    _address.reset(token)
