"""Errors of the platform services, each with the HTTP status the portal answers and a CLI exit code."""

from __future__ import annotations

from pipelines.errors import InputError


class PlatformError(InputError):
    """A request the platform refuses (bad input: CLI exit 1); `status` is the portal's answer."""

    status = 400


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
