"""Errors of the platform services, each with the HTTP status the portal answers and a CLI exit code."""

from __future__ import annotations

from pipelines.core.errors import InputError


class PlatformError(InputError):
    """A request the platform refuses (bad input: CLI exit 1); `status` is the portal's answer.

    `zh` is the message the (Chinese) portal shows; the CLI prints the English `message`.
    """

    status = 400

    def __init__(self, message: str, *, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh or message

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, self.zh))


class NotFound(PlatformError):
    """No such dataset, version, file, application or grant."""

    status = 404


class Unauthorized(PlatformError):
    """Authorized-open data asked for without a token."""

    status = 401


class Forbidden(PlatformError):
    """A bad, expired or revoked token, or a restricted user."""

    status = 403


class Gone(PlatformError):
    """A withdrawn version (开放办法 §17)."""

    status = 410


class Conflict(PlatformError):
    """The application is not in a state that allows this step (e.g. approving a rejected one)."""

    status = 409


def _rebuild(cls: type[PlatformError], message: str, zh: str) -> PlatformError:
    return cls(message, zh=zh)
