"""The PantauError hierarchy: every failure a user can meet has a clear message."""

from __future__ import annotations


class PantauError(Exception):
    """Base of every error Pantau raises on purpose."""


class ConfigError(PantauError):
    """Settings that cannot work."""


class RejectedInput(PantauError):
    """An input that cannot become an item. ``reason`` is a short stable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class FetchError(RejectedInput):
    """A URL that could not or must not be fetched."""


class NotFound(PantauError):
    """A record that does not exist (or is outside the caller's scope)."""


class PermissionDenied(PantauError):
    """An action the caller's role does not allow."""


class InvalidTransition(PantauError):
    """A workflow edge that the transition table does not allow."""
